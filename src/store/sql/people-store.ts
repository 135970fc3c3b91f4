import type { Kysely, Selectable } from 'kysely';
import type { Database, PeopleTable } from '../database.js';
import { nowSeconds, withFreshId } from '../ids.js';
import type { ListRequest, NewPerson, Page, PeopleStore, PersonPatch, PersonProfile, PersonRow, PersonTraits, TraitsScan } from '../types.js';
import { defined, fromFlag, fromJson, toFlag, toJson } from './codec.js';
import { CompiledRead } from './compiled-read.js';
import { pageByKey } from './paging.js';
import { insertPeople } from './people-bulk.js';
import { inTransaction } from './transaction.js';

function toPerson(row: Selectable<PeopleTable>): PersonRow {
  return {
    ...row,
    verified: fromFlag(row.verified),
    is_test_user: fromFlag(row.is_test_user),
    profile: fromJson<PersonProfile>(row.profile),
  };
}

function toColumns(patch: PersonPatch): Partial<PeopleTable> {
  const { verified, is_test_user, profile, ...plain } = defined(patch);
  return {
    ...plain,
    ...(verified === undefined ? {} : { verified: toFlag(verified) }),
    ...(is_test_user === undefined ? {} : { is_test_user: toFlag(is_test_user) }),
    ...(profile === undefined ? {} : { profile: toJson(profile) }),
  };
}

/** People are not nodes (their ids never leave graphd) but get ids from the same generator. */
export class SqlPeopleStore implements PeopleStore {
  /** Every User node reads its person. */
  private readonly byId: CompiledRead<Selectable<PeopleTable>>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.byId = new CompiledRead(db, (db, id) => db.selectFrom('people').selectAll().where('id', '=', id));
  }

  create(person: NewPerson): Promise<PersonRow> {
    const created_time = person.created_time ?? nowSeconds();
    const columns = { ...toColumns(person), created_time, updated_time: created_time } as Omit<PeopleTable, 'id'>;
    return withFreshId(async (id) => {
      const row = await this.db
        .insertInto('people')
        .values({ ...columns, id })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row && toPerson(row);
    });
  }

  async get(id: string): Promise<PersonRow | undefined> {
    const row = await this.byId.first(id);
    return row && toPerson(row);
  }

  async update(id: string, patch: PersonPatch): Promise<void> {
    const columns = { updated_time: nowSeconds(), ...toColumns(patch) };
    await this.db.updateTable('people').set(columns).where('id', '=', id).execute();
  }

  /**
   * The person's ASIDs and PSIDs are nodes of their own; they go with the person. So do
   * their audience memberships (by cascade), which the audiences' member counts follow.
   */
  async delete(id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await trx
        .updateTable('custom_audiences')
        .set((eb) => ({ member_count: eb('member_count', '-', 1) }))
        .where('seq', 'in', trx.selectFrom('audience_members').select('audience_seq').where('person_id', '=', id))
        .execute();
      const asids = trx.selectFrom('app_users').select('asid').where('person_id', '=', id);
      const psids = trx.selectFrom('page_scoped_ids').select('psid').where('person_id', '=', id);
      await trx.deleteFrom('nodes').where('id', 'in', asids).execute();
      await trx.deleteFrom('nodes').where('id', 'in', psids).execute();
      await trx.deleteFrom('people').where('id', '=', id).execute();
    });
  }

  async list(request: ListRequest): Promise<Page<PersonRow>> {
    const page = await pageByKey(request, ({ after, before, order, limit }) =>
      this.db
        .selectFrom('people')
        .selectAll()
        .$if(after !== undefined, (query) => query.where('id', '>', after!))
        .$if(before !== undefined, (query) => query.where('id', '<', before!))
        .orderBy('id', order)
        .limit(limit)
        .execute(),
    );
    return { rows: page.rows.map(toPerson), more: page.more };
  }

  async insertMany(people: readonly (NewPerson & { id: string })[]): Promise<string[]> {
    if (people.length === 0) return [];
    const now = nowSeconds();
    const rows = people.map((person): PeopleTable => {
      const created_time = person.created_time ?? now;
      return { ...(toColumns(person) as Omit<PeopleTable, 'id'>), id: person.id, created_time, updated_time: created_time };
    });
    return insertPeople(this.db, this.dialect, rows);
  }

  /** Members are walked from audience_members (its key leads with the audience), countries over the people table. */
  async traits({ countries, memberOf, after, limit }: TraitsScan): Promise<PersonTraits[]> {
    if (countries !== undefined && countries.length === 0) return [];
    const columns = ['p.id', 'p.birthday', 'p.gender', 'p.city', 'p.state', 'p.country', 'p.locale', 'p.profile', 'p.updated_time'] as const;
    const rows = await (memberOf === undefined
      ? this.db.selectFrom('people as p').select(columns).orderBy('p.id')
      : this.db
          .selectFrom('audience_members as m')
          .innerJoin('people as p', 'p.id', 'm.person_id')
          .select(columns)
          .where('m.audience_seq', '=', this.db.selectFrom('custom_audiences').select('seq').where('id', '=', memberOf))
          .orderBy('m.person_id')
    )
      .$if(countries !== undefined, (query) => query.where('p.country', 'in', countries!))
      .$if(after !== undefined, (query) => query.where('p.id', '>', after!))
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...row, profile: fromJson<PersonProfile>(row.profile) }));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
