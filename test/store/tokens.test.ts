import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { appAndPerson, newApp, newPerson, newToken } from './fixtures.js';

describeEachStore('tokens', (open) => {
  const store = useStore(open);

  it('stores a token and finds it by hash, scopes and flags intact', async () => {
    const { app, person } = await appAndPerson(store());
    const token = newToken(app, person.id, { long_lived: true, scopes: ['email', 'ads_management'] });
    await store().tokens.insert(token);
    expect(await store().tokens.find(token.hash)).toEqual(token);
    expect(await store().tokens.find('no-such-hash')).toBeUndefined();
  });

  it('stores app, page and system-user tokens', async () => {
    const app = await store().apps.create(newApp());
    const business = await store().businesses.create({ name: 'Acme' });
    const systemUser = await store().businesses.createSystemUser({ business_id: business.id, name: 'Bot', role: 'ADMIN' });
    const page = await store().pages.create({ name: 'P', category: 'Brand', business_id: null });
    const appToken = newToken(app, null, { kind: 'APP', scopes: [], expires_at: 0 });
    const pageToken = newToken(app, null, { kind: 'PAGE', page_id: page.id });
    const systemToken = newToken(app, null, { kind: 'SYSTEM_USER', system_user_id: systemUser.id, invalidated: 'checkpointed' });
    for (const token of [appToken, pageToken, systemToken]) {
      await store().tokens.insert(token);
      expect(await store().tokens.find(token.hash)).toEqual(token);
    }
  });

  it('refuses a second token with the same hash', async () => {
    const { app, person } = await appAndPerson(store());
    const token = newToken(app, person.id);
    await store().tokens.insert(token);
    await expect(store().tokens.insert({ ...token, scopes: [] })).rejects.toThrow();
    expect(await store().tokens.find(token.hash)).toEqual(token);
  });

  it('invalidates every valid token of one app and person, counting them', async () => {
    const { app, person } = await appAndPerson(store());
    const otherPerson = await store().people.create(newPerson());
    const otherApp = await store().apps.create(newApp());
    const mine = [newToken(app, person.id), newToken(app, person.id, { long_lived: true })];
    const stale = newToken(app, person.id, { invalidated: 'password_changed' });
    const untouched = [newToken(app, otherPerson.id), newToken(otherApp, person.id)];
    for (const token of [...mine, stale, ...untouched]) await store().tokens.insert(token);

    expect(await store().tokens.invalidateFor(app.id, person.id, 'logged_out')).toBe(2);
    for (const token of mine) expect((await store().tokens.find(token.hash))!.invalidated).toBe('logged_out');
    expect((await store().tokens.find(stale.hash))!.invalidated).toBe('password_changed');
    for (const token of untouched) expect((await store().tokens.find(token.hash))!.invalidated).toBeNull();

    expect(await store().tokens.invalidateFor(app.id, person.id, 'deauthorized')).toBe(0);
  });
});
