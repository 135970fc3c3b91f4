import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import { defaultConnectionLimits } from '../../src/server/http-server.js';
import { seedDemoWorld } from '../../src/world/demo-world.js';
import { hashedEmails, newCustomerList } from '../helpers/audiences.js';
import { startTime, useGraph } from '../helpers/graph.js';
import { describeEachStore, testStores } from '../helpers/stores.js';

const bodyLimit = 64 * 1024;

describeEachStore('limits answered with Graph errors', (open) => {
  const graph = useGraph(open, { bodyLimit });
  // 10,001 hashed rows pass the small limit above, so the rows limit is met on the default one.
  const roomy = useGraph(open);

  it(`a body over bodyLimit is HTTP 413 with (#100), whatever its encoding`, async () => {
    const g = graph();
    const big = 'x'.repeat(bodyLimit + 1);
    for (const [contentType, payload] of [['application/json', JSON.stringify({ name: big })], ['application/x-www-form-urlencoded', `name=${big}`], ['multipart/form-data; boundary=b', `--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n${big}\r\n--b--`]]) {
      const reply = await g.request('POST', `/v21.0/me?access_token=${g.world.tokens.user}`, { headers: { 'content-type': contentType }, payload });
      expect(reply.status, contentType).toBe(413);
      expect(reply.json.error, contentType).toMatchObject({ code: 100, type: 'OAuthException', message: '(#100) The request body is larger than the maximum allowed' });
    }
    const under = await g.request('POST', `/v21.0/me?access_token=${g.world.tokens.user}`, { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'x'.repeat(bodyLimit - 100) }) });
    expect(under.status).not.toBe(413);
  });

  it('10,000 rows per upload are taken, 10,001 refused with (#105) and nothing stored', async () => {
    const g = roomy();
    const audience = await newCustomerList(g, 'Limits');
    const rows = (n: number) => JSON.stringify({ schema: 'EMAIL_SHA256', data: Array.from({ length: n }, (_, i) => hashedEmails(g, 1)[0].slice(0, 58) + String(i).padStart(6, '0')) });
    const over = await g.post(`/v21.0/${audience}/users`, { payload: rows(10_001), access_token: g.world.tokens.user });
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ code: 105, message: '(#105) The number of parameters exceeded the maximum for this operation' });
    const at = await g.post(`/v21.0/${audience}/users`, { payload: rows(10_000), access_token: g.world.tokens.user });
    expect(at.json).toMatchObject({ num_received: 10_000 });
  });

  it('50 operations per batch are taken, 51 refused with GraphBatchException', async () => {
    const g = graph();
    const batch = (n: number) => JSON.stringify(Array.from({ length: n }, () => ({ method: 'GET', relative_url: 'me?fields=id' })));
    const at = await g.post('/', { batch: batch(50), access_token: g.world.tokens.user });
    expect(at.json).toHaveLength(50);
    const over = await g.post('/', { batch: batch(51), access_token: g.world.tokens.user });
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ type: 'GraphBatchException', code: 1, message: 'Too many requests in batch message. Maximum batch size is 50' });
  });

  it('50 ids per multi-id read are taken, 51 refused with (#100) Too many IDs', async () => {
    const g = graph();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'me' : String(10 ** 15 + i))).join(',');
    const at = await g.get('/v21.0/', { ids: ids(50), access_token: g.world.tokens.user });
    expect(at.json.error?.message).not.toBe('(#100) Too many IDs. Maximum: 50.');
    const over = await g.get('/v21.0/', { ids: ids(51), access_token: g.world.tokens.user });
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ code: 100, message: '(#100) Too many IDs. Maximum: 50.' });
  });

  it('fields nest 16 levels deep, the 17th is refused with (#100)', async () => {
    const g = graph();
    const nested = (depth: number) => 'id,' + 'permissions{'.repeat(depth) + 'status' + '}'.repeat(depth);
    const at = await g.get('/v21.0/me', { fields: nested(16), access_token: g.world.tokens.user });
    expect(at.json.error?.message ?? '').not.toContain('nested too deeply');
    const over = await g.get('/v21.0/me', { fields: nested(17), access_token: g.world.tokens.user });
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ code: 100, message: '(#100) Field expansion is nested too deeply: at most 16 levels' });
  });

  it('JSON nested deeper than 512 levels is refused as a body, not parsed into a stack overflow', async () => {
    const g = graph();
    const nested = (depth: number) => `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const at = await g.request('POST', `/v21.0/me?access_token=${g.world.tokens.user}`, { headers: { 'content-type': 'application/json' }, payload: nested(512) });
    expect(at.json.error?.message).not.toBe('(#100) Param body must be a JSON object');
    const over = await g.request('POST', `/v21.0/me?access_token=${g.world.tokens.user}`, { headers: { 'content-type': 'application/json' }, payload: nested(513) });
    expect(over.status).toBe(400);
    expect(over.json.error.message).toBe('(#100) Param body must be a JSON object');
  });
});

/** Transport limits need a real socket: they are Node's, answered before Fastify sees a request. */
describe('transport limits on a listening graphd', () => {
  const maxHeaderSize = 16 * 1024;
  let port = 0;
  let close = async () => {};
  beforeAll(async () => {
    const store = await testStores()[0].open();
    await seedDemoWorld(store, { now: startTime, people: 2, seed: 7 });
    const app = await buildApp({ config: { ...defaultConfig, maxHeaderSize, rateLimits: 'off' }, store, schema: compileGraphSchema(), connectionLimits: { headersTimeout: 500, requestTimeout: 1000, connectionsCheckingInterval: 100 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    close = async () => {
      await app.close();
      await store.close();
    };
  });
  afterAll(() => close());

  /** Writes bytes, optionally keeps the socket open, and answers status and error once the server speaks. */
  const exchange = (bytes: string, keepOpen = false) =>
    new Promise<{ status: number; error: any; elapsed: number }>((resolve, reject) => {
      const started = Date.now();
      const socket = connect({ host: '127.0.0.1', port });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => {
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
        resolve({ status, error: JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error, elapsed: Date.now() - started });
      });
      if (keepOpen) socket.write(bytes);
      else socket.end(bytes);
    });

  it('headers over maxHeaderSize are HTTP 431 with a Graph error envelope', async () => {
    const answer = await exchange(`GET /me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(maxHeaderSize)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.error).toMatchObject({ code: 100, type: 'OAuthException', message: '(#100) The request line and headers are larger than the maximum allowed' });
    expect(typeof answer.error.fbtrace_id).toBe('string');
  });

  it('headers that do not arrive within headersTimeout are HTTP 408 with a Graph error envelope', async () => {
    const answer = await exchange('GET /me HTTP/1.1\r\nHost: x\r\nX-Slow: a', true);
    expect(answer.status).toBe(408);
    expect(answer.error).toMatchObject({ code: 100, is_transient: true, message: '(#100) The request did not arrive in time' });
    expect(answer.elapsed).toBeLessThan(5000);
  });

  it('a body that does not arrive within requestTimeout is HTTP 408 too', async () => {
    const answer = await exchange('POST /me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":', true);
    expect(answer.status).toBe(408);
    expect(answer.error.message).toBe('(#100) The request did not arrive in time');
  });

  it('the defaults keep idle keep-alive sockets past a load balancer\'s 60 s and allow slow 100 MB uploads', () => {
    expect(defaultConnectionLimits).toEqual({ headersTimeout: 60_000, requestTimeout: 300_000, keepAliveTimeout: 72_000, connectionsCheckingInterval: 30_000 });
  });
});
