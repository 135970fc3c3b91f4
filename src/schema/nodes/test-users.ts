import {
  assertAppToken,
  associateTestUser,
  createTestUser,
  defaultTestUsersPerApp,
  listTestUsers,
  removeTestUserFromApp,
  type ListedTestUser,
} from '../../people/test-users.js';
import type { AppRow } from '../../store/types.js';
import type { Context, EdgeDef, TypeDef } from '../types.js';

const accountType = { type: 'enum {test-users}', description: 'The type of user requested' };

function options(ctx: Context) {
  return { now: ctx.now, salt: ctx.salt, limit: ctx.testUsersPerApp ?? defaultTestUsersPerApp };
}

/** A test user as its app lists it (graph-protocol.md §9.2). */
export const testAccountType: TypeDef<ListedTestUser> = {
  name: 'TestAccount',
  description: 'A test user of an app, as the app lists it: no name, email or password.',
  defaultFields: ['id', 'login_url', 'access_token'],
  fields: {
    id: { type: 'numeric string', description: "The test user's id in the app" },
    login_url: { type: 'string', description: 'A URL to log in as the test user (Meta\'s; graphd serves no login page)' },
    access_token: { type: 'string', description: 'An access token that can be used to make API calls on behalf of this user (installed test users only)' },
  },
};

/**
 * `/{app-id}/accounts`, also answered at `/{app-id}/accounts/test-users` (the `type` in the
 * path, as Meta's docs write it). Only the app's own app token may use it.
 */
export const testAccountsEdge: EdgeDef<AppRow> = {
  type: 'TestAccount',
  description: 'The test users of the app, 25 a page. Also at /{application-id}/accounts/test-users.',
  params: { type: accountType },
  async list(app, page, _params, ctx) {
    assertAppToken(ctx.viewer, app);
    return listTestUsers(ctx.store, app, page, options(ctx));
  },
  post: {
    description:
      'Creates a test user (or, with `uid` and `owner_access_token`, makes another app\'s test user one of this app\'s). Answers id, login_url, email and password, and access_token when installed. More than Config.testUsersPerApp (default 2000) answers (#2900).',
    params: {
      installed: { type: 'bool', description: 'Automatically installs the app for the test user once it is created or associated (default true)' },
      minor: { type: 'bool', description: 'Is this test user a minor' },
      name: { type: 'string', description: 'The name for the test user. When left blank, a random name will be automatically generated' },
      owner_access_token: { type: 'string', description: 'With `uid`: the app access token of an app the test user already belongs to' },
      permissions: { type: 'list<string>', description: 'Permissions granted to the app when the test user is created or associated (public_profile always)' },
      type: accountType,
      uid: { type: 'int64', description: 'ID of an existing test user (in the owner app) to associate with this app' },
    },
    returns: 'Struct {id: numeric string, access_token: string, login_url: string, email: string, password: string}',
    async run(app, params, ctx) {
      assertAppToken(ctx.viewer, app);
      const installed = params.installed ?? true;
      const permissions: string[] = params.permissions ?? [];
      const created =
        params.uid !== undefined
          ? await associateTestUser(ctx.store, app, { uid: String(params.uid), ownerAccessToken: params.owner_access_token, installed, permissions }, options(ctx))
          : await createTestUser(ctx.store, app, { installed, permissions, name: params.name, minor: params.minor }, options(ctx));
      return { body: { ...created }, readBack: { type: 'User', id: created.id } };
    },
  },
  delete: {
    description: 'Removes a test user from this app only; a test user must keep one app (2902). DELETE /{test-user-id} deletes it.',
    params: { type: accountType, uid: { type: 'int64', required: true, description: 'The test user\'s id in this app' } },
    returns: 'Struct {success: bool}',
    async run(app, params, ctx) {
      assertAppToken(ctx.viewer, app);
      await removeTestUserFromApp(ctx.store, app, String(params.uid));
      return { body: { success: true } };
    },
  },
  child: { keyParam: 'type' },
};
