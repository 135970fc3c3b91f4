import { deleteTestUser } from '../../people/test-users.js';
import { updateUser } from '../../people/update-user.js';
import type { OperationDef } from '../types.js';
import type { UserNode } from './user-node.js';

const success = { success: true };

/** `POST /{user-id}`: who may write is people/update-user.ts's to say (docs/differences.md). */
export const userUpdate: OperationDef<UserNode> = {
  description:
    "Updates a User: the person's own token for their names and local-news settings; for a test account also `name` and `password`, with the person's token or the app's. A new password ends the person's sessions (190/460).",
  params: {
    emoji_color_pref: { type: 'int64', description: 'emoji color preference.', min: 0 },
    firstname: { type: 'string', description: "This person's first name" },
    lastname: { type: 'string', description: "This person's last name" },
    local_news_megaphone_dismiss_status: { type: 'enum {YES, NO}', description: 'Dismisses local news megaphone' },
    local_news_subscription_status: { type: 'enum {STATUS_ON, STATUS_OFF}', description: 'Preference for setting local news notifications' },
    name: { type: 'string', description: 'Used for test accounts only. Name for this account' },
    password: { type: 'string', description: 'Used for test accounts only. Password for this account' },
  },
  returns: 'Struct {success: bool}',
  async run(node, params, ctx) {
    await updateUser(ctx.store, ctx.viewer, node, params, ctx.now);
    return { body: success, readBack: { type: 'User', id: node.id } };
  },
};

/** `DELETE /{test-user-id}` with the app token or the test user's own token. */
export const userDelete: OperationDef<UserNode> = {
  description:
    'Deletes a test user, with the app token or the test user\'s own token. Real people cannot be deleted (2903), nor the app\'s OG Test User (2904), nor a test user other apps still hold (2903: remove it from them first with DELETE /{app-id}/accounts/test-users?uid=).',
  params: {},
  returns: 'Struct {success: bool}',
  async run(node, _params, ctx) {
    await deleteTestUser(ctx.store, ctx.viewer, node);
    return { body: success };
  },
};
