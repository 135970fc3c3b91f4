import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { newApp, newPerson } from './fixtures.js';

describeEachStore('transactions', (open) => {
  const store = useStore(open);

  it('commits when fn resolves and returns its value', async () => {
    const result = await store().transaction(async (trx) => {
      const person = await trx.people.create(newPerson());
      const app = await trx.apps.create(newApp());
      await trx.apps.scopedUser(app.id, person.id);
      return { person, app };
    });
    expect(await store().people.get(result.person.id)).toEqual(result.person);
    expect(await store().nodes.typeOf(result.app.id)).toBe('Application');
    expect(await store().apps.findScopedUser(result.app.id, result.person.id)).toBeDefined();
  });

  it('rolls everything back when fn throws, node registrations included', async () => {
    const created: { personId?: string; appId?: string; asid?: string; businessId?: string } = {};
    await expect(
      store().transaction(async (trx) => {
        created.personId = (await trx.people.create(newPerson())).id;
        created.businessId = (await trx.businesses.create({ name: 'Gone' })).id;
        created.appId = (await trx.apps.create(newApp({ business_id: created.businessId }))).id;
        created.asid = (await trx.apps.scopedUser(created.appId, created.personId)).asid;
        await trx.settings.set('seeded', 'yes');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    expect(await store().people.get(created.personId!)).toBeUndefined();
    expect(await store().people.count()).toBe(0);
    expect(await store().apps.get(created.appId!)).toBeUndefined();
    expect(await store().businesses.get(created.businessId!)).toBeUndefined();
    for (const id of [created.appId!, created.asid!, created.businessId!]) expect(await store().nodes.typeOf(id)).toBeUndefined();
    expect(await store().settings.get('seeded')).toBeUndefined();
  });

  it('runs nested transaction calls in the same transaction', async () => {
    await expect(
      store().transaction(async (outer) => {
        await outer.transaction(async (inner) => {
          expect(inner).toBe(outer);
          await inner.settings.set('nested', '1');
        });
        expect(await outer.settings.get('nested')).toBe('1');
        throw new Error('undo both');
      }),
    ).rejects.toThrow('undo both');
    expect(await store().settings.get('nested')).toBeUndefined();
  });

  it('keeps the dialect and refuses to close from inside', async () => {
    await store().transaction(async (trx) => {
      expect(trx.dialect).toBe(store().dialect);
      await expect(trx.close()).rejects.toThrow(/transaction/);
    });
  });
});
