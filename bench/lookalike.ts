/**
 * Lookalike bench: seeds N people (`graphd seed`'s path) into a fresh SQLite file, makes an
 * origin of 1000 people of one segment (women of one state), and times the build of a 1%
 * lookalike of the US (features, model, scoring every US person, writing the members). Beside
 * it, in the same run, the baseline: the same people's rows read page by page as the build
 * reads them, with no features or scoring, so build/baseline says what the model costs.
 *
 *   npx tsx bench/lookalike.ts [--people 1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pageSize } from '../src/audiences/lookalike/build.js';
import { lookalikeBuilds } from '../src/audiences/lookalike/builds.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { seedPeople } from '../src/world/seeding/seed-people.js';
import { customerListRow } from './lib/customer-list.js';

export interface LookalikeBenchResult {
  people: number;
  usPeople: number;
  seedSeconds: number;
  buildSeconds: number;
  members: number;
  /** Seconds to read the same people's rows without building anything. */
  scanSeconds: number;
  peakRss: number;
}

const SEED = 1;
const ORIGIN_SIZE = 1000;

export async function lookalikeBench(options: { people: number }): Promise<LookalikeBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-lookalike-bench-'));
  const now = Math.floor(Date.now() / 1000);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  try {
    const store = await openStore(`sqlite:${join(dir, 'graphd.sqlite')}`);
    try {
      const seeded = await seedPeople(store, { people: options.people, seed: SEED, now, onProgress: (done) => done % 200_000 === 0 && process.stderr.write(`[lookalike] seeded ${done} people\n`) });
      const { originId, usPeople } = await origin(store, now);
      const lookalike = await store.audiences.create({
        ad_account_id: (await store.audiences.get(originId))!.ad_account_id,
        name: 'Bench 1%',
        description: null,
        subtype: 'LOOKALIKE',
        customer_file_source: null,
        data_source_type: 'SEED_BASED',
        data_source_sub_type: 'LOOKALIKE_PLATFORM',
        is_value_based: false,
        retention_days: 0,
        rule: null,
        rule_aggregation: null,
        lookalike_spec: { type: 'similarity', ratio: 0.01, country: 'US', origin: [{ id: originId, type: 'custom_audience' }] },
        origin_audience_id: originId,
        pixel_id: null,
        opt_out_link: null,
        attributes: {},
        time_created: now,
        operation_status: 441,
        settled_status: 441,
      });
      peakRss = process.memoryUsage.rss();
      const started = performance.now();
      await lookalikeBuilds(store).build(lookalike.id, now);
      const buildSeconds = (performance.now() - started) / 1000;
      const built = (await store.audiences.get(lookalike.id))!;
      if (built.operation_status !== 200) throw new Error(`lookalike build ended with ${built.operation_status}`);
      const scanStarted = performance.now();
      await scan(store);
      return { people: options.people, usPeople, seedSeconds: seeded.seconds, buildSeconds, members: built.member_count, scanSeconds: (performance.now() - scanStarted) / 1000, peakRss };
    } finally {
      await store.close();
    }
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An ad account's origin audience of the first ORIGIN_SIZE women of the most common US state; answers it and the US population. */
async function origin(store: Store, now: number): Promise<{ originId: string; usPeople: number }> {
  const byState = new Map<string, string[]>();
  let usPeople = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.people.traits({ countries: ['US'], after, limit: pageSize });
    for (const person of page) {
      usPeople++;
      if (person.gender !== 'female') continue;
      const list = byState.get(person.state ?? '') ?? [];
      if (list.length < ORIGIN_SIZE) list.push(person.id);
      byState.set(person.state ?? '', list);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].id;
  }
  const members = [...byState.values()].sort((a, b) => b.length - a.length)[0];
  const account = await store.adAccounts.create({ name: 'Bench', business_id: null, currency: 'USD', timezone_name: 'America/Los_Angeles', account_status: 1, created_time: now });
  const audience = await store.audiences.create(customerListRow(account.id, 'Origin', now));
  await store.audiences.setMembers(audience.id, members, now);
  return { originId: audience.id, usPeople };
}

/** The build's reads alone: the US people's traits, page by page. */
async function scan(store: Store): Promise<number> {
  let read = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.people.traits({ countries: ['US'], after, limit: pageSize });
    read += page.length;
    if (page.length < pageSize) return read;
    after = page[page.length - 1].id;
  }
}

export function formatLookalike(result: LookalikeBenchResult): string {
  return [
    `lookalike: ${result.people} people seeded in ${result.seedSeconds.toFixed(1)} s, ${result.usPeople} in the US`,
    `build of a 1% US lookalike (origin ${ORIGIN_SIZE}): ${result.buildSeconds.toFixed(2)} s, ${result.members} members; ` +
      `baseline read of the same people: ${result.scanSeconds.toFixed(2)} s; build/baseline = ${(result.buildSeconds / result.scanSeconds).toFixed(2)}; ` +
      `peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MB`,
  ].join('\n');
}

export function readLookalikeArgs(args: string[]): { people: number } {
  const { values } = parseArgs({ args, options: { people: { type: 'string', default: '1000000' } } });
  return { people: Number(values.people) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatLookalike(await lookalikeBench(readLookalikeArgs(process.argv.slice(2)))));
}
