import type { Kysely } from 'kysely';

/** A migration with its name in the migration table. Forward-only: graphd never migrates down. */
export interface NamedMigration {
  name: string;
  up(db: Kysely<any>): Promise<void>;
}
