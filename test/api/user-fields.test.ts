import { expect, it } from 'vitest';
import { issueToken } from '../../src/identity/issue-token.js';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph } from '../helpers/graph.js';

const allFields =
  'id,about,age_range,birthday,email,favorite_athletes,favorite_teams,first_name,gender,hometown,id_for_avatars,inspirational_people,installed,is_guest_user,languages,last_name,link,local_news_megaphone_dismiss_status,local_news_subscription_status,locale,location,meeting_for,middle_name,name,name_format,political,quotes,relationship_status,religion,shared_login_upgrade_required_by,significant_other,sports,supports_donate_button_in_live_video,timezone,token_for_business,updated_time,verified,video_upload_limits,website';

describeEachStore('User fields and edges', (open) => {
  const graph = useGraph(open);

  it('answers every field of the seed with the types it names', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: allFields, access_token: g.world.tokens.user });
    expect(reply.status).toBe(200);
    const me = reply.json;
    const person = g.world.people[0];
    expect(me.birthday).toBe(person.birthday);
    expect(me.age_range.min).toBeTypeOf('number');
    expect(me.gender).toBe(person.gender);
    expect(me.location).toEqual({ id: expect.stringMatching(/^\d+$/), name: `${person.city}, ${person.state}` });
    expect(me.hometown.name).toBe(person.hometown);
    expect(me.installed).toBe(true);
    expect(me.is_guest_user).toBe(false);
    expect(me.id_for_avatars).toMatch(/^\d+$/);
    expect(me.languages.length).toBeGreaterThan(0);
    expect(me.languages[0]).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect(me.timezone).toBeTypeOf('number');
    expect(me.updated_time).toMatch(/\+0000$/);
    expect(me.video_upload_limits).toEqual({ length: expect.any(Number), size: expect.any(Number) });
    expect(me.supports_donate_button_in_live_video).toBe(false);
    expect(me.name_format).toMatch(/^\{first\}/);
    for (const empty of ['about', 'political', 'relationship_status', 'religion', 'website', 'shared_login_upgrade_required_by']) {
      expect(me).not.toHaveProperty(empty);
    }
  });

  it('leaves out fields whose permission the token lacks, silently', async () => {
    const g = graph();
    const { token } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[5].id, scopes: ['public_profile'], expiresIn: 3600, now: g.clock.now });
    const reply = await g.get('/v21.0/me', { fields: 'id,name,first_name,email,birthday,location,gender', access_token: token });
    expect(Object.keys(reply.json).sort()).toEqual(['first_name', 'id', 'name']);
  });

  it('shows another user of the app only public_profile fields; the app token sees what was granted', async () => {
    const g = graph();
    const other = await g.store.apps.scopedUser(g.world.app.id, g.world.people[1].id);
    const asUser = await g.get(`/v21.0/${other.asid}`, { fields: 'id,name,email,birthday', access_token: g.world.tokens.user });
    expect(Object.keys(asUser.json).sort()).toEqual(['id', 'name']);
    const asApp = await g.get(`/v21.0/${other.asid}`, { fields: 'id,name,email,birthday,hometown', access_token: g.world.tokens.app });
    expect(asApp.json.email).toBe(g.world.people[1].email);
    expect(asApp.json.birthday).toBe(g.world.people[1].birthday);
    expect(asApp.json.hometown).toBeUndefined(); // user_hometown was not granted to the app
  });

  it("does not resolve another app's id for a person (ids are app-scoped)", async () => {
    const g = graph();
    const inOther = await g.store.apps.scopedUser(g.world.otherApp.id, g.world.people[0].id);
    const reply = await g.get(`/v21.0/${inOther.asid}`, { access_token: g.world.tokens.user });
    expect(reply.json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('redirects /picture by default and answers JSON with redirect=false', async () => {
    const g = graph();
    const redirect = await g.get('/v21.0/me/picture', { access_token: g.world.tokens.user });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toMatch(/\/_graphd\/avatars\/.+\.svg\?size=50$/);
    const json = await g.get('/v21.0/me/picture', { redirect: 'false', type: 'large', access_token: g.world.tokens.user });
    expect(json.json).toEqual({ data: { url: expect.stringContaining('size=200'), width: 200, height: 200, is_silhouette: false } });
    const sized = await g.get('/v21.0/me', { fields: 'picture.width(120).height(120)', access_token: g.world.tokens.user });
    expect(sized.json.picture.data).toMatchObject({ width: 120, height: 120 });
    const svg = await g.request('GET', new URL(redirect.headers.location as string).pathname + '?size=50');
    expect(svg.status).toBe(200);
    expect(svg.body).toMatch(/^<svg /);
  });

  it('pages edges with opaque cursors and absolute next/previous URLs carrying the token', async () => {
    const g = graph();
    const first = await g.get('/v21.0/me/permissions', { limit: '3', access_token: g.world.tokens.user });
    expect(first.json.data).toHaveLength(3);
    expect(first.json.paging.previous).toBeUndefined();
    const next = new URL(first.json.paging.next);
    expect(next.searchParams.get('access_token')).toBe(g.world.tokens.user);
    expect(next.searchParams.get('limit')).toBe('3');
    const second = await g.request('GET', next.pathname + next.search);
    expect(second.json.data).toHaveLength(3);
    expect(second.json.data[0]).not.toEqual(first.json.data[0]);
    const back = new URL(second.json.paging.previous);
    const again = await g.request('GET', back.pathname + back.search);
    expect(again.json.data).toEqual(first.json.data);
    const all = await g.get('/v21.0/me/permissions', { limit: '100', summary: 'true', access_token: g.world.tokens.user });
    expect(all.json.summary).toEqual({ total_count: all.json.data.length });
    expect(all.json.paging.next).toBeUndefined();
    const tooMany = await g.get('/v21.0/me/permissions', { limit: '101', access_token: g.world.tokens.user });
    expect(tooMany.json.error.message).toBe("(#100) The 'limit' parameter should not exceed 100");
  });

  it('expands edges inside fields with modifiers, aliases and nested paging', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: 'name.as(full_name),permissions.limit(2){permission},ids_for_apps{app{name}}', access_token: g.world.tokens.user });
    expect(reply.json.full_name).toBeTypeOf('string');
    expect(reply.json.permissions.data).toHaveLength(2);
    expect(Object.keys(reply.json.permissions.data[0])).toEqual(['permission']);
    const next = new URL(reply.json.permissions.paging.next);
    expect(next.pathname).toMatch(/\/v21\.0\/\d+\/permissions$/);
    expect(next.searchParams.get('fields')).toBe('permission');
    expect(reply.json.ids_for_apps.data[0].app).toEqual({ name: expect.any(String), id: expect.any(String) });
  });

  it('lists page-scoped ids for the business pages', async () => {
    const g = graph();
    const psid = await g.store.pages.scopedId(g.world.page.id, g.world.people[0].id);
    const reply = await g.get('/v21.0/me/ids_for_pages', { access_token: g.world.tokens.user });
    expect(reply.json.data).toEqual([{ id: psid.psid, page: { id: g.world.page.id, name: 'Acme Outdoor' } }]);
  });

  it('filters ids_for_apps by app and ids_for_pages by page', async () => {
    const g = graph();
    const other = await g.store.apps.scopedUser(g.world.otherApp.id, g.world.people[0].id);
    const one = await g.get('/v21.0/me/ids_for_apps', { app: g.world.otherApp.id, access_token: g.world.tokens.user });
    expect(one.json.data).toEqual([{ id: other.asid, app: expect.objectContaining({ id: g.world.otherApp.id }) }]);
    const none = await g.get('/v21.0/me/ids_for_pages', { page: '1', access_token: g.world.tokens.user });
    expect(none.json).toEqual({ data: [] });
  });

  it('revokes one permission with DELETE /me/permissions?permission=', async () => {
    const g = graph();
    const { token } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[6].id, scopes: ['public_profile', 'email'], expiresIn: 3600, now: g.clock.now });
    const reply = await g.del('/v21.0/me/permissions', { permission: 'email', access_token: token });
    expect(reply.json).toEqual({ success: true });
    const me = await g.get('/v21.0/me', { fields: 'email', access_token: token });
    expect(me.status).toBe(200);
    expect(me.json.email).toBeUndefined();
  });
});

