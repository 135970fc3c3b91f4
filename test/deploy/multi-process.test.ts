/**
 * Two graphd processes on one PostgreSQL database and one Redis, as N hosts behind a load
 * balancer run (docs/deploy.md): what one process writes the other reads, concurrent
 * batches of one upload session to both are all counted exactly once, and rate-limit
 * budgets are one budget. Real processes, real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, feedOneSessionFromEveryHost } from '../helpers/graphd-client.js';
import { startGraphd, type GraphdProcess } from '../helpers/processes.js';
import { dropRedisPrefix, freshRedisPrefix, REDIS_URL, requireRedis, skipRedis } from '../helpers/redis.js';
import { dropSchema, freshSchemaName, PG_URL, requirePostgres, skipPostgres } from '../helpers/stores.js';

(skipPostgres || skipRedis ? describe.skip : describe)('two graphd processes on one PostgreSQL and one Redis', () => {
  const schema = freshSchemaName();
  const prefix = freshRedisPrefix();
  let hosts: GraphdProcess[] = [];
  let credentials: { userToken: string; act: string };

  beforeAll(async () => {
    requirePostgres();
    requireRedis();
    const args = ['--db', `${PG_URL}?schema=${schema}`, '--redis', REDIS_URL, '--redis-prefix', prefix];
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

  it('reads on one process what the other created, and counts a session fed by both exactly', async () => {
    await feedOneSessionFromEveryHost(hosts, credentials.userToken, credentials.act);
  }, 60_000);
});
