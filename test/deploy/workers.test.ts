/**
 * `graphd serve --workers 2` on the embedded SQLite file: the cluster's workers share one
 * port and one database file, and concurrent batches of one session spread over both
 * workers all count (the store takes SQLite's write lock before reading the audience).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, feedOneSessionFromEveryHost, graphCall } from '../helpers/graphd-client.js';
import { startGraphd, type GraphdProcess } from '../helpers/processes.js';

describe('graphd serve --workers 2 on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-workers-'));
  let host: GraphdProcess;

  beforeAll(async () => {
    host = await startGraphd(['--workers', '2', '--data-dir', dir]);
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one banner and answers from more than one process', async () => {
    expect(host.output().match(/graphd is serving/g)).toHaveLength(1);
    const { userToken } = demoCredentials(host.output());
    const replies = await Promise.all(Array.from({ length: 8 }, () => graphCall(host, userToken, 'GET', 'me', { fields: 'id' })));
    expect(new Set(replies.map((reply) => reply.json.id)).size).toBe(1);
    const health = await Promise.all(Array.from({ length: 8 }, () => fetch(`${host.url}/_graphd/health`).then((r) => r.json() as Promise<{ pid?: number }>)));
    expect(new Set(health.map((answer) => answer.pid)).size).toBeGreaterThan(1);
  });

  it('counts a session whose batches reach both workers at once', async () => {
    const { userToken, act } = demoCredentials(host.output());
    await feedOneSessionFromEveryHost([host], userToken, act);
  }, 60_000);
});
