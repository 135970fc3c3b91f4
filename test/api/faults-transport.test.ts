/**
 * Transport faults over a real loopback socket: what a client's HTTP stack sees when
 * graphd resets the connection, answers with an HTML error page, cuts the body short or
 * stalls. app.inject has no socket to break, so these need app.listen.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { useGraph } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

/** What came back for one GET: the head and body bytes received, and how it ended. */
interface Exchange {
  status?: number;
  headers?: IncomingHttpHeaders;
  body: Buffer;
  error?: NodeJS.ErrnoException;
  elapsedMs: number;
}

function exchange(url: string): Promise<Exchange> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const result = (): Exchange => ({ body: Buffer.concat(chunks), elapsedMs: performance.now() - started });
    const req = httpRequest(url, { agent: false }, (res) => {
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ ...result(), status: res.statusCode, headers: res.headers }));
      res.on('error', (error) => resolve({ ...result(), status: res.statusCode, headers: res.headers, error }));
    });
    req.on('error', (error) => resolve({ ...result(), error }));
    req.end();
  });
}

describeEachStore('Transport faults on a real socket', (open) => {
  const graph = useGraph(open);
  let origin = '';
  const meUrl = () => `${origin}/v24.0/me?access_token=${graph().world.tokens.user}`;
  const addRule = async (rule: object) => expect((await graph().control('POST', '/_graphd/faults', { match: { path: '/v*/me' }, ...rule })).status).toBe(200);

  beforeAll(async () => {
    await graph().app.listen({ host: '127.0.0.1', port: 0 });
    const address = graph().app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP port');
    origin = `http://127.0.0.1:${address.port}`;
  });
  afterEach(async () => {
    await graph().control('DELETE', '/_graphd/faults');
  });

  it('reset: the client sees ECONNRESET and no answer, and the server goes on serving', async () => {
    await addRule({ transport: 'reset', count: 1 });
    const broken = await exchange(meUrl());
    expect(broken.status).toBeUndefined();
    expect(broken.error?.code).toBe('ECONNRESET');
    const next = await exchange(meUrl());
    expect(next.status).toBe(200);
    expect(JSON.parse(next.body.toString()).id).toBeTruthy();
  });

  it('html: an HTML error page with the status (502 by default, or the one set)', async () => {
    await addRule({ id: 'page', transport: 'html' });
    const page = await exchange(meUrl());
    expect(page.status).toBe(502);
    expect(page.headers?.['content-type']).toMatch(/^text\/html/);
    expect(page.body.toString()).toMatch(/^<!DOCTYPE html>/);
    expect(() => JSON.parse(page.body.toString())).toThrow();

    await addRule({ id: 'page', transport: 'html', status: 503 });
    expect((await exchange(meUrl())).status).toBe(503);
  });

  it('truncated: fewer bytes than content-length, then the connection drops', async () => {
    await addRule({ transport: 'truncated' });
    const cut = await exchange(meUrl());
    expect(cut.status).toBe(200);
    const promised = Number(cut.headers?.['content-length']);
    expect(promised).toBeGreaterThan(0);
    expect(cut.body.length).toBeGreaterThan(0);
    expect(cut.body.length).toBeLessThan(promised);
    expect(cut.error).toBeDefined();
    // fetch() sees it as a body that fails while being read.
    const response = await fetch(meUrl());
    await expect(response.text()).rejects.toThrow();
  });

  it('stall: no answer for stall_seconds, then the connection closes', async () => {
    await addRule({ transport: 'stall', stall_seconds: 1 });
    const stalled = await exchange(meUrl());
    expect(stalled.status).toBeUndefined();
    expect(stalled.error?.code).toBe('ECONNRESET');
    expect(stalled.elapsedMs).toBeGreaterThanOrEqual(950);
    expect(stalled.elapsedMs).toBeLessThan(5000);
  });
});
