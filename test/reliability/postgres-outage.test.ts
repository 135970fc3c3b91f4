/**
 * PostgreSQL going away under a running graphd (issue 7 §5). The machine's PostgreSQL is
 * shared, so the outage is a cut TCP proxy between graphd and it (tcp-proxy.ts): while cut,
 * calls get Graph's transient error (code 2, is_transient, HTTP 503) rather than a 500 a
 * client would not retry; once restored, the same process answers again by itself and
 * every batch acknowledged before the outage is there.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { demoCredentials, graphCall } from '../helpers/graphd-client.js';
import { startGraphd, type GraphdProcess } from '../helpers/processes.js';
import { describeStore, dropSchema, freshSchemaName, PG_URL } from '../helpers/stores.js';
import { sha256 } from './crash-plan.js';
import { startProxy, type CuttableProxy } from './tcp-proxy.js';

const rowsPerBatch = 100;

describeStore('postgres', 'PostgreSQL outage under a running graphd', () => {
  const schema = freshSchemaName();
  const dir = mkdtempSync(join(tmpdir(), 'graphd-outage-'));
  let proxy: CuttableProxy;
  let host: GraphdProcess;
  let token: string;
  let audienceId: string;

  const upload = (batchSeq: number, last = false) =>
    graphCall(host, token, 'POST', `${audienceId}/users`, {
      payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: Array.from({ length: rowsPerBatch }, () => sha256(`${randomBytes(8).toString('hex')}@example.com`)) }),
      session: JSON.stringify({ session_id: '77', batch_seq: batchSeq, last_batch_flag: last }),
    });
  const received = async () => Number((await graphCall(host, token, 'GET', `${audienceId}/sessions`, { session_id: '77' })).json.data[0].num_received);
  const pid = async () => ((await (await fetch(`${host.url}/_graphd/health`)).json()) as { pid: number }).pid;

  beforeAll(async () => {
    const database = new URL(PG_URL);
    proxy = await startProxy({ host: database.hostname, port: Number(database.port || 5432) });
    database.port = String(proxy.port);
    database.searchParams.set('schema', schema);
    host = await startGraphd(['--db', database.toString(), '--data-dir', dir, '--admin-token', 'graphd_admin_outage']);
    const demo = demoCredentials(host.output());
    token = demo.userToken;
    const tos = await graphCall(host, token, 'GET', `${demo.act}/customaudiencestos`);
    await graphCall(host, token, 'POST', `${demo.act}/customaudiencestos`, { tos_id: tos.json.data[0].id });
    const created = await graphCall(host, token, 'POST', `${demo.act}/customaudiences`, { name: 'Outage', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });
    audienceId = created.json.id;
  }, 60_000);

  afterAll(async () => {
    proxy?.restore();
    await host?.stop();
    await proxy?.close();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers transient errors while PostgreSQL is away, then recovers by itself with nothing acknowledged lost', async () => {
    for (const seq of [1, 2, 3]) expect((await upload(seq)).status).toBe(200);
    const before = await pid();

    proxy.cut();
    const during = [
      await graphCall(host, token, 'GET', 'me', { fields: 'id,name' }),
      await graphCall(host, token, 'GET', audienceId, { fields: 'id,name' }),
      await upload(4),
    ];
    for (const answer of during) {
      expect(answer.status, JSON.stringify(answer.json)).toBe(503);
      expect(answer.json.error).toMatchObject({ code: 2, message: 'Service temporarily unavailable', is_transient: true });
    }

    proxy.restore();
    // The pool replaces the connections it lost on its next use: no restart, no waiting for one.
    await vi.waitFor(async () => expect((await graphCall(host, token, 'GET', 'me', { fields: 'id' })).status).toBe(200), { timeout: 10_000, interval: 200 });
    expect(await pid()).toBe(before);
    expect(await received()).toBe(3 * rowsPerBatch);
    // The batch refused during the outage was not half-kept: sent again, it counts once.
    expect((await upload(4, true)).json.num_received).toBe(4 * rowsPerBatch);
    expect(await received()).toBe(4 * rowsPerBatch);
  });
});
