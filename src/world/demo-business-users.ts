import { unpackTasks, roleOfTasks } from '../business/ad-account-tasks.js';
import { addBusinessUser } from '../business/business-users.js';
import type { BusinessUserRow } from '../store/business-user-types.js';
import type { AdAccountRow, BusinessRow, PersonRow, Store, SystemUserRow } from '../store/types.js';

export interface DemoBusinessPeople {
  business: BusinessRow;
  adAccount: AdAccountRow;
  /** people[0] is the developer; people[1] and people[2] become employees. */
  people: PersonRow[];
  systemUser: SystemUserRow;
  now: number;
}

/**
 * The demo business's users: the developer as ADMIN and two employees; the developer and
 * the system user are assigned to the ad account with MANAGE (the developer's ADMIN role on
 * the account is what that assignment amounts to). The employees are assigned to nothing.
 */
export async function seedDemoBusinessUsers(store: Store, world: DemoBusinessPeople): Promise<BusinessUserRow[]> {
  const { business, adAccount, people, systemUser, now } = world;
  const users = [await addBusinessUser(store, business.id, people[0], 'ADMIN', now)];
  for (const person of people.slice(1, 3)) users.push(await addBusinessUser(store, business.id, person, 'EMPLOYEE', now));
  const manage = unpackTasks(['MANAGE']);
  const [developer] = users;
  await store.businessUsers.assign(
    { ad_account_id: adAccount.id, user_id: developer.id, user_type: 'BUSINESS_USER', tasks: manage, created_time: now },
    { personId: developer.person_id, role: roleOfTasks(manage) },
  );
  await store.businessUsers.assign({ ad_account_id: adAccount.id, user_id: systemUser.id, user_type: 'SYSTEM_USER', tasks: manage, created_time: now });
  return users;
}
