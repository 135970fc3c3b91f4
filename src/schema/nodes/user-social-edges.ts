import type { ErrorSpec } from '../../graph/errors.js';
import { GraphError } from '../../graph/graph-error.js';
import { pageOfList, type PageItem, type PageRequest } from '../../graph/paging.js';
import { isPersonInApp } from '../../social/access.js';
import { musicCategories } from '../../social/music.js';
import { socialErrors } from '../../social/social-errors.js';
import { recencyKey, type AssignableAssetType, type BroadcastStatus, type MediaKind } from '../../store/social-types.js';
import type { Page } from '../../store/types.js';
import type { Context, EdgeDef, EdgeListing } from '../types.js';
import { canSeeUserField, type UserNode } from './user-node.js';

/*
 * The User edges of Meta's reference page beyond ids_for_*, permissions and picture. Each
 * gates on the Login permission Meta requires, as canSeeUserField decides for fields (the
 * person through a token with the scope, or the app's token once granted). A viewer without
 * it gets what Meta answers for that edge: an empty list for the person's own content (likes,
 * photos, posts, videos), a (#200)/(#283) error for what pages and businesses hold.
 * docs/permissions.md lists the choices.
 */

type Edge = EdgeDef<UserNode>;

const none: EdgeListing = { items: [], more: false };

/** Whether the viewer may read an edge of the person's own content; Meta answers an empty list when not. */
const visible = (node: UserNode, permission: string, ctx: Context): boolean => canSeeUserField(permission, node, ctx);

/** For what pages and businesses hold, Meta answers a missing permission with an error. */
function requirePermission(node: UserNode, permission: string, ctx: Context, error?: ErrorSpec): void {
  if (canSeeUserField(permission, node, ctx)) return;
  throw error ? GraphError.fromSpec(error) : GraphError.of('permissionMissing', { permission });
}

/** What the person and the app hold together: only the person in that app, or the app's own token. */
function assertPersonInApp(node: UserNode, ctx: Context): void {
  if (!isPersonInApp(ctx.viewer, node.person.id, node.app.id)) throw GraphError.of('permissionsError');
}

/** A store page of a newest-first list, each row keyed as the store ordered it. */
async function newestFirst<R, V = R>(page: Page<R>, keyOf: (row: R) => string, valueOf?: (row: R) => V | Promise<V | undefined>): Promise<EdgeListing> {
  const items: PageItem[] = [];
  for (const row of page.rows) {
    const value = valueOf ? await valueOf(row) : row;
    if (value !== undefined) items.push({ key: keyOf(row), value });
  }
  return { items, more: page.more };
}

const byCreation = (row: { created_time: number; id: string }) => recencyKey(row.created_time, row.id);

/** A small list, already in order, paged in memory; total is its length. */
function smallList(items: PageItem[], page: PageRequest): EdgeListing {
  return { ...pageOfList(items, page), total: items.length };
}

/** Keys for lists kept oldest first: the time, then the id. */
const oldestFirstKey = (time: number, id: string) => `${String(time).padStart(10, '0')}:${id}`;

/** The person's business users, oldest first: what the business edges read. */
function businessUsersOf(node: UserNode, ctx: Context) {
  return ctx.store.social.businessUserIdsOf(node.person.id);
}

/** The assets of one type assigned to any of the person's business users, each once. */
async function assignedItems<V>(node: UserNode, assetType: AssignableAssetType, ctx: Context, load: (id: string) => Promise<V | undefined>): Promise<PageItem[]> {
  const users = await businessUsersOf(node, ctx);
  const assignments = await ctx.store.social.assignedAssets(users.map((user) => user.id), assetType);
  const seen = new Set<string>();
  const items: PageItem[] = [];
  for (const assignment of assignments) {
    if (seen.has(assignment.asset_id)) continue;
    seen.add(assignment.asset_id);
    const value = await load(assignment.asset_id);
    if (value !== undefined) items.push({ key: oldestFirstKey(assignment.created_time, assignment.asset_id), value });
  }
  return items.sort((a, b) => (a.key < b.key ? -1 : 1));
}

function assignedEdge<V>(type: string, assetType: AssignableAssetType, description: string, load: (id: string, ctx: Context) => Promise<V | undefined>): Edge {
  return {
    type,
    description,
    permission: 'business_management',
    async list(node, page, _params, ctx) {
      requirePermission(node, 'business_management', ctx);
      return smallList(await assignedItems(node, assetType, ctx, (id) => load(id, ctx)), page);
    },
  };
}

const photoKinds: Record<string, MediaKind> = { tagged: 'tagged', uploaded: 'uploaded' };

function likesEdge(description: string, categories?: readonly string[]): Edge {
  return {
    type: 'Page',
    description,
    permission: 'user_likes',
    params: { target_id: { type: 'string', description: 'Only this page, to learn whether the person likes it' } },
    async list(node, page, params, ctx) {
      if (!visible(node, 'user_likes', ctx)) return none;
      const likes = await ctx.store.social.likesOf(node.person.id, { pageId: params.target_id, categories }, page);
      return newestFirst(likes, (like) => recencyKey(like.created_time, like.page_id), (like) => ctx.store.pages.get(like.page_id));
    },
  };
}

const broadcastStatuses: BroadcastStatus[] = ['LIVE', 'LIVE_STOPPED', 'PROCESSING', 'SCHEDULED_CANCELED', 'SCHEDULED_EXPIRED', 'SCHEDULED_LIVE', 'SCHEDULED_UNPUBLISHED', 'UNPUBLISHED', 'VOD'];

export const userSocialEdges: Record<string, Edge> = {
  accounts: {
    type: 'Page',
    description: 'Pages the User has a role on.',
    permission: 'pages_show_list',
    params: {
      is_place: { type: 'bool', description: 'Only pages that are places (true) or that are not (false)' },
      is_promotable: { type: 'bool', description: 'Only pages the person may advertise for (true) or may not (false)' },
    },
    async list(node, page, params, ctx) {
      if (!visible(node, 'pages_show_list', ctx)) return none;
      // graphd's pages are never places (they have no address).
      if (params.is_place === true) return { ...none, total: 0 };
      const roles = await ctx.store.pages.rolesOfPerson(node.person.id);
      const items: PageItem[] = [];
      for (const role of roles) {
        if (params.is_promotable !== undefined && role.tasks.includes('ADVERTISE') !== params.is_promotable) continue;
        const row = await ctx.store.pages.get(role.page_id);
        if (row) items.push({ key: row.id, value: row });
      }
      return smallList(items, page);
    },
  },

  ad_studies: {
    type: 'AdStudy',
    description: "Ad studies that this User's can view.",
    permission: 'ads_read',
    async list(node, page, _params, ctx) {
      requirePermission(node, 'ads_read', ctx);
      const businesses = [...new Set((await businessUsersOf(node, ctx)).map((user) => user.business_id))];
      return newestFirst(await ctx.store.social.adStudiesOf(businesses, page), byCreation);
    },
  },

  albums: {
    type: 'Album',
    description: 'The photo albums this person has created',
    permission: 'user_photos',
    async list(node, page, _params, ctx) {
      if (!visible(node, 'user_photos', ctx)) return none;
      return newestFirst(await ctx.store.social.albumsOf(node.person.id, page), byCreation);
    },
  },

  apprequestformerrecipients: {
    type: 'AppRequestFormerRecipient',
    description: 'App requests the person sent whose recipients have since answered or dismissed them',
    async list(node, page, _params, ctx) {
      assertPersonInApp(node, ctx);
      const former = await ctx.store.social.formerRequestsFrom(node.app.id, node.person.id, page);
      return newestFirst(former, byCreation, async (request) => ({
        id: request.id,
        recipient_id: (await ctx.store.apps.scopedUser(node.app.id, request.recipient_person_id)).asid,
      }));
    },
  },

  apprequests: {
    type: 'AppRequest',
    description: "This person's pending requests from an app",
    async list(node, page, _params, ctx) {
      assertPersonInApp(node, ctx);
      return newestFirst(await ctx.store.social.appRequestsTo(node.app.id, node.person.id, page), byCreation);
    },
  },

  assigned_applications: assignedEdge('Application', 'Application', 'Apps of the business assigned to this business scoped user', (id, ctx) => ctx.store.apps.get(id)),
  assigned_business_asset_groups: assignedEdge('BusinessAssetGroup', 'BusinessAssetGroup', 'Business asset groups that are assign to this business scoped user', (id, ctx) =>
    ctx.store.social.getAssetGroup(id),
  ),

  assigned_pages: {
    type: 'Page',
    description: 'Pages that are assigned to this business scoped user',
    permission: 'business_management',
    params: { pages: { type: 'list<int64>', description: 'Only these pages' } },
    async list(node, page, params, ctx) {
      requirePermission(node, 'business_management', ctx);
      const only = params.pages === undefined ? undefined : new Set((params.pages as unknown[]).map(String));
      const items = await assignedItems(node, 'Page', ctx, (id) => (only && !only.has(id) ? Promise.resolve(undefined) : ctx.store.pages.get(id)));
      return smallList(items, page);
    },
  },

  assigned_product_catalogs: assignedEdge('ProductCatalog', 'ProductCatalog', 'Product catalogs that are assigned to this business scoped user', (id, ctx) =>
    ctx.store.social.getProductCatalog(id),
  ),

  business_users: {
    type: 'BusinessUser',
    description: 'Business users corresponding to the user',
    permission: 'business_management',
    async list(node, page, _params, ctx) {
      requirePermission(node, 'business_management', ctx);
      const items: PageItem[] = [];
      for (const { id } of await businessUsersOf(node, ctx)) {
        const user = await ctx.store.businessUsers.get(id);
        if (user) items.push({ key: oldestFirstKey(user.created_time, user.id), value: user });
      }
      return smallList(items, page);
    },
  },

  businesses: {
    type: 'Business',
    description: 'Businesses associated with the user',
    permission: 'business_management',
    async list(node, page, _params, ctx) {
      requirePermission(node, 'business_management', ctx);
      const items: PageItem[] = [];
      for (const user of await businessUsersOf(node, ctx)) {
        const business = await ctx.store.businesses.get(user.business_id);
        if (business) items.push({ key: oldestFirstKey(business.created_time, business.id), value: business });
      }
      return smallList(items.sort((a, b) => (a.key < b.key ? -1 : 1)), page);
    },
  },

  conversations: {
    type: 'UnifiedThread',
    description: "Facebook Messenger conversation: the person's threads with pages",
    permission: 'pages_messaging',
    params: {
      folder: { type: 'string', description: 'Only threads in this folder: inbox, other, page_done, pending or spam' },
      platform: { type: 'enum {INSTAGRAM, MESSENGER}', description: 'Only threads on this platform (default MESSENGER)' },
    },
    async list(node, page, params, ctx) {
      requirePermission(node, 'pages_messaging', ctx);
      const threads = await ctx.store.social.threadsOf(node.person.id, { platform: params.platform ?? 'MESSENGER', folder: params.folder }, page);
      return newestFirst(threads, (thread) => recencyKey(thread.updated_time, thread.id));
    },
  },

  custom_labels: {
    type: 'PageUserMessageThreadLabel',
    description: 'The labels pages have put on the person in their inbox',
    permission: 'pages_messaging',
    async list(node, page, _params, ctx) {
      requirePermission(node, 'pages_messaging', ctx);
      return newestFirst(await ctx.store.social.labelsOf(node.person.id, page), byCreation);
    },
  },

  feed: {
    type: 'Post',
    description: 'The posts and links published by this person or others on their profile',
    permission: 'user_posts',
    params: {
      include_hidden: { type: 'bool', description: 'Include posts hidden from the profile' },
      since: { type: 'datetime', description: 'Only posts created at or after this time' },
      until: { type: 'datetime', description: 'Only posts created before this time' },
    },
    async list(node, page, params, ctx) {
      if (!visible(node, 'user_posts', ctx)) return none;
      const filter = { since: params.since, until: params.until, includeHidden: params.include_hidden === true };
      return newestFirst(await ctx.store.social.feedOf(node.person.id, filter, page), byCreation);
    },
  },

  likes: likesEdge('All the Pages this person has liked'),

  live_videos: {
    type: 'LiveVideo',
    description: 'Live videos from this person',
    permission: 'user_videos',
    params: {
      broadcast_status: { type: `list<enum {${broadcastStatuses.join(', ')}}>`, description: 'Only live videos in these states' },
      source: { type: 'enum {owner, target}', description: 'owner (default): the live videos the person broadcast; target: those broadcast to their profile' },
    },
    async list(node, page, params, ctx) {
      if (!visible(node, 'user_videos', ctx)) return none;
      // graphd holds no broadcasts made to someone else's profile.
      if (params.source === 'target') return none;
      const lives = await ctx.store.social.liveVideosOf(node.person.id, params.broadcast_status, page);
      return newestFirst(lives, (live) => recencyKey(live.creation_time, live.id));
    },
  },

  music: likesEdge('Music this person likes', musicCategories),

  'payment.subscriptions': {
    type: 'PaymentSubscription',
    description: "The person's subscriptions to the app's products",
    async list(node, page, _params, ctx) {
      assertPersonInApp(node, ctx);
      return newestFirst(await ctx.store.social.paymentSubscriptionsOf(node.app.id, node.person.id, page), byCreation);
    },
  },

  photos: {
    type: 'Photo',
    description: 'Photos the person is tagged in (type=tagged, the default) or has uploaded (type=uploaded)',
    permission: 'user_photos',
    params: { type: { type: 'enum {tagged, uploaded}', description: 'Which photos: tagged (default) or uploaded' } },
    async list(node, page, params, ctx) {
      if (!visible(node, 'user_photos', ctx)) return none;
      const kind = photoKinds[params.type ?? 'tagged'];
      return newestFirst(await ctx.store.social.photosOf(node.person.id, kind, page), byCreation);
    },
  },

  rich_media_documents: {
    type: 'Canvas',
    description: 'A list of rich media documents belonging to Pages that the user has advertiser permissions on',
    permission: 'pages_read_engagement',
    async list(node, page, _params, ctx) {
      requirePermission(node, 'pages_read_engagement', ctx, socialErrors.pageReadPermission);
      const roles = await ctx.store.pages.rolesOfPerson(node.person.id);
      const advertised = roles.filter((role) => role.tasks.includes('ADVERTISE')).map((role) => role.page_id);
      const canvases = await ctx.store.social.canvasesOf(advertised, page);
      return newestFirst(canvases, (canvas) => recencyKey(canvas.update_time, canvas.id));
    },
  },

  videos: {
    type: 'AdVideo',
    description: 'Videos the person is tagged in (type=tagged, the default) or uploaded (type=uploaded)',
    permission: 'user_videos',
    // Meta's docs write the values in lower case and its specs in upper case; both are taken.
    params: { type: { type: 'string', description: 'Which videos: TAGGED (default) or UPLOADED' } },
    async list(node, page, params, ctx) {
      const kind = photoKinds[String(params.type ?? 'tagged').toLowerCase()];
      if (!kind) throw GraphError.of('paramInvalid', { name: 'type', constraint: 'one of {TAGGED, UPLOADED}' });
      if (!visible(node, 'user_videos', ctx)) return none;
      return newestFirst(await ctx.store.social.videosOf(node.person.id, kind, page), byCreation);
    },
  },
};
