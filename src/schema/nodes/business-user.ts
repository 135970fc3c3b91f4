import { businessUserName, canSeeBusinessUser } from '../../business/business-users.js';
import type { BusinessUserRow } from '../../store/business-user-types.js';
import type { TypeDef } from '../types.js';

/** A person's identity inside one business; seen by that business's people, system users and apps. */
export const businessUserType: TypeDef<BusinessUserRow> = {
  name: 'BusinessUser',
  description: "A person's identity inside a business, with a role in it.",
  defaultFields: ['name', 'id'],
  async load(id, ctx) {
    const user = await ctx.store.businessUsers.get(id);
    return user && (await canSeeBusinessUser(ctx.store, ctx.viewer, user)) ? user : undefined;
  },
  fields: {
    id: { type: 'string', description: 'The business user id' },
    name: { type: 'string', description: 'The name of the business user', resolve: businessUserName },
    first_name: { type: 'string', description: 'The first name of the business user' },
    last_name: { type: 'string', description: 'The last name of the business user' },
    email: { type: 'string', description: 'The email the business knows the user by' },
    role: { type: 'string', description: 'The role of the user in the business: ADMIN or EMPLOYEE' },
    title: { type: 'string', description: 'The title of the user in the business' },
    business: { type: 'Business', description: 'The business the user belongs to', resolve: (user, ctx) => ctx.store.businesses.get(user.business_id) },
    marked_for_removal: { type: 'bool', description: 'Whether the user is about to be removed from the business: always false in graphd', resolve: () => false },
  },
};
