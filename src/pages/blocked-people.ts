import { GraphError } from '../graph/graph-error.js';
import type { EdgePage, PageRequest } from '../graph/paging.js';
import type { Viewer } from '../identity/viewer.js';
import { fullName } from '../people/profile.js';
import type { PageRow, Store } from '../store/types.js';

/** A blocked person as the page sees them: a Profile with the page-scoped id. */
export interface BlockedProfile {
  id: string;
  name: string;
  profile_type: 'user';
}

/** Which ids a param takes: `psid` PSIDs of the page, `asid` ASIDs of the token's app, `user`/`uid` either. */
type IdKind = 'psid' | 'asid' | 'user';

const idParams: [name: string, kind: IdKind][] = [
  ['asid', 'asid'],
  ['psid', 'psid'],
  ['uid', 'user'],
  ['user', 'user'],
];

const constraints: Record<IdKind, string> = {
  psid: 'a page-scoped user id of this page',
  asid: "an app-scoped user id of the token's app",
  user: "a page-scoped user id of this page or an app-scoped user id of the token's app",
};

/** Every method of /{page_id}/blocked wants a token of that very page. */
export function assertPageToken(viewer: Viewer, page: PageRow): void {
  if (viewer.kind !== 'PAGE' || viewer.pageId !== page.id) throw GraphError.of('pageTokenRequired');
}

/** The person an id names for the page, or Meta's 100 naming the param. */
async function personOf(store: Store, viewer: Viewer, page: PageRow, id: string, kind: IdKind, path: string): Promise<string> {
  if (!/^\d{1,64}$/.test(id)) throw GraphError.of('paramInvalid', { name: path, constraint: 'a valid ID string (e.g., "123")' });
  if (kind !== 'asid') {
    const scoped = await store.pages.byPsid(id);
    if (scoped?.page_id === page.id) return scoped.person_id;
  }
  if (kind !== 'psid' && viewer.app) {
    const appUser = await store.apps.byAsid(id);
    if (appUser?.app_id === viewer.app.id) return appUser.person_id;
  }
  throw GraphError.of('paramInvalid', { name: path, constraint: constraints[kind] });
}

interface Target {
  /** The id as the request gave it: the key of POST's answer. */
  given: string;
  personId: string;
}

/** The people asid, psid, uid and user name (each a single id or a list); at least one is required. */
async function targetsOf(store: Store, viewer: Viewer, page: PageRow, params: Record<string, unknown>): Promise<Target[]> {
  const targets: Target[] = [];
  for (const [name, kind] of idParams) {
    const value = params[name];
    if (value === undefined) continue;
    const ids = Array.isArray(value) ? value.map(String) : [String(value)];
    for (const [index, id] of ids.entries()) {
      const path = Array.isArray(value) ? `${name}[${index}]` : name;
      targets.push({ given: id, personId: await personOf(store, viewer, page, id, kind, path) });
    }
  }
  if (targets.length === 0) throw GraphError.of('paramRequired', { name: 'user' });
  return targets;
}

/** POST /{page_id}/blocked: blocks everyone named (all or none); answers `{<id as given>: true}`. */
export async function blockPeople(store: Store, viewer: Viewer, page: PageRow, params: Record<string, unknown>, now: number): Promise<Record<string, boolean>> {
  assertPageToken(viewer, page);
  const targets = await targetsOf(store, viewer, page, params);
  await store.transaction(async (tx) => {
    // A blocked person is listed by their PSID, so the page gets one for them now.
    for (const target of targets) await tx.pages.scopedId(page.id, target.personId);
    await tx.pageBlocks.block(page.id, targets.map((target) => target.personId), now);
  });
  return Object.fromEntries(targets.map((target) => [target.given, true]));
}

/** DELETE /{page_id}/blocked: unblocks everyone named; people not blocked are no error. */
export async function unblockPeople(store: Store, viewer: Viewer, page: PageRow, params: Record<string, unknown>): Promise<void> {
  assertPageToken(viewer, page);
  const targets = await targetsOf(store, viewer, page, params);
  await store.pageBlocks.unblock(page.id, targets.map((target) => target.personId));
}

/** GET /{page_id}/blocked: the blocked people by PSID; with user (or uid), just that person if blocked. */
export async function listBlocked(
  store: Store,
  viewer: Viewer,
  page: PageRow,
  params: Record<string, unknown>,
  request: PageRequest,
): Promise<EdgePage<BlockedProfile> & { total?: number }> {
  assertPageToken(viewer, page);
  const name = params.user !== undefined ? 'user' : params.uid !== undefined ? 'uid' : undefined;
  if (name !== undefined) {
    const personId = await personOf(store, viewer, page, String(params[name]), 'user', name);
    const scoped = await store.pages.findScopedId(page.id, personId);
    const profile = scoped && (await store.pageBlocks.isBlocked(page.id, personId)) ? await profileOf(store, personId, scoped.psid) : undefined;
    return profile ? { items: [{ key: profile.id, value: profile }], more: false, total: 1 } : { items: [], more: false, total: 0 };
  }
  const { rows, more } = await store.pageBlocks.list(page.id, request);
  const items: EdgePage<BlockedProfile>['items'] = [];
  for (const row of rows) {
    const profile = await profileOf(store, row.person_id, row.psid);
    if (profile) items.push({ key: row.psid, value: profile });
  }
  return { items, more };
}

async function profileOf(store: Store, personId: string, psid: string): Promise<BlockedProfile | undefined> {
  const person = await store.people.get(personId);
  return person && { id: psid, name: fullName(person), profile_type: 'user' };
}
