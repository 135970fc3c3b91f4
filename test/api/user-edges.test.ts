import { expect, it } from 'vitest';
import { issueToken } from '../../src/identity/issue-token.js';
import { demoScopes } from '../../src/world/demo-world.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

/**
 * What each User edge needs and what Meta answers a viewer without it (docs/permissions.md):
 * an empty list, an error, or, for what only the person and the app hold, an error for others.
 */
const edges: { name: string; permission?: string; denied: 'empty' | { code: number; message: string } }[] = [
  { name: 'accounts', permission: 'pages_show_list', denied: 'empty' },
  { name: 'ad_studies', permission: 'ads_read', denied: { code: 200, message: '(#200) Requires ads_read permission to manage the object' } },
  { name: 'albums', permission: 'user_photos', denied: 'empty' },
  { name: 'apprequestformerrecipients', denied: { code: 200, message: '(#200) Permissions error' } },
  { name: 'apprequests', denied: { code: 200, message: '(#200) Permissions error' } },
  ...['assigned_applications', 'assigned_business_asset_groups', 'assigned_pages', 'assigned_product_catalogs', 'business_users', 'businesses'].map((name) => ({
    name,
    permission: 'business_management',
    denied: { code: 200, message: '(#200) Requires business_management permission to manage the object' },
  })),
  { name: 'conversations', permission: 'pages_messaging', denied: { code: 200, message: '(#200) Requires pages_messaging permission to manage the object' } },
  { name: 'custom_labels', permission: 'pages_messaging', denied: { code: 200, message: '(#200) Requires pages_messaging permission to manage the object' } },
  { name: 'feed', permission: 'user_posts', denied: 'empty' },
  { name: 'likes', permission: 'user_likes', denied: 'empty' },
  { name: 'live_videos', permission: 'user_videos', denied: 'empty' },
  { name: 'music', permission: 'user_likes', denied: 'empty' },
  { name: 'payment.subscriptions', denied: { code: 200, message: '(#200) Permissions error' } },
  { name: 'photos', permission: 'user_photos', denied: 'empty' },
  {
    name: 'rich_media_documents',
    permission: 'pages_read_engagement',
    denied: {
      code: 283,
      message: '(#283) That action requires the extended permission pages_read_engagement and/or pages_read_user_content and/or pages_manage_ads and/or pages_manage_metadata',
    },
  },
  { name: 'videos', permission: 'user_videos', denied: 'empty' },
];

/** The edge whose items are each item node type, and fields to read the node with. */
const itemNodes: { type: string; edge: string; fields: string }[] = [
  { type: 'Album', edge: 'albums', fields: 'id,name,count,cover_photo{id,images},from,link,type,created_time' },
  { type: 'Photo', edge: 'photos', fields: 'id,name,album{name},images,width,height,from,source,link' },
  { type: 'AdVideo', edge: 'videos', fields: 'id,title,length,created_time,permalink_url,picture,from' },
  { type: 'LiveVideo', edge: 'live_videos', fields: 'id,title,status,creation_time,embed_html,permalink_url,from' },
  { type: 'Post', edge: 'feed', fields: 'id,message,from,privacy,permalink_url,created_time' },
  { type: 'AppRequest', edge: 'apprequests', fields: 'id,message,application{name},to,created_time' },
  { type: 'AdStudy', edge: 'ad_studies', fields: 'id,name,type,business{name},created_by,start_time,end_time' },
  { type: 'UnifiedThread', edge: 'conversations', fields: 'id,snippet,message_count,participants,senders,updated_time,link' },
  { type: 'PageUserMessageThreadLabel', edge: 'custom_labels', fields: 'id,page_label_name' },
  { type: 'Canvas', edge: 'rich_media_documents', fields: 'id,name,owner{name},canvas_link,is_published,last_editor,update_time' },
  { type: 'PaymentSubscription', edge: 'payment.subscriptions', fields: 'id,product,amount,currency,status,application{name},user,next_bill_time' },
  { type: 'BusinessAssetGroup', edge: 'assigned_business_asset_groups', fields: 'id,name,owner_business{name}' },
  { type: 'ProductCatalog', edge: 'assigned_product_catalogs', fields: 'id,name,vertical,product_count,business{name}' },
];

/** Follows paging.next from a limit=1 first page; every page holds one item. */
async function pageThrough(g: Harness, path: string, query: Record<string, string>): Promise<unknown[]> {
  let reply = await g.get(path, { ...query, limit: '1' });
  const seen: unknown[] = [];
  for (let guard = 0; guard < 100; guard++) {
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    expect(reply.json.data).toHaveLength(1);
    seen.push(reply.json.data[0]);
    if (!reply.json.paging.next) return seen;
    const next = new URL(reply.json.paging.next);
    expect(next.searchParams.get('limit')).toBe('1');
    reply = await g.request('GET', next.pathname + next.search);
  }
  throw new Error(`${path} did not end`);
}

describeEachStore('User edges', (open) => {
  const graph = useGraph(open);
  const token = () => graph().world.tokens.user;
  /** The developer's token without one scope (the grant stays; the token lacks it). */
  const tokenWithout = async (g: Harness, scope: string) =>
    (await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[0].id, scopes: demoScopes.filter((s) => s !== scope), expiresIn: 3600, now: g.clock.now })).token;

  it('answers every edge with data for the demo developer', async () => {
    const g = graph();
    for (const { name } of edges) {
      const reply = await g.get(`/v21.0/me/${name}`, { access_token: token() });
      expect(reply.status, `${name}: ${reply.body}`).toBe(200);
      expect(reply.json.data.length, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('pages every edge with limit=1 through next, in the order of one full page, and back through previous', async () => {
    const g = graph();
    for (const { name } of edges) {
      const path = `/v21.0/me/${name}`;
      const all = (await g.get(path, { limit: '100', access_token: token() })).json;
      expect(all.paging?.next, name).toBeUndefined();
      const paged = await pageThrough(g, path, { access_token: token() });
      expect(paged, name).toEqual(all.data);
      const second = await g.get(path, { limit: '1', access_token: token(), after: (await g.get(path, { limit: '1', access_token: token() })).json.paging.cursors.after });
      const back = new URL(second.json.paging.previous);
      expect((await g.request('GET', back.pathname + back.search)).json.data, name).toEqual([all.data[0]]);
    }
  });

  it("answers Meta's way to a token without the edge's permission", async () => {
    const g = graph();
    for (const { name, permission, denied } of edges) {
      if (!permission) continue;
      const reply = await g.get(`/v21.0/me/${name}`, { access_token: await tokenWithout(g, permission) });
      if (denied === 'empty') {
        expect(reply.json, name).toEqual({ data: [] });
      } else {
        expect(reply.json.error, name).toMatchObject(denied);
        expect(reply.status).toBe(403);
      }
    }
  });

  it("leaves a nested edge out when the permission is missing, as fields are", async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: 'name,likes.limit(1){name},photos.limit(1){id}', access_token: await tokenWithout(g, 'user_likes') });
    expect(reply.json.likes).toBeUndefined();
    expect(reply.json.photos.data).toHaveLength(1);
  });

  it("keeps what the person and the app hold from other people, and shows it to the app's token", async () => {
    const g = graph();
    const developer = await g.store.apps.scopedUser(g.world.app.id, g.world.people[0].id);
    const { token: friend } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[1].id, scopes: demoScopes, expiresIn: 3600, now: g.clock.now });
    for (const { name, permission, denied } of edges) {
      const reply = await g.get(`/v21.0/${developer.asid}/${name}`, { access_token: friend });
      if (permission === undefined) expect(reply.json.error, name).toMatchObject(denied as object);
      else if (denied === 'empty') expect(reply.json, name).toEqual({ data: [] });
      else expect(reply.json.error.code, name).toBe((denied as { code: number }).code);
    }
    for (const name of ['apprequests', 'payment.subscriptions', 'likes', 'photos', 'feed']) {
      const reply = await g.get(`/v21.0/${developer.asid}/${name}`, { access_token: g.world.tokens.app });
      expect(reply.json.data.length, name).toBeGreaterThan(0);
    }
  });

  it('reads each item node type by its id, with fields', async () => {
    const g = graph();
    for (const { type, edge, fields } of itemNodes) {
      const first = (await g.get(`/v21.0/me/${edge}`, { limit: '1', access_token: token() })).json.data[0];
      expect(await g.store.nodes.typeOf(first.id), type).toBe(type);
      const reply = await g.get(`/v21.0/${first.id}`, { fields, access_token: token() });
      expect(reply.status, `${type}: ${reply.body}`).toBe(200);
      expect(reply.json.id).toBe(first.id);
      for (const name of fields.replace(/\{[^}]*\}/g, '').split(',')) {
        expect(reply.json, `${type}.${name}`).toHaveProperty(name);
      }
      const meta = await g.get(`/v21.0/${first.id}`, { metadata: '1', access_token: token() });
      expect(meta.json.metadata.fields.map((f: { name: string }) => f.name)).toContain('id');
    }
  });

  it('hides item nodes from viewers who may not read them (100/33)', async () => {
    const g = graph();
    const { token: friend } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[7].id, scopes: demoScopes, expiresIn: 3600, now: g.clock.now });
    for (const { edge } of itemNodes) {
      const first = (await g.get(`/v21.0/me/${edge}`, { limit: '1', access_token: token() })).json.data[0];
      const reply = await g.get(`/v21.0/${first.id}`, { access_token: friend });
      expect(reply.json.error, edge).toMatchObject({ code: 100, error_subcode: 33 });
    }
  });

  it('renders items with default fields, dates and nested nodes as Meta writes them', async () => {
    const g = graph();
    const albums = (await g.get('/v21.0/me/albums', { access_token: token() })).json.data;
    expect(Object.keys(albums[0])).toEqual(['created_time', 'name', 'id']);
    expect(albums[0].created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const times = albums.map((album: { created_time: string }) => album.created_time);
    expect([...times].sort().reverse()).toEqual(times);
    const likes = (await g.get('/v21.0/me/likes', { access_token: token() })).json.data;
    expect(likes[0]).toEqual({ name: expect.any(String), id: expect.stringMatching(/^\d+$/) });
    const page = await g.get(`/v21.0/${likes[0].id}`, { access_token: token() });
    expect(page.json).toEqual(likes[0]);
    const photo = (await g.get('/v21.0/me/photos', { type: 'uploaded', fields: 'images,picture', limit: '1', access_token: token() })).json.data[0];
    expect(photo.images[0]).toEqual({ height: expect.any(Number), source: expect.stringMatching(/^http:\/\/.+\/_graphd\/avatars\/media-\d+\.svg\?size=\d+$/), width: expect.any(Number) });
    const image = new URL(photo.picture);
    expect((await g.request('GET', image.pathname + image.search)).status).toBe(200);
  });

  it('filters photos and videos by type, the feed by time and hidden posts, likes by target and music by category', async () => {
    const g = graph();
    const get = async (edge: string, query: Record<string, string> = {}) => (await g.get(`/v21.0/me/${edge}`, { limit: '100', ...query, access_token: token() })).json;
    const tagged = (await get('photos')).data.map((p: { id: string }) => p.id);
    const uploaded = (await get('photos', { type: 'uploaded' })).data.map((p: { id: string }) => p.id);
    expect(tagged).not.toEqual(uploaded);
    expect(uploaded.length).toBe(7);
    expect((await get('photos', { type: 'shared' })).error.message).toBe('(#100) Param type must be one of {tagged, uploaded}');
    const videosUploaded = (await get('videos', { type: 'UPLOADED' })).data;
    expect((await get('videos', { type: 'uploaded' })).data).toEqual(videosUploaded);
    expect((await get('videos', { type: 'other' })).error.message).toBe('(#100) Param type must be one of {TAGGED, UPLOADED}');

    const feed = (await get('feed', { fields: 'created_time,message,story' })).data;
    const withHidden = (await get('feed', { include_hidden: 'true' })).data;
    expect(withHidden.length).toBe(feed.length + 1);
    const since = Math.floor(Date.parse(feed[2].created_time) / 1000);
    expect((await get('feed', { since: String(since) })).data).toHaveLength(3);
    expect((await get('feed', { until: String(since) })).data).toHaveLength(feed.length - 3);

    const likes = (await get('likes')).data;
    const music = (await get('music', { fields: 'name,category' })).data;
    expect(music.map((p: { category: string }) => p.category).sort()).toEqual(['Musician/Band', 'Musician/Band', 'Radio Station', 'Record Label']);
    expect(likes.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(music.map((p: { id: string }) => p.id)));
    expect((await get('likes', { target_id: likes[1].id })).data).toEqual([likes[1]]);
    expect((await get('music', { target_id: likes.find((p: { name: string }) => p.name === 'REI').id })).data).toEqual([]);
  });

  it('filters live videos by status and source, conversations by platform and folder, accounts and assigned pages', async () => {
    const g = graph();
    const get = async (edge: string, query: Record<string, string> = {}) => (await g.get(`/v21.0/me/${edge}`, { ...query, access_token: token() })).json;
    expect((await get('live_videos', { broadcast_status: '["VOD"]', fields: 'status,video{title}' })).data).toEqual([
      { status: 'VOD', video: { title: 'Gear review: ultralight tents', id: expect.any(String) }, id: expect.any(String) },
    ]);
    expect((await get('live_videos', { source: 'target' })).data).toEqual([]);
    const scheduled = (await get('live_videos', { broadcast_status: '["SCHEDULED_UNPUBLISHED"]', fields: 'stream_url,secure_stream_url,planned_start_time' })).data[0];
    expect(scheduled.secure_stream_url).toMatch(/^rtmps:\/\/live-api-s\.facebook\.com:443\/rtmp\/FB-\d+-0-/);
    expect((await get('conversations', { platform: 'INSTAGRAM' })).data).toHaveLength(1);
    expect((await get('conversations', { folder: 'spam' })).data).toEqual([]);
    const accounts = (await get('accounts')).data;
    expect(accounts.map((p: { name: string }) => p.name).sort()).toEqual(['Acme Outdoor', 'Acme Outdoor Deals']);
    expect((await get('accounts', { is_place: 'true' })).data).toEqual([]);
    expect((await get('accounts', { is_promotable: 'false' })).data).toEqual([]);
    const assigned = (await get('assigned_pages', { pages: JSON.stringify([g.world.page.id]) })).data;
    expect(assigned).toEqual([{ name: 'Acme Outdoor', id: g.world.page.id }]);
    expect((await get('businesses')).data.map((b: { name: string }) => b.name).sort()).toEqual(['Acme Outdoor Co.', 'Trailhead Creative Agency']);
  });

  it('expands the edges inside fields, with nested paging', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: 'albums.limit(1){name,photo_count},music.limit(2){name}', access_token: token() });
    expect(reply.status, reply.body).toBe(200);
    expect(reply.json.albums.data).toEqual([{ name: expect.any(String), photo_count: expect.any(Number), id: expect.any(String) }]);
    const next = new URL(reply.json.albums.paging.next);
    expect(next.pathname).toMatch(/\/v21\.0\/\d+\/albums$/);
    expect((await g.request('GET', next.pathname + next.search)).json.data).toHaveLength(1);
    expect(reply.json.music.data).toHaveLength(2);
  });
});
