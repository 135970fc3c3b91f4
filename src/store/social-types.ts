/**
 * The social store's port: what a person has on Facebook besides their profile (albums,
 * photos, videos, live videos, posts, page likes), what apps and pages hold about them
 * (app requests, payment subscriptions, Messenger threads and their labels, Instant
 * Experiences), and the business assets assigned to their business users (ad studies,
 * product catalogs, business asset groups, pages and apps).
 *
 * Every row with an `id` is a registered node of the type its interface names. Person-owned
 * lists are newest first and keyset-paged by recencyKey (below); the domain builds the same
 * keys from the rows it gets back, so cursors round-trip.
 */
import type { ListRequest, Page } from './types.js';

/** The node types this port allocates. */
export type SocialNodeType =
  | 'Album'
  | 'Photo'
  | 'AdVideo'
  | 'LiveVideo'
  | 'Post'
  | 'AppRequest'
  | 'AdStudy'
  | 'UnifiedThread'
  | 'PageUserMessageThreadLabel'
  | 'Canvas'
  | 'PaymentSubscription'
  | 'BusinessAssetGroup'
  | 'ProductCatalog';

const latest = 9_999_999_999;

/**
 * The sort key of a newest-first list: the time inverted to ten digits, then the id. Keys
 * compare as strings in list order (newer first; equal times by id as text).
 */
export function recencyKey(time: number, id: string): string {
  return String(latest - time).padStart(10, '0') + ':' + id;
}

/** The time and id a recencyKey was made of; undefined for anything else (a forged cursor). */
export function parseRecencyKey(key: string): { time: number; id: string } | undefined {
  const match = /^(\d{10}):(\d{1,20})$/.exec(key);
  return match ? { time: latest - Number(match[1]), id: match[2] } : undefined;
}

// ---- media --------------------------------------------------------------------------

/** normal albums hold uploads; the others are the ones Facebook keeps for a profile. */
export type AlbumType = 'normal' | 'profile' | 'cover' | 'mobile' | 'wall' | 'app';

export interface AlbumRow {
  id: string;
  /** The owner, who created the album. */
  person_id: string;
  name: string;
  description: string | null;
  type: AlbumType;
  /** Audience setting: everyone, friends, self, custom. */
  privacy: string;
  /** Free-text location the owner gave. */
  location: string | null;
  cover_photo_id: string | null;
  created_time: number;
  updated_time: number;
}

export type NewAlbum = Omit<AlbumRow, 'id' | 'updated_time' | 'cover_photo_id'> & { updated_time?: number };

export interface PhotoRow {
  id: string;
  /** Who uploaded it. */
  person_id: string;
  album_id: string | null;
  /** The caption. */
  name: string | null;
  alt_text: string | null;
  width: number;
  height: number;
  created_time: number;
  updated_time: number;
}

export type NewPhoto = Omit<PhotoRow, 'id' | 'updated_time'> & { updated_time?: number };

/** A video as the Graph API names it on /{user-id}/videos (AdVideo in Meta's specs). */
export interface VideoRow {
  id: string;
  person_id: string;
  title: string | null;
  description: string | null;
  /** Seconds. */
  length: number;
  embeddable: boolean;
  published: boolean;
  created_time: number;
  updated_time: number;
}

export type NewVideo = Omit<VideoRow, 'id' | 'updated_time'> & { updated_time?: number };

export type BroadcastStatus =
  | 'LIVE'
  | 'LIVE_STOPPED'
  | 'PROCESSING'
  | 'SCHEDULED_CANCELED'
  | 'SCHEDULED_EXPIRED'
  | 'SCHEDULED_LIVE'
  | 'SCHEDULED_UNPUBLISHED'
  | 'UNPUBLISHED'
  | 'VOD';

export interface LiveVideoRow {
  id: string;
  person_id: string;
  /** The recording, once there is one. */
  video_id: string | null;
  title: string | null;
  description: string | null;
  status: BroadcastStatus;
  broadcast_start_time: number | null;
  planned_start_time: number | null;
  live_views: number;
  creation_time: number;
}

export type NewLiveVideo = Omit<LiveVideoRow, 'id'>;

/** Who a photo or video shows: tagging the person puts it on their `type=tagged` lists. */
export interface MediaTagRow {
  object_id: string;
  person_id: string;
  created_time: number;
}

export type MediaKind = 'uploaded' | 'tagged';

// ---- posts and likes ----------------------------------------------------------------

export interface PostRow {
  id: string;
  /** Whose profile the post is on. */
  person_id: string;
  /** The author: the person themself, another person, or a page (then from_person_id is null). */
  from_person_id: string | null;
  from_page_id: string | null;
  message: string | null;
  story: string | null;
  link: string | null;
  /** added_photos, added_video, mobile_status_update, shared_story, wall_post... */
  status_type: string;
  /** The photo or video the post shows. */
  object_id: string | null;
  /** Audience setting: EVERYONE, ALL_FRIENDS, SELF... */
  privacy: string;
  is_hidden: boolean;
  created_time: number;
  updated_time: number;
}

export type NewPost = Omit<PostRow, 'id' | 'updated_time'> & { updated_time?: number };

export interface FeedFilter {
  /** Only posts created at or after (unix seconds). */
  since?: number;
  /** Only posts created before. */
  until?: number;
  includeHidden?: boolean;
}

export interface PageLikeRow {
  person_id: string;
  page_id: string;
  created_time: number;
}

export interface LikeFilter {
  pageId?: string;
  /** Only pages in these categories (the music edge). */
  categories?: readonly string[];
}

// ---- apps -----------------------------------------------------------------------------

export interface AppRequestRow {
  id: string;
  app_id: string;
  recipient_person_id: string;
  /** Null for requests the app sent itself. */
  sender_person_id: string | null;
  message: string;
  data: string | null;
  /** SEND, ASKFOR or TURN; null for plain invites. */
  action_type: string | null;
  created_time: number;
  /** When the recipient answered or dismissed it; 0 while pending. */
  deleted_time: number;
}

export type NewAppRequest = Omit<AppRequestRow, 'id' | 'deleted_time'> & { deleted_time?: number };

export interface PaymentSubscriptionRow {
  id: string;
  app_id: string;
  person_id: string;
  /** The product's Open Graph URL. */
  product: string;
  /** Decimal amount as text, e.g. "4.99". */
  amount: string;
  currency: string;
  /** DAY, WEEK, MONTH or YEAR. */
  billing_period: string;
  /** active, canceled or pending. */
  status: string;
  pending_cancel: boolean;
  period_start_time: number;
  next_bill_time: number;
  test: boolean;
  created_time: number;
  updated_time: number;
}

export type NewPaymentSubscription = Omit<PaymentSubscriptionRow, 'id' | 'updated_time'> & { updated_time?: number };

// ---- pages: Messenger and Instant Experiences ------------------------------------------------

export interface MessageThreadRow {
  id: string;
  page_id: string;
  person_id: string;
  /** MESSENGER or INSTAGRAM. */
  platform: string;
  /** inbox, other, page_done, pending or spam. */
  folder: string;
  /** The last message, shortened. */
  snippet: string;
  message_count: number;
  unread_count: number;
  /** Which of the two wrote last: the page or the person. */
  last_sender: 'page' | 'person';
  can_reply: boolean;
  updated_time: number;
}

export type NewMessageThread = Omit<MessageThreadRow, 'id'>;

export interface ThreadFilter {
  platform?: string;
  folder?: string;
}

export interface ThreadLabelRow {
  id: string;
  page_id: string;
  name: string;
  created_time: number;
}

export interface CanvasRow {
  id: string;
  page_id: string;
  name: string;
  is_published: boolean;
  is_hidden: boolean;
  background_color: string;
  last_editor_person_id: string | null;
  created_time: number;
  update_time: number;
}

export type NewCanvas = Omit<CanvasRow, 'id'>;

export * from './social-business-types.js';
import type { AdStudyRow, AssetAssignmentRow, AssignableAssetType, BusinessAssetGroupRow, NewAdStudy, NewProductCatalog, ProductCatalogRow } from './social-business-types.js';

export interface SocialStore {
  createAlbum(album: NewAlbum): Promise<AlbumRow>;
  getAlbum(id: string): Promise<AlbumRow | undefined>;
  setAlbumCover(albumId: string, photoId: string): Promise<void>;
  albumsOf(personId: string, request: ListRequest): Promise<Page<AlbumRow>>;
  /** How many photos and videos each album holds (albums with none are left out). */
  albumCounts(albumIds: readonly string[]): Promise<Map<string, { photos: number }>>;

  createPhoto(photo: NewPhoto): Promise<PhotoRow>;
  getPhoto(id: string): Promise<PhotoRow | undefined>;
  photosOf(personId: string, kind: MediaKind, request: ListRequest): Promise<Page<PhotoRow>>;

  createVideo(video: NewVideo): Promise<VideoRow>;
  getVideo(id: string): Promise<VideoRow | undefined>;
  videosOf(personId: string, kind: MediaKind, request: ListRequest): Promise<Page<VideoRow>>;

  /** Tags a person in a photo or video (again: no change). */
  tag(tag: MediaTagRow): Promise<void>;
  /** The people tagged in a photo or video, earliest tag first. */
  tagsOf(objectId: string): Promise<MediaTagRow[]>;

  createLiveVideo(live: NewLiveVideo): Promise<LiveVideoRow>;
  getLiveVideo(id: string): Promise<LiveVideoRow | undefined>;
  /** Newest first by creation_time; statuses, when given, keep only those. */
  liveVideosOf(personId: string, statuses: readonly BroadcastStatus[] | undefined, request: ListRequest): Promise<Page<LiveVideoRow>>;

  createPost(post: NewPost): Promise<PostRow>;
  getPost(id: string): Promise<PostRow | undefined>;
  /** The posts on the person's profile, by them or others. */
  feedOf(personId: string, filter: FeedFilter, request: ListRequest): Promise<Page<PostRow>>;

  likePage(like: PageLikeRow): Promise<void>;
  likesOf(personId: string, filter: LikeFilter, request: ListRequest): Promise<Page<PageLikeRow>>;

  createAppRequest(request: NewAppRequest): Promise<AppRequestRow>;
  getAppRequest(id: string): Promise<AppRequestRow | undefined>;
  /** The person's pending requests in the app. */
  appRequestsTo(appId: string, personId: string, request: ListRequest): Promise<Page<AppRequestRow>>;
  /** Requests the person sent in the app that their recipients have since answered or dismissed. */
  formerRequestsFrom(appId: string, personId: string, request: ListRequest): Promise<Page<AppRequestRow>>;

  createPaymentSubscription(subscription: NewPaymentSubscription): Promise<PaymentSubscriptionRow>;
  getPaymentSubscription(id: string): Promise<PaymentSubscriptionRow | undefined>;
  paymentSubscriptionsOf(appId: string, personId: string, request: ListRequest): Promise<Page<PaymentSubscriptionRow>>;

  createThread(thread: NewMessageThread): Promise<MessageThreadRow>;
  getThread(id: string): Promise<MessageThreadRow | undefined>;
  /** The person's Messenger threads with pages, most recently updated first. */
  threadsOf(personId: string, filter: ThreadFilter, request: ListRequest): Promise<Page<MessageThreadRow>>;

  createThreadLabel(label: Omit<ThreadLabelRow, 'id'>): Promise<ThreadLabelRow>;
  getThreadLabel(id: string): Promise<ThreadLabelRow | undefined>;
  /** Puts the page's label on the person (again: no change). */
  labelPerson(labelId: string, personId: string, time: number): Promise<void>;
  /** The labels pages have put on the person, newest label first. */
  labelsOf(personId: string, request: ListRequest): Promise<Page<ThreadLabelRow>>;

  createCanvas(canvas: NewCanvas): Promise<CanvasRow>;
  getCanvas(id: string): Promise<CanvasRow | undefined>;
  /** The Instant Experiences of these pages, most recently updated first. */
  canvasesOf(pageIds: readonly string[], request: ListRequest): Promise<Page<CanvasRow>>;

  createAdStudy(study: NewAdStudy): Promise<AdStudyRow>;
  getAdStudy(id: string): Promise<AdStudyRow | undefined>;
  /** The studies of these businesses, newest first. */
  adStudiesOf(businessIds: readonly string[], request: ListRequest): Promise<Page<AdStudyRow>>;

  createAssetGroup(group: Omit<BusinessAssetGroupRow, 'id'>): Promise<BusinessAssetGroupRow>;
  getAssetGroup(id: string): Promise<BusinessAssetGroupRow | undefined>;
  createProductCatalog(catalog: NewProductCatalog): Promise<ProductCatalogRow>;
  getProductCatalog(id: string): Promise<ProductCatalogRow | undefined>;

  /** Assigns (or re-assigns, replacing the tasks) an asset to a business user. */
  assignAsset(assignment: AssetAssignmentRow): Promise<void>;
  /** The assets of one type assigned to these business users, oldest assignment first. */
  assignedAssets(businessUserIds: readonly string[], assetType: AssignableAssetType): Promise<AssetAssignmentRow[]>;
  /** Every business user the person is, in any business, oldest first. */
  businessUserIdsOf(personId: string): Promise<{ id: string; business_id: string }[]>;
}
