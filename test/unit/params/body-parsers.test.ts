import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphError } from '../../../src/graph/graph-error.js';
import { registerBodyParsers, type DecodedBody } from '../../../src/graph/params/body-parsers.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  registerBodyParsers(app, { bodyLimit: 1024 * 1024 });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof GraphError) return reply.status(error.status).send({ error: error.body('trace') });
    return reply.status(error.statusCode ?? 500).send({ fastify: error.code });
  });
  // Echo what the route sees; files are summarised since Buffers do not survive JSON.
  const echo = async (request: { body: unknown }) => {
    const body = request.body as DecodedBody | undefined;
    if (body === undefined) return { body: null };
    const files = Object.fromEntries(
      Object.entries(body.files).map(([name, file]) => [name, { filename: file.filename, mimetype: file.mimetype, text: file.data.toString() }]),
    );
    return { fields: body.fields, files };
  };
  app.route({ method: ['GET', 'POST', 'DELETE'], url: '/echo', handler: echo });
  await app.ready();
});

afterAll(() => app.close());

/** Encodes a FormData the way fetch would (PHP's curl sends the same shape). */
async function multipart(form: FormData): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const request = new Request('http://local/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

describe('registerBodyParsers', () => {
  it('decodes a Python-style urlencoded POST', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'schema=%5B%22EMAIL%22%5D&is_raw=true&name=a&name=b&ids%5B%5D=1&ids%5B%5D=2',
    });
    expect(response.json()).toEqual({ fields: { schema: '["EMAIL"]', is_raw: 'true', name: 'b', 'ids[]': ['1', '2'] }, files: {} });
  });

  it('decodes a PHP-style multipart POST with a file', async () => {
    const form = new FormData();
    form.append('access_token', 'tok');
    form.append('payload', '{"schema":"EMAIL","data":["h"]}');
    form.append('is_raw', '1');
    form.append('source', new Blob(['a,b'], { type: 'text/csv' }), 'rows.csv');
    const response = await app.inject({ method: 'POST', url: '/echo', ...(await multipart(form)) });
    expect(response.json()).toEqual({
      fields: { access_token: 'tok', payload: '{"schema":"EMAIL","data":["h"]}', is_raw: '1' },
      files: { source: { filename: 'rows.csv', mimetype: 'text/csv', text: 'a,b' } },
    });
  });

  it('decodes a multipart DELETE, as the PHP business SDK sends it', async () => {
    const form = new FormData();
    form.append('access_token', 'tok');
    const response = await app.inject({ method: 'DELETE', url: '/echo', ...(await multipart(form)) });
    expect(response.json()).toEqual({ fields: { access_token: 'tok' }, files: {} });
  });

  it('decodes a Node-style JSON POST with real JSON values', async () => {
    const body = { payload: { schema: ['EMAIL'], data: [['h']] }, is_raw: true, ids: [1, 2] };
    const response = await app.inject({ method: 'POST', url: '/echo', payload: body });
    expect(response.json()).toEqual({ fields: body, files: {} });
  });

  it('accepts `{}` and empty JSON bodies on DELETE and GET', async () => {
    for (const method of ['DELETE', 'GET'] as const) {
      const braces = await app.inject({ method, url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(braces.json()).toEqual({ fields: {}, files: {} });
      const empty = await app.inject({ method, url: '/echo', headers: { 'content-type': 'application/json; charset=utf-8' }, payload: '' });
      expect(empty.statusCode).toBe(200);
    }
  });

  it('reads a form body on GET', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'fields=id',
    });
    expect(response.json()).toEqual({ fields: { fields: 'id' }, files: {} });
  });

  it('leaves the body undefined when there is none', async () => {
    expect((await app.inject({ method: 'GET', url: '/echo' })).json()).toEqual({ body: null });
    expect((await app.inject({ method: 'DELETE', url: '/echo' })).json()).toEqual({ body: null });
  });

  it('answers a bad JSON body with a Graph error', async () => {
    for (const payload of ['{"a":', '[1,2]', '"text"', 'null']) {
      const response = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ message: '(#100) Param body must be a JSON object', code: 100, type: 'OAuthException' });
    }
  });

  it('answers a broken multipart body with a Graph error', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      payload: 'not multipart at all',
    });
    expect(response.json().error.message).toBe('(#100) Param body must be a valid multipart/form-data body');
  });

  it('treats other content types as a form when they look like one, else ignores them', async () => {
    const plain = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'text/plain' }, payload: 'a=1&b=2' });
    expect(plain.json()).toEqual({ fields: { a: '1', b: '2' }, files: {} });
    const none = await app.inject({ method: 'POST', url: '/echo', payload: 'a=1', headers: { 'content-type': '' } });
    expect(none.json()).toEqual({ fields: { a: '1' }, files: {} });
    const xml = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/xml' }, payload: '<a>1</a>' });
    expect(xml.json()).toEqual({ fields: {}, files: {} });
  });

  it('drops __proto__ keys from every encoding', async () => {
    const json = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"polluted":1},"a":{"\\u005f_proto__":{"polluted":1}},"b":1}',
    });
    expect(json.json()).toEqual({ fields: { a: {}, b: 1 }, files: {} });
    const form = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '__proto__=1&b=2',
    });
    expect(form.json()).toEqual({ fields: { b: '2' }, files: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('enforces the body limit', async () => {
    const small = Fastify();
    registerBodyParsers(small, { bodyLimit: 10 });
    small.post('/', async () => ({ ok: true }));
    const response = await small.inject({ method: 'POST', url: '/', payload: { long: 'x'.repeat(100) } });
    expect(response.statusCode).toBe(413);
    await small.close();
  });
});
