import { adAccountTasks } from '../../business/ad-account-tasks.js';
import { assignUser, listAssignedUsers, unassignUser, type AssignedUser } from '../../business/assigned-users.js';
import type { EdgeDef, TypeDef } from '../types.js';
import type { AdAccountNode } from './ad-account.js';

const tasksEnum = `enum {${adAccountTasks.join(', ')}}`;

/** A business or system user as an asset (here an ad account) lists them, with their tasks on it. */
export const assignedUserType: TypeDef<AssignedUser> = {
  name: 'AssignedUser',
  description: 'A business user or system user assigned to an asset of the business.',
  defaultFields: ['id', 'name', 'user_type', 'tasks'],
  fields: {
    id: { type: 'string', description: 'The business user or system user id' },
    name: { type: 'string', description: 'The name of the user' },
    user_type: { type: 'string', description: 'BUSINESS_USER or SYSTEM_USER' },
    business: { type: 'Business', description: 'The business the user belongs to', resolve: (user, ctx) => ctx.store.businesses.get(user.business_id) },
    tasks: { type: `list<${tasksEnum}>`, description: 'All unpacked tasks of this user on the asset' },
    permitted_tasks: { type: `list<${tasksEnum}>`, description: 'Tasks that are assignable on the asset', resolve: () => [...adAccountTasks] },
  },
};

/** The string act_<id> is not the account's row id; the numeric one is. */
const rowOf = (account: AdAccountNode) => ({ ...account, id: account.account_id });

export const assignedUsersEdge: EdgeDef<AdAccountNode> = {
  type: 'AssignedUser',
  description: 'Business and system users assigned to this ad account.',
  params: {
    business: { type: 'string', required: true, description: 'The business that owns the ad account' },
  },
  async list(account, page, params, ctx) {
    return listAssignedUsers(ctx.store, rowOf(account), params.business, page);
  },
  post: {
    description:
      'Assign a business user or system user of the owning business, or change their tasks. Only admins of the business (or ADMINs of the account) may.',
    params: {
      user: { type: 'int64', required: true, description: 'Business user id or system user id' },
      tasks: { type: `list<${tasksEnum}>`, description: 'Ad account tasks to give the user; each brings the ones below it (MANAGE > ADVERTISE > ANALYZE > DRAFT)' },
    },
    returns: 'Struct {success: bool}',
    async run(account, params, ctx) {
      await assignUser(ctx.store, ctx.viewer, rowOf(account), { user: String(params.user), tasks: params.tasks }, ctx.now);
      return { body: { success: true }, readBack: { type: 'AdAccount', id: account.account_id } };
    },
  },
  delete: {
    description: 'Remove a business user or system user from the ad account (and the person’s role on it).',
    params: {
      user: { type: 'int64', required: true, description: 'Business user id or system user id' },
    },
    returns: 'Struct {success: bool}',
    async run(account, params, ctx) {
      await unassignUser(ctx.store, ctx.viewer, rowOf(account), String(params.user));
      return { body: { success: true } };
    },
  },
};
