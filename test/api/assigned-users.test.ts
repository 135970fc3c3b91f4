/**
 * GET, POST and DELETE /act_{id}/assigned_users: business users and system users of the
 * owning business, tasks unpacked, the person's role on the account following the
 * assignment (so audience access follows too), 100 / 3919 / 368 and (#200) errors.
 */
import { expect, it } from 'vitest';
import { issueToken } from '../../src/identity/issue-token.js';
import type { BusinessUserRow } from '../../src/store/business-user-types.js';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph, type Harness } from '../helpers/graph.js';

const manage = ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'];

describeEachStore('Ad accounts: /act_{id}/assigned_users', (open) => {
  const graph = useGraph(open);
  const path = () => `/v21.0/act_${graph().world.adAccount.id}/assigned_users`;
  const admin = () => graph().world.tokens.user;

  /** The demo business's users: [developer (ADMIN), employee of people[1], employee of people[2]]. */
  const businessUsers = async (g: Harness): Promise<BusinessUserRow[]> =>
    Promise.all([0, 1, 2].map(async (index) => (await g.store.businessUsers.findByPerson(g.world.business.id, g.world.people[index].id))!));
  const systemUserId = async (g: Harness) => (await g.get('/v21.0/me', { access_token: g.world.tokens.systemUser })).json.id as string;
  const list = async (g: Harness, query: Record<string, string> = {}) =>
    (await g.get(path(), { business: g.world.business.id, access_token: admin(), ...query })).json;
  const personToken = async (g: Harness, index: number, scopes = ['ads_management', 'ads_read', 'business_management']) =>
    (await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[index].id, scopes, expiresIn: 0, now: g.clock.now })).token;

  it('seeds the developer as ADMIN business user and two employees; the developer and the system user manage the account', async () => {
    const g = graph();
    const users = await businessUsers(g);
    expect(await g.store.businessUsers.listByBusiness(g.world.business.id)).toHaveLength(3);
    expect(users.map((user) => [user.person_id, user.role])).toEqual([
      [g.world.people[0].id, 'ADMIN'],
      [g.world.people[1].id, 'EMPLOYEE'],
      [g.world.people[2].id, 'EMPLOYEE'],
    ]);
    const reply = await g.get(path(), { business: g.world.business.id, access_token: admin() });
    expect(reply.status).toBe(200);
    const developer = users[0];
    const bot = await systemUserId(g);
    expect(reply.json.data).toEqual(
      [
        { id: developer.id, name: `${g.world.people[0].first_name} ${g.world.people[0].last_name}`, user_type: 'BUSINESS_USER', tasks: manage },
        { id: bot, name: 'Acme Sync Bot', user_type: 'SYSTEM_USER', tasks: manage },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const fields = await list(g, { fields: 'id,permitted_tasks,business{name}' });
    expect(fields.data[0]).toEqual({ id: expect.any(String), permitted_tasks: ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT', 'AA_ANALYZE'], business: { name: 'Acme Outdoor Co.', id: g.world.business.id } });
    const summary = await list(g, { summary: 'true', limit: '1' });
    expect(summary.data).toHaveLength(1);
    expect(summary.summary).toEqual({ total_count: 2 });
    expect(summary.paging.next).toContain('business=');
  });

  it('wants the owning business on GET', async () => {
    const g = graph();
    const missing = await g.get(path(), { access_token: admin() });
    expect(missing.json.error).toMatchObject({ code: 100, message: '(#100) The parameter business is required' });
    const other = await g.store.businesses.create({ name: 'Other Co' });
    const wrong = await g.get(path(), { business: other.id, access_token: admin() });
    expect(wrong.json.error).toMatchObject({ code: 100, message: '(#100) Param business must be the id of the business that owns the ad account' });
  });

  it('assigns an employee with unpacked tasks, giving the person the role and audience access, and removes them', async () => {
    const g = graph();
    const employee = (await businessUsers(g))[1];
    const person = g.world.people[1];
    const token = await personToken(g, 1);
    const audiences = `/v21.0/act_${g.world.adAccount.id}/customaudiences`;
    expect((await g.get(audiences, { access_token: token })).json.error).toMatchObject({ code: 100, error_subcode: 33 });

    const post = await g.post(path(), { user: employee.id, tasks: JSON.stringify(['ADVERTISE']), access_token: admin() });
    expect(post.status).toBe(200);
    expect(post.json).toEqual({ success: true });
    const item = (await list(g)).data.find((user: { id: string }) => user.id === employee.id);
    expect(item).toEqual({ id: employee.id, name: `${employee.first_name} ${employee.last_name}`, user_type: 'BUSINESS_USER', tasks: ['ADVERTISE', 'ANALYZE', 'DRAFT'] });
    expect((await g.store.adAccounts.roleOf(g.world.adAccount.id, person.id))?.role).toBe('ADVERTISER');
    expect((await g.get(audiences, { access_token: token })).status).toBe(200);

    // Re-assigning replaces the tasks, and the role with them.
    await g.post(path(), { user: employee.id, tasks: 'ANALYZE,AA_ANALYZE', access_token: admin() });
    expect((await list(g)).data.find((user: { id: string }) => user.id === employee.id).tasks).toEqual(['ANALYZE', 'DRAFT', 'AA_ANALYZE']);
    expect((await g.store.adAccounts.roleOf(g.world.adAccount.id, person.id))?.role).toBe('ANALYST');

    const del = await g.del(path(), { user: employee.id, access_token: admin() });
    expect(del.json).toEqual({ success: true });
    expect((await list(g)).data.map((user: { id: string }) => user.id)).not.toContain(employee.id);
    expect(await g.store.adAccounts.roleOf(g.world.adAccount.id, person.id)).toBeUndefined();
    expect((await g.get(audiences, { access_token: token })).json.error).toMatchObject({ code: 100, error_subcode: 33 });
    // Removing someone who is not assigned succeeds.
    expect((await g.del(path(), { user: employee.id, access_token: admin() })).json).toEqual({ success: true });
  });

  it('gives a new assignment without tasks ANALYZE, keeps an existing one’s tasks, and reads the account back with fields', async () => {
    const g = graph();
    const employee = (await businessUsers(g))[2];
    const reply = await g.post(path(), { user: employee.id, fields: 'name', access_token: admin() });
    expect(reply.json).toEqual({ success: true, name: 'Acme Outdoor - Main', id: `act_${g.world.adAccount.id}` });
    const tasksOf = async () => (await list(g)).data.find((user: { id: string }) => user.id === employee.id)?.tasks;
    expect(await tasksOf()).toEqual(['ANALYZE', 'DRAFT']);
    expect((await g.store.adAccounts.roleOf(g.world.adAccount.id, g.world.people[2].id))?.role).toBe('ANALYST');
    await g.post(path(), { user: employee.id, tasks: 'MANAGE', access_token: admin() });
    await g.post(path(), { user: employee.id, access_token: admin() });
    expect(await tasksOf()).toEqual(manage);
    expect((await g.store.adAccounts.roleOf(g.world.adAccount.id, g.world.people[2].id))?.role).toBe('ADMIN');
    await g.del(path(), { user: employee.id, access_token: admin() });
  });

  it('lets an ADMIN system user and a person with ADMIN on the account assign, with business_management', async () => {
    const g = graph();
    const [, first, second] = await businessUsers(g);
    const bySystemUser = await g.post(path(), { user: first.id, tasks: 'MANAGE', access_token: g.world.tokens.systemUser });
    expect(bySystemUser.json).toEqual({ success: true });
    // people[1] is an EMPLOYEE of the business but now ADMIN on the account.
    const employeeAdmin = await personToken(g, 1);
    expect((await g.post(path(), { user: second.id, tasks: 'DRAFT', access_token: employeeAdmin })).json).toEqual({ success: true });
    expect((await g.del(path(), { user: second.id, access_token: employeeAdmin })).json).toEqual({ success: true });
    expect((await g.del(path(), { user: first.id, access_token: g.world.tokens.systemUser })).json).toEqual({ success: true });
  });

  it('answers (#200) to callers without admin rights on the business or account', async () => {
    const g = graph();
    const [, first, second] = await businessUsers(g);
    await g.post(path(), { user: first.id, tasks: 'ADVERTISE', access_token: admin() });
    try {
      const advertiser = await personToken(g, 1);
      const employeeBot = await g.store.businesses.createSystemUser({ business_id: g.world.business.id, name: 'Reader Bot', role: 'EMPLOYEE' });
      const botToken = (await issueToken(g.store, { kind: 'SYSTEM_USER', appId: g.world.app.id, systemUserId: employeeBot.id, scopes: ['business_management'], expiresIn: 0, now: g.clock.now })).token;
      for (const access_token of [advertiser, botToken, g.world.tokens.app]) {
        for (const reply of [await g.post(path(), { user: second.id, access_token }), await g.del(path(), { user: first.id, access_token })]) {
          expect(reply.status).toBe(403);
          expect(reply.json.error).toMatchObject({ code: 200, type: 'OAuthException', message: '(#200) Permissions error' });
        }
      }
      // Even the developer needs business_management on the token.
      const noScope = await personToken(g, 0, ['ads_management']);
      const scoped = await g.post(path(), { user: second.id, access_token: noScope });
      expect(scoped.json.error).toMatchObject({ code: 200, message: '(#200) Requires business_management permission to manage the object' });
      // Someone with no role at all does not even see the account.
      const outsider = await personToken(g, 2);
      expect((await g.post(path(), { user: second.id, access_token: outsider })).json.error).toMatchObject({ code: 100, error_subcode: 33 });
      // Reading the list needs only to see the account.
      expect((await g.get(path(), { business: g.world.business.id, access_token: advertiser })).status).toBe(200);
    } finally {
      await g.del(path(), { user: first.id, access_token: admin() });
    }
  });

  it('answers 100 for ids that are not business or system users, and for bad tasks', async () => {
    const g = graph();
    const [, first] = await businessUsers(g);
    const missing = await g.post(path(), { tasks: 'MANAGE', access_token: admin() });
    expect(missing.json.error).toMatchObject({ code: 100, message: '(#100) The parameter user is required' });
    expect((await g.del(path(), { access_token: admin() })).json.error.message).toBe('(#100) The parameter user is required');
    const asid = (await g.store.apps.scopedUser(g.world.app.id, g.world.people[1].id)).asid;
    for (const user of ['999999999999999', g.world.page.id, g.world.business.id, asid]) {
      for (const reply of [await g.post(path(), { user, access_token: admin() }), await g.del(path(), { user, access_token: admin() })]) {
        expect(reply.status).toBe(400);
        expect(reply.json.error).toMatchObject({ code: 100, message: '(#100) Param user must be the id of a business user or system user' });
      }
    }
    expect((await g.post(path(), { user: 'someone', access_token: admin() })).json.error).toMatchObject({ code: 100, message: '(#100) Param user must be an integer' });
    const badTask = await g.post(path(), { user: first.id, tasks: 'MANAGE,OWN', access_token: admin() });
    expect(badTask.json.error).toMatchObject({ code: 100, message: '(#100) Param tasks[1] must be one of {MANAGE, ADVERTISE, ANALYZE, DRAFT, AA_ANALYZE}' });
    const empty = await g.post(path(), { user: first.id, tasks: '[]', access_token: admin() });
    expect(empty.json.error).toMatchObject({ code: 100, message: '(#100) Param tasks must be a non-empty list of tasks' });
    expect(await g.store.businessUsers.assignment(g.world.adAccount.id, first.id)).toBeUndefined();
  });

  it('answers 3919 for users of another business', async () => {
    const g = graph();
    const other = await g.store.businesses.create({ name: 'Other Co' });
    const stranger = await g.store.businessUsers.create({ business_id: other.id, person_id: g.world.people[3].id, role: 'ADMIN', first_name: 'S', last_name: 'T', email: null, title: null });
    const bot = await g.store.businesses.createSystemUser({ business_id: other.id, name: 'Other Bot', role: 'ADMIN' });
    for (const user of [stranger.id, bot.id]) {
      for (const reply of [await g.post(path(), { user, tasks: 'ANALYZE', access_token: admin() }), await g.del(path(), { user, access_token: admin() })]) {
        expect(reply.status).toBe(400);
        expect(reply.json.error).toMatchObject({ code: 3919, type: 'OAuthException', message: '(#3919) There was an unexpected technical issue. Please try again.' });
      }
    }
    expect(await g.store.adAccounts.roleOf(g.world.adAccount.id, g.world.people[3].id)).toBeUndefined();
  });

  it('answers 368 when the change would leave the account with nobody holding MANAGE', async () => {
    const g = graph();
    const developer = (await businessUsers(g))[0];
    const bot = await systemUserId(g);
    expect((await g.del(path(), { user: bot, access_token: admin() })).json).toEqual({ success: true });
    try {
      const remove = await g.del(path(), { user: developer.id, access_token: admin() });
      expect(remove.status).toBe(403);
      expect(remove.json.error).toMatchObject({ code: 368, message: '(#368) The action attempted has been deemed abusive or is otherwise disallowed' });
      const downgrade = await g.post(path(), { user: developer.id, tasks: 'ADVERTISE', access_token: admin() });
      expect(downgrade.json.error).toMatchObject({ code: 368 });
      expect((await g.store.adAccounts.roleOf(g.world.adAccount.id, g.world.people[0].id))?.role).toBe('ADMIN');
      expect((await list(g)).data).toEqual([expect.objectContaining({ id: developer.id, tasks: manage })]);
    } finally {
      expect((await g.post(path(), { user: bot, tasks: 'MANAGE', access_token: admin() })).json).toEqual({ success: true });
    }
    // With a second manager, the developer may step down to ADVERTISE and back.
    expect((await g.post(path(), { user: developer.id, tasks: 'ADVERTISE', access_token: g.world.tokens.systemUser })).json).toEqual({ success: true });
    expect((await g.store.adAccounts.roleOf(g.world.adAccount.id, g.world.people[0].id))?.role).toBe('ADVERTISER');
    expect((await g.post(path(), { user: developer.id, tasks: 'MANAGE', access_token: g.world.tokens.systemUser })).json).toEqual({ success: true });
  });

  it('reads a business user node as its business sees it', async () => {
    const g = graph();
    const [developer, employee] = await businessUsers(g);
    const reply = await g.get(`/v21.0/${employee.id}`, { fields: 'id,name,role,email,business', access_token: admin() });
    expect(reply.json).toEqual({ id: employee.id, name: `${employee.first_name} ${employee.last_name}`, role: 'EMPLOYEE', email: g.world.people[1].email, business: { name: 'Acme Outdoor Co.', id: g.world.business.id } });
    expect((await g.get(`/v21.0/${developer.id}`, { access_token: g.world.tokens.systemUser })).json).toEqual({ name: developer.first_name + ' ' + developer.last_name, id: developer.id });
    const outsider = await personToken(g, 5);
    expect((await g.get(`/v21.0/${developer.id}`, { access_token: outsider })).json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
