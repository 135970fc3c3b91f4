import { createHmac } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphApiError, GraphClient, TransportError } from '../../src/uploader/graph-client.js';
import { isRetryable, regainMinutes, retryWait, withRetry, type RetryPolicy } from '../../src/uploader/retry.js';
import { uploadFile } from '../../src/uploader/upload-file.js';

/** A server answering from a script: each request takes the next answer (the last one repeats). */
interface Scripted {
  status: number;
  body: string;
  headers?: Record<string, string>;
}
let server: Server;
let origin: string;
let script: Scripted[] = [];
const seen: { url: string; body: URLSearchParams }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ url: request.url!, body: new URLSearchParams(body) });
      const answer = script.length > 1 ? script.shift()! : script[0];
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const throttled = (minutes: number): Scripted => ({
  status: 400,
  body: JSON.stringify({ error: { message: '(#80003) There have been too many calls to this ad-account.', type: 'OAuthException', code: 80003, error_subcode: 2446079, is_transient: true, fbtrace_id: 'Abc' } }),
  headers: { 'x-business-use-case-usage': JSON.stringify({ '123': [{ type: 'custom_audience', call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: minutes }] }) },
});
const ok = (body: object): Scripted => ({ status: 200, body: JSON.stringify(body) });
const policy = (waits: number[], overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxRetries: 5, maxWaitMs: 900_000, baseMs: 1000, random: () => 0.5, sleep: async (ms) => void waits.push(ms), ...overrides,
});
const client = (secret?: string) => new GraphClient({ baseUrl: origin, version: 'v21.0', token: 'EAAtoken', appSecret: secret });

describe('uploader: retries and backoff', () => {
  it('classifies rate limits, transient and server errors as retryable, client mistakes not', () => {
    const graphError = (status: number, error: object) => new GraphApiError(status, { message: 'm', ...error }, new Headers());
    for (const code of [4, 17, 32, 613, 80003, 80004, 1, 2]) expect(isRetryable(graphError(400, { code }))).toBe(true);
    expect(isRetryable(graphError(400, { code: 100, is_transient: true }))).toBe(true);
    expect(isRetryable(graphError(500, { code: 100 }))).toBe(true);
    expect(isRetryable(graphError(400, { code: 100, error_subcode: 33 }))).toBe(false);
    expect(isRetryable(graphError(400, { code: 190 }))).toBe(false);
    expect(isRetryable(new TransportError('reset'))).toBe(true);
    expect(isRetryable(new TransportError('html', 502))).toBe(true);
    expect(isRetryable(new TransportError('odd', 404))).toBe(false);
  });

  it('waits estimated_time_to_regain_access (minutes), capped by the longest wait, else exponential with jitter', () => {
    const headers = new Headers({ 'x-business-use-case-usage': '{"1":[{"type":"custom_audience","estimated_time_to_regain_access":2}],"2":[{"type":"ads_management","estimated_time_to_regain_access":7}]}' });
    expect(regainMinutes(headers)).toBe(7);
    expect(regainMinutes(new Headers({ 'x-business-use-case-usage': 'not json' }))).toBe(0);
    const error = new GraphApiError(400, { message: 'x', code: 80003 }, headers);
    expect(retryWait(error, 1, { maxWaitMs: 3_600_000, baseMs: 1000, random: () => 0 })).toMatchObject({ ms: 420_000, regain: true });
    expect(retryWait(error, 1, { maxWaitMs: 60_000, baseMs: 1000, random: () => 0 })).toMatchObject({ ms: 60_000, regain: true });
    const plain = new TransportError('reset');
    const waits = [1, 2, 3, 4].map((attempt) => retryWait(plain, attempt, { maxWaitMs: 5000, baseMs: 1000, random: () => 1 }).ms);
    expect(waits).toEqual([1000, 2000, 4000, 5000]);
    expect(retryWait(plain, 3, { maxWaitMs: 60_000, baseMs: 1000, random: () => 0 }).ms).toBe(2000);
  });

  it('gives up after maxRetries and on errors not worth repeating', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new TransportError('reset');
    };
    const waits: number[] = [];
    await expect(withRetry(failing, policy(waits, { maxRetries: 2 }))).rejects.toThrow('reset');
    expect([calls, waits.length]).toEqual([3, 2]);
    calls = 0;
    await expect(withRetry(async () => { calls++; throw new GraphApiError(400, { message: 'bad', code: 100 }, new Headers()); }, policy([]))).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });

  it('an upload hit by 80003 waits what the usage header says, then goes on in the same session', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'graphd-retry-')), 'list.csv');
    writeFileSync(file, 'email\na@example.com\nb@example.com\n');
    seen.length = 0;
    script = [
      throttled(3),
      throttled(30),
      ok({ audience_id: '42', session_id: '77', num_received: 2, num_invalid_entries: 0, invalid_entry_samples: {} }),
      ok({ data: [{ session_id: '77', num_received: '2', num_invalid_entries: '0', num_matched: '-1', stage: 'uploading' }] }),
      ok({ id: '42', approximate_count_lower_bound: -1, approximate_count_upper_bound: -1 }),
    ];
    const waits: number[] = [];
    const summary = await uploadFile(
      { file, audienceId: '42', kind: 'add', batchSize: 10_000, resume: false },
      { client: client('s3cret'), retry: policy(waits, { maxWaitMs: 600_000 }), newSessionId: () => '77' },
    );
    expect(waits).toEqual([180_000, 600_000]);
    const posts = seen.filter((s) => s.url === '/v21.0/42/users');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.body.get('session')))).toEqual(new Set([JSON.stringify({ session_id: 77, batch_seq: 1, last_batch_flag: true, estimated_num_total: 2 })]));
    expect(posts[0].body.get('appsecret_proof')).toBe(createHmac('sha256', 's3cret').update('EAAtoken').digest('hex'));
    expect(summary).toMatchObject({ numReceived: 2, numInvalidEntries: 0, stage: 'uploading', batches: 1 });
    expect(summary).not.toHaveProperty('numMatched');
  });

  it("reports Meta's message, code and subcode", async () => {
    script = [throttled(0)];
    const error = await client().get('me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect((error as GraphApiError).describe()).toBe('(#80003) There have been too many calls to this ad-account. (code 80003, subcode 2446079, fbtrace_id Abc)');
    script = [{ status: 502, body: '<html>Facebook | Error</html>' }];
    await expect(client().get('me')).rejects.toThrow(/answered HTTP 502 without a Graph JSON body/);
  });
});
