import { GraphError } from '../graph/graph-error.js';
import { pageOfList, type EdgePage, type PageRequest } from '../graph/paging.js';
import type { Viewer } from '../identity/viewer.js';
import type { AdAccountAssignmentRow, AssignedUserType, BusinessUserRow } from '../store/business-user-types.js';
import type { AdAccountRow, Store, SystemUserRow } from '../store/types.js';
import { roleOfTasks, unpackTasks } from './ad-account-tasks.js';
import { businessUserName } from './business-users.js';

/** One item of /act_{id}/assigned_users: a business or system user with their tasks on the account. */
export interface AssignedUser {
  id: string;
  name: string;
  user_type: AssignedUserType;
  business_id: string;
  tasks: string[];
}

type Assignee = { kind: 'BUSINESS_USER'; user: BusinessUserRow } | { kind: 'SYSTEM_USER'; user: SystemUserRow };

/**
 * Who may change an ad account's assigned users: an admin of the owning business (an ADMIN
 * business user, or an ADMIN system user through its own token), or a person with the ADMIN
 * role on the account; user and system-user tokens need business_management. Anyone else
 * gets `(#200) Permissions error`.
 */
export async function assertCanAssign(store: Store, viewer: Viewer, account: AdAccountRow): Promise<void> {
  if ((viewer.kind === 'USER' && viewer.personId) || (viewer.kind === 'SYSTEM_USER' && viewer.systemUserId)) {
    if (!viewer.scopes.has('business_management')) throw GraphError.of('permissionMissing', { permission: 'business_management' });
  }
  if (viewer.kind === 'USER' && viewer.personId) {
    const businessUser = account.business_id ? await store.businessUsers.findByPerson(account.business_id, viewer.personId) : undefined;
    if (businessUser?.role === 'ADMIN') return;
    if ((await store.adAccounts.roleOf(account.id, viewer.personId))?.role === 'ADMIN') return;
  }
  if (viewer.kind === 'SYSTEM_USER' && viewer.systemUserId) {
    const systemUser = await store.businesses.getSystemUser(viewer.systemUserId);
    if (systemUser && systemUser.role === 'ADMIN' && systemUser.business_id === account.business_id) return;
  }
  throw GraphError.of('permissionsError');
}

/** The business or system user an id names; 100 for anything else, 3919 for one of another business. */
async function resolveAssignee(store: Store, account: AdAccountRow, userId: string): Promise<Assignee> {
  const type = await store.nodes.typeOf(userId);
  let assignee: Assignee | undefined;
  if (type === 'BusinessUser') {
    const user = await store.businessUsers.get(userId);
    if (user) assignee = { kind: 'BUSINESS_USER', user };
  } else if (type === 'SystemUser') {
    const user = await store.businesses.getSystemUser(userId);
    if (user) assignee = { kind: 'SYSTEM_USER', user };
  }
  if (!assignee) throw GraphError.of('paramInvalid', { name: 'user', constraint: 'the id of a business user or system user' });
  // An ad account takes people only from the business that owns it.
  if (account.business_id === null || assignee.user.business_id !== account.business_id) throw GraphError.of('assignmentTechnicalIssue');
  return assignee;
}

/** 368 when the change would leave the account with no assigned user holding MANAGE. */
async function assertKeepsAManager(store: Store, accountId: string, userId: string, tasksAfter: readonly string[] | undefined): Promise<void> {
  if (tasksAfter?.includes('MANAGE')) return;
  const managers = (await store.businessUsers.assignments(accountId)).filter((row) => row.tasks.includes('MANAGE'));
  if (managers.length === 1 && managers[0].user_id === userId) throw GraphError.of('blockedForAbuse');
}

export interface AssignInput {
  user: string;
  tasks?: string[];
}

/**
 * POST /act_{id}/assigned_users: assigns the user with the tasks (unpacked: MANAGE brings
 * ADVERTISE, ANALYZE and DRAFT...), replacing earlier ones. Without tasks a new assignment
 * gets ANALYZE and an existing one keeps its tasks. A business user's person gets the role
 * the tasks amount to on the account (MANAGE: ADMIN, ADVERTISE: ADVERTISER, else ANALYST).
 */
export async function assignUser(store: Store, viewer: Viewer, account: AdAccountRow, input: AssignInput, now: number): Promise<void> {
  await assertCanAssign(store, viewer, account);
  const assignee = await resolveAssignee(store, account, input.user);
  if (input.tasks !== undefined && input.tasks.length === 0) throw GraphError.of('paramInvalid', { name: 'tasks', constraint: 'a non-empty list of tasks' });
  await store.transaction(async (tx) => {
    const existing = await tx.businessUsers.assignment(account.id, assignee.user.id);
    const tasks = unpackTasks(input.tasks ?? existing?.tasks ?? ['ANALYZE']);
    await assertKeepsAManager(tx, account.id, assignee.user.id, tasks);
    const row: AdAccountAssignmentRow = { ad_account_id: account.id, user_id: assignee.user.id, user_type: assignee.kind, tasks, created_time: existing?.created_time ?? now };
    const personRole = assignee.kind === 'BUSINESS_USER' ? { personId: assignee.user.person_id, role: roleOfTasks(tasks) } : undefined;
    await tx.businessUsers.assign(row, personRole);
  });
}

/**
 * DELETE /act_{id}/assigned_users: removes the assignment and, for a business user, the
 * person's role on the account. Removing a user who is not assigned succeeds.
 */
export async function unassignUser(store: Store, viewer: Viewer, account: AdAccountRow, userId: string): Promise<void> {
  await assertCanAssign(store, viewer, account);
  const assignee = await resolveAssignee(store, account, userId);
  await store.transaction(async (tx) => {
    await assertKeepsAManager(tx, account.id, assignee.user.id, undefined);
    await tx.businessUsers.unassign(account.id, assignee.user.id, assignee.kind === 'BUSINESS_USER' ? assignee.user.person_id : undefined);
  });
}

/** GET /act_{id}/assigned_users?business=: the account's assigned users, by id. */
export async function listAssignedUsers(store: Store, account: AdAccountRow, businessId: string, page: PageRequest): Promise<EdgePage<AssignedUser> & { total: number }> {
  if (account.business_id === null || businessId !== account.business_id) {
    throw GraphError.of('paramInvalid', { name: 'business', constraint: 'the id of the business that owns the ad account' });
  }
  const items: { key: string; value: AssignedUser }[] = [];
  for (const row of await store.businessUsers.assignments(account.id)) {
    const user = await assignedUser(store, row);
    if (user) items.push({ key: row.user_id, value: user });
  }
  return { ...pageOfList(items, page), total: items.length };
}

async function assignedUser(store: Store, row: AdAccountAssignmentRow): Promise<AssignedUser | undefined> {
  const base = { id: row.user_id, user_type: row.user_type, tasks: row.tasks };
  if (row.user_type === 'BUSINESS_USER') {
    const user = await store.businessUsers.get(row.user_id);
    return user && { ...base, name: businessUserName(user), business_id: user.business_id };
  }
  const user = await store.businesses.getSystemUser(row.user_id);
  return user && { ...base, name: user.name, business_id: user.business_id };
}
