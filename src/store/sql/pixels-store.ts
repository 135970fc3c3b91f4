import type { Kysely } from 'kysely';
import type { Database, JsonText } from '../database.js';
import { allocate } from '../ids.js';
import type { PixelEventRow, PixelRow, PixelsStore } from '../pixel-types.js';
import type { ListRequest, Page } from '../types.js';
import { fromJson, toJson } from './codec.js';
import { pageByKey } from './paging.js';
import { inTransaction } from './transaction.js';

/** The stored shapes of migration 0011: a pixel row is stored as the port shows it. */
interface PixelEventsTable extends Omit<PixelEventRow, 'custom_data'> {
  custom_data: JsonText;
}

type PixelsDatabase = Database & { pixels: PixelRow; pixel_events: PixelEventsTable };

const toPixel = (row: PixelRow): PixelRow => ({ ...row, creation_time: Number(row.creation_time), last_fired_time: Number(row.last_fired_time) });

export class SqlPixelsStore implements PixelsStore {
  private readonly db: Kysely<PixelsDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ pixels: PixelRow; pixel_events: PixelEventsTable }>();
  }

  create(pixel: Pick<PixelRow, 'ad_account_id' | 'name' | 'creation_time'>, code: (id: string) => string): Promise<PixelRow> {
    return this.inTransaction(async (trx) => {
      const id = await allocate(trx as unknown as Kysely<Database>, 'AdsPixel', pixel.creation_time);
      const row: PixelRow = { ...pixel, id, code: code(id), last_fired_time: 0 };
      await trx.insertInto('pixels').values(row).execute();
      return row;
    });
  }

  private inTransaction<T>(fn: (trx: Kysely<PixelsDatabase>) => Promise<T>): Promise<T> {
    return inTransaction(this.db as unknown as Kysely<Database>, (trx) => fn(trx as unknown as Kysely<PixelsDatabase>));
  }

  async get(id: string): Promise<PixelRow | undefined> {
    const row = await this.db.selectFrom('pixels').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPixel(row);
  }

  async list(adAccountId: string, request: ListRequest): Promise<Page<PixelRow>> {
    const page = await pageByKey(request, ({ after, before, order, limit }) => {
      let query = this.db.selectFrom('pixels').selectAll().where('ad_account_id', '=', adAccountId);
      if (after !== undefined) query = query.where('id', '>', after);
      if (before !== undefined) query = query.where('id', '<', before);
      return query.orderBy('id', order).limit(limit).execute();
    });
    return { ...page, rows: page.rows.map(toPixel) };
  }

  async record(pixelId: string, events: readonly PixelEventRow[], now: number): Promise<void> {
    await this.inTransaction(async (trx) => {
      // Bounded by the 1000 events a request may carry; a statement per 100 keeps under SQLite's bind limit.
      for (let from = 0; from < events.length; from += 100) {
        const rows = events.slice(from, from + 100).map((event) => ({ ...event, pixel_id: pixelId, custom_data: toJson(event.custom_data) }));
        await trx.insertInto('pixel_events').values(rows).execute();
      }
      await trx.updateTable('pixels').set({ last_fired_time: now }).where('id', '=', pixelId).execute();
    });
  }

  async matchedEvents(pixelIds: readonly string[], since: number): Promise<PixelEventRow[]> {
    if (pixelIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('pixel_events')
      .selectAll()
      .where('pixel_id', 'in', pixelIds)
      .where('event_time', '>=', since)
      .where('person_id', 'is not', null)
      .orderBy('event_time')
      .execute();
    return rows.map((row) => ({ ...row, event_time: Number(row.event_time), received_time: Number(row.received_time), custom_data: fromJson(row.custom_data) }));
  }

  async personByMatchKeys(keys: readonly Buffer[]): Promise<string | undefined> {
    if (keys.length === 0) return undefined;
    const row = await this.db
      .selectFrom('person_match_keys')
      .select('person_id')
      .where('match_key', 'in', keys)
      .orderBy('person_id')
      .limit(1)
      .executeTakeFirst();
    return row?.person_id;
  }
}
