import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT, appAndPerson, newApp, newPerson } from './fixtures.js';

describeEachStore('apps', (open) => {
  const store = useStore(open);

  it('creates an app with a fresh id and reads it back, flags included', async () => {
    const business = await store().businesses.create({ name: 'Acme' });
    const input = newApp({ business_id: business.id, namespace: 'acme_sync', require_appsecret_proof: true });
    const app = await store().apps.create({ ...input, created_time: 1_600_000_000 });
    expect(app).toEqual({ ...input, id: expect.stringMatching(ID_FORMAT), created_time: 1_600_000_000 });
    expect(await store().apps.get(app.id)).toEqual(app);
    expect(await store().apps.get('424242424242424')).toBeUndefined();
  });

  it('creates an app with an explicit id, and refuses an id already in use', async () => {
    const app = await store().apps.create(newApp({ id: '5550001112223334' }));
    expect(app.id).toBe('5550001112223334');
    await expect(store().apps.create(newApp({ id: '5550001112223334', name: 'Again' }))).rejects.toThrow(/in use/);
    const business = await store().businesses.create({ name: 'Acme' });
    await expect(store().apps.create(newApp({ id: business.id }))).rejects.toThrow(/in use/);
    expect(await store().apps.get(business.id)).toBeUndefined();
    expect(await store().nodes.typeOf(business.id)).toBe('Business');
  });

  it('updates the named fields only', async () => {
    const app = await store().apps.create(newApp());
    await store().apps.update(app.id, { name: 'Renamed', require_appsecret_proof: true, category: null });
    await store().apps.update(app.id, {});
    expect(await store().apps.get(app.id)).toEqual({
      ...app,
      name: 'Renamed',
      require_appsecret_proof: true,
      category: null,
    });
  });

  it('lists the apps of a business, oldest first', async () => {
    const business = await store().businesses.create({ name: 'Acme' });
    const other = await store().businesses.create({ name: 'Other' });
    const late = await store().apps.create({ ...newApp({ business_id: business.id }), created_time: 2_000 });
    const early = await store().apps.create({ ...newApp({ business_id: business.id }), created_time: 1_000 });
    await store().apps.create(newApp({ business_id: other.id }));
    await store().apps.create(newApp());
    expect(await store().apps.listByBusiness(business.id)).toEqual([early, late]);
    expect(await store().apps.listByBusiness('777777777777777')).toEqual([]);
  });

  it('gives a person one ASID per app, the same every time', async () => {
    const { app, person } = await appAndPerson(store());
    const first = await store().apps.scopedUser(app.id, person.id);
    expect(first).toEqual({
      app_id: app.id,
      person_id: person.id,
      asid: expect.stringMatching(ID_FORMAT),
      installed: false,
      created_time: expect.any(Number),
    });
    expect(await store().apps.scopedUser(app.id, person.id)).toEqual(first);
    expect(await store().apps.findScopedUser(app.id, person.id)).toEqual(first);
    expect(await store().apps.byAsid(first.asid)).toEqual(first);
    expect(first.asid).not.toBe(person.id);
  });

  it('gives the same person different ASIDs in different apps', async () => {
    const { app, person } = await appAndPerson(store());
    const otherApp = await store().apps.create(newApp({ name: 'Other' }));
    const here = await store().apps.scopedUser(app.id, person.id);
    const there = await store().apps.scopedUser(otherApp.id, person.id);
    expect(here.asid).not.toBe(there.asid);
    const all = await store().apps.scopedUsersOfPerson(person.id);
    expect(all.map((row) => row.asid).sort()).toEqual([here.asid, there.asid].sort());
    const order = all.map((row) => [row.created_time, row.asid] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)));
    expect(await store().apps.scopedUsersOfPerson('123123123123123')).toEqual([]);
  });

  it('hands out one ASID to concurrent first requests', async () => {
    const { app, person } = await appAndPerson(store());
    const rows = await Promise.all(Array.from({ length: 6 }, () => store().apps.scopedUser(app.id, person.id)));
    expect(new Set(rows.map((row) => row.asid)).size).toBe(1);
  });

  it('records installs through scopedUser and setInstalled', async () => {
    const { app, person } = await appAndPerson(store());
    expect((await store().apps.scopedUser(app.id, person.id, true)).installed).toBe(true);
    expect((await store().apps.scopedUser(app.id, person.id)).installed).toBe(true);
    await store().apps.setInstalled(app.id, person.id, false);
    expect((await store().apps.findScopedUser(app.id, person.id))!.installed).toBe(false);
    const reinstalled = await store().apps.scopedUser(app.id, person.id, true);
    expect(reinstalled.installed).toBe(true);
    expect((await store().apps.byAsid(reinstalled.asid))!.installed).toBe(true);
  });

  it('finds no scoped user before the first request', async () => {
    const { app, person } = await appAndPerson(store());
    expect(await store().apps.findScopedUser(app.id, person.id)).toBeUndefined();
    expect(await store().apps.byAsid('121212121212121')).toBeUndefined();
  });

  it('sets, overwrites, lists and deletes grants per app and person', async () => {
    const { app, person } = await appAndPerson(store());
    const other = await store().people.create(newPerson());
    await store().apps.setGrant(app.id, person.id, 'public_profile', 'granted');
    await store().apps.setGrant(app.id, person.id, 'email', 'declined');
    await store().apps.setGrant(app.id, person.id, 'email', 'granted');
    await store().apps.setGrant(app.id, other.id, 'user_likes', 'expired');
    expect(await store().apps.grants(app.id, person.id)).toEqual([
      { app_id: app.id, person_id: person.id, permission: 'email', status: 'granted' },
      { app_id: app.id, person_id: person.id, permission: 'public_profile', status: 'granted' },
    ]);
    await store().apps.deleteGrants(app.id, person.id);
    expect(await store().apps.grants(app.id, person.id)).toEqual([]);
    expect(await store().apps.grants(app.id, other.id)).toHaveLength(1);
  });
});
