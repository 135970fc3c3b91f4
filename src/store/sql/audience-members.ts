import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { seqOf } from './audience-rows.js';
import { inTransaction } from './transaction.js';

/** Two parameters a row: well under SQLite's and PostgreSQL's limits on bound parameters. */
const MEMBERS_PER_STATEMENT = 5_000;

/**
 * Members written as a whole rather than matched from uploaded keys: a lookalike's build
 * decides who belongs (src/audiences/lookalike), then replaces the members in one transaction.
 */
export async function setMembers(db: Kysely<Database>, audienceId: string, personIds: readonly string[], now: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const seq = await seqOf(trx, audienceId);
    await trx.deleteFrom('audience_members').where('audience_seq', '=', seq).execute();
    // Sorted, so the member B-tree fills in key order.
    const sorted = [...new Set(personIds)].sort();
    for (let from = 0; from < sorted.length; from += MEMBERS_PER_STATEMENT) {
      const rows = sorted.slice(from, from + MEMBERS_PER_STATEMENT).map((person_id) => ({ audience_seq: seq, person_id }));
      await trx.insertInto('audience_members').values(rows).execute();
    }
    await trx
      .updateTable('custom_audiences')
      .set({ member_count: sorted.length, time_content_updated: now, time_updated: now })
      .where('seq', '=', seq)
      .execute();
  });
}

/** A member's value is the largest of the uploaded rows whose keys match them; members with none are left out. */
export async function memberValues(db: Kysely<Database>, audienceId: string): Promise<Map<string, number>> {
  const seq = await seqOf(db, audienceId);
  const rows = await sql<{ person_id: string; value: number | string }>`
    select m.person_id, max(r.value) as value
    from audience_members as m
    join person_match_keys as k on k.person_id = m.person_id
    join audience_rows as r on r.audience_seq = m.audience_seq and r.match_key = k.match_key
    where m.audience_seq = ${seq} and r.value is not null
    group by m.person_id`.execute(db);
  return new Map(rows.rows.map((row) => [row.person_id, Number(row.value)]));
}
