import type { PageRow } from '../../store/types.js';
import type { TypeDef } from '../types.js';
import { blockedEdge } from './page-blocked.js';

/** Pages are public: id, name and category answer to any token. */
export const pageType: TypeDef<PageRow> = {
  name: 'Page',
  description: 'A Facebook Page.',
  defaultFields: ['name', 'id'],
  load: (id, ctx) => ctx.store.pages.get(id),
  fields: {
    id: { type: 'numeric string', description: 'The ID of the Page' },
    name: { type: 'string', description: 'The name of the Page' },
    category: { type: 'string', description: 'The category of the Page' },
    link: { type: 'string', description: "The Page's Facebook URL", resolve: (page) => `https://www.facebook.com/${page.id}` },
  },
  edges: {
    blocked: blockedEdge,
  },
};
