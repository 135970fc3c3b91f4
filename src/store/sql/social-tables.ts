/**
 * The tables of migration 0008 as stored (flags as 0/1, JSON as text), and the conversions
 * to the rows of the social port. Kept beside database.ts's Database rather than in it:
 * the social store reads them through db.withTables<SocialTables>(). A table whose rows are
 * stored as the port shows them is the port's row type.
 */
import type { Selectable } from 'kysely';
import type { Flag, JsonText } from '../database.js';
import type {
  AdStudyRow,
  AlbumRow,
  AlbumType,
  AppRequestRow,
  AssetAssignmentRow,
  AssignableAssetType,
  BroadcastStatus,
  BusinessAssetGroupRow,
  CanvasRow,
  LiveVideoRow,
  MediaTagRow,
  MessageThreadRow,
  PageLikeRow,
  PaymentSubscriptionRow,
  PhotoRow,
  PostRow,
  ProductCatalogRow,
  ThreadLabelRow,
  VideoRow,
} from '../social-types.js';
import { fromFlag, fromJson, toFlag, toJson } from './codec.js';

export interface AlbumsTable extends Omit<AlbumRow, 'type'> {
  type: string;
}

export type PhotosTable = PhotoRow;

export interface VideosTable extends Omit<VideoRow, 'embeddable' | 'published'> {
  embeddable: Flag;
  published: Flag;
}

export type MediaTagsTable = MediaTagRow;

export interface LiveVideosTable extends Omit<LiveVideoRow, 'status'> {
  status: string;
}

export interface PostsTable extends Omit<PostRow, 'is_hidden'> {
  is_hidden: Flag;
}

export type PageLikesTable = PageLikeRow;

export type AppRequestsTable = AppRequestRow;

export interface PaymentSubscriptionsTable extends Omit<PaymentSubscriptionRow, 'pending_cancel' | 'test'> {
  pending_cancel: Flag;
  test: Flag;
}

export interface MessageThreadsTable extends Omit<MessageThreadRow, 'can_reply' | 'last_sender'> {
  can_reply: Flag;
  last_sender: string;
}

export type ThreadLabelsTable = ThreadLabelRow;

export interface ThreadLabelPeopleTable {
  label_id: string;
  person_id: string;
  created_time: number;
}

export interface CanvasesTable extends Omit<CanvasRow, 'is_published' | 'is_hidden'> {
  is_published: Flag;
  is_hidden: Flag;
}

export type AdStudiesTable = AdStudyRow;

export type BusinessAssetGroupsTable = BusinessAssetGroupRow;

export type ProductCatalogsTable = ProductCatalogRow;

export interface BusinessAssetAssignmentsTable {
  business_user_id: string;
  asset_type: string;
  asset_id: string;
  /** JSON array of task names. */
  tasks: JsonText;
  created_time: number;
}

/** Migration 0007's business users, read here only to find a person's business user ids. */
export interface BusinessUsersTable {
  id: string;
  business_id: string;
  person_id: string;
  created_time: number;
}

export type SocialTables = {
  albums: AlbumsTable;
  photos: PhotosTable;
  videos: VideosTable;
  media_tags: MediaTagsTable;
  live_videos: LiveVideosTable;
  posts: PostsTable;
  page_likes: PageLikesTable;
  app_requests: AppRequestsTable;
  payment_subscriptions: PaymentSubscriptionsTable;
  message_threads: MessageThreadsTable;
  thread_labels: ThreadLabelsTable;
  thread_label_people: ThreadLabelPeopleTable;
  canvases: CanvasesTable;
  ad_studies: AdStudiesTable;
  business_asset_groups: BusinessAssetGroupsTable;
  product_catalogs: ProductCatalogsTable;
  business_asset_assignments: BusinessAssetAssignmentsTable;
  business_users: BusinessUsersTable;
};

export const toAlbum = (row: Selectable<AlbumsTable>): AlbumRow => ({ ...row, type: row.type as AlbumType });

export const toVideo = (row: Selectable<VideosTable>): VideoRow => ({ ...row, length: Number(row.length), embeddable: fromFlag(row.embeddable), published: fromFlag(row.published) });
export const videoColumns = (video: VideoRow): VideosTable => ({ ...video, embeddable: toFlag(video.embeddable), published: toFlag(video.published) });

export const toLiveVideo = (row: Selectable<LiveVideosTable>): LiveVideoRow => ({ ...row, status: row.status as BroadcastStatus });

export const toPost = (row: Selectable<PostsTable>): PostRow => ({ ...row, is_hidden: fromFlag(row.is_hidden) });
export const postColumns = (post: PostRow): PostsTable => ({ ...post, is_hidden: toFlag(post.is_hidden) });

export const toPaymentSubscription = (row: Selectable<PaymentSubscriptionsTable>): PaymentSubscriptionRow => ({
  ...row,
  pending_cancel: fromFlag(row.pending_cancel),
  test: fromFlag(row.test),
});
export const paymentSubscriptionColumns = (row: PaymentSubscriptionRow): PaymentSubscriptionsTable => ({
  ...row,
  pending_cancel: toFlag(row.pending_cancel),
  test: toFlag(row.test),
});

export const toThread = (row: Selectable<MessageThreadsTable>): MessageThreadRow => ({
  ...row,
  can_reply: fromFlag(row.can_reply),
  last_sender: row.last_sender as MessageThreadRow['last_sender'],
});
export const threadColumns = (row: MessageThreadRow): MessageThreadsTable => ({ ...row, can_reply: toFlag(row.can_reply) });

export const toCanvas = (row: Selectable<CanvasesTable>): CanvasRow => ({ ...row, is_published: fromFlag(row.is_published), is_hidden: fromFlag(row.is_hidden) });
export const canvasColumns = (row: CanvasRow): CanvasesTable => ({ ...row, is_published: toFlag(row.is_published), is_hidden: toFlag(row.is_hidden) });

export const toAssignment = (row: Selectable<BusinessAssetAssignmentsTable>): AssetAssignmentRow => ({
  ...row,
  asset_type: row.asset_type as AssignableAssetType,
  tasks: fromJson<string[]>(row.tasks),
});
export const assignmentColumns = (row: AssetAssignmentRow): BusinessAssetAssignmentsTable => ({ ...row, tasks: toJson(row.tasks) });
