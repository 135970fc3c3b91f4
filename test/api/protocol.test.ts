import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph } from '../helpers/graph.js';

describeEachStore('Graph protocol over HTTP', (open) => {
  const graph = useGraph(open);
  const token = () => graph().world.tokens.user;

  it('serves every version from v19.0 to v25.0 and says which in facebook-api-version', async () => {
    for (const major of [19, 21, 25]) {
      const reply = await graph().get(`/v${major}.0/me`, { access_token: token() });
      expect(reply.status).toBe(200);
      expect(reply.headers['facebook-api-version']).toBe(`v${major}.0`);
    }
  });

  it('answers unversioned paths with the newest version', async () => {
    const reply = await graph().get('/me', { access_token: token() });
    expect(reply.status).toBe(200);
    expect(reply.headers['facebook-api-version']).toBe('v25.0');
  });

  it('rejects a version it does not serve with 2500 Unknown path components', async () => {
    const reply = await graph().get('/v99.0/me', { access_token: token() });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({ code: 2500, type: 'OAuthException', message: 'Unknown path components: /v99.0/me' });
  });

  it('accepts a trailing slash, an empty fields= and an extra id param', async () => {
    const g = graph();
    const plain = await g.get('/v21.0/me', { access_token: token() });
    const slash = await g.get('/v21.0/me/', { access_token: token(), fields: '' });
    expect(slash.json).toEqual(plain.json);
    const withId = await g.get('/v21.0/me', { access_token: token(), id: plain.json.id });
    expect(withId.json).toEqual(plain.json);
  });

  it('takes the token from Authorization: OAuth and Bearer', async () => {
    for (const scheme of ['OAuth', 'Bearer']) {
      const reply = await graph().get('/v21.0/me', {}, { authorization: `${scheme} ${token()}` });
      expect(reply.status).toBe(200);
    }
  });

  it('accepts a {} JSON body on GET and DELETE', async () => {
    const g = graph();
    const get = await g.request('GET', `/v21.0/me?access_token=${token()}`, { headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(get.status).toBe(200);
    const del = await g.request('DELETE', `/v21.0/me?access_token=${token()}`, { headers: { 'content-type': 'application/json' }, payload: '{}' });
    // The DELETE reaches the User's delete operation: a real person is no test account.
    expect(del.json.error).toMatchObject({ code: 2903, message: '(#2903) Cannot delete this test account' });
  });

  it('parses params from JSON, urlencoded and multipart bodies alike', async () => {
    const g = graph();
    const json = await g.request('POST', '/v21.0/me?method=get', {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ access_token: token(), fields: 'id,email' }),
    });
    expect(json.json.email).toBe(g.world.people[0].email);
    const boundary = 'graphdboundary';
    const multipart = [`--${boundary}`, 'Content-Disposition: form-data; name="access_token"', '', token(), `--${boundary}`, 'Content-Disposition: form-data; name="fields"', '', 'email', `--${boundary}--`, ''].join('\r\n');
    const form = await g.request('POST', '/v21.0/me?method=GET', { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
    expect(form.json.email).toBe(g.world.people[0].email);
  });

  it('honours method= overrides', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { access_token: token(), method: 'delete' });
    expect(reply.json.error.message).toBe('(#2903) Cannot delete this test account');
  });

  it('takes DELETE params from a URL of 50 KB and more', async () => {
    const g = graph();
    const filler = 'x'.repeat(60_000);
    const reply = await g.request('DELETE', `/v21.0/me/permissions/not_granted?access_token=${token()}&padding=${filler}`);
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe(100);
  });

  it('answers with Host: graph.facebook.com and points paging URLs at that host', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me/permissions', { access_token: token(), limit: '2' }, { host: 'graph.facebook.com' });
    expect(reply.status).toBe(200);
    expect(reply.json.paging.next).toMatch(/^http:\/\/graph\.facebook\.com\/v21\.0\/me\/permissions\?/);
  });

  it('reads several nodes with ids=, keyed as given', async () => {
    const g = graph();
    const me = await g.get('/v21.0/me', { access_token: token() });
    const reply = await g.get('/v21.0/', { ids: `${me.json.id},${g.world.app.id}`, fields: 'id,name', access_token: token() });
    expect(reply.status).toBe(200);
    expect(reply.json[me.json.id]).toEqual({ id: me.json.id, name: me.json.name });
    expect(reply.json[g.world.app.id]).toEqual({ id: g.world.app.id, name: 'Acme Audience Sync' });
  });

  it('fails a multi-id read whole when one id is unknown', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/', { ids: `${g.world.app.id},123456789012345`, access_token: token() });
    expect(reply.json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('describes the node with metadata=1 from the schema table', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { metadata: '1', access_token: token() });
    expect(reply.json.metadata.type).toBe('user');
    expect(reply.json.metadata.fields.map((f: any) => f.name)).toContain('token_for_business');
    expect(reply.json.metadata.connections.permissions).toMatch(/\/v21\.0\/me\/permissions\?access_token=/);
  });

  it('pretty-prints with pretty=1', async () => {
    const reply = await graph().get('/v21.0/me', { pretty: '1', access_token: token() });
    expect(reply.body).toContain('\n  "name": ');
  });

  it('answers 200 with the error envelope under suppress_http_code=1', async () => {
    const reply = await graph().get('/v21.0/me', { suppress_http_code: '1', access_token: 'garbage' });
    expect(reply.status).toBe(200);
    expect(reply.json.error.code).toBe(190);
  });

  it('sends an ETag of the SHA-1 of the body and 304 on If-None-Match', async () => {
    const g = graph();
    const first = await g.get('/v21.0/me', { access_token: token() });
    const etag = `"${createHash('sha1').update(first.body).digest('hex')}"`;
    expect(first.headers.etag).toBe(etag);
    const second = await g.get('/v21.0/me', { access_token: token() }, { 'if-none-match': etag });
    expect(second.status).toBe(304);
    expect(second.body).toBe('');
  });

  it("sends Meta's headers, with fbtrace_id equal to x-fb-request-id on errors", async () => {
    const g = graph();
    const ok = await g.get('/v21.0/me', { access_token: token() });
    expect(ok.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(ok.headers['x-fb-trace-id']).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(ok.headers['x-fb-request-id']).toMatch(/^[A-Za-z0-9_-]{23}$/);
    const bad = await g.get('/v21.0/me', { access_token: 'garbage' });
    expect(bad.json.error.fbtrace_id).toBe(bad.headers['x-fb-request-id']);
    expect(bad.headers['www-authenticate']).toBe(`OAuth "Facebook Platform" "invalid_token" "${bad.json.error.message}"`);
  });

  it('writes dates as 2017-06-06T18:04:10+0000 and ids as strings', async () => {
    const g = graph();
    const reply = await g.get(`/v21.0/${g.world.business.id}`, { fields: 'id,created_time', access_token: token() });
    expect(reply.json.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(typeof reply.json.id).toBe('string');
  });

  it('escapes slashes as Graph does', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { fields: 'link', access_token: token() });
    expect(reply.body).toContain('https:\\/\\/www.facebook.com\\/app_scoped_user_id\\/');
  });

  it('answers an unknown object with 100/33 in Meta\'s words', async () => {
    const reply = await graph().get('/v21.0/123456789012345', { access_token: token() });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toEqual({
      message:
        "Unsupported get request. Object with ID '123456789012345' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      is_transient: false,
      fbtrace_id: expect.any(String),
    });
  });

  it('answers an unknown alias with 803 and no node with No node specified', async () => {
    const g = graph();
    const alias = await g.get('/v21.0/some.username', { access_token: token() });
    expect(alias.json.error).toMatchObject({ code: 803, message: '(#803) Some of the aliases you requested do not exist: some.username' });
    const root = await g.get('/v21.0/', { access_token: token() });
    expect(root.json.error).toMatchObject({ code: 100, type: 'GraphMethodException', message: 'No node specified' });
  });

  it('requires a token: 104 without one', async () => {
    const reply = await graph().get(`/v21.0/${graph().world.app.id}`);
    expect(reply.json.error).toMatchObject({ code: 104, message: 'An access token is required to request this resource.' });
  });

  it('turns a malformed JSON body into a Graph error, not a 500', async () => {
    const reply = await graph().request('POST', `/v21.0/me?access_token=${token()}`, { headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe(100);
  });
});
