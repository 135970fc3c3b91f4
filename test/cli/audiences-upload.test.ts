import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { PersonRow } from '../../src/store/types.js';
import { stateFileOf } from '../../src/uploader/upload-state.js';
import { describeEachStore } from '../helpers/stores.js';
import { runAudiences, useLiveGraphd, type LiveGraphd } from './audiences-live.js';

const dir = mkdtempSync(join(tmpdir(), 'graphd-upload-'));
let files = 0;

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The demo people's raw data as a CRM would export it: odd headers, messy spacing and case, formatted phones. */
function customerFile(people: PersonRow[], extra: string[][] = []): string {
  const rows = people.map((p) => [
    `  ${p.email!.toUpperCase()} `,
    p.phone!.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3'),
    p.first_name, p.last_name, p.birthday ?? '', p.gender ?? '', p.city ?? '', p.state ?? '', p.zip ?? '', p.country ?? '', 'note, with a comma',
  ]);
  const path = join(dir, `customers-${files++}.csv`);
  const lines = [['E-Mail', 'Mobile Phone', 'First Name', 'Last Name', 'Birthday', 'Gender', 'City', 'State', 'Postal Code', 'Country', 'Notes'], ...rows, ...extra];
  writeFileSync(path, `${lines.map((line) => line.map(quote).join(',')).join('\n')}\n`);
  return path;
}

/** Rows no demo person has: valid, uploaded, never matched. */
const strangers = (count: number) => Array.from({ length: count }, (_, i) => [`stranger${i}@example.org`, '', 'Nobody', `Known${i}`, '', '', '', '', '', '', '']);
/** Rows with no usable identifier: dropped before upload. */
const unusable = [
  ['not-an-email', 'n/a', '', '', '', '', '', '', '', '', 'bad'],
  ['', '', '', '', '', '', '', '', '', '', 'blank'],
];

/** A fetch that records every /users call's session param, and can break one call after graphd answered it (a lost acknowledgement). */
function recordingFetch(breakAtCall?: number) {
  const sessions: { session_id: number; batch_seq: number; last_batch_flag: boolean; estimated_num_total: number }[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/users')) {
      sessions.push(JSON.parse(new URLSearchParams(String(init!.body)).get('session')!));
      if (sessions.length === breakAtCall) throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    }
    return response;
  };
  return { fetch: wrapped, sessions };
}

async function newAudience(live: LiveGraphd, name: string): Promise<string> {
  const run = await runAudiences(live, ['create', '--ad-account', live.world.adAccount.id, '--name', name]);
  expect(run).toMatchObject({ code: 0, err: '' });
  return run.out.trim();
}

describeEachStore('graphd audiences upload', (open) => {
  const graphd = useLiveGraphd(open);

  it('uploads demo people in batches of one session: counters and matched members exact, drops explained', async () => {
    const live = graphd();
    const people = live.world.people;
    const id = await newAudience(live, 'Upload');
    const file = customerFile(people, [...strangers(3), ...unusable]);
    const recorder = recordingFetch();
    const run = await runAudiences(live, ['upload', file, '--audience', id, '--batch-size', '4', '--json'], { fetch: recorder.fetch });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    const sent = people.length + 3;
    const batches = Math.ceil(sent / 4);
    expect(summary).toMatchObject({
      audienceId: id, batches, rowsRead: sent + 2, rowsSent: sent, rowsDropped: 2,
      numReceived: sent, numInvalidEntries: 0, numMatched: people.length, stage: 'finished',
      schema: ['EMAIL', 'PHONE', 'FN', 'LN', 'DOBY', 'DOBM', 'DOBD', 'GEN', 'CT', 'ST', 'ZIP', 'COUNTRY'],
      ignoredColumns: ['Notes'],
      drops: { 'no usable identifier (unusable EMAIL, PHONE)': 1, 'no identifier (all match columns blank)': 1 },
    });
    expect(summary.dropExamples.map((d: { line: number }) => d.line)).toEqual([sent + 2, sent + 3]);
    expect(recorder.sessions.map((s) => s.batch_seq)).toEqual(Array.from({ length: batches }, (_, i) => i + 1));
    expect(recorder.sessions.map((s) => s.last_batch_flag)).toEqual(Array.from({ length: batches }, (_, i) => i === batches - 1));
    expect(new Set(recorder.sessions.map((s) => String(s.session_id)))).toEqual(new Set([summary.sessionId]));
    expect(recorder.sessions.at(-1)!.estimated_num_total).toBe(sent);
    const session = await live.graph('GET', `${id}/sessions`, { session_id: summary.sessionId });
    expect(session.data[0]).toMatchObject({ num_received: String(sent), num_matched: String(people.length), stage: 'finished' });
    expect((await live.store.audiences.get(id))!.member_count).toBe(people.length);
    expect(existsSync(stateFileOf(file))).toBe(false);
  });

  it('prints one summary line (and details) without --json', async () => {
    const live = graphd();
    const id = await newAudience(live, 'Summary');
    const run = await runAudiences(live, ['upload', customerFile(live.world.people.slice(0, 5), unusable), '--audience', id]);
    expect(run.code).toBe(0);
    const [first, ...rest] = run.out.trim().split('\n');
    expect(first).toMatch(new RegExp(`^uploaded 5 rows of .+ to audience ${id} in 1 batches: 5 received, 0 invalid, 5 matched, 2 dropped; audience size \\d`));
    expect(rest.join('\n')).toContain('columns not uploaded: Notes');
    expect(rest.join('\n')).toMatch(/line 8: no identifier \(all match columns blank\)/);
  });

  it('--resume continues a broken upload after the last acknowledged batch, in the same session, counting nothing twice', async () => {
    const live = graphd();
    const people = live.world.people;
    const id = await newAudience(live, 'Resume');
    const file = customerFile(people, strangers(5));
    const sent = people.length + 5;
    const broken = recordingFetch(3);
    const first = await runAudiences(live, ['upload', file, '--audience', id, '--batch-size', '4', '--max-retries', '0'], { fetch: broken.fetch });
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/error: POST .*\/users failed: socket hang up/);
    const saved = JSON.parse(readFileSync(stateFileOf(file), 'utf8'));
    expect(saved).toMatchObject({ audience_id: id, batch_seq: 2, rows_sent: 8, num_received: 8 });

    const refused = await runAudiences(live, ['upload', file, '--audience', id, '--batch-size', '4']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/has an unfinished upload .*pass --resume/);

    const resumed = recordingFetch();
    const second = await runAudiences(live, ['upload', file, '--audience', id, '--batch-size', '4', '--resume', '--json'], { fetch: resumed.fetch });
    expect(second.code).toBe(0);
    expect(second.err).toContain(`resuming session ${saved.session_id} after batch 2`);
    expect(resumed.sessions.map((s) => s.batch_seq)).toEqual([3, 4, 5]);
    expect(new Set(resumed.sessions.map((s) => String(s.session_id)))).toEqual(new Set([saved.session_id]));
    const summary = JSON.parse(second.out);
    expect(summary).toMatchObject({ sessionId: saved.session_id, resumedAfter: 2, batches: 5, rowsRead: sent, rowsSent: sent, numReceived: sent, numMatched: people.length });
    const sessions = await live.graph('GET', `${id}/sessions`);
    expect(sessions.data).toHaveLength(1);
    expect(sessions.data[0]).toMatchObject({ num_received: String(sent), num_invalid_entries: '0', stage: 'finished' });
    expect(existsSync(stateFileOf(file))).toBe(false);
  });

  it('backs off on a scripted 80003 (graphd fault injection) and finishes with exact counts', async () => {
    const live = graphd();
    const id = await newAudience(live, 'Throttled');
    const file = customerFile(live.world.people.slice(0, 6));
    const rule = await live.control('POST', '/faults', {
      id: `throttle-${id}`,
      match: { method: 'POST', path: `/v21.0/${id}/users` },
      count: 2,
      error: { code: 80003, error_subcode: 2446079, message: '(#80003) There have been too many calls to this ad-account. Wait a bit and try again.', is_transient: true, status: 400 },
    });
    expect(rule.data[0].id).toBe(`throttle-${id}`);
    const run = await runAudiences(live, ['upload', file, '--audience', id, '--batch-size', '4', '--json', '--max-wait', '60']);
    expect(run.code).toBe(0);
    expect(run.waits).toEqual([750, 1500]); // equal jitter at random 0.5: 1s then 2s ceilings
    expect(run.err).toMatch(/retry 1 in 1s: \(#80003\) There have been too many calls .*\(code 80003, subcode 2446079/);
    expect(JSON.parse(run.out)).toMatchObject({ batches: 2, numReceived: 6, numMatched: 6 });
    await live.control('DELETE', `/faults/throttle-${id}`);
  });

  it('remove-users takes the people of a file out of the audience', async () => {
    const live = graphd();
    const people = live.world.people;
    const id = await newAudience(live, 'Remove');
    expect((await runAudiences(live, ['upload', customerFile(people), '--audience', id])).code).toBe(0);
    const run = await runAudiences(live, ['remove-users', customerFile(people.slice(0, 4)), '--audience', id, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ rowsSent: 4, numReceived: 4 });
    expect((await live.store.audiences.get(id))!.member_count).toBe(people.length - 4);
  });

  it("prints Meta's error and exits non-zero for an audience that does not exist", async () => {
    const live = graphd();
    const run = await runAudiences(live, ['upload', customerFile(live.world.people.slice(0, 1)), '--audience', '999999999']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^error: .*\(code 100, subcode 33/);
  });
});
