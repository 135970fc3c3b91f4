/**
 * The SQL social store: the person's media and posts (SqlSocialMediaStore), and what apps,
 * pages and businesses hold about them.
 */
import type {
  AdStudyRow,
  AppRequestRow,
  AssetAssignmentRow,
  AssignableAssetType,
  BusinessAssetGroupRow,
  CanvasRow,
  MessageThreadRow,
  NewAdStudy,
  NewAppRequest,
  NewCanvas,
  NewMessageThread,
  NewPaymentSubscription,
  NewProductCatalog,
  PaymentSubscriptionRow,
  ProductCatalogRow,
  SocialStore,
  ThreadFilter,
  ThreadLabelRow,
} from '../social-types.js';
import type { ListRequest, Page } from '../types.js';
import { newestPage } from './recency.js';
import { SqlSocialMediaStore } from './social-media-store.js';
import { asStored, mapPage, none, withUpdatedTime } from './social-nodes.js';
import { assignmentColumns, canvasColumns, paymentSubscriptionColumns, threadColumns, toAssignment, toCanvas, toPaymentSubscription, toThread } from './social-tables.js';

export class SqlSocialStore extends SqlSocialMediaStore implements SocialStore {
  // ---- apps

  createAppRequest(request: NewAppRequest): Promise<AppRequestRow> {
    return this.node('AppRequest', request.created_time, 'app_requests', (id): AppRequestRow => ({ ...request, id, deleted_time: request.deleted_time ?? 0 }), asStored);
  }

  getAppRequest(id: string): Promise<AppRequestRow | undefined> {
    return this.byId('app_requests', id);
  }

  appRequestsTo(appId: string, personId: string, request: ListRequest): Promise<Page<AppRequestRow>> {
    const pending = this.tables.selectFrom('app_requests').selectAll().where('app_id', '=', appId).where('recipient_person_id', '=', personId).where('deleted_time', '=', 0);
    return newestPage(request, pending, 'created_time', 'id');
  }

  formerRequestsFrom(appId: string, personId: string, request: ListRequest): Promise<Page<AppRequestRow>> {
    const answered = this.tables.selectFrom('app_requests').selectAll().where('app_id', '=', appId).where('sender_person_id', '=', personId).where('deleted_time', '>', 0);
    return newestPage(request, answered, 'created_time', 'id');
  }

  createPaymentSubscription(subscription: NewPaymentSubscription): Promise<PaymentSubscriptionRow> {
    return this.node('PaymentSubscription', subscription.created_time, 'payment_subscriptions', (id): PaymentSubscriptionRow => withUpdatedTime(subscription, id), paymentSubscriptionColumns);
  }

  getPaymentSubscription(id: string): Promise<PaymentSubscriptionRow | undefined> {
    return this.byId('payment_subscriptions', id, toPaymentSubscription);
  }

  async paymentSubscriptionsOf(appId: string, personId: string, request: ListRequest): Promise<Page<PaymentSubscriptionRow>> {
    const subscriptions = this.tables.selectFrom('payment_subscriptions').selectAll().where('app_id', '=', appId).where('person_id', '=', personId);
    return mapPage(await newestPage(request, subscriptions, 'created_time', 'id'), toPaymentSubscription);
  }

  // ---- Messenger threads and labels, Instant Experiences

  createThread(thread: NewMessageThread): Promise<MessageThreadRow> {
    return this.node('UnifiedThread', thread.updated_time, 'message_threads', (id): MessageThreadRow => ({ ...thread, id }), threadColumns);
  }

  getThread(id: string): Promise<MessageThreadRow | undefined> {
    return this.byId('message_threads', id, toThread);
  }

  async threadsOf(personId: string, filter: ThreadFilter, request: ListRequest): Promise<Page<MessageThreadRow>> {
    const threads = this.tables
      .selectFrom('message_threads')
      .selectAll()
      .where('person_id', '=', personId)
      .$if(filter.platform !== undefined, (query) => query.where('platform', '=', filter.platform!))
      .$if(filter.folder !== undefined, (query) => query.where('folder', '=', filter.folder!));
    return mapPage(await newestPage(request, threads, 'updated_time', 'id'), toThread);
  }

  createThreadLabel(label: Omit<ThreadLabelRow, 'id'>): Promise<ThreadLabelRow> {
    return this.node('PageUserMessageThreadLabel', label.created_time, 'thread_labels', (id): ThreadLabelRow => ({ ...label, id }), asStored);
  }

  getThreadLabel(id: string): Promise<ThreadLabelRow | undefined> {
    return this.byId('thread_labels', id);
  }

  async labelPerson(labelId: string, personId: string, time: number): Promise<void> {
    await this.tables
      .insertInto('thread_label_people')
      .values({ label_id: labelId, person_id: personId, created_time: time })
      .onConflict((conflict) => conflict.columns(['label_id', 'person_id']).doNothing())
      .execute();
  }

  labelsOf(personId: string, request: ListRequest): Promise<Page<ThreadLabelRow>> {
    const labels = this.tables
      .selectFrom('thread_labels')
      .innerJoin('thread_label_people', 'thread_label_people.label_id', 'thread_labels.id')
      .selectAll('thread_labels')
      .where('thread_label_people.person_id', '=', personId);
    return newestPage(request, labels, 'thread_labels.created_time', 'thread_labels.id');
  }

  createCanvas(canvas: NewCanvas): Promise<CanvasRow> {
    return this.node('Canvas', canvas.created_time, 'canvases', (id): CanvasRow => ({ ...canvas, id }), canvasColumns);
  }

  getCanvas(id: string): Promise<CanvasRow | undefined> {
    return this.byId('canvases', id, toCanvas);
  }

  async canvasesOf(pageIds: readonly string[], request: ListRequest): Promise<Page<CanvasRow>> {
    if (pageIds.length === 0) return none();
    return mapPage(await newestPage(request, this.tables.selectFrom('canvases').selectAll().where('page_id', 'in', pageIds), 'update_time', 'id'), toCanvas);
  }

  // ---- business assets

  createAdStudy(study: NewAdStudy): Promise<AdStudyRow> {
    return this.node('AdStudy', study.created_time, 'ad_studies', (id): AdStudyRow => withUpdatedTime(study, id), asStored);
  }

  getAdStudy(id: string): Promise<AdStudyRow | undefined> {
    return this.byId('ad_studies', id);
  }

  async adStudiesOf(businessIds: readonly string[], request: ListRequest): Promise<Page<AdStudyRow>> {
    if (businessIds.length === 0) return none();
    return newestPage(request, this.tables.selectFrom('ad_studies').selectAll().where('business_id', 'in', businessIds), 'created_time', 'id');
  }

  createAssetGroup(group: Omit<BusinessAssetGroupRow, 'id'>): Promise<BusinessAssetGroupRow> {
    return this.node('BusinessAssetGroup', group.created_time, 'business_asset_groups', (id): BusinessAssetGroupRow => ({ ...group, id }), asStored);
  }

  getAssetGroup(id: string): Promise<BusinessAssetGroupRow | undefined> {
    return this.byId('business_asset_groups', id);
  }

  createProductCatalog(catalog: NewProductCatalog): Promise<ProductCatalogRow> {
    return this.node('ProductCatalog', catalog.created_time, 'product_catalogs', (id): ProductCatalogRow => ({ ...catalog, id }), asStored);
  }

  getProductCatalog(id: string): Promise<ProductCatalogRow | undefined> {
    return this.byId('product_catalogs', id);
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
