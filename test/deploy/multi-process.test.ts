/**
 * Two graphd processes on one PostgreSQL database and one Redis, as N hosts behind a load
 * balancer run (docs/deploy.md): what one process writes the other reads, concurrent
 * batches of one upload session to both are all counted exactly once, and rate-limit
 * budgets are one budget. Real processes, real sockets.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoCredentials, feedOneSessionFromEveryHost, graphCall } from '../helpers/graphd-client.js';
import { startGraphd, type GraphdProcess } from '../helpers/processes.js';
import { dropRedisPrefix, freshRedisPrefix, REDIS_URL, requireRedis, skipRedis } from '../helpers/redis.js';
import { dropSchema, freshSchemaName, PG_URL, requirePostgres, skipPostgres } from '../helpers/stores.js';

const adminToken = 'graphd_admin_multi_process';

(skipPostgres || skipRedis ? describe.skip : describe)('two graphd processes on one PostgreSQL and one Redis', () => {
  const schema = freshSchemaName();
  const prefix = freshRedisPrefix();
  let hosts: GraphdProcess[] = [];
  let credentials: { userToken: string; act: string };

  beforeAll(async () => {
    requirePostgres();
    requireRedis();
    const args = ['--db', `${PG_URL}?schema=${schema}`, '--redis', REDIS_URL, '--redis-prefix', prefix, '--admin-token', adminToken];
    // Started together: they race to migrate and to seed the demo world, as hosts do.
    hosts = await Promise.all([startGraphd(args), startGraphd(args)]);
    credentials = demoCredentials(hosts[0].output());
  }, 120_000);

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    await dropSchema(schema);
    await dropRedisPrefix(prefix);
  });

  it('seeded one demo world between them: both print the same credentials', () => {
    expect(hosts[1].output()).toContain(credentials.userToken);
    expect(hosts[1].output()).toContain(credentials.act);
  });

  it('shares one rate-limit budget: set on one process, spent across both, refused on either', async () => {
    const [a, b] = hosts;
    const settings = await fetch(`${a.url}/_graphd/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rate_limits: { enabled: true, tier: 'standard', budgets: { user_calls: 4 } } }),
    });
    expect(settings.status).toBe(200);
    // The other process hears of the change on Redis's channel: wait until it shows it.
    await vi.waitFor(async () => {
      const seen = (await (await fetch(`${b.url}/_graphd/settings`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as any;
      expect(JSON.stringify(seen)).toContain('"user_calls":4');
    });
    try {
      const answers = [];
      for (let call = 0; call < 6; call++) answers.push(await graphCall(call % 2 ? a : b, credentials.userToken, 'GET', 'me', { fields: 'id' }));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 403, 403]);
      expect(answers[4].json.error).toMatchObject({ code: 17, message: '(#17) User request limit reached' });
    } finally {
      await fetch(`${a.url}/_graphd/settings`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rate_limits: { enabled: true, tier: 'standard' } }),
      });
      await fetch(`${b.url}/_graphd/rate-limits`, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } });
    }
  });

  it('reads on one process what the other created, and counts a session fed by both exactly', async () => {
    await feedOneSessionFromEveryHost(hosts, credentials.userToken, credentials.act);
  }, 60_000);
});
