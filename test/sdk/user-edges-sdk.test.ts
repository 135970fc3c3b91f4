/**
 * The User edges through Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged,
 * against graphd on a real loopback port (through test/helpers/sdk.ts, as user-sdk.test.ts):
 * User.getAlbums(), getPhotos(), getLikes(), getFeed() and friends return Cursors whose next()
 * GETs paging.next verbatim; the items come back as the SDK's own classes, which read()
 * themselves by id.
 */
import { expect, it } from 'vitest';
import { issueToken } from '../../src/identity/issue-token.js';
import { startTime } from '../helpers/graph.js';
import { sdkApi, sdkExports, useLiveGraph, type FacebookRequestError, type SdkCursor, type SdkNodeClass, type SdkObject } from '../helpers/sdk.js';
import { describeEachStore } from '../helpers/stores.js';

/** The slice of the SDK this file uses beyond the shared one. */
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

const { User, Album } = sdkExports<{ User: SdkNodeClass<SdkUser>; Album: SdkNodeClass<SdkObject> }>();

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
