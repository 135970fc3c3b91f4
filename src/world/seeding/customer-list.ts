import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Store } from '../../store/types.js';
import { CUSTOMER_LIST_COLUMNS, noisyRow } from './list-noise.js';
import { freshPerson, seedAt, seededPerson, STREAM, type SeededPerson } from './seeded-person.js';

export interface CustomerListOptions {
  rows: number;
  /** Fraction of the rows that are people of the store (0..1). */
  overlap: number;
  seed: number;
  now: number;
}

export interface CustomerListResult {
  rows: number;
  /** Rows written for people in the store: each a different person. */
  matched: number;
}

/** Where matched rows come from: `count` distinct people, in a deterministic order. */
export type PeopleSample = (count: number) => AsyncIterable<SeededPerson> | Iterable<SeededPerson>;

/** count distinct indexes of 0..size-1 drawn from (seed, stream): a partial Fisher–Yates over a sparse swap map. */
function* sampleIndexes(seed: number, stream: number, size: number, count: number): Generator<number> {
  const swapped = new Map<number, number>();
  for (let i = 0; i < Math.min(count, size); i++) {
    const j = seedAt(seed, stream, i).number.int({ min: i, max: size - 1 });
    const [atI, atJ] = [swapped.get(i) ?? i, swapped.get(j) ?? j];
    swapped.set(j, atI);
    yield atJ;
  }
}

/** People first..first+people-1 of the world `seed`, regenerated (no store read). */
export const seededSample = (seed: number, first: number, people: number, now: number): PeopleSample =>
  function* (count) {
    for (const index of sampleIndexes(seed, STREAM.sample, people, count)) yield seededPerson(seed, first + index, now);
  };

/** People already in the store, read page by page and sampled by the seed. */
export const storeSample = (store: Store, seed: number): PeopleSample =>
  async function* (count) {
    const total = await store.people.count();
    const wanted = [...sampleIndexes(seed, STREAM.sample, total, count)];
    const order = new Map(wanted.map((index, position) => [index, position]));
    const found: SeededPerson[] = new Array(wanted.length);
    let index = 0;
    let after: string | undefined;
    while (index < total) {
      const page = await store.people.list({ limit: 1_000, after });
      for (const person of page.rows) {
        const position = order.get(index++);
        if (position !== undefined) found[position] = person;
      }
      if (!page.more || page.rows.length === 0) break;
      after = page.rows[page.rows.length - 1].id;
    }
    yield* found.filter(Boolean);
  };

const field = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * A raw customer list: about `overlap` of the rows are people the sample gives (each once),
 * the rest fresh people who match nobody, shuffled together, every value written with the
 * noise of a real export (list-noise.ts).
 */
export async function writeCustomerList(out: Writable, sample: PeopleSample, options: CustomerListOptions): Promise<CustomerListResult> {
  const wantedMatched = Math.round(options.rows * options.overlap);
  const matchedPeople: SeededPerson[] = [];
  for await (const person of sample(wantedMatched)) matchedPeople.push(person);
  // Which rows are matched: the first matchedPeople.length of a seeded shuffle of row numbers.
  const matchedRows = new Set(sampleIndexes(options.seed, STREAM.rowOrder, options.rows, matchedPeople.length));
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${CUSTOMER_LIST_COLUMNS.join(',')}\n`);
  let next = 0;
  for (let row = 0; row < options.rows; row++) {
    const matched = matchedRows.has(row);
    const person = matched ? matchedPeople[next++] : freshPerson(options.seed, row, options.now);
    const faker = seedAt(options.seed, STREAM.noise, row);
    await write(`${noisyRow(faker, person, { accents: !matched }).map(field).join(',')}\n`);
  }
  return { rows: options.rows, matched: matchedPeople.length };
}
