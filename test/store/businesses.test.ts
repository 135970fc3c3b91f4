import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT } from './fixtures.js';

describeEachStore('businesses', (open) => {
  const store = useStore(open);

  it('creates and reads a business', async () => {
    const business = await store().businesses.create({ name: 'Acme', created_time: 1_600_000_000 });
    expect(business).toEqual({ id: expect.stringMatching(ID_FORMAT), name: 'Acme', created_time: 1_600_000_000 });
    expect(await store().businesses.get(business.id)).toEqual(business);
  });

  it('stamps created_time with now when not given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const business = await store().businesses.create({ name: 'Acme' });
    expect(business.created_time).toBeGreaterThanOrEqual(before);
    expect(business.created_time).toBeLessThanOrEqual(before + 5);
    expect(Number.isInteger(business.created_time)).toBe(true);
  });

  it('creates and reads a system user of a business', async () => {
    const business = await store().businesses.create({ name: 'Acme' });
    const user = await store().businesses.createSystemUser({ business_id: business.id, name: 'Sync bot', role: 'EMPLOYEE' });
    expect(user).toMatchObject({ business_id: business.id, name: 'Sync bot', role: 'EMPLOYEE' });
    expect(user.id).toMatch(ID_FORMAT);
    expect(await store().businesses.getSystemUser(user.id)).toEqual(user);
  });

  it('refuses a system user of an unknown business', async () => {
    await expect(
      store().businesses.createSystemUser({ business_id: '999999999999999', name: 'Orphan', role: 'ADMIN' }),
    ).rejects.toThrow();
  });

  it('returns undefined for unknown ids', async () => {
    expect(await store().businesses.get('111111111111111')).toBeUndefined();
    expect(await store().businesses.getSystemUser('111111111111111')).toBeUndefined();
  });
});
