import { expect, it } from 'vitest';
import type { AdAccountRow } from '../../src/store/types.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT, newPerson } from './fixtures.js';

describeEachStore('ad accounts', (open) => {
  const store = useStore(open);

  const account = (overrides: Partial<AdAccountRow> = {}) => ({
    name: 'Acme Ads',
    business_id: null,
    currency: 'EUR',
    timezone_name: 'Europe/Berlin',
    account_status: 1,
    ...overrides,
  });

  it('creates an ad account and reads it back', async () => {
    const business = await store().businesses.create({ name: 'Acme' });
    const input = account({ business_id: business.id, account_status: 2 });
    const created = await store().adAccounts.create({ ...input, created_time: 99 });
    expect(created).toEqual({ ...input, id: expect.stringMatching(ID_FORMAT), created_time: 99 });
    expect(await store().adAccounts.get(created.id)).toEqual(created);
    expect(await store().adAccounts.get('676767676767676')).toBeUndefined();
  });

  it('sets, replaces and reads a person’s role', async () => {
    const person = await store().people.create(newPerson());
    const created = await store().adAccounts.create(account());
    expect(await store().adAccounts.roleOf(created.id, person.id)).toBeUndefined();
    await store().adAccounts.setRole(created.id, person.id, 'ANALYST');
    await store().adAccounts.setRole(created.id, person.id, 'ADMIN');
    expect(await store().adAccounts.roleOf(created.id, person.id)).toEqual({
      ad_account_id: created.id,
      person_id: person.id,
      role: 'ADMIN',
    });
  });

  it('lists the accounts a person has a role on, oldest first', async () => {
    const person = await store().people.create(newPerson());
    const other = await store().people.create(newPerson());
    const late = await store().adAccounts.create({ ...account({ name: 'Late' }), created_time: 20 });
    const early = await store().adAccounts.create({ ...account({ name: 'Early' }), created_time: 10 });
    const theirs = await store().adAccounts.create(account({ name: 'Theirs' }));
    await store().adAccounts.setRole(late.id, person.id, 'ADVERTISER');
    await store().adAccounts.setRole(early.id, person.id, 'ADMIN');
    await store().adAccounts.setRole(theirs.id, other.id, 'ADMIN');
    expect(await store().adAccounts.listForPerson(person.id)).toEqual([early, late]);
    expect(await store().adAccounts.listForPerson('787878787878787')).toEqual([]);
  });
});
