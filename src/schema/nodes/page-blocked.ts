import { blockPeople, listBlocked, unblockPeople } from '../../pages/blocked-people.js';
import type { PageRow } from '../../store/types.js';
import type { EdgeDef, TypeDef } from '../types.js';

/** What GET /{page_id}/blocked lists: a person (or, on Meta, a page) as the page sees them. */
export const profileType: TypeDef = {
  name: 'Profile',
  description: 'A person or page as a Page sees them; for people the id is page-scoped (PSID).',
  defaultFields: ['name', 'id'],
  fields: {
    id: { type: 'numeric string', description: 'The page-scoped id of the person' },
    name: { type: 'string', description: 'The name of the person' },
    profile_type: { type: 'enum {user, page, event, application, group}', description: 'What kind of profile this is: always user in graphd' },
  },
};

const oneId = 'A page-scoped id of this page, or an app-scoped id of the token’s app';

export const blockedEdge: EdgeDef<PageRow> = {
  type: 'Profile',
  description: 'People blocked from the Page. Every method needs a Page access token of this Page.',
  params: {
    user: { type: 'int64', description: `Only this person, if blocked. ${oneId}` },
    uid: { type: 'int64', description: 'Deprecated. Same as user' },
  },
  async list(page, request, params, ctx) {
    return listBlocked(ctx.store, ctx.viewer, page, params, request);
  },
  async count(page, _params, ctx) {
    return ctx.store.pageBlocks.count(page.id);
  },
  post: {
    description: 'Block people from the Page. One unknown id fails the whole request and blocks nobody.',
    params: {
      asid: { type: 'list<string>', description: 'App-scoped user ids of the token’s app to block' },
      psid: { type: 'list<int64>', description: 'Page-scoped user ids of this Page to block' },
      uid: { type: 'list<string>', description: 'Deprecated. Same as user' },
      user: { type: 'list<string>', description: `People to block. ${oneId}` },
    },
    returns: 'Map {string: bool}',
    async run(page, params, ctx) {
      return { body: await blockPeople(ctx.store, ctx.viewer, page, params, ctx.now) };
    },
  },
  delete: {
    description: 'Unblock people from the Page. Unblocking someone who is not blocked succeeds.',
    params: {
      asid: { type: 'string', description: 'App Scoped User ID to unblock' },
      psid: { type: 'int64', description: 'Page Scoped User ID to unblock' },
      uid: { type: 'int64', description: 'Deprecated. Same as user' },
      user: { type: 'list<string>', description: `List of people to unblock. ${oneId}. This or uid is required` },
    },
    returns: 'Struct {success: bool}',
    async run(page, params, ctx) {
      await unblockPeople(ctx.store, ctx.viewer, page, params);
      return { body: { success: true } };
    },
  },
};
