import { sql, type Kysely } from 'kysely';
import type { FilterClause } from '../../graph/filtering/ast.js';
import { compileFiltering } from '../../graph/filtering/filtering-compiler.js';
import type {
  AudienceSessionRow,
  AudiencesStore,
  CustomAudiencePatch,
  CustomAudienceRow,
  NewCustomAudience,
  UploadedRow,
} from '../audience-types.js';
import type { CustomAudiencesTable, Database } from '../database.js';
import { allocate } from '../ids.js';
import type { ListRequest, Page } from '../types.js';
import { AUDIENCE_FILTER_FIELDS, toAudience, toColumns } from './audience-codec.js';
import { personKeyHolds, personKeyTables } from './people-bulk.js';
import { AudienceRows } from './audience-rows.js';
import { AudienceSessions } from './audience-sessions.js';
import { AudienceSharing, type AudienceShare } from './audience-sharing.js';
import { memberValues, setMembers } from './audience-members.js';
import type { KeyTable } from './key-table.js';
import { pageByKey } from './paging.js';
import { nextValue } from './sequences.js';
import { inTransaction } from './transaction.js';

export class SqlAudiencesStore implements AudiencesStore {
  private readonly rows: AudienceRows;
  private readonly sessions: AudienceSessions;
  private readonly sharing: AudienceSharing;

  constructor(
    private readonly db: Kysely<Database>,
    keyTable: KeyTable,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.rows = new AudienceRows(db, keyTable);
    this.sessions = new AudienceSessions(db);
    this.sharing = new AudienceSharing(db);
  }

  create({ ad_account_id, time_created, ...audience }: NewCustomAudience): Promise<CustomAudienceRow> {
    return inTransaction(this.db, async (trx) => {
      const id = await allocate(trx, 'CustomAudience', time_created);
      const seq = await nextValue(trx, 'custom_audiences.seq');
      const times = { time_created, time_updated: time_created, time_content_updated: time_created };
      const pending = { processing_until: audience.processing_until ?? 0, settled_status: audience.settled_status ?? audience.operation_status, reads_left: audience.reads_left ?? 0 };
      const fixed = { id, seq, ad_account_id, member_count: 0, delete_time: 0, transition: null, ...pending };
      const columns = { ...toColumns(audience), ...times, ...fixed } as CustomAudiencesTable;
      return toAudience(await trx.insertInto('custom_audiences').values(columns).returningAll().executeTakeFirstOrThrow());
    });
  }

  async get(id: string): Promise<CustomAudienceRow | undefined> {
    const row = await this.db.selectFrom('custom_audiences').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAudience(row);
  }

  /**
   * Reads the audience and holds it until the transaction ends, so concurrent batches of
   * one session (from any process) apply one after another and every count adds up.
   * SQLite needs no row lock: its transactions hold the write lock from their start.
   */
  async lock(id: string): Promise<CustomAudienceRow | undefined> {
    const row = await this.db
      .selectFrom('custom_audiences')
      .selectAll()
      .where('id', '=', id)
      .$if(this.dialect === 'postgres', (query) => query.forUpdate())
      .executeTakeFirst();
    return row && toAudience(row);
  }

  /** Sets what the patch names, times included: the caller decides what counts as an update. */
  async update(id: string, patch: CustomAudiencePatch): Promise<void> {
    const columns = toColumns(patch);
    if (Object.keys(columns).length === 0) return;
    await this.db.updateTable('custom_audiences').set(columns).where('id', '=', id).execute();
  }

  /** Deleting the node cascades to the audience and everything it holds. */
  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('nodes').where('id', '=', id).where('type', '=', 'CustomAudience').execute();
  }

  /** The account's own audiences and those shared with it that pass the filtering; with TOP, its n highest. */
  private listed(adAccountId: string, filtering: FilterClause[]) {
    const { where, top } = compileFiltering<Database, 'custom_audiences'>(filtering, AUDIENCE_FILTER_FIELDS);
    const sharedWithAccount = this.db
      .selectFrom('audience_shares')
      .select('audience_shares.audience_id')
      .where('audience_shares.ad_account_id', '=', adAccountId);
    return this.db
      .selectFrom('custom_audiences')
      .selectAll()
      .where((eb) =>
        eb.or([eb('custom_audiences.ad_account_id', '=', adAccountId), eb('custom_audiences.id', 'in', sharedWithAccount)]),
      )
      .where(where)
      .$if(top !== undefined, (query) =>
        query.orderBy(sql.ref(top!.column), 'desc').orderBy('custom_audiences.id').limit(top!.n),
      );
  }

  /** With TOP, the n matching audiences highest on its field are kept first, then paged by id. */
  async list(adAccountId: string, request: ListRequest, filtering: FilterClause[] = []): Promise<Page<CustomAudienceRow>> {
    const matching = this.listed(adAccountId, filtering);
    const page = await pageByKey(request, ({ after, before, order, limit }) =>
      this.db
        .selectFrom(matching.as('a'))
        .selectAll()
        .$if(after !== undefined, (query) => query.where('a.id', '>', after!))
        .$if(before !== undefined, (query) => query.where('a.id', '<', before!))
        .orderBy('a.id', order)
        .limit(limit)
        .execute(),
    );
    return { rows: page.rows.map(toAudience), more: page.more };
  }

  /** The account's own audiences (not those shared with it), optionally of one subtype. */
  async count(adAccountId: string, filter: { subtype?: string } = {}): Promise<number> {
    const row = await this.db
      .selectFrom('custom_audiences')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('ad_account_id', '=', adAccountId)
      .$if(filter.subtype !== undefined, (query) => query.where('subtype', '=', filter.subtype!))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async countListed(adAccountId: string, filtering: FilterClause[] = []): Promise<number> {
    const row = await this.db
      .selectFrom(this.listed(adAccountId, filtering).as('a'))
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Listings sweep before every page: an indexed look first, so that nothing due writes nothing. */
  async settle(now: number): Promise<void> {
    const due = await this.db.selectFrom('custom_audiences').select('id').where('processing_until', '>', 0).where('processing_until', '<=', now).limit(1).executeTakeFirst();
    if (!due) return;
    await this.db
      .updateTable('custom_audiences')
      .set((eb) => ({ operation_status: eb.ref('settled_status'), processing_until: 0 }))
      .where('processing_until', '>', 0)
      .where('processing_until', '<=', now)
      .execute();
  }

  /** One statement: concurrent reads each take one, and exactly one of them settles the change. */
  async countRead(id: string): Promise<CustomAudienceRow | undefined> {
    const row = await this.db
      .updateTable('custom_audiences')
      .set((eb) => ({
        reads_left: eb('reads_left', '-', 1),
        operation_status: eb.case().when('reads_left', '<=', 1).then(eb.ref('settled_status')).else(eb.ref('operation_status')).end(),
      }))
      .where('id', '=', id)
      .where('reads_left', '>', 0)
      .returningAll()
      .executeTakeFirst();
    // No row: another read settled it first (or it was not waiting): it reads as it is.
    return row ? toAudience(row) : this.get(id);
  }

  async settleNow(id: string): Promise<void> {
    await this.db
      .updateTable('custom_audiences')
      .set((eb) => ({ operation_status: eb.ref('settled_status'), processing_until: 0, reads_left: 0 }))
      .where('id', '=', id)
      .execute();
  }

  /** Oldest first. */
  async derivedFrom(originId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('custom_audiences')
      .select('id')
      .where('origin_audience_id', '=', originId)
      .orderBy('time_created')
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** Nothing awaited: neither time still to pass (processing_until 0 or past, as currentCode reads it) nor reads. */
  async settleOn(audienceId: string, code: number): Promise<void> {
    await this.db
      .updateTable('custom_audiences')
      .set((eb) => ({
        settled_status: code,
        operation_status: eb.case().when(eb.and([eb('processing_until', '=', 0), eb('reads_left', '=', 0)])).then(code).else(eb.ref('operation_status')).end(),
      }))
      .where('id', '=', audienceId)
      .execute();
  }

  async unbuiltLookalikes(): Promise<string[]> {
    const rows = await this.db.selectFrom('custom_audiences').select('id').where('subtype', '=', 'LOOKALIKE').where('settled_status', 'in', [441, 434]).orderBy('seq').execute();
    return rows.map((row) => row.id);
  }

  setMembers(audienceId: string, personIds: readonly string[], now: number): Promise<void> {
    return setMembers(this.db, audienceId, personIds, now);
  }

  async memberValues(audienceId: string): Promise<Map<string, number>> {
    // Values live with the keys: staged ones are merged first so every row is counted.
    await this.rows.mergeStaged(audienceId);
    return memberValues(this.db, audienceId);
  }

  addRows(audienceId: string, rows: UploadedRow[], now: number): Promise<number> {
    return this.rows.add(audienceId, rows, now);
  }

  removeRows(audienceId: string, rows: UploadedRow[], now: number): Promise<number> {
    return this.rows.remove(audienceId, rows, now);
  }

  clearRows(audienceId: string, now: number): Promise<void> {
    return this.rows.clear(audienceId, now);
  }

  removeFromAccount(adAccountId: string, rows: UploadedRow[], now: number): Promise<void> {
    return this.rows.removeFromAccount(adAccountId, rows, now);
  }

  members(audienceId: string, request: ListRequest): Promise<Page<string>> {
    return this.rows.members(audienceId, request);
  }

  mergeStagedRows(audienceId: string): Promise<number> {
    return this.rows.mergeStaged(audienceId);
  }

  setPersonMatchKeys(personId: string, keys: Buffer[]): Promise<void> {
    return this.rows.setPersonMatchKeys(personId, keys);
  }

  addPeopleMatchKeys(people: readonly { personId: string; keys: readonly Buffer[] }[], options: { hold?: boolean } = {}): Promise<void> {
    return this.rows.addPeopleMatchKeys(people, personKeyTables[this.dialect], options.hold ? personKeyHolds[this.dialect] : undefined);
  }

  async flushPeopleMatchKeys(): Promise<void> {
    await personKeyHolds[this.dialect]?.flush(this.db);
  }

  async peopleWithoutMatchKeys(personIds: readonly string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('people as p')
      .select('p.id')
      .where('p.id', 'in', personIds)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('person_match_keys as k').select('k.person_id').whereRef('k.person_id', '=', 'p.id'))))
      .execute();
    return rows.map((row) => row.id);
  }

  getSession(audienceId: string, sessionId: string): Promise<AudienceSessionRow | undefined> {
    return this.sessions.get(audienceId, sessionId);
  }

  listSessions(audienceId: string, request: ListRequest, sessionId?: string): Promise<Page<AudienceSessionRow>> {
    return this.sessions.list(audienceId, request, sessionId);
  }

  putSession(session: AudienceSessionRow): Promise<void> {
    return this.sessions.put(session);
  }

  finishProcessingSessions(audienceId: string): Promise<void> {
    return this.sessions.finishProcessing(audienceId);
  }

  recordBatch(audienceId: string, sessionId: string, batchSeq: number): Promise<boolean> {
    return this.sessions.recordBatch(audienceId, sessionId, batchSeq);
  }

  share(audienceId: string, adAccountId: string, permissions: string, now: number): Promise<void> {
    return this.sharing.share(audienceId, adAccountId, permissions, now);
  }

  unshare(audienceId: string, adAccountId: string): Promise<void> {
    return this.sharing.unshare(audienceId, adAccountId);
  }

  sharedWith(audienceId: string): Promise<AudienceShare[]> {
    return this.sharing.sharedWith(audienceId);
  }

  tosAccepted(adAccountId: string): Promise<string[]> {
    return this.sharing.tosAccepted(adAccountId);
  }

  acceptTos(adAccountId: string, tosId: string, now: number): Promise<void> {
    return this.sharing.acceptTos(adAccountId, tosId, now);
  }
}
