import type { SnapshotTables } from '../store/types.js';
import { bodyOf } from './control-body.js';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';
import { installSettings } from './install-settings.js';

const format = 'graphd-snapshot';
const version = 1;

/**
 * GET /snapshot: every table as JSON, the same from SQLite and PostgreSQL. POST /snapshot:
 * replaces everything with one in a single transaction. The install's own settings (admin
 * token, salt) are neither exported nor replaced.
 */
export const snapshotRoutes: ControlRoutes = (app, ctx) => {
  app.get('/snapshot', async () => ({ format, version, exported_at: ctx.clock(), tables: await ctx.store.admin.export(installSettings) }));

  app.post('/snapshot', async (request) => {
    const tables = checkedTables(bodyOf(request), await ctx.store.admin.tables());
    try {
      await ctx.store.admin.import(tables, installSettings);
    } catch (error) {
      // Rows that break the schema's rules (a missing parent, a duplicate key) are the snapshot's fault.
      throw new ControlError(400, `snapshot: not imported, nothing changed: ${(error as Error).message}`);
    }
    return { imported: Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.length])) };
  });
};

/** Refuses a snapshot naming tables or columns this store lacks before anything is replaced. */
function checkedTables(body: Record<string, unknown>, known: Record<string, string[]>): SnapshotTables {
  if (body.format !== format || body.version !== version) throw new ControlError(400, `snapshot: not a ${format} version ${version} document (format and version fields)`);
  const tables = body.tables;
  if (tables === null || typeof tables !== 'object' || Array.isArray(tables)) throw new ControlError(400, 'snapshot: tables must be an object of table name -> rows');
  for (const [table, rows] of Object.entries(tables)) {
    const columns = known[table];
    if (!columns) throw new ControlError(400, `snapshot: this store has no table ${table}`);
    if (!Array.isArray(rows)) throw new ControlError(400, `snapshot: tables.${table} must be a list of rows`);
    rows.forEach((row: unknown, index) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new ControlError(400, `snapshot: tables.${table}[${index}] must be an object`);
      const unknown = Object.keys(row).find((column) => !columns.includes(column));
      if (unknown !== undefined) throw new ControlError(400, `snapshot: tables.${table}[${index}] has a column this store lacks: ${unknown}`);
    });
  }
  return tables as SnapshotTables;
}
