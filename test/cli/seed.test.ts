/**
 * `graphd seed` end to end: seed people into a SQLite file, emit a customer list that
 * partly overlaps them, upload the list (normalised and hashed by the server's own matching
 * module, as the upload CLI does) to a graphd over the same file, and check the audience.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { uploadCell, type MatchKey } from '../../src/audiences/matching/index.js';
import { registerSeedCommands } from '../../src/cli/seed-commands.js';
import { openStore } from '../../src/store/index.js';
import { splitBirthDate } from '../../src/uploader/birth-date.js';
import { newCustomerList } from '../helpers/audiences.js';
import { useGraph } from '../helpers/graph.js';

const dir = mkdtempSync(join(tmpdir(), 'graphd-seed-'));
const db = `sqlite:${join(dir, 'graphd.sqlite')}`;
const csv = join(dir, 'customers.csv');
const ROWS = 1_000;

/** Runs `graphd seed ...` in process and returns what it printed. */
async function cli(...args: string[]): Promise<string> {
  const program = new Command('graphd').exitOverride();
  registerSeedCommands(program);
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await program.parseAsync(['seed', ...args, '--db', db], { from: 'user' });
    return out.mock.calls.map((call) => call.join(' ')).join('\n');
  } finally {
    out.mockRestore();
  }
}

/** A CSV line; fields may be quoted. */
const fields = (line: string): string[] => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, f]) => (f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f));

const COLUMN_KEYS: Record<string, MatchKey> = {
  email: 'EMAIL', phone: 'PHONE', first_name: 'FN', last_name: 'LN', zip: 'ZIP', city: 'CT', state: 'ST', country: 'COUNTRY', gender: 'GEN', madid: 'MADID',
};

describe('graphd seed (CLI)', () => {
  let printed = '';
  const graph = useGraph(async () => {
    printed = await cli('--people', '3000', '--random-seed', '8', '--batch-size', '700', '--emit-csv', csv, '--overlap', '0.6', '--rows', String(ROWS));
    return openStore(db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds the people and says how many list rows are theirs', async () => {
    expect(printed).toMatch(/^seeded 3000 people in [\d.]+ s \(\d+ people\/s\), --random-seed 8$/m);
    expect(printed).toContain(`wrote ${ROWS} rows to ${csv}: 600 of them people of the store (60.0%)`);
    expect(await graph().store.people.count()).toBe(3000 + graph().world.people.length);
  });

  it('writes a list whose upload matches about the overlap, and only seeded people', async () => {
    const [header, ...lines] = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(header).toBe('email,phone,first_name,last_name,zip,city,state,country,dob,gender,madid');
    expect(lines).toHaveLength(ROWS);
    const columns = header.split(',');
    const schema: MatchKey[] = [...columns.filter((c) => c !== 'dob').map((c) => COLUMN_KEYS[c]), 'DOBY', 'DOBM', 'DOBD'];
    const data = lines.map((line) => {
      const values = fields(line);
      const born = splitBirthDate(values[columns.indexOf('dob')]);
      const cells = columns.flatMap((column, i) => (column === 'dob' ? [] : [uploadCell(COLUMN_KEYS[column], values[i])]));
      return [...cells, uploadCell('DOBY', born?.year), uploadCell('DOBM', born?.month), uploadCell('DOBD', born?.day)];
    });
    // The noise is real: raw emails in the list are not all in normalised form.
    expect(lines.some((line) => /[A-Z]/.test(fields(line)[0]) || fields(line)[0].startsWith(' '))).toBe(true);

    const g = graph();
    const id = await newCustomerList(g, 'Seeded customers');
    const reply = await g.request('POST', `/v21.0/${id}/users?access_token=${g.world.tokens.user}`, {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ payload: { schema, data } }),
    });
    expect(reply.status, reply.body).toBe(200);
    expect(reply.json).toMatchObject({ num_received: ROWS, num_invalid_entries: 0 });

    const members = (await g.store.audiences.get(id))!.member_count;
    expect(members).toBeGreaterThanOrEqual(0.5 * ROWS);
    expect(members).toBeLessThanOrEqual(0.7 * ROWS);
    const demoIds = new Set(g.world.people.map((p) => p.id));
    const page = await g.store.audiences.members(id, { limit: ROWS });
    expect(page.rows.filter((personId) => demoIds.has(personId))).toEqual([]);
  });

  it('emits a list from the people already in the store when no --people is given', async () => {
    const other = join(dir, 'again.csv');
    const out = await cli('--emit-csv', other, '--rows', '50', '--overlap', '0.5', '--random-seed', '3');
    expect(out).toBe(`wrote 50 rows to ${other}: 25 of them people of the store (50.0%)`);
    expect(readFileSync(other, 'utf8').trimEnd().split('\n')).toHaveLength(51);
  });

  it('refuses flags it cannot use, before touching the store', async () => {
    await expect(cli('--emit-csv', join(dir, 'x.csv'), '--overlap', '1.5')).rejects.toThrow('--overlap must be a fraction between 0 and 1: 1.5');
    await expect(cli('--people', '-3')).rejects.toThrow('--people must be a whole number of at least 1: -3');
    await expect(cli('--random-seed', '4')).rejects.toThrow('graphd seed needs --people N, --emit-csv FILE or both');
  });
});
