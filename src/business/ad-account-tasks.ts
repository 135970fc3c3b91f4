import type { PersonAccountRole } from '../store/business-user-types.js';

/** The tasks an ad account can give (AdAccount `adaccountassigned_users_tasks_enum_param`), in the order graphd lists them. */
export const adAccountTasks = ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT', 'AA_ANALYZE'] as const;

export type AdAccountTask = (typeof adAccountTasks)[number];

/** What each task brings with it: Meta shows assigned users' tasks unpacked (MANAGE holds ADVERTISE, ...). */
const implied: Record<AdAccountTask, AdAccountTask[]> = {
  MANAGE: ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'],
  ADVERTISE: ['ADVERTISE', 'ANALYZE', 'DRAFT'],
  ANALYZE: ['ANALYZE', 'DRAFT'],
  DRAFT: ['DRAFT'],
  AA_ANALYZE: ['AA_ANALYZE'],
};

/** The tasks as given, each with what it implies, without repeats, in adAccountTasks order. */
export function unpackTasks(tasks: readonly string[]): AdAccountTask[] {
  const held = new Set<AdAccountTask>();
  for (const task of tasks) for (const each of implied[task as AdAccountTask] ?? []) held.add(each);
  return adAccountTasks.filter((task) => held.has(task));
}

/** The person's role on the account (ad_account_roles) that the tasks amount to. */
export function roleOfTasks(tasks: readonly string[]): PersonAccountRole['role'] {
  if (tasks.includes('MANAGE')) return 'ADMIN';
  if (tasks.includes('ADVERTISE')) return 'ADVERTISER';
  return 'ANALYST';
}
