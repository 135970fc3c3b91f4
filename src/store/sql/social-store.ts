import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allocate } from '../ids.js';
import type {
  AdStudyRow,
  AlbumRow,
  AppRequestRow,
  AssetAssignmentRow,
  AssignableAssetType,
  BroadcastStatus,
  BusinessAssetGroupRow,
  CanvasRow,
  FeedFilter,
  LikeFilter,
  LiveVideoRow,
  MediaKind,
  MediaTagRow,
  MessageThreadRow,
  NewAdStudy,
  NewAlbum,
  NewAppRequest,
  NewCanvas,
  NewLiveVideo,
  NewMessageThread,
  NewPaymentSubscription,
  NewPhoto,
  NewPost,
  NewProductCatalog,
  NewVideo,
  PageLikeRow,
  PaymentSubscriptionRow,
  PhotoRow,
  PostRow,
  ProductCatalogRow,
  SocialNodeType,
  SocialStore,
  ThreadFilter,
  ThreadLabelRow,
  VideoRow,
} from '../social-types.js';
import type { ListRequest, Page } from '../types.js';
import { pageByKey } from './paging.js';
import { newestFirst } from './recency.js';
import {
  assignmentColumns,
  canvasColumns,
  paymentSubscriptionColumns,
  postColumns,
  threadColumns,
  toAlbum,
  toAssignment,
  toCanvas,
  toLiveVideo,
  toPaymentSubscription,
  toPost,
  toThread,
  toVideo,
  videoColumns,
  type SocialTables,
} from './social-tables.js';
import { inTransaction } from './transaction.js';

type Tables = Kysely<Database & SocialTables>;

const mapPage = <R, T>(page: Page<R>, to: (row: R) => T): Page<T> => ({ rows: page.rows.map(to), more: page.more });

export class SqlSocialStore implements SocialStore {
  private readonly tables: Tables;

  constructor(private readonly db: Kysely<Database>) {
    this.tables = db.withTables<SocialTables>();
  }

  /** Allocates the node and inserts its row in one transaction. */
  private node<R>(type: SocialNodeType, createdTime: number, insert: (trx: Tables, id: string) => Promise<R>): Promise<R> {
    return inTransaction(this.db, async (trx) => insert(trx.withTables<SocialTables>(), await allocate(trx, type, createdTime)));
  }

  // ---- albums and photos

  createAlbum(album: NewAlbum): Promise<AlbumRow> {
    return this.node('Album', album.created_time, async (trx, id) => {
      const row: AlbumRow = { ...album, id, cover_photo_id: null, updated_time: album.updated_time ?? album.created_time };
      await trx.insertInto('albums').values(row).execute();
      return row;
    });
  }

  async getAlbum(id: string): Promise<AlbumRow | undefined> {
    const row = await this.tables.selectFrom('albums').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAlbum(row);
  }

  async setAlbumCover(albumId: string, photoId: string): Promise<void> {
    await this.tables.updateTable('albums').set({ cover_photo_id: photoId }).where('id', '=', albumId).execute();
  }

  async albumsOf(personId: string, request: ListRequest): Promise<Page<AlbumRow>> {
    const page = await pageByKey(request, (range) =>
      newestFirst(this.tables.selectFrom('albums').selectAll().where('person_id', '=', personId), 'created_time', 'id', range).execute(),
    );
    return mapPage(page, toAlbum);
  }

  async albumCounts(albumIds: readonly string[]): Promise<Map<string, { photos: number }>> {
    const counts = new Map<string, { photos: number }>();
    if (albumIds.length === 0) return counts;
    const rows = await this.tables
      .selectFrom('photos')
      .select((eb) => ['album_id', eb.fn.countAll<number | string>().as('photos')])
      .where('album_id', 'in', albumIds)
      .groupBy('album_id')
      .execute();
    for (const row of rows) if (row.album_id) counts.set(row.album_id, { photos: Number(row.photos) });
    return counts;
  }

  createPhoto(photo: NewPhoto): Promise<PhotoRow> {
    return this.node('Photo', photo.created_time, async (trx, id) => {
      const row: PhotoRow = { ...photo, id, updated_time: photo.updated_time ?? photo.created_time };
      await trx.insertInto('photos').values(row).execute();
      return row;
    });
  }

  getPhoto(id: string): Promise<PhotoRow | undefined> {
    return this.tables.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirst();
  }

  photosOf(personId: string, kind: MediaKind, request: ListRequest): Promise<Page<PhotoRow>> {
    return pageByKey(request, (range) => {
      const photos = this.tables.selectFrom('photos').selectAll('photos');
      const mine =
        kind === 'uploaded'
          ? photos.where('photos.person_id', '=', personId)
          : photos.innerJoin('media_tags', 'media_tags.object_id', 'photos.id').where('media_tags.person_id', '=', personId);
      return newestFirst(mine, 'photos.created_time', 'photos.id', range).execute();
    });
  }

  // ---- videos and tags

  createVideo(video: NewVideo): Promise<VideoRow> {
    return this.node('AdVideo', video.created_time, async (trx, id) => {
      const row: VideoRow = { ...video, id, updated_time: video.updated_time ?? video.created_time };
      await trx.insertInto('videos').values(videoColumns(row)).execute();
      return row;
    });
  }

  async getVideo(id: string): Promise<VideoRow | undefined> {
    const row = await this.tables.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toVideo(row);
  }

  async videosOf(personId: string, kind: MediaKind, request: ListRequest): Promise<Page<VideoRow>> {
    const page = await pageByKey(request, (range) => {
      const videos = this.tables.selectFrom('videos').selectAll('videos');
      const mine =
        kind === 'uploaded'
          ? videos.where('videos.person_id', '=', personId)
          : videos.innerJoin('media_tags', 'media_tags.object_id', 'videos.id').where('media_tags.person_id', '=', personId);
      return newestFirst(mine, 'videos.created_time', 'videos.id', range).execute();
    });
    return mapPage(page, toVideo);
  }

  async tag(tag: MediaTagRow): Promise<void> {
    await this.tables
      .insertInto('media_tags')
      .values(tag)
      .onConflict((conflict) => conflict.columns(['object_id', 'person_id']).doNothing())
      .execute();
  }

  tagsOf(objectId: string): Promise<MediaTagRow[]> {
    return this.tables.selectFrom('media_tags').selectAll().where('object_id', '=', objectId).orderBy('created_time').orderBy('person_id').execute();
  }

  createLiveVideo(live: NewLiveVideo): Promise<LiveVideoRow> {
    return this.node('LiveVideo', live.creation_time, async (trx, id) => {
      const row: LiveVideoRow = { ...live, id };
      await trx.insertInto('live_videos').values(row).execute();
      return row;
    });
  }

  async getLiveVideo(id: string): Promise<LiveVideoRow | undefined> {
    const row = await this.tables.selectFrom('live_videos').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toLiveVideo(row);
  }

  async liveVideosOf(personId: string, statuses: readonly BroadcastStatus[] | undefined, request: ListRequest): Promise<Page<LiveVideoRow>> {
    if (statuses?.length === 0) return { rows: [], more: false };
    const page = await pageByKey(request, (range) =>
      newestFirst(
        this.tables
          .selectFrom('live_videos')
          .selectAll()
          .where('person_id', '=', personId)
          .$if(statuses !== undefined, (query) => query.where('status', 'in', statuses!)),
        'creation_time',
        'id',
        range,
      ).execute(),
    );
    return mapPage(page, toLiveVideo);
  }

  // ---- posts and likes

  createPost(post: NewPost): Promise<PostRow> {
    return this.node('Post', post.created_time, async (trx, id) => {
      const row: PostRow = { ...post, id, updated_time: post.updated_time ?? post.created_time };
      await trx.insertInto('posts').values(postColumns(row)).execute();
      return row;
    });
  }

  async getPost(id: string): Promise<PostRow | undefined> {
    const row = await this.tables.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPost(row);
  }

  async feedOf(personId: string, filter: FeedFilter, request: ListRequest): Promise<Page<PostRow>> {
    const page = await pageByKey(request, (range) =>
      newestFirst(
        this.tables
          .selectFrom('posts')
          .selectAll()
          .where('person_id', '=', personId)
          .$if(filter.since !== undefined, (query) => query.where('created_time', '>=', filter.since!))
          .$if(filter.until !== undefined, (query) => query.where('created_time', '<', filter.until!))
          .$if(!filter.includeHidden, (query) => query.where('is_hidden', '=', 0)),
        'created_time',
        'id',
        range,
      ).execute(),
    );
    return mapPage(page, toPost);
  }

  async likePage(like: PageLikeRow): Promise<void> {
    await this.tables
      .insertInto('page_likes')
      .values(like)
      .onConflict((conflict) => conflict.columns(['person_id', 'page_id']).doNothing())
      .execute();
  }

  likesOf(personId: string, filter: LikeFilter, request: ListRequest): Promise<Page<PageLikeRow>> {
    if (filter.categories?.length === 0) return Promise.resolve({ rows: [], more: false });
    return pageByKey(request, (range) =>
      newestFirst(
        this.tables
          .selectFrom('page_likes')
          .innerJoin('pages', 'pages.id', 'page_likes.page_id')
          .selectAll('page_likes')
          .where('page_likes.person_id', '=', personId)
          .$if(filter.pageId !== undefined, (query) => query.where('page_likes.page_id', '=', filter.pageId!))
          .$if(filter.categories !== undefined, (query) => query.where('pages.category', 'in', filter.categories!)),
        'page_likes.created_time',
        'page_likes.page_id',
        range,
      ).execute(),
    );
  }

  // ---- apps

  createAppRequest(request: NewAppRequest): Promise<AppRequestRow> {
    return this.node('AppRequest', request.created_time, async (trx, id) => {
      const row: AppRequestRow = { ...request, id, deleted_time: request.deleted_time ?? 0 };
      await trx.insertInto('app_requests').values(row).execute();
      return row;
    });
  }

  getAppRequest(id: string): Promise<AppRequestRow | undefined> {
    return this.tables.selectFrom('app_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  appRequestsTo(appId: string, personId: string, request: ListRequest): Promise<Page<AppRequestRow>> {
    return pageByKey(request, (range) =>
      newestFirst(
        this.tables
          .selectFrom('app_requests')
          .selectAll()
          .where('app_id', '=', appId)
          .where('recipient_person_id', '=', personId)
          .where('deleted_time', '=', 0),
        'created_time',
        'id',
        range,
      ).execute(),
    );
  }

  formerRequestsFrom(appId: string, personId: string, request: ListRequest): Promise<Page<AppRequestRow>> {
    return pageByKey(request, (range) =>
      newestFirst(
        this.tables
          .selectFrom('app_requests')
          .selectAll()
          .where('app_id', '=', appId)
          .where('sender_person_id', '=', personId)
          .where('deleted_time', '>', 0),
        'created_time',
        'id',
        range,
      ).execute(),
    );
  }

  createPaymentSubscription(subscription: NewPaymentSubscription): Promise<PaymentSubscriptionRow> {
    return this.node('PaymentSubscription', subscription.created_time, async (trx, id) => {
      const row: PaymentSubscriptionRow = { ...subscription, id, updated_time: subscription.updated_time ?? subscription.created_time };
      await trx.insertInto('payment_subscriptions').values(paymentSubscriptionColumns(row)).execute();
      return row;
    });
  }

  async getPaymentSubscription(id: string): Promise<PaymentSubscriptionRow | undefined> {
    const row = await this.tables.selectFrom('payment_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPaymentSubscription(row);
  }

  async paymentSubscriptionsOf(appId: string, personId: string, request: ListRequest): Promise<Page<PaymentSubscriptionRow>> {
    const page = await pageByKey(request, (range) =>
      newestFirst(
        this.tables.selectFrom('payment_subscriptions').selectAll().where('app_id', '=', appId).where('person_id', '=', personId),
        'created_time',
        'id',
        range,
      ).execute(),
    );
    return mapPage(page, toPaymentSubscription);
  }

  // ---- Messenger threads and labels, Instant Experiences

  createThread(thread: NewMessageThread): Promise<MessageThreadRow> {
    return this.node('UnifiedThread', thread.updated_time, async (trx, id) => {
      const row: MessageThreadRow = { ...thread, id };
      await trx.insertInto('message_threads').values(threadColumns(row)).execute();
      return row;
    });
  }

  async getThread(id: string): Promise<MessageThreadRow | undefined> {
    const row = await this.tables.selectFrom('message_threads').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toThread(row);
  }

  async threadsOf(personId: string, filter: ThreadFilter, request: ListRequest): Promise<Page<MessageThreadRow>> {
    const page = await pageByKey(request, (range) =>
      newestFirst(
        this.tables
          .selectFrom('message_threads')
          .selectAll()
          .where('person_id', '=', personId)
          .$if(filter.platform !== undefined, (query) => query.where('platform', '=', filter.platform!))
          .$if(filter.folder !== undefined, (query) => query.where('folder', '=', filter.folder!)),
        'updated_time',
        'id',
        range,
      ).execute(),
    );
    return mapPage(page, toThread);
  }

  createThreadLabel(label: Omit<ThreadLabelRow, 'id'>): Promise<ThreadLabelRow> {
    return this.node('PageUserMessageThreadLabel', label.created_time, async (trx, id) => {
      const row: ThreadLabelRow = { ...label, id };
      await trx.insertInto('thread_labels').values(row).execute();
      return row;
    });
  }

  getThreadLabel(id: string): Promise<ThreadLabelRow | undefined> {
    return this.tables.selectFrom('thread_labels').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async labelPerson(labelId: string, personId: string, time: number): Promise<void> {
    await this.tables
      .insertInto('thread_label_people')
      .values({ label_id: labelId, person_id: personId, created_time: time })
      .onConflict((conflict) => conflict.columns(['label_id', 'person_id']).doNothing())
      .execute();
  }

  labelsOf(personId: string, request: ListRequest): Promise<Page<ThreadLabelRow>> {
    return pageByKey(request, (range) =>
      newestFirst(
        this.tables
          .selectFrom('thread_labels')
          .innerJoin('thread_label_people', 'thread_label_people.label_id', 'thread_labels.id')
          .selectAll('thread_labels')
          .where('thread_label_people.person_id', '=', personId),
        'thread_labels.created_time',
        'thread_labels.id',
        range,
      ).execute(),
    );
  }

  createCanvas(canvas: NewCanvas): Promise<CanvasRow> {
    return this.node('Canvas', canvas.created_time, async (trx, id) => {
      const row: CanvasRow = { ...canvas, id };
      await trx.insertInto('canvases').values(canvasColumns(row)).execute();
      return row;
    });
  }

  async getCanvas(id: string): Promise<CanvasRow | undefined> {
    const row = await this.tables.selectFrom('canvases').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCanvas(row);
  }

  async canvasesOf(pageIds: readonly string[], request: ListRequest): Promise<Page<CanvasRow>> {
    if (pageIds.length === 0) return { rows: [], more: false };
    const page = await pageByKey(request, (range) =>
      newestFirst(this.tables.selectFrom('canvases').selectAll().where('page_id', 'in', pageIds), 'update_time', 'id', range).execute(),
    );
    return mapPage(page, toCanvas);
  }

  // ---- business assets

  createAdStudy(study: NewAdStudy): Promise<AdStudyRow> {
    return this.node('AdStudy', study.created_time, async (trx, id) => {
      const row: AdStudyRow = { ...study, id, updated_time: study.updated_time ?? study.created_time };
      await trx.insertInto('ad_studies').values(row).execute();
      return row;
    });
  }

  getAdStudy(id: string): Promise<AdStudyRow | undefined> {
    return this.tables.selectFrom('ad_studies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async adStudiesOf(businessIds: readonly string[], request: ListRequest): Promise<Page<AdStudyRow>> {
    if (businessIds.length === 0) return { rows: [], more: false };
    return pageByKey(request, (range) =>
      newestFirst(this.tables.selectFrom('ad_studies').selectAll().where('business_id', 'in', businessIds), 'created_time', 'id', range).execute(),
    );
  }

  createAssetGroup(group: Omit<BusinessAssetGroupRow, 'id'>): Promise<BusinessAssetGroupRow> {
    return this.node('BusinessAssetGroup', group.created_time, async (trx, id) => {
      const row: BusinessAssetGroupRow = { ...group, id };
      await trx.insertInto('business_asset_groups').values(row).execute();
      return row;
    });
  }

  getAssetGroup(id: string): Promise<BusinessAssetGroupRow | undefined> {
    return this.tables.selectFrom('business_asset_groups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  createProductCatalog(catalog: NewProductCatalog): Promise<ProductCatalogRow> {
    return this.node('ProductCatalog', catalog.created_time, async (trx, id) => {
      const row: ProductCatalogRow = { ...catalog, id };
      await trx.insertInto('product_catalogs').values(row).execute();
      return row;
    });
  }

  getProductCatalog(id: string): Promise<ProductCatalogRow | undefined> {
    return this.tables.selectFrom('product_catalogs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async assignAsset(assignment: AssetAssignmentRow): Promise<void> {
    const columns = assignmentColumns(assignment);
    await this.tables
      .insertInto('business_asset_assignments')
      .values(columns)
      .onConflict((conflict) => conflict.columns(['business_user_id', 'asset_id']).doUpdateSet({ tasks: columns.tasks }))
      .execute();
  }

  async assignedAssets(businessUserIds: readonly string[], assetType: AssignableAssetType): Promise<AssetAssignmentRow[]> {
    if (businessUserIds.length === 0) return [];
    const rows = await this.tables
      .selectFrom('business_asset_assignments')
      .selectAll()
      .where('business_user_id', 'in', businessUserIds)
      .where('asset_type', '=', assetType)
      .orderBy('created_time')
      .orderBy('asset_id')
      .execute();
    return rows.map(toAssignment);
  }

  businessUserIdsOf(personId: string): Promise<{ id: string; business_id: string }[]> {
    return this.tables
      .selectFrom('business_users')
      .select(['id', 'business_id'])
      .where('person_id', '=', personId)
      .orderBy('created_time')
      .orderBy('id')
      .execute();
  }
}
