import { audienceErrors } from '../../src/audiences/audience-errors.js';
import { catalogue, type ErrorSpec } from '../../src/graph/errors.js';
import { pacificTime } from '../../src/identity/pacific-time.js';
import { graphTable } from '../../src/schema/table.js';
import type { Route } from './routes.js';
import type { AuthzWorld, CallerName } from './world.js';

/**
 * What a cell must answer, derived from the rules below rather than from what graphd said:
 * - `error`: exactly this Graph error (code, subcode, type, message, HTTP status);
 * - `allowed`: authorization lets the call through: success, or an error that is not a
 *   refusal (a param or state error of the operation itself);
 * - `answered`: the rules here do not decide the cell (edges of people, pages, businesses:
 *   docs/permissions.md); it must still be a well-formed Graph answer, never a 5xx.
 */
export type Expectation = { error: ErrorSpec; message: string } | { allowed: true } | { answered: true };

const fill = (template: string, args: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => String(args[key] ?? whole));
const error = (spec: ErrorSpec, args: Record<string, string | number> = {}): Expectation => ({ error: spec, message: fill(spec.message, args) });
const allowed: Expectation = { allowed: true };
const answered: Expectation = { answered: true };

export interface Cell {
  route: Route;
  pathId?: string;
  caller: CallerName;
}

/** The token itself decides, whatever the route (graph-protocol.md §2.5, §8.3). */
function tokenRule(caller: CallerName, world: AuthzWorld, now: number): Expectation | undefined {
  switch (caller) {
    case 'malformed':
      return error(catalogue.tokenUnparseable);
    case 'expired':
      return error(catalogue.tokenExpired, { expiredAt: pacificTime(world.expiredAt), now: pacificTime(now) });
    case 'revoked':
      return error(catalogue.tokenNotAuthorized, { appId: world.appId });
    case 'logged_out':
      return error(catalogue.tokenLoggedOut);
    case 'proof_missing':
      return error(catalogue.proofRequired);
    case 'proof_wrong':
      return error(catalogue.proofInvalid);
    default:
      return undefined;
  }
}

/** Without a token: 2500 for /me, 104 for everything else but the few calls Meta takes anonymously. */
function anonymousRule(cell: Cell): Expectation {
  const { route, pathId } = cell;
  if (route.root) return graphTable.roots[route.root].needsToken ? error(catalogue.tokenRequired) : allowed;
  const type = graphTable.types.find((t) => t.name === route.type);
  if (route.method === 'POST' && route.edge && type?.edges?.[route.edge]?.post?.needsToken === false && pathId !== 'me') return allowed;
  return pathId === 'me' ? error(catalogue.activeTokenRequired) : error(catalogue.tokenRequired);
}

const people: CallerName[] = ['alice', 'bob', 'alice_no_ads', 'alice_no_email'];
const scopesOf: Partial<Record<CallerName, string[]>> = {
  alice: ['ads_management', 'ads_read'],
  bob: ['ads_management', 'ads_read'],
  alice_no_email: ['ads_management'],
  page: ['ads_management'],
  system_user: ['ads_management', 'ads_read'],
};

/** Who sees ad account X: people with a role on it (Alice, through any token of hers), its business's system users and apps. */
const seesAccountX: CallerName[] = ['alice', 'alice_no_ads', 'alice_no_email', 'page', 'system_user', 'app'];
/** Who may work with X's audiences: a person with a role (user token) or a system user of its business. */
const actsOnAccountX: CallerName[] = ['alice', 'alice_no_ads', 'alice_no_email', 'system_user'];

/** Reads need ads_read or ads_management, writes ads_management; then the caller needs access (docs/audiences.md). */
function adsRule(caller: CallerName, write: boolean): Expectation {
  const scopes = scopesOf[caller] ?? [];
  if (write && !scopes.includes('ads_management')) return error(audienceErrors.adsPermission);
  if (!write && scopes.length === 0) return error(audienceErrors.adsReadPermission);
  return actsOnAccountX.includes(caller) ? allowed : error(audienceErrors.cannotUpdate);
}

/** The type `/me` is for each kind of token (graph-protocol.md §3: user, page, system user; others 2500). */
function meType(caller: CallerName): string | undefined {
  if (people.includes(caller)) return 'User';
  if (caller === 'page') return 'Page';
  if (caller === 'system_user') return 'SystemUser';
  return undefined;
}

function unsupported(cell: Cell): Expectation {
  return error(catalogue.unsupportedMethod, { method: cell.route.method.toLowerCase(), id: cell.pathId! });
}

/** A route of one type asked at a node of another (`/me` as a page): the schema table says what is missing. */
function routeOnOtherType(cell: Cell, typeName: string): Expectation {
  const type = graphTable.types.find((t) => t.name === typeName)!;
  const { route } = cell;
  if (route.edge) {
    const edge = type.edges?.[route.edge];
    if (!edge) return error(catalogue.nonexistingField, { field: route.edge, nodeType: typeName });
    return answered;
  }
  if (route.method === 'GET') return allowed;
  return (route.method === 'POST' ? type.update : type.delete) ? answered : unsupported(cell);
}

export function expectationOf(cell: Cell, world: AuthzWorld, now: number): Expectation {
  const { route, caller, pathId } = cell;
  const byToken = tokenRule(caller, world, now);
  if (byToken) return byToken;
  if (caller === 'none') return anonymousRule(cell);
  if (route.root) return route.root === 'oauth/access_token' ? allowed : answered;
  if (pathId === 'me') {
    const type = meType(caller);
    if (!type) return error(catalogue.activeTokenRequired);
    return type === route.type ? (route.edge || route.method !== 'GET' ? answered : allowed) : routeOnOtherType(cell, type);
  }
  switch (route.type) {
    case 'User':
      // ASIDs are app-scoped: another app's token cannot load them.
      return caller === 'other_app' ? unsupported(cell) : answered;
    case 'AdAccount':
      if (!seesAccountX.includes(caller)) return unsupported(cell);
      if (route.edge === 'customaudiences' || route.edge === 'customaudiencestos' || route.edge === 'usersofanyaudience') return adsRule(caller, route.method !== 'GET');
      return route.edge ? answered : allowed;
    case 'CustomAudience':
      if (!actsOnAccountX.includes(caller)) return unsupported(cell);
      // Loading the audience at all takes an ads scope, whatever the call then does.
      if ((scopesOf[caller] ?? []).length === 0) return error(audienceErrors.adsReadPermission);
      return route.method === 'GET' ? allowed : adsRule(caller, true);
    case 'Application':
    case 'Page':
    case 'Business':
    case 'SystemUser':
      return answered;
    default:
      // Nothing of this type exists behind the id: no caller may learn anything of it.
      return unsupported(cell);
  }
}

/** What counts as a refusal: the answers authorization gives. */
export function isRefusal(status: number, body: any): boolean {
  const code = body?.error?.code;
  if (status < 400 || code === undefined) return false;
  return [190, 104, 2500, 10, 200, 210].includes(code) || (code === 100 && (body.error.error_subcode === 33 || /appsecret_proof/.test(body.error.message)));
}
