import type { Kysely } from 'kysely';
import type { NamedMigration } from './migration.js';

/**
 * Asynchronous state by reads and per audience (docs/async-state.md): reads_left counts the
 * reads a pending change still waits for (0 = none: settled, or settling by time), and
 * transition holds the audience's own mode (`immediate`, `seconds:N`, `reads:N`), null
 * following the global one. Both live on the audience row so every process agrees.
 */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('custom_audiences').addColumn('reads_left', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('custom_audiences').addColumn('transition', 'text').execute();
}

export const audienceTransitions: NamedMigration = { name: '0010-audience-transitions', up };
