/**
 * The User edges through Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged,
 * against graphd on a real loopback port (as user-sdk.test.ts does): User.getAlbums(),
 * getPhotos(), getLikes(), getFeed() and friends return Cursors whose next() GETs paging.next
 * verbatim; the items come back as the SDK's own classes, which read() themselves by id.
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { issueToken } from '../../src/identity/issue-token.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/types.js';
import { seedDemoWorld, type DemoWorld } from '../../src/world/demo-world.js';
import { startTime } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

/** The slice of the SDK this file uses (the package ships no type declarations). */
interface SdkApi {
  setDebug(flag: boolean): SdkApi;
}
interface SdkObject {
  id: string;
  _data: Record<string, any>;
  constructor: { name: string };
  read(fields: string[], params?: Record<string, unknown>): Promise<SdkObject>;
}
interface SdkCursor extends Array<SdkObject> {
  paging?: { cursors?: { before: string; after: string }; next?: string; previous?: string };
  hasNext(): boolean;
  next(): Promise<SdkCursor>;
  hasPrevious(): boolean;
  previous(): Promise<SdkCursor>;
}
type EdgeReader = (fields: string[], params?: Record<string, unknown>) => Promise<SdkCursor>;
interface SdkUser extends SdkObject {
  getAlbums: EdgeReader;
  getPhotos: EdgeReader;
  getLikes: EdgeReader;
  getFeed: EdgeReader;
  getBusinesses: EdgeReader;
  getAssignedProductCatalogs: EdgeReader;
  getLiveVideos: EdgeReader;
}
interface FacebookRequestError extends Error {
  response: { message: string; code: number } | null;
}
interface Sdk {
  FacebookAdsApi: new (token: string, locale?: string, crashLog?: boolean) => SdkApi;
  User: new (id: string, data?: Record<string, unknown>, parentId?: string, api?: SdkApi) => SdkUser;
  Album: new (id: string, data?: Record<string, unknown>, parentId?: string, api?: SdkApi) => SdkObject;
}

const { FacebookAdsApi, User, Album } = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as Sdk;

interface Live {
  app: FastifyInstance;
  store: Store;
  world: DemoWorld;
}

const overridden = ['GRAPH', 'GRAPH_VIDEO'] as const;

function useLiveGraph(open: () => Promise<Store>): () => Live {
  let live: Live | undefined;
  const originals = new Map<string, PropertyDescriptor>();
  beforeAll(async () => {
    const store = await open();
    const world = await seedDemoWorld(store, { now: startTime, people: 12, seed: 7 });
    const app = await buildApp({ config: defaultConfig, store, schema: compileGraphSchema(), clock: () => startTime });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('graphd did not listen on a TCP port');
    const origin = `http://127.0.0.1:${address.port}`;
    for (const key of overridden) {
      originals.set(key, Object.getOwnPropertyDescriptor(FacebookAdsApi, key)!);
      Object.defineProperty(FacebookAdsApi, key, { get: () => origin, configurable: true });
    }
    live = { app, store, world };
  });
  afterAll(async () => {
    for (const [key, descriptor] of originals) Object.defineProperty(FacebookAdsApi, key, descriptor);
    await live?.app.close();
    await live?.store.close();
  });
  return () => {
    if (!live) throw new Error('useLiveGraph(): only inside a test');
    return live;
  };
}

/** An API without the crash reporter (it would hook process 'uncaughtException') and without debug output. */
const sdkApi = (token: string) => new FacebookAdsApi(token, 'en_US', false).setDebug(false);

/** Every item of an edge, read through the Cursor one page after another; the pages it took. */
async function walk(first: SdkCursor): Promise<{ items: Record<string, any>[]; pages: number }> {
  const items = first.map((item) => item._data);
  let cursor = first;
  let pages = 1;
  while (cursor.hasNext()) {
    cursor = await cursor.next();
    items.push(...cursor.map((item) => item._data));
    pages++;
  }
  return { items, pages };
}

describeEachStore('facebook-nodejs-business-sdk: User edges against graphd', (open) => {
  const graph = useLiveGraph(open);
  const me = () => new User('me', {}, undefined, sdkApi(graph().world.tokens.user));

  it('pages albums, uploaded photos, likes and the feed through Cursor.next()', async () => {
    const reads: [string, (user: SdkUser) => Promise<SdkCursor>, (user: SdkUser) => Promise<SdkCursor>][] = [
      ['albums', (u) => u.getAlbums(['name', 'created_time'], { limit: 1 }), (u) => u.getAlbums(['name', 'created_time'], { limit: 100 })],
      ['photos', (u) => u.getPhotos(['name', 'width'], { type: 'uploaded', limit: 2 }), (u) => u.getPhotos(['name', 'width'], { type: 'uploaded', limit: 100 })],
      ['likes', (u) => u.getLikes(['name', 'category'], { limit: 3 }), (u) => u.getLikes(['name', 'category'], { limit: 100 })],
      ['feed', (u) => u.getFeed(['message', 'created_time'], { limit: 2 }), (u) => u.getFeed(['message', 'created_time'], { limit: 100 })],
      ['businesses', (u) => u.getBusinesses(['name'], { limit: 1 }), (u) => u.getBusinesses(['name'], { limit: 100 })],
    ];
    for (const [name, paged, whole] of reads) {
      const { items, pages } = await walk(await paged(me()));
      const all = (await whole(me())).map((item) => item._data);
      expect(items, name).toEqual(all);
      expect(pages, name).toBeGreaterThan(1);
      expect(new Set(items.map((item) => item.id)).size, name).toBe(items.length);
    }
  });

  it('goes back a page with Cursor.previous()', async () => {
    const first = await me().getAlbums(['name'], { limit: 1 });
    const firstName = first[0]._data.name;
    const second = await first.next();
    expect(second[0]._data.name).not.toBe(firstName);
    expect(second.hasPrevious()).toBe(true);
    const back = await second.previous();
    expect(back[0]._data.name).toBe(firstName);
  });

  it('builds items as the SDK classes of the edge, which read themselves by id', async () => {
    const albums = await me().getAlbums(['name'], { limit: 1 });
    expect(albums[0].constructor.name).toBe('Album');
    const album = await new Album(albums[0].id, {}, undefined, sdkApi(graph().world.tokens.user)).read(['name', 'count', 'type', 'link']);
    expect(album._data).toMatchObject({ id: albums[0].id, name: albums[0]._data.name, count: expect.any(Number), link: expect.stringContaining(albums[0].id) });
    const catalogs = await me().getAssignedProductCatalogs(['name', 'product_count']);
    expect(catalogs[0].constructor.name).toBe('ProductCatalog');
    expect(catalogs.map((catalog) => catalog._data.name).sort()).toEqual(['Acme Outdoor: Products', 'Acme Outdoor: Rentals']);
    const lives = await me().getLiveVideos(['status'], { broadcast_status: ['VOD'] });
    expect(lives.map((live) => live._data.status)).toEqual(['VOD']);
  });

  it("surfaces Meta's permission error for an edge the token lacks", async () => {
    const { token } = await issueToken(graph().store, {
      kind: 'USER',
      appId: graph().world.app.id,
      personId: graph().world.people[0].id,
      scopes: ['public_profile', 'user_photos'],
      expiresIn: 3600,
      now: startTime,
    });
    const user = new User('me', {}, undefined, sdkApi(token));
    expect((await user.getPhotos(['id'])).length).toBeGreaterThan(0);
    expect((await user.getLikes(['id'])).length).toBe(0);
    const error = await user.getBusinesses(['name']).then(
      () => undefined,
      (reason: FacebookRequestError) => reason,
    );
    expect(error?.response).toMatchObject({ code: 200, message: '(#200) Requires business_management permission to manage the object' });
  });
});
