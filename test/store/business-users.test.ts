import { expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT, newPerson } from './fixtures.js';

describeEachStore('business users and ad account assignments', (open) => {
  const store = useStore(open);

  async function world(s: Store) {
    const business = await s.businesses.create({ name: 'Acme' });
    const person = await s.people.create(newPerson());
    const account = await s.adAccounts.create({ name: 'Main', business_id: business.id, currency: 'USD', timezone_name: 'UTC', account_status: 1 });
    return { business, person, account };
  }

  const fields = { role: 'EMPLOYEE' as const, first_name: 'Ada', last_name: 'Lovelace', email: 'ada@acme.example', title: 'Analyst' };

  it('creates a business user as a BusinessUser node and finds it by id, person and business', async () => {
    const s = store();
    const { business, person } = await world(s);
    const user = await s.businessUsers.create({ ...fields, business_id: business.id, person_id: person.id, created_time: 1_700_000_000 });
    expect(user).toEqual({ ...fields, id: expect.stringMatching(ID_FORMAT), business_id: business.id, person_id: person.id, created_time: 1_700_000_000 });
    expect(await s.nodes.typeOf(user.id)).toBe('BusinessUser');
    expect(await s.businessUsers.get(user.id)).toEqual(user);
    expect(await s.businessUsers.findByPerson(business.id, person.id)).toEqual(user);
    expect(await s.businessUsers.listByBusiness(business.id)).toEqual([user]);
    expect(await s.businessUsers.get('121212121212121')).toBeUndefined();
    expect(await s.businessUsers.findByPerson(business.id, '121212121212121')).toBeUndefined();
  });

  it('keeps one business user per person and business', async () => {
    const s = store();
    const { business, person } = await world(s);
    await s.businessUsers.create({ ...fields, business_id: business.id, person_id: person.id });
    await expect(s.businessUsers.create({ ...fields, business_id: business.id, person_id: person.id })).rejects.toThrow();
  });

  it('assigns with the person’s role, replaces tasks, and unassigns taking the role away', async () => {
    const s = store();
    const { business, person, account } = await world(s);
    const user = await s.businessUsers.create({ ...fields, business_id: business.id, person_id: person.id });
    const row = { ad_account_id: account.id, user_id: user.id, user_type: 'BUSINESS_USER' as const, tasks: ['ADVERTISE', 'ANALYZE', 'DRAFT'], created_time: 10 };
    await s.businessUsers.assign(row, { personId: person.id, role: 'ADVERTISER' });
    expect(await s.businessUsers.assignment(account.id, user.id)).toEqual(row);
    expect((await s.adAccounts.roleOf(account.id, person.id))?.role).toBe('ADVERTISER');
    await s.businessUsers.assign({ ...row, tasks: ['ANALYZE', 'DRAFT'] }, { personId: person.id, role: 'ANALYST' });
    expect(await s.businessUsers.assignments(account.id)).toEqual([{ ...row, tasks: ['ANALYZE', 'DRAFT'] }]);
    expect((await s.adAccounts.roleOf(account.id, person.id))?.role).toBe('ANALYST');
    expect(await s.businessUsers.unassign(account.id, user.id, person.id)).toBe(true);
    expect(await s.businessUsers.assignment(account.id, user.id)).toBeUndefined();
    expect(await s.adAccounts.roleOf(account.id, person.id)).toBeUndefined();
    expect(await s.businessUsers.unassign(account.id, user.id, person.id)).toBe(false);
  });

  it('assigns system users without touching people’s roles, and lists assignments by user id', async () => {
    const s = store();
    const { business, person, account } = await world(s);
    const bot = await s.businesses.createSystemUser({ business_id: business.id, name: 'Bot', role: 'ADMIN' });
    const user = await s.businessUsers.create({ ...fields, business_id: business.id, person_id: person.id });
    await s.businessUsers.assign({ ad_account_id: account.id, user_id: bot.id, user_type: 'SYSTEM_USER', tasks: ['MANAGE'], created_time: 1 });
    await s.businessUsers.assign({ ad_account_id: account.id, user_id: user.id, user_type: 'BUSINESS_USER', tasks: ['DRAFT'], created_time: 2 });
    const ids = (await s.businessUsers.assignments(account.id)).map((row) => row.user_id);
    expect(ids).toEqual([bot.id, user.id].sort());
    expect(await s.adAccounts.roleOf(account.id, person.id)).toBeUndefined();
  });

  it('rolls the assignment back with the transaction that made it', async () => {
    const s = store();
    const { business, person, account } = await world(s);
    const user = await s.businessUsers.create({ ...fields, business_id: business.id, person_id: person.id });
    await expect(
      s.transaction(async (tx) => {
        await tx.businessUsers.assign({ ad_account_id: account.id, user_id: user.id, user_type: 'BUSINESS_USER', tasks: ['MANAGE'], created_time: 1 }, { personId: person.id, role: 'ADMIN' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await s.businessUsers.assignments(account.id)).toEqual([]);
    expect(await s.adAccounts.roleOf(account.id, person.id)).toBeUndefined();
  });

  it('drops business users with their person, and their assignments from the lists', async () => {
    const s = store();
    const { business, person, account } = await world(s);
    const user = await s.businessUsers.create({ ...fields, business_id: business.id, person_id: person.id });
    const bot = await s.businesses.createSystemUser({ business_id: business.id, name: 'Bot', role: 'ADMIN' });
    await s.businessUsers.assign({ ad_account_id: account.id, user_id: user.id, user_type: 'BUSINESS_USER', tasks: ['MANAGE'], created_time: 1 }, { personId: person.id, role: 'ADMIN' });
    await s.businessUsers.assign({ ad_account_id: account.id, user_id: bot.id, user_type: 'SYSTEM_USER', tasks: ['DRAFT'], created_time: 1 });
    await s.people.delete(person.id);
    expect(await s.businessUsers.get(user.id)).toBeUndefined();
    expect((await s.businessUsers.assignments(account.id)).map((row) => row.user_id)).toEqual([bot.id]);
  });
});
