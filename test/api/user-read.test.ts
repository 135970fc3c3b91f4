import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph } from '../helpers/graph.js';

describeEachStore('User node, read side', (open) => {
  const graph = useGraph(open);

  it('answers /me with the default fields name and id', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { access_token: g.world.tokens.user });
    expect(reply.status).toBe(200);
    const developer = g.world.people[0];
    expect(Object.keys(reply.json)).toEqual(['name', 'id']);
    expect(reply.json.name).toBe(`${[developer.first_name, developer.middle_name, developer.last_name].filter(Boolean).join(' ')}`);
    expect(reply.json.id).toMatch(/^\d{15,17}$/);
  });

  it('returns requested fields in order, id appended when not asked for', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: 'email,first_name', access_token: g.world.tokens.user });
    expect(Object.keys(reply.json)).toEqual(['email', 'first_name', 'id']);
    expect(reply.json.email).toBe(g.world.people[0].email);
  });

  it('gives each app its own id for the same person, and one token_for_business', async () => {
    const g = graph();
    const inApp = await g.store.apps.scopedUser(g.world.app.id, g.world.people[0].id);
    const inOther = await g.store.apps.scopedUser(g.world.otherApp.id, g.world.people[0].id);
    expect(inApp.asid).not.toBe(inOther.asid);
    const me = await g.get('/v21.0/me', { fields: 'id,token_for_business', access_token: g.world.tokens.user });
    expect(me.json.id).toBe(inApp.asid);
    const ids = await g.get('/v21.0/me/ids_for_apps', { access_token: g.world.tokens.user });
    expect(ids.status).toBe(200);
    expect(ids.json.data.map((d: any) => d.id).sort()).toEqual([inApp.asid, inOther.asid].sort());
    expect(ids.json.data.find((d: any) => d.id === inOther.asid).app).toMatchObject({ id: g.world.otherApp.id, name: 'Acme Mobile' });
    expect(me.json.token_for_business).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('rejects an unknown field with Meta\'s exact error', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: 'id,foo', access_token: g.world.tokens.user });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({
      message: '(#100) Tried accessing nonexisting field (foo) on node type (User)',
      type: 'OAuthException',
      code: 100,
    });
    expect(reply.json.error.fbtrace_id).toBe(reply.headers['x-fb-request-id']);
  });

  it('returns no data for the fields Meta emptied in 2018, and (#12) for third_party_id', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: 'about,religion,website,political,relationship_status', access_token: g.world.tokens.user });
    expect(reply.json).toEqual({ id: expect.any(String) });
    const third = await g.get('/v21.0/me', { fields: 'third_party_id', access_token: g.world.tokens.user });
    expect(third.json.error.code).toBe(12);
  });

  it('answers /me without a user token with 2500', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { access_token: g.world.tokens.app });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({ code: 2500, message: 'An active access token must be used to query information about the current user.' });
  });
});
