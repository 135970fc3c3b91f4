/**
 * The people tools end to end, as a person would chain them: `graphd seed` fills a store
 * and writes a customer list that partly overlaps it, `graphd audiences create` and
 * `graphd audiences upload` send the list to a graphd over that store, and the audience's
 * size bounds land in the band the overlap predicts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerSeedCommands } from '../../src/cli/seed-commands.js';
import { openStore } from '../../src/store/index.js';
import { runAudiences, useLiveGraphd } from './audiences-live.js';

const dir = mkdtempSync(join(tmpdir(), 'graphd-e2e-'));
const db = `sqlite:${join(dir, 'graphd.sqlite')}`;
const csv = join(dir, 'customers.csv');
const rows = 2_500;
const overlap = 0.6;

async function seed(): Promise<void> {
  const program = new Command('graphd').exitOverride();
  registerSeedCommands(program);
  const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const args = ['seed', '--people', '5000', '--random-seed', '11', '--emit-csv', csv, '--overlap', String(overlap), '--rows', String(rows), '--db', db];
    await program.parseAsync(args, { from: 'user' });
  } finally {
    quiet.mockRestore();
  }
}

describe('seed -> emit CSV -> upload CLI -> audience size', () => {
  const graphd = useLiveGraphd(async () => {
    await seed();
    return openStore(db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches about the overlap of the list, and the size bounds say so', async () => {
    const live = graphd();
    const created = await runAudiences(live, ['create', '--ad-account', live.world.adAccount.id, '--name', 'From the CRM', '--json']);
    expect(created.code, created.err).toBe(0);
    const { id } = JSON.parse(created.out) as { id: string };

    const uploaded = await runAudiences(live, ['upload', csv, '--audience', id, '--batch-size', '1000', '--json']);
    expect(uploaded.code, uploaded.err).toBe(0);
    const summary = JSON.parse(uploaded.out);
    expect(summary).toMatchObject({ batches: 3, rowsSent: rows, numReceived: rows, stage: 'finished' });
    // Every seeded row the list carries must match despite its formatting noise; fresh rows match nobody.
    expect(summary.numMatched).toBe(Math.round(rows * overlap));

    const shown = await runAudiences(live, ['show', id, '--fields', 'approximate_count_lower_bound,approximate_count_upper_bound', '--json']);
    const size = JSON.parse(shown.out) as { approximate_count_lower_bound: number; approximate_count_upper_bound: number };
    expect(size.approximate_count_lower_bound).toBeGreaterThanOrEqual(rows * (overlap - 0.1));
    expect(size.approximate_count_upper_bound).toBeLessThanOrEqual(rows * (overlap + 0.1));
    expect(size.approximate_count_lower_bound).toBeLessThan(size.approximate_count_upper_bound);
  }, 60_000);
});
