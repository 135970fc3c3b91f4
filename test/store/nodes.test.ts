import { expect, it } from 'vitest';
import type { NodeType } from '../../src/store/types.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT, appAndPerson, newApp } from './fixtures.js';

describeEachStore('nodes', (open) => {
  const store = useStore(open);

  it('allocates unique Meta-like ids and registers their type', async () => {
    const types: NodeType[] = ['User', 'Application', 'Page', 'Business', 'AdAccount', 'SystemUser'];
    const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => store().nodes.allocate(types[i % 6])));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(ID_FORMAT);
      expect(await store().nodes.typeOf(id)).toBe(types[i % 6]);
    }
  });

  it('resolves the type of every kind of node the store creates', async () => {
    const s = store();
    const business = await s.businesses.create({ name: 'Acme' });
    const systemUser = await s.businesses.createSystemUser({ business_id: business.id, name: 'Bot', role: 'ADMIN' });
    const { app, person } = await appAndPerson(s);
    const page = await s.pages.create({ name: 'Acme Page', category: 'Brand', business_id: business.id });
    const adAccount = await s.adAccounts.create({
      name: 'Acme Ads',
      business_id: business.id,
      currency: 'USD',
      timezone_name: 'America/Los_Angeles',
      account_status: 1,
    });
    const asid = (await s.apps.scopedUser(app.id, person.id)).asid;
    const psid = (await s.pages.scopedId(page.id, person.id)).psid;

    expect(await s.nodes.typeOf(business.id)).toBe('Business');
    expect(await s.nodes.typeOf(systemUser.id)).toBe('SystemUser');
    expect(await s.nodes.typeOf(app.id)).toBe('Application');
    expect(await s.nodes.typeOf(page.id)).toBe('Page');
    expect(await s.nodes.typeOf(adAccount.id)).toBe('AdAccount');
    expect(await s.nodes.typeOf(asid)).toBe('User');
    expect(await s.nodes.typeOf(psid)).toBe('User');
    for (const id of [business.id, systemUser.id, app.id, page.id, adAccount.id, asid, psid]) expect(id).toMatch(ID_FORMAT);
  });

  it('does not register people: their ids never leave graphd', async () => {
    const { person } = await appAndPerson(store());
    expect(person.id).toMatch(ID_FORMAT);
    expect(await store().nodes.typeOf(person.id)).toBeUndefined();
  });

  it('knows nothing of unknown ids', async () => {
    expect(await store().nodes.typeOf('123456789012345')).toBeUndefined();
    expect(await store().nodes.typeOf('not-an-id')).toBeUndefined();
  });

  it('registers an app created with an explicit id', async () => {
    await store().apps.create(newApp({ id: '1234567890123456' }));
    expect(await store().nodes.typeOf('1234567890123456')).toBe('Application');
  });
});
