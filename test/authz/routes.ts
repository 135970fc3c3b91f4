import { graphTable } from '../../src/schema/table.js';
import type { TypeDef } from '../../src/schema/types.js';
import { sha256 } from '../helpers/audiences.js';
import type { AuthzWorld } from './world.js';

/** One way in: a method on a node type, one of its edges, or a root endpoint. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Schema type name, or `root`. */
  type: string;
  edge?: string;
  root?: string;
}

/** Every route of the schema table: node GET/update/delete, edge GET/POST/DELETE, roots. */
export function tableRoutes(): Route[] {
  const routes: Route[] = [];
  for (const type of graphTable.types.filter((t): t is TypeDef & { load: NonNullable<TypeDef['load']> } => t.load !== undefined)) {
    routes.push({ method: 'GET', type: type.name });
    if (type.update) routes.push({ method: 'POST', type: type.name });
    if (type.delete) routes.push({ method: 'DELETE', type: type.name });
    for (const [edge, def] of Object.entries(type.edges ?? {})) {
      if (def.list || def.get) routes.push({ method: 'GET', type: type.name, edge });
      if (def.post) routes.push({ method: 'POST', type: type.name, edge });
      if (def.delete) routes.push({ method: 'DELETE', type: type.name, edge });
    }
  }
  for (const [root, def] of Object.entries(graphTable.roots)) routes.push({ method: def.method, type: 'root', root });
  return routes;
}

export const routeName = (route: Route, pathId?: string) =>
  `${route.method} /${route.root ?? [pathId ?? `{${route.type}}`, route.edge].filter(Boolean).join('/')}`;

/**
 * The ids each node type is asked at. Types the authz world holds nothing of get an id
 * registered with no object behind it: every caller must then meet 100/33, never a leak.
 */
export function pathIdsOf(type: string, world: AuthzWorld, unbacked: (type: string) => string): string[] {
  switch (type) {
    case 'User':
      return ['me', world.asid.alice];
    case 'Application':
      return [world.appId];
    case 'Page':
      return [world.pageId];
    case 'Business':
      return [world.businessId];
    case 'SystemUser':
      return [world.systemUserId];
    case 'AdAccount':
      return [world.act.x];
    case 'CustomAudience':
      return [world.audience.x];
    default:
      return [unbacked(type)];
  }
}

const payload = (emails: string[]) => JSON.stringify({ schema: 'EMAIL_SHA256', data: emails.map((email) => [sha256(email)]) });

/** The least a route needs to get past validation, so that authorization decides the answer. */
export function minimalParams(route: Route, world: AuthzWorld): Record<string, string> {
  const key = `${route.method} ${route.type}${route.edge ? `/${route.edge}` : ''}${route.root ?? ''}`;
  switch (key) {
    case 'POST CustomAudience':
      return { name: 'Renamed by the matrix' };
    case 'POST CustomAudience/users':
    case 'DELETE CustomAudience/users':
    case 'DELETE AdAccount/usersofanyaudience':
      return { payload: payload(['matrix-member@example.org']) };
    case 'POST CustomAudience/usersreplace':
      return { payload: payload(['matrix-member@example.org']), session: JSON.stringify({ session_id: 99, batch_seq: 1, last_batch_flag: true }) };
    case 'POST CustomAudience/adaccounts':
    case 'DELETE CustomAudience/adaccounts':
      return { adaccounts: JSON.stringify([world.act.x.slice(4)]) };
    case 'POST AdAccount/customaudiences':
      return { name: 'Matrix list', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' };
    case 'POST AdAccount/customaudiencestos':
      return { tos_id: '4' };
    case 'POST AdAccount/assigned_users':
      return { user: world.asid.alice, tasks: JSON.stringify(['ANALYZE']) };
    case 'DELETE AdAccount/assigned_users':
      return { user: world.asid.alice };
    case 'GET rootdebug_token':
      return { input_token: world.tokens.alice };
    case 'GET rootoauth/access_token':
      return { grant_type: 'client_credentials', client_id: world.appId, client_secret: world.secrets.main };
    default:
      return {};
  }
}

/** Writes that would take the node away from later cells run against a fresh copy. */
export const consumesNode = (route: Route) => route.type === 'CustomAudience' && route.method !== 'GET';

/** Writes on a person (taking grants back) can end the callers' own tokens: they are minted anew after. */
export const consumesTokens = (route: Route) => route.type === 'User' && route.method !== 'GET';
