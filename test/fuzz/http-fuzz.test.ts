import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, fuzzCase } from './http-cases.js';
import { judge, runFuzz, send, startFuzzTarget, type FuzzTarget } from './http-fuzzer.js';

// A short run for every `npm test`; `npm run fuzz` sends 10,000 (docs/reliability.md).
const requests = Number(process.env.FUZZ_REQUESTS ?? 1500);

describe('HTTP fuzzing a listening graphd', () => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await startFuzzTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  it(`answers ${requests} malformed requests with Graph errors or successes, never a 5xx, and stays healthy`, async () => {
    const report = await runFuzz(target, { requests, seed: Number(process.env.FUZZ_SEED ?? 1) });
    expect(report.violations).toEqual([]);
    expect(report.crashes).toEqual([]);
    expect(report.healthy).toBe(true);
    expect(Object.keys(report.byStatus).filter((status) => !/^[1-4]\d\d$/.test(status))).toEqual([]);
    // Every category ran and most of each ended in a Graph error: the cases reach the code they aim at.
    for (const category of categories) {
      const counts = report.byCategory[category];
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      expect(total, category).toBeGreaterThan(0);
      expect(counts['graph-error'] ?? 0, category).toBeGreaterThan(0);
    }
  }, 120_000);

  it('the judge can fail: a 500, a bare Fastify error and a silent close are violations', () => {
    const request = fuzzCase(1, 0, target.world).request;
    expect(judge(request, { status: 500, contentType: 'application/json', body: '{"error":{"message":"x","type":"OAuthException","code":1,"fbtrace_id":"a"}}' }, 1).kind).toBe('violation');
    expect(judge(request, { status: 404, contentType: 'application/json', body: '{"message":"Route OPTIONS:/me not found","error":"Not Found","statusCode":404}' }, 1).kind).toBe('violation');
    expect(judge(request, { status: 'closed' }, 1e9).kind).toBe('violation');
    expect(judge(request, { status: 400, contentType: 'application/json', body: '{"error":{"message":"x","type":"OAuthException","code":100,"fbtrace_id":"a"}}' }, 1).kind).toBe('graph-error');
  });

  // Regressions: each was found by this fuzzer and answered with a 500 or outside the envelope.
  describe('regressions', () => {
    const raw = async (bytes: string) => send(target, { transport: 'raw', bytes: Buffer.from(bytes, 'latin1') });
    const error = (answer: Awaited<ReturnType<typeof raw>>) => ('body' in answer ? JSON.parse(answer.body).error : undefined);

    it('a JSON body nested 100,000 deep is a Graph error, not a stack overflow (500)', async () => {
      const answer = await send(target, { transport: 'fetch', method: 'POST', path: `/me?access_token=${target.world.tokens.user}`, headers: { 'content-type': 'application/json' }, body: `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
      expect(answer.status).toBe(400);
      expect(error(answer).message).toBe('(#100) Param body must be a JSON object');
    });

    it('an error echoing a 1 MB param name keeps WWW-Authenticate short enough for clients to read', async () => {
      const response = await fetch(`${target.origin}/v21.0/me`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `access_token=${target.world.tokens.user}&k${'x'.repeat(1024 * 1024)}=v` });
      expect(response.status).toBe(400);
      expect(response.headers.get('www-authenticate')!.length).toBeLessThan(2100);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('x'.repeat(1000));
    });

    it('an appsecret_proof that is an object in a JSON body is an invalid proof, not a TypeError (500)', async () => {
      const answer = await send(target, { transport: 'fetch', method: 'POST', path: '/v21.0/debug_token', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: target.world.tokens.user, appsecret_proof: { toString: 1 } }) });
      expect(answer.status).toBe(400);
      expect(error(answer).message).toBe('Invalid appsecret_proof provided in the API argument');
    });

    it('methods no route takes (OPTIONS, PROPFIND, CONNECT) answer Meta\'s unsupported-method error', async () => {
      for (const method of ['OPTIONS', 'PROPFIND', 'CONNECT']) {
        const answer = await raw(`${method} /me?access_token=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        expect(answer.status, method).toBe(400);
        expect(error(answer).message, method).toMatch(new RegExp(`^Unsupported ${method.toLowerCase()} request\\. Object with ID 'me'`));
      }
    });

    it('a path that is not valid percent-encoding is an unknown path, not Fastify\'s FST_ERR_BAD_URL', async () => {
      const answer = await raw(`GET /me%ff%?access_token=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer.status).toBe(400);
      expect(error(answer)).toMatchObject({ code: 2500, message: 'Unknown path components: /me%ff%', type: 'OAuthException' });
    });

    it('what Node\'s HTTP parser refuses is answered with a Graph error envelope', async () => {
      for (const bytes of ['G ET /me HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /me HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', '\x16\x03\x01\x00\xa5\x01\x00']) {
        const answer = await raw(bytes);
        expect(answer.status).toBe(400);
        expect(error(answer)).toMatchObject({ code: 100, message: '(#100) The request could not be parsed as HTTP/1.1', type: 'OAuthException' });
        expect(typeof error(answer).fbtrace_id).toBe('string');
      }
    });
  });
});
