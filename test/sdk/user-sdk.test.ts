/**
 * Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged, against graphd on a real
 * loopback port (through test/helpers/sdk.ts, as node-business-sdk.test.ts): User.update(),
 * Application.createAccount() / getAccounts() / deleteAccounts() and User.delete() on test users.
 */
import { expect, it } from 'vitest';
import { issueToken } from '../../src/identity/issue-token.js';
import { startTime } from '../helpers/graph.js';
import { rejection, sdkApi, sdkExports, useLiveGraph, type SdkCursor, type SdkNodeClass, type SdkObject } from '../helpers/sdk.js';
import { describeEachStore } from '../helpers/stores.js';

/** The slice of the SDK this file uses beyond the shared one. */
interface SdkUser extends SdkObject {
  update(fields: string[], params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  delete(fields: string[], params?: Record<string, unknown>): Promise<Record<string, unknown>>;
}
interface SdkApplication extends SdkObject {
  createAccount(fields: string[], params?: Record<string, unknown>): Promise<SdkObject>;
  getAccounts(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
  deleteAccounts(params?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

const { User, Application } = sdkExports<{ User: SdkNodeClass<SdkUser>; Application: SdkNodeClass<SdkApplication> }>();

describeEachStore('facebook-nodejs-business-sdk: User updates and test users against graphd', (open) => {
  const graph = useLiveGraph(open);

  it('updates the person through User.update() and reads the change back', async () => {
    const g = graph();
    const { token } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[1].id, scopes: ['public_profile'], expiresIn: 3600, now: startTime });
    const api = sdkApi(token);
    const answer = await new User('me', {}, undefined, api).update([], { firstname: 'Sdkfirst', lastname: 'Sdklast', local_news_subscription_status: 'STATUS_ON' });
    expect(answer).toEqual({ success: true });
    const me = await new User('me', {}, undefined, api).read(['first_name', 'last_name', 'local_news_subscription_status']);
    expect(me._data).toMatchObject({ first_name: 'Sdkfirst', last_name: 'Sdklast', local_news_subscription_status: true });

    const error = await rejection(new User('me', {}, undefined, api).update([], { password: 'secret123' }));
    expect(error.name).toBe('FacebookRequestError');
    expect(error.response).toMatchObject({ code: 100, message: '(#100) Param password can only be set for test accounts' });
  });

  it('creates, lists, renames and deletes a test user through Application and User', async () => {
    const g = graph();
    const appApi = sdkApi(g.world.tokens.app);
    const application = new Application(g.world.app.id, {}, undefined, appApi);
    // createEdge() with no target class folds the answer into the Application object itself.
    const created = (await application.createAccount([], { type: 'test-users', installed: true, permissions: ['email', 'ads_read'] }))._data;
    expect(created).toMatchObject({
      id: expect.stringMatching(/^\d{15,16}$/),
      access_token: expect.stringMatching(/^EAA/),
      login_url: expect.stringContaining('/checkpoint/test-user-login/'),
      email: expect.stringMatching(/@tfbnw\.net$/),
      password: expect.stringMatching(/^\d{10}$/),
    });

    const listed = await new Application(g.world.app.id, {}, undefined, appApi).getAccounts(['id', 'login_url', 'access_token'], { type: 'test-users' });
    expect(listed.map((entry) => entry._data)).toContainEqual({ id: created.id, login_url: created.login_url, access_token: created.access_token });

    const testUserApi = sdkApi(created.access_token);
    const me = await new User('me', {}, undefined, testUserApi).read(['id', 'email']);
    expect(me._data).toEqual({ id: created.id, email: created.email });

    expect(await new User(created.id, {}, undefined, appApi).update([], { name: 'Sdk Test User' })).toEqual({ success: true });
    expect((await new User(created.id, {}, undefined, appApi).read(['name']))._data.name).toBe('Sdk Test User');

    expect(await new User(created.id, {}, undefined, appApi).delete([])).toEqual({ success: true });
    const gone = await rejection(new User(created.id, {}, undefined, appApi).read(['id']));
    expect(gone.response).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('removes a test user from one app with deleteAccounts() and refuses to delete a real person (2903)', async () => {
    const g = graph();
    const appApi = sdkApi(g.world.tokens.app);
    const otherApi = sdkApi(`${g.world.otherApp.id}|${g.world.otherApp.secret}`);
    const created = (await new Application(g.world.app.id, {}, undefined, appApi).createAccount([], { installed: false }))._data;
    const joined = (await new Application(g.world.otherApp.id, {}, undefined, otherApi).createAccount([], { uid: created.id, owner_access_token: g.world.tokens.app }))._data;
    expect(await new Application(g.world.otherApp.id, {}, undefined, otherApi).deleteAccounts({ type: 'test-users', uid: joined.id })).toEqual({ success: true });
    expect(await new User(created.id, {}, undefined, appApi).delete([])).toEqual({ success: true });

    const real = (await g.store.apps.scopedUser(g.world.app.id, g.world.people[2].id)).asid;
    const error = await rejection(new User(real, {}, undefined, appApi).delete([]));
    expect(error.status).toBe(400);
    expect(error.response).toMatchObject({ code: 2903, type: 'OAuthException', message: '(#2903) Cannot delete this test account' });
  });
});
