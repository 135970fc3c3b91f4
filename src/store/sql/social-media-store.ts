/**
 * The first half of the SQL social store: a person's albums, photos, videos, live videos,
 * posts and page likes. SqlSocialStore (social-store.ts) adds what apps, pages and businesses
 * hold about them.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import type {
  AlbumRow,
  BroadcastStatus,
  FeedFilter,
  LikeFilter,
  LiveVideoRow,
  MediaKind,
  MediaTagRow,
  NewAlbum,
  NewLiveVideo,
  NewPhoto,
  NewPost,
  NewVideo,
  PageLikeRow,
  PhotoRow,
  PostRow,
  SocialNodeType,
  VideoRow,
} from '../social-types.js';
import type { ListRequest, Page } from '../types.js';
import { newestPage } from './recency.js';
import { asStored, insertNode, mapPage, nodeById, none, withUpdatedTime, type NodeTable, type SocialDb } from './social-nodes.js';
import { postColumns, toAlbum, toLiveVideo, toPost, toVideo, videoColumns, type SocialTables } from './social-tables.js';

export class SqlSocialMediaStore {
  protected readonly tables: SocialDb;

  constructor(protected readonly db: Kysely<Database>) {
    this.tables = db.withTables<SocialTables>();
  }

  /** Allocates the node and inserts its row (as columns(row)) in one transaction. */
  protected node<T extends NodeTable, R>(type: SocialNodeType, createdTime: number, table: T, build: (id: string) => R, columns: (row: R) => SocialTables[T]): Promise<R> {
    return insertNode(this.db, type, createdTime, table, build, columns);
  }

  /** The row of a node table with this id, decoded. */
  protected byId<T extends NodeTable, R = Selectable<SocialTables[T]>>(table: T, id: string, decode?: (row: Selectable<SocialTables[T]>) => R): Promise<R | undefined> {
    return nodeById(this.db, table, id, decode);
  }

  /** A person's photos or videos, newest first: the ones they uploaded, or the ones they are tagged in. */
  private mediaOf<T extends 'photos' | 'videos'>(table: T, personId: string, kind: MediaKind, request: ListRequest): Promise<Page<Selectable<SocialTables[T]>>> {
    // Typed as photos, the query serves videos too: both have the id, person_id and created_time it reads.
    const media = table as 'photos';
    const all = this.tables.selectFrom(media).selectAll(media);
    const mine =
      kind === 'uploaded'
        ? all.where(`${media}.person_id`, '=', personId)
        : all.innerJoin('media_tags', 'media_tags.object_id', `${media}.id`).where('media_tags.person_id', '=', personId);
    return newestPage(request, mine, `${table}.created_time`, `${table}.id`) as Promise<Page<Selectable<SocialTables[T]>>>;
  }

  // ---- albums and photos

  createAlbum(album: NewAlbum): Promise<AlbumRow> {
    return this.node('Album', album.created_time, 'albums', (id): AlbumRow => ({ ...withUpdatedTime(album, id), cover_photo_id: null }), asStored);
  }

  getAlbum(id: string): Promise<AlbumRow | undefined> {
    return this.byId('albums', id, toAlbum);
  }

  async setAlbumCover(albumId: string, photoId: string): Promise<void> {
    await this.tables.updateTable('albums').set({ cover_photo_id: photoId }).where('id', '=', albumId).execute();
  }

  async albumsOf(personId: string, request: ListRequest): Promise<Page<AlbumRow>> {
    return mapPage(await newestPage(request, this.tables.selectFrom('albums').selectAll().where('person_id', '=', personId), 'created_time', 'id'), toAlbum);
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
    return this.node('Photo', photo.created_time, 'photos', (id): PhotoRow => withUpdatedTime(photo, id), asStored);
  }

  getPhoto(id: string): Promise<PhotoRow | undefined> {
    return this.byId('photos', id);
  }

  photosOf(personId: string, kind: MediaKind, request: ListRequest): Promise<Page<PhotoRow>> {
    return this.mediaOf('photos', personId, kind, request);
  }

  // ---- videos and tags

  createVideo(video: NewVideo): Promise<VideoRow> {
    return this.node('AdVideo', video.created_time, 'videos', (id): VideoRow => withUpdatedTime(video, id), videoColumns);
  }

  getVideo(id: string): Promise<VideoRow | undefined> {
    return this.byId('videos', id, toVideo);
  }

  async videosOf(personId: string, kind: MediaKind, request: ListRequest): Promise<Page<VideoRow>> {
    return mapPage(await this.mediaOf('videos', personId, kind, request), toVideo);
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
    return this.node('LiveVideo', live.creation_time, 'live_videos', (id): LiveVideoRow => ({ ...live, id }), asStored);
  }

  getLiveVideo(id: string): Promise<LiveVideoRow | undefined> {
    return this.byId('live_videos', id, toLiveVideo);
  }

  async liveVideosOf(personId: string, statuses: readonly BroadcastStatus[] | undefined, request: ListRequest): Promise<Page<LiveVideoRow>> {
    if (statuses?.length === 0) return none();
    const lives = this.tables
      .selectFrom('live_videos')
      .selectAll()
      .where('person_id', '=', personId)
      .$if(statuses !== undefined, (query) => query.where('status', 'in', statuses!));
    return mapPage(await newestPage(request, lives, 'creation_time', 'id'), toLiveVideo);
  }

  // ---- posts and likes

  createPost(post: NewPost): Promise<PostRow> {
    return this.node('Post', post.created_time, 'posts', (id): PostRow => withUpdatedTime(post, id), postColumns);
  }

  getPost(id: string): Promise<PostRow | undefined> {
    return this.byId('posts', id, toPost);
  }

  async feedOf(personId: string, filter: FeedFilter, request: ListRequest): Promise<Page<PostRow>> {
    const posts = this.tables
      .selectFrom('posts')
      .selectAll()
      .where('person_id', '=', personId)
      .$if(filter.since !== undefined, (query) => query.where('created_time', '>=', filter.since!))
      .$if(filter.until !== undefined, (query) => query.where('created_time', '<', filter.until!))
      .$if(!filter.includeHidden, (query) => query.where('is_hidden', '=', 0));
    return mapPage(await newestPage(request, posts, 'created_time', 'id'), toPost);
  }

  async likePage(like: PageLikeRow): Promise<void> {
    await this.tables
      .insertInto('page_likes')
      .values(like)
      .onConflict((conflict) => conflict.columns(['person_id', 'page_id']).doNothing())
      .execute();
  }

  likesOf(personId: string, filter: LikeFilter, request: ListRequest): Promise<Page<PageLikeRow>> {
    if (filter.categories?.length === 0) return Promise.resolve(none());
    const likes = this.tables
      .selectFrom('page_likes')
      .innerJoin('pages', 'pages.id', 'page_likes.page_id')
      .selectAll('page_likes')
      .where('page_likes.person_id', '=', personId)
      .$if(filter.pageId !== undefined, (query) => query.where('page_likes.page_id', '=', filter.pageId!))
      .$if(filter.categories !== undefined, (query) => query.where('pages.category', 'in', filter.categories!));
    return newestPage(request, likes, 'page_likes.created_time', 'page_likes.page_id');
  }
}
