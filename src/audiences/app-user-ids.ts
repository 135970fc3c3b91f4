import type { Store } from '../store/types.js';

/**
 * APPUID cells (and single-key UID) are app-scoped ids: they are read in the apps that
 * payload.app_ids names, so an id of another app matches no one. Returns the ids of the
 * payload that belong to one of those apps, or undefined when the schema has no such column.
 */
export async function appUserIdsInApps(store: Store, raw: unknown): Promise<ReadonlySet<string> | undefined> {
  const payload = parse(raw) as { schema?: unknown; data?: unknown; app_ids?: unknown } | undefined;
  if (!payload || typeof payload !== 'object' || !Array.isArray(payload.data)) return undefined;
  const schema = Array.isArray(payload.schema) ? payload.schema : [payload.schema];
  const column = schema.findIndex((key) => key === 'APPUID' || key === 'UID');
  if (column === -1) return undefined;
  const appIds = new Set(listOf(payload.app_ids).map(String));
  const allowed = new Set<string>();
  for (const entry of payload.data.slice(0, 10_000)) {
    const cell = Array.isArray(entry) ? entry[column] : entry;
    if (typeof cell !== 'string' && typeof cell !== 'number') continue;
    const scoped = await store.apps.byAsid(String(cell).trim());
    if (scoped && appIds.has(scoped.app_id)) allowed.add(String(cell).trim());
  }
  return allowed;
}

function listOf(value: unknown): unknown[] {
  const parsed = parse(value);
  if (Array.isArray(parsed)) return parsed;
  return typeof value === 'string' ? value.split(',') : [];
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
