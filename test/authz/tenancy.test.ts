import { beforeAll, expect, it } from 'vitest';
import { sha256 } from '../helpers/audiences.js';
import { useGraph, type Reply } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';
import { loadAuthzWorld, type AuthzWorld } from './world.js';

/** Meta's answer for an object the caller may not see, as for one that does not exist. */
const hidden = (reply: Reply) => {
  expect(reply.status, reply.body).toBe(400);
  expect(reply.json.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
};

describeEachStore('Tenancy: nobody reads or writes what belongs to another ad account, app or person', (open) => {
  const graph = useGraph(open);
  let world: AuthzWorld;
  const bob = () => ({ access_token: world.tokens.bob });
  const alice = () => ({ access_token: world.tokens.alice });
  const membersOf = async (audience: string, token: string) => (await graph().get(`/v21.0/${audience}/sessions`, { access_token: token })).json;
  const payload = JSON.stringify({ schema: 'EMAIL_SHA256', data: [[sha256('alice.authz@example.com')]] });

  beforeAll(async () => {
    world = await loadAuthzWorld(graph());
  });

  it("hides X's audience, its sessions and its members from Bob, for reads and writes", async () => {
    const g = graph();
    const before = await membersOf(world.audience.x, world.tokens.alice);
    hidden(await g.get(`/v21.0/${world.audience.x}`, { ...bob(), fields: 'name,approximate_count_lower_bound' }));
    hidden(await g.get(`/v21.0/${world.audience.x}/sessions`, bob()));
    hidden(await g.post(`/v21.0/${world.audience.x}/users`, { ...bob(), payload }));
    hidden(await g.del(`/v21.0/${world.audience.x}/users`, { ...bob(), payload }));
    hidden(await g.post(`/v21.0/${world.audience.x}/usersreplace`, { ...bob(), payload, session: JSON.stringify({ session_id: 5, batch_seq: 1, last_batch_flag: true }) }));
    hidden(await g.post(`/v21.0/${world.audience.x}`, { ...bob(), name: 'taken over' }));
    hidden(await g.del(`/v21.0/${world.audience.x}`, bob()));
    hidden(await g.post(`/v21.0/${world.audience.x}/adaccounts`, { ...bob(), adaccounts: JSON.stringify([world.act.y.slice(4)]) }));
    hidden(await g.get(`/v21.0/${world.act.x}/customaudiences`, bob()));
    hidden(await g.del(`/v21.0/${world.act.x}/usersofanyaudience`, { ...bob(), payload }));
    expect(await membersOf(world.audience.x, world.tokens.alice)).toEqual(before);
    expect((await g.get(`/v21.0/${world.audience.x}`, { ...alice(), fields: 'name' })).json.name).toBe('Authz list');
  });

  it('keeps Alice out of Y the same way', async () => {
    const g = graph();
    hidden(await g.get(`/v21.0/${world.audience.y}`, alice()));
    hidden(await g.post(`/v21.0/${world.audience.y}/users`, { ...alice(), payload }));
    hidden(await g.get(`/v21.0/${world.act.y}/customaudiences`, alice()));
  });

  it('fails an ids= read whole when one of the ids is another tenant’s, and names nothing of it', async () => {
    const reply = await graph().get('/v21.0/', { ...bob(), ids: `${world.audience.y},${world.audience.x}`, fields: 'name' });
    hidden(reply);
    expect(reply.body).not.toContain('Authz list');
  });

  it("lists only Y's audiences however Bob filters his own account's list", async () => {
    const g = graph();
    for (const filtering of [
      [{ field: 'id', operator: 'IN', value: [world.audience.x] }],
      [{ field: 'id', operator: 'EQUAL', value: world.audience.x }],
      [{ field: 'name', operator: 'CONTAIN', value: 'Authz' }],
    ]) {
      const reply = await g.get(`/v21.0/${world.act.y}/customaudiences`, { ...bob(), fields: 'id,name', filtering: JSON.stringify(filtering) });
      expect(reply.status, reply.body).toBe(200);
      expect(reply.json.data.map((a: { id: string }) => a.id)).not.toContain(world.audience.x);
    }
  });

  it('refuses each batch operation that targets X, and answers the ones on Y', async () => {
    const batch = JSON.stringify([
      { method: 'GET', relative_url: `${world.audience.x}?fields=name` },
      { method: 'POST', relative_url: `${world.audience.x}/users`, body: `payload=${encodeURIComponent(payload)}` },
      { method: 'GET', relative_url: `${world.act.x}/customaudiences` },
      { method: 'GET', relative_url: `${world.audience.y}?fields=name` },
    ]);
    const reply = await graph().post('/v21.0/', { ...bob(), batch });
    expect(reply.status, reply.body).toBe(200);
    const codes = reply.json.map((item: { code: number; body: string }) => [item.code, JSON.parse(item.body).error?.error_subcode ?? 'ok']);
    expect(codes).toEqual([[400, 33], [400, 33], [400, 33], [200, 'ok']]);
  });

  it("resolves an app-scoped id only in its own app: another app's token cannot read the person", async () => {
    const g = graph();
    hidden(await g.get(`/v21.0/${world.asid.aliceGuarded}`, alice()));
    hidden(await g.get(`/v21.0/${world.asid.aliceGuarded}`, bob()));
    hidden(await g.get(`/v21.0/${world.asid.alice}`, { access_token: world.tokens.other_app }));
    // The person's own id never leaves graphd: not as an id, not in a field.
    const me = await g.get('/v21.0/me', { ...alice(), fields: 'id,name,email,token_for_business' });
    expect(me.body).not.toContain(world.personIds.alice);
  });

  it("shows Bob only Alice's public profile through the shared app", async () => {
    const reply = await graph().get(`/v21.0/${world.asid.alice}`, { ...bob(), fields: 'id,name,email' });
    expect(reply.status, reply.body).toBe(200);
    expect(reply.json).toEqual({ id: world.asid.alice, name: 'Alice Authz' });
  });
});
