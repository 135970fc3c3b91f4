import { sql, type Kysely } from 'kysely';
import type { UploadedRow } from '../audience-types.js';
import type { Database } from '../database.js';
import type { ListRequest, Page } from '../types.js';
import { AudienceStaging } from './audience-staging.js';
import { keyBatches, type KeyTable } from './key-table.js';
import { pageByKey } from './paging.js';
import { insertPersonKeys, type PersonKeyHold, type PersonKeyTable } from './people-bulk.js';
import { inTransaction } from './transaction.js';

/**
 * The uploaded rows of audiences (their match keys), the members those keys match, and
 * people's own match keys. Uploads arrive in batches of thousands of keys, so every
 * statement here takes a whole KeyTable batch; the member counts are kept by adding and
 * subtracting what each statement actually inserted or deleted, never by recounting.
 *
 * An audience's keys are those in audience_rows plus those still staged (audience-staging.ts);
 * whatever reads keys back (removals, a person's new keys, opt-outs) merges the staged ones
 * it needs first.
 */
export class AudienceRows {
  private readonly staging: AudienceStaging;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyTable: KeyTable,
  ) {
    this.staging = new AudienceStaging(keyTable);
  }

  add(audienceId: string, rows: readonly UploadedRow[], now: number): Promise<number> {
    return inTransaction(this.db, async (trx) => {
      const seq = await seqOf(trx, audienceId);
      let joined = 0;
      let any = false;
      const staged = new Map<number, number>();
      for (const batch of keyBatches(rows, this.keyTable.batchSize)) {
        any = true;
        for (const [part, count] of await this.staging.stage(trx, seq, batch)) staged.set(part, (staged.get(part) ?? 0) + count);
        const keys = this.keyTable.of(batch);
        // The people the keys match join now, whether or not the keys are merged yet.
        const members = await sql`
          insert into audience_members (audience_seq, person_id)
          select distinct cast(${seq} as integer), p.person_id
          from ${keys} as b join person_match_keys as p on p.match_key = b.k where true
          on conflict do nothing`.execute(trx);
        joined += Number(members.numAffectedRows ?? 0);
      }
      if (!any) return memberCount(trx, seq);
      await this.staging.staged(trx, seq, staged);
      return touch(trx, seq, joined, now);
    });
  }

  remove(audienceId: string, rows: readonly UploadedRow[], now: number): Promise<number> {
    return inTransaction(this.db, async (trx) => {
      const seq = await seqOf(trx, audienceId);
      const batches = [...keyBatches(rows, this.keyTable.batchSize)];
      if (batches.length === 0) return memberCount(trx, seq);
      // Whether a member stays depends on every key the audience holds.
      await this.staging.mergeAudience(trx, seq);
      let left = 0;
      for (const batch of batches) {
        const keys = this.keyTable.of(batch);
        await sql`
          delete from audience_rows
          where audience_seq = ${seq} and match_key in (select b.k from ${keys} as b)`.execute(trx);
        // Only people a removed key matched can leave, and only if no remaining key matches them.
        const members = await sql`
          delete from audience_members
          where audience_seq = ${seq}
            and person_id in (select p.person_id from ${keys} as b join person_match_keys as p on p.match_key = b.k)
            and not exists (
              select 1 from person_match_keys as q join audience_rows as r on r.match_key = q.match_key
              where r.audience_seq = ${seq} and q.person_id = audience_members.person_id)`.execute(trx);
        left += Number(members.numAffectedRows ?? 0);
      }
      return touch(trx, seq, -left, now);
    });
  }

  clear(audienceId: string, now: number): Promise<void> {
    return inTransaction(this.db, async (trx) => {
      const seq = await seqOf(trx, audienceId);
      await this.staging.clear(trx, seq);
      await trx.deleteFrom('audience_rows').where('audience_seq', '=', seq).execute();
      await trx.deleteFrom('audience_members').where('audience_seq', '=', seq).execute();
      await trx
        .updateTable('custom_audiences')
        .set({ member_count: 0, time_content_updated: now, time_updated: now })
        .where('seq', '=', seq)
        .execute();
    });
  }

  /** Opt-out: the keys' people leave every customer-file audience the account owns, and the keys go too. */
  removeFromAccount(adAccountId: string, rows: readonly UploadedRow[], now: number): Promise<void> {
    return inTransaction(this.db, async (trx) => {
      const customerLists = sql`(
        select a.seq from custom_audiences as a
        where a.ad_account_id = ${adAccountId} and a.data_source_type = 'FILE_IMPORTED')`;
      const left = new Map<number, number>();
      const batches = [...keyBatches(rows, this.keyTable.batchSize)];
      await this.staging.mergeKeyParts(trx, batches, customerLists);
      for (const batch of batches) {
        const keys = this.keyTable.of(batch);
        const members = await sql<{ audience_seq: number }>`
          delete from audience_members
          where audience_seq in ${customerLists}
            and person_id in (select p.person_id from ${keys} as b join person_match_keys as p on p.match_key = b.k)
          returning audience_seq`.execute(trx);
        const keysGone = await sql<{ audience_seq: number }>`
          delete from audience_rows
          where audience_seq in ${customerLists} and match_key in (select b.k from ${keys} as b)
          returning audience_seq`.execute(trx);
        for (const { audience_seq } of keysGone.rows) left.set(audience_seq, left.get(audience_seq) ?? 0);
        for (const { audience_seq } of members.rows) left.set(audience_seq, (left.get(audience_seq) ?? 0) + 1);
      }
      for (const [seq, count] of left) await touch(trx, seq, -count, now);
    });
  }

  mergeStaged(audienceId: string): Promise<number> {
    return inTransaction(this.db, async (trx) => {
      const seq = await seqOf(trx, audienceId);
      const staged = await this.staging.stagedCount(trx, seq);
      await this.staging.mergeAudience(trx, seq);
      return staged;
    });
  }

  async members(audienceId: string, request: ListRequest): Promise<Page<string>> {
    const seq = this.db.selectFrom('custom_audiences').select('seq').where('id', '=', audienceId);
    const page = await pageByKey(request, ({ after, before, order, limit }) =>
      this.db
        .selectFrom('audience_members')
        .select('person_id')
        .where('audience_seq', '=', seq)
        .$if(after !== undefined, (query) => query.where('person_id', '>', after!))
        .$if(before !== undefined, (query) => query.where('person_id', '<', before!))
        .orderBy('person_id', order)
        .limit(limit)
        .execute(),
    );
    return { rows: page.rows.map((row) => row.person_id), more: page.more };
  }

  /**
   * Replaces the person's keys, then adds them to every audience holding one of the keys.
   * Memberships that no key supports any more are kept (a person's keys rarely shrink).
   */
  setPersonMatchKeys(personId: string, keys: readonly Buffer[]): Promise<void> {
    return inTransaction(this.db, async (trx) => {
      await trx.deleteFrom('person_match_keys').where('person_id', '=', personId).execute();
      const batches = [...keyBatches([{ keys: [...keys] }], this.keyTable.batchSize)];
      await this.staging.mergeKeyParts(trx, batches);
      for (const batch of batches) {
        const table = this.keyTable.of(batch);
        await sql`
          insert into person_match_keys (match_key, person_id)
          select b.k, cast(${personId} as text) from ${table} as b where true
          on conflict do nothing`.execute(trx);
        const joined = await sql<{ audience_seq: number }>`
          insert into audience_members (audience_seq, person_id)
          select distinct r.audience_seq, cast(${personId} as text)
          from ${table} as b join audience_rows as r on r.match_key = b.k where true
          on conflict do nothing
          returning audience_seq`.execute(trx);
        const seqs = joined.rows.map((row) => row.audience_seq);
        if (seqs.length === 0) continue;
        await trx
          .updateTable('custom_audiences')
          .set((eb) => ({ member_count: eb('member_count', '+', 1) }))
          .where('seq', 'in', seqs)
          .execute();
      }
    });
  }

  /**
   * Adds new people's keys in one statement (or holds them, see PersonKeyHold), then joins them
   * to every audience holding one of the keys, as setPersonMatchKeys does per person.
   */
  addPeopleMatchKeys(
    people: readonly { personId: string; keys: readonly Buffer[] }[],
    personKeys: PersonKeyTable,
    hold?: PersonKeyHold,
  ): Promise<void> {
    const owners = people.flatMap(({ personId, keys }) => keys.map(() => personId));
    if (owners.length === 0) return Promise.resolve();
    const keys = Buffer.concat(people.flatMap((person) => person.keys));
    return inTransaction(this.db, async (trx) => {
      await this.staging.mergeKeyParts(trx, [{ keys, count: owners.length }]);
      const table = personKeys(keys, owners);
      await (hold ? hold.add(trx, table) : insertPersonKeys(table).execute(trx));
      const joined = await sql<{ audience_seq: number }>`
        insert into audience_members (audience_seq, person_id)
        select distinct r.audience_seq, b.person_id from ${table} as b join audience_rows as r on r.match_key = b.k where true
        on conflict do nothing
        returning audience_seq`.execute(trx);
      const added = new Map<number, number>();
      for (const { audience_seq } of joined.rows) added.set(audience_seq, (added.get(audience_seq) ?? 0) + 1);
      for (const [seq, count] of added) {
        await trx.updateTable('custom_audiences').set((eb) => ({ member_count: eb('member_count', '+', count) })).where('seq', '=', seq).execute();
      }
    });
  }
}

/** The audience's internal key; throws for an unknown audience. */
export async function seqOf(db: Kysely<Database>, audienceId: string): Promise<number> {
  const row = await db.selectFrom('custom_audiences').select('seq').where('id', '=', audienceId).executeTakeFirst();
  if (row === undefined) throw new Error(`graphd store: no custom audience ${audienceId}`);
  return row.seq;
}

/** Adds delta members and marks the content updated; returns the new member count. */
async function touch(db: Kysely<Database>, seq: number, delta: number, now: number): Promise<number> {
  const row = await db
    .updateTable('custom_audiences')
    .set((eb) => ({ member_count: eb('member_count', '+', delta), time_content_updated: now, time_updated: now }))
    .where('seq', '=', seq)
    .returning('member_count')
    .executeTakeFirstOrThrow();
  return Number(row.member_count);
}

async function memberCount(db: Kysely<Database>, seq: number): Promise<number> {
  const row = await db.selectFrom('custom_audiences').select('member_count').where('seq', '=', seq).executeTakeFirstOrThrow();
  return Number(row.member_count);
}
