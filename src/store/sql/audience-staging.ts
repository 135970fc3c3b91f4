import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database.js';
import { partBatch, partsOf, type KeyBatch, type KeyTable } from './key-table.js';

/**
 * Audiences up to this many keys (staged and merged) are merged after every upload: a merge
 * rewrites the pages of the parts it touches, a few megabytes at most here, and small
 * audiences then read back from audience_rows alone.
 */
export const SMALL_AUDIENCE_KEYS = 131_072;

/** A part of a larger audience merges once it stages this many keys, or as many as it merged so far. */
export const PART_MERGE_FLOOR = 2_048;

interface PartCounts {
  part: number;
  staged: number;
  merged: number;
}

/**
 * The staged path of uploaded keys. Inserting 10,000 random keys into audience_rows (keyed on
 * (audience, key), and indexed on key) dirties a page of each B-tree per key once the
 * audience outgrows the cache, so every upload would rewrite most of both trees. Instead an
 * upload appends its keys: one row per part of the key space (the first byte's top six bits),
 * the part's keys end to end in one binary value, which costs about what writing the bytes
 * does. Merging moves a part's staged keys into audience_rows sorted, so each page is written
 * once per merge however many keys land on it.
 *
 * A part merges when its staged keys reach the keys it merged before (and PART_MERGE_FLOOR),
 * so each page is rewritten a logarithmic number of times as the audience grows; one part
 * at most per upload, so no upload carries the merge of the whole audience. Operations that
 * need the keys themselves merge what they read first: a removal the audience's parts, a
 * person's new keys and an opt-out the parts of their keys.
 *
 * Members never wait for a merge: an upload matches its own keys against person_match_keys
 * as it arrives (audience-rows.ts), so member counts are exact at every step.
 */
export class AudienceStaging {
  constructor(private readonly keyTable: KeyTable) {}

  /** Appends the batch's keys to the audience's staged keys; answers how many went to each part. */
  async stage(db: Kysely<Database>, seq: number, batch: KeyBatch): Promise<Map<number, number>> {
    const parted = partBatch(batch);
    await sql`
      insert into audience_staged_keys (audience_seq, part, count, keys, vals)
      select cast(${seq} as integer), p.part, p.count, p.keys, p.vals from ${this.keyTable.parts(parted)} as p`.execute(db);
    return new Map(parted.slices.map((slice) => [slice.part, slice.count]));
  }

  /** Counts staged keys into their parts, then merges what is due (see the class comment). */
  async staged(db: Kysely<Database>, seq: number, counts: ReadonlyMap<number, number>): Promise<void> {
    if (counts.size === 0) return;
    await sql`
      insert into audience_key_parts (audience_seq, part, staged, merged)
      select cast(${seq} as integer), c.part, c.count, 0 from ${this.keyTable.counts(counts)} as c where true
      on conflict (audience_seq, part) do update set staged = audience_key_parts.staged + excluded.staged`.execute(db);
    const parts = await this.partCounts(db, seq);
    const waiting = parts.filter((part) => part.staged > 0);
    const total = parts.reduce((sum, part) => sum + part.staged + part.merged, 0);
    if (total <= SMALL_AUDIENCE_KEYS) return this.merge(db, seq, waiting.map((part) => part.part));
    const due = waiting
      .filter((part) => part.staged >= Math.max(PART_MERGE_FLOOR, part.merged))
      .sort((a, b) => b.staged - a.staged || a.part - b.part)[0];
    if (due) await this.merge(db, seq, [due.part]);
  }

  /** Merges every staged key of the audience (what a removal must see). */
  async mergeAudience(db: Kysely<Database>, seq: number): Promise<void> {
    const parts = await this.partCounts(db, seq);
    await this.merge(db, seq, parts.filter((part) => part.staged > 0).map((part) => part.part));
  }

  /** Merges the staged keys in the parts these keys fall in, of every audience or of `audiences` (a select of seqs). */
  async mergeKeyParts(db: Kysely<Database>, batches: readonly KeyBatch[], audiences?: RawBuilder<unknown>): Promise<void> {
    const parts = partsOf(batches);
    if (parts.length === 0) return;
    const { rows } = await sql<{ audience_seq: number; part: number }>`
      select audience_seq, part from audience_key_parts
      where staged > 0 and part in (${sql.join(parts.map((part) => sql.lit(part)))})
      ${audiences ? sql`and audience_seq in ${audiences}` : sql``}
      order by audience_seq, part`.execute(db);
    const byAudience = new Map<number, number[]>();
    for (const { audience_seq, part } of rows) byAudience.set(audience_seq, [...(byAudience.get(audience_seq) ?? []), part]);
    for (const [seq, seqParts] of byAudience) await this.merge(db, seq, seqParts);
  }

  /** Forgets the audience's staged keys and counts (the start of a replace). */
  async clear(db: Kysely<Database>, seq: number): Promise<void> {
    await sql`delete from audience_staged_keys where audience_seq = ${seq}`.execute(db);
    await sql`delete from audience_key_parts where audience_seq = ${seq}`.execute(db);
  }

  /** Keys still staged, in all or for one audience (tests and the ingest bench). */
  async stagedCount(db: Kysely<Database>, seq?: number): Promise<number> {
    const { rows } = await sql<{ n: number | string | null }>`
      select sum(staged) as n from audience_key_parts ${seq === undefined ? sql`` : sql`where audience_seq = ${seq}`}`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }

  private async merge(db: Kysely<Database>, seq: number, parts: readonly number[]): Promise<void> {
    if (parts.length === 0) return;
    const moved = await this.keyTable.merge(db, seq, parts);
    if (moved.size === 0) return;
    // merged counts keys moved, duplicates included: an upper bound, which only paces merges.
    await sql`
      update audience_key_parts
      set staged = audience_key_parts.staged - m.count, merged = audience_key_parts.merged + m.count
      from ${this.keyTable.counts(moved)} as m
      where audience_key_parts.audience_seq = ${seq} and audience_key_parts.part = m.part`.execute(db);
  }

  private async partCounts(db: Kysely<Database>, seq: number): Promise<PartCounts[]> {
    const { rows } = await sql<PartCounts>`
      select part, staged, merged from audience_key_parts where audience_seq = ${seq}`.execute(db);
    return rows.map((row) => ({ part: Number(row.part), staged: Number(row.staged), merged: Number(row.merged) }));
  }
}
