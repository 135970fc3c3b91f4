/**
 * GET, POST and DELETE /{page_id}/blocked with the page's own token: asid, psid, uid and user
 * (single ids and lists) resolve to people; blocked people list as page-scoped Profiles.
 */
import { expect, it } from 'vitest';
import { issueToken } from '../../src/identity/issue-token.js';
import { fullName } from '../../src/people/profile.js';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph, type Harness } from '../helpers/graph.js';

describeEachStore('Pages: /{page_id}/blocked', (open) => {
  const graph = useGraph(open);
  const path = () => `/v21.0/${graph().world.page.id}/blocked`;
  const pageToken = () => graph().world.tokens.page;

  const psidOf = async (g: Harness, index: number) => (await g.store.pages.scopedId(g.world.page.id, g.world.people[index].id)).psid;
  const asidOf = async (g: Harness, index: number) => (await g.store.apps.scopedUser(g.world.app.id, g.world.people[index].id)).asid;
  const blocked = async (g: Harness) => (await g.get(path(), { access_token: pageToken() })).json.data as { id: string; name: string }[];
  const unblockAll = async (g: Harness) => {
    const ids = (await blocked(g)).map((profile) => profile.id);
    if (ids.length) expect((await g.del(path(), { user: ids.join(','), access_token: pageToken() })).json).toEqual({ success: true });
  };

  it('blocks by psid and lists the person as a page-scoped profile', async () => {
    const g = graph();
    const psid = await psidOf(g, 4);
    const reply = await g.post(path(), { psid, access_token: pageToken() });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ [psid]: true });
    expect(await blocked(g)).toEqual([{ name: fullName(g.world.people[4]), id: psid }]);
    const typed = await g.get(path(), { fields: 'id,profile_type', access_token: pageToken() });
    expect(typed.json.data).toEqual([{ id: psid, profile_type: 'user' }]);
    await unblockAll(g);
  });

  it('blocks by asid, giving the person a PSID, and answers with the ids as given', async () => {
    const g = graph();
    const asid = await asidOf(g, 1);
    expect(await g.store.pages.findScopedId(g.world.page.id, g.world.people[1].id)).toBeUndefined();
    const reply = await g.post(path(), { asid, access_token: pageToken() });
    expect(reply.json).toEqual({ [asid]: true });
    const psid = (await g.store.pages.findScopedId(g.world.page.id, g.world.people[1].id))!.psid;
    expect(await blocked(g)).toEqual([{ name: fullName(g.world.people[1]), id: psid }]);
    await unblockAll(g);
  });

  it('takes user as a list (JSON or comma-separated) of PSIDs and ASIDs, and uid as its alias', async () => {
    const g = graph();
    const [a, b, c] = [await psidOf(g, 0), await asidOf(g, 2), await psidOf(g, 8)];
    const json = await g.post(path(), { user: JSON.stringify([a, b]), access_token: pageToken() });
    expect(json.json).toEqual({ [a]: true, [b]: true });
    const alias = await g.post(path(), { uid: c, access_token: pageToken() });
    expect(alias.json).toEqual({ [c]: true });
    const again = await g.post(path(), { user: `${a},${c}`, access_token: pageToken() });
    expect(again.json).toEqual({ [a]: true, [c]: true });
    expect((await blocked(g)).map((profile) => profile.name).sort()).toEqual([0, 2, 8].map((i) => fullName(g.world.people[i])).sort());
    await unblockAll(g);
  });

  it('answers whether one person is blocked with GET ?user= (or uid), by PSID or ASID', async () => {
    const g = graph();
    const psid = await psidOf(g, 4);
    await g.post(path(), { psid, access_token: pageToken() });
    await g.post(path(), { psid: await psidOf(g, 8), access_token: pageToken() });
    const one = await g.get(path(), { user: psid, summary: 'true', access_token: pageToken() });
    expect(one.json.data).toEqual([{ name: fullName(g.world.people[4]), id: psid }]);
    expect(one.json.summary).toEqual({ total_count: 1 });
    const byAsid = await g.get(path(), { uid: await asidOf(g, 3), access_token: pageToken() });
    expect(byAsid.json.data).toEqual([]);
    const notBlocked = await g.get(path(), { user: await psidOf(g, 0), access_token: pageToken() });
    expect(notBlocked.json).toEqual({ data: [] });
    await unblockAll(g);
  });

  it('pages the list by PSID with cursors and counts it in summary', async () => {
    const g = graph();
    const psids = [await psidOf(g, 0), await psidOf(g, 4), await psidOf(g, 8)];
    await g.post(path(), { psid: psids.join(','), access_token: pageToken() });
    const first = await g.get(path(), { limit: '2', summary: 'true', access_token: pageToken() });
    expect(first.json.data.map((profile: { id: string }) => profile.id)).toEqual([...psids].sort().slice(0, 2));
    expect(first.json.summary).toEqual({ total_count: 3 });
    const next = await g.get(path(), { limit: '2', after: first.json.paging.cursors.after, access_token: pageToken() });
    expect(next.json.data.map((profile: { id: string }) => profile.id)).toEqual([...psids].sort().slice(2));
    expect(next.json.paging.next).toBeUndefined();
    await unblockAll(g);
  });

  it('unblocks by user, psid, asid and uid with {"success": true}, also for people not blocked', async () => {
    const g = graph();
    const [a, b, c, d] = [await psidOf(g, 0), await psidOf(g, 4), await asidOf(g, 1), await psidOf(g, 8)];
    await g.post(path(), { user: [a, b, c, d].join(','), access_token: pageToken() });
    expect(await blocked(g)).toHaveLength(4);
    expect((await g.del(path(), { psid: a, access_token: pageToken() })).json).toEqual({ success: true });
    expect((await g.del(path(), { asid: c, access_token: pageToken() })).json).toEqual({ success: true });
    expect((await g.del(path(), { uid: b, access_token: pageToken() })).json).toEqual({ success: true });
    expect(await blocked(g)).toEqual([{ name: fullName(g.world.people[8]), id: d }]);
    expect((await g.del(path(), { user: JSON.stringify([d, a]), access_token: pageToken() })).json).toEqual({ success: true });
    expect(await blocked(g)).toEqual([]);
    expect((await g.del(path(), { user: a, access_token: pageToken() })).json).toEqual({ success: true });
  });

  it('answers 100 for missing and bad ids, blocking nobody when one id is bad', async () => {
    const g = graph();
    const none = await g.post(path(), { access_token: pageToken() });
    expect(none.status).toBe(400);
    expect(none.json.error).toMatchObject({ code: 100, type: 'OAuthException', message: '(#100) The parameter user is required' });
    expect((await g.del(path(), { access_token: pageToken() })).json.error.message).toBe('(#100) The parameter user is required');

    const good = await psidOf(g, 4);
    const unknown = await g.post(path(), { user: `${good},999999999999999`, access_token: pageToken() });
    expect(unknown.json.error).toMatchObject({ code: 100, message: "(#100) Param user[1] must be a page-scoped user id of this page or an app-scoped user id of the token's app" });
    expect(await blocked(g)).toEqual([]);

    const letters = await g.post(path(), { user: 'abc', access_token: pageToken() });
    expect(letters.json.error.message).toBe('(#100) Param user[0] must be a valid ID string (e.g., "123")');
    const psidNotInt = await g.post(path(), { psid: 'abc', access_token: pageToken() });
    expect(psidNotInt.json.error).toMatchObject({ code: 100 });

    // An ASID is not a PSID, and another app's ASID is not this app's.
    const asidAsPsid = await g.post(path(), { psid: await asidOf(g, 1), access_token: pageToken() });
    expect(asidAsPsid.json.error.message).toBe('(#100) Param psid[0] must be a page-scoped user id of this page');
    const otherAppAsid = (await g.store.apps.scopedUser(g.world.otherApp.id, g.world.people[3].id)).asid;
    const foreign = await g.post(path(), { asid: otherAppAsid, access_token: pageToken() });
    expect(foreign.json.error.message).toBe("(#100) Param asid[0] must be an app-scoped user id of the token's app");
    const unblockForeign = await g.del(path(), { asid: otherAppAsid, access_token: pageToken() });
    expect(unblockForeign.json.error.message).toBe("(#100) Param asid must be an app-scoped user id of the token's app");

    // Another page's PSID does not name anyone on this page.
    const other = await g.store.pages.create({ name: 'Elsewhere', category: 'Brand', business_id: null });
    const elsewhere = (await g.store.pages.scopedId(other.id, g.world.people[5].id)).psid;
    const wrongPage = await g.get(path(), { user: elsewhere, access_token: pageToken() });
    expect(wrongPage.json.error).toMatchObject({ code: 100, message: "(#100) Param user must be a page-scoped user id of this page or an app-scoped user id of the token's app" });
  });

  it('wants a page token of this very page', async () => {
    const g = graph();
    const psid = await psidOf(g, 4);
    const other = await g.store.pages.create({ name: 'Other', category: 'Brand', business_id: g.world.business.id });
    const otherToken = await issueToken(g.store, { kind: 'PAGE', appId: g.world.app.id, personId: g.world.people[0].id, pageId: other.id, scopes: ['pages_show_list'], expiresIn: 0, now: g.clock.now });
    const tokens = [g.world.tokens.user, g.world.tokens.app, g.world.tokens.systemUser, otherToken.token];
    for (const access_token of tokens) {
      for (const reply of [await g.get(path(), { access_token }), await g.post(path(), { psid, access_token }), await g.del(path(), { psid, access_token })]) {
        expect(reply.status).toBe(403);
        expect(reply.json.error).toMatchObject({ code: 210, type: 'OAuthException', message: '(#210) A page access token is required to request this resource.' });
      }
    }
    const anonymous = await g.get(path());
    expect(anonymous.json.error).toMatchObject({ code: 104 });
    expect(await blocked(g)).toEqual([]);
  });

  it('answers 100/33 for an unknown page', async () => {
    const reply = await graph().post('/v21.0/989898989898989/blocked', { user: '1', access_token: pageToken() });
    expect(reply.json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
