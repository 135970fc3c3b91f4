import { expect, it } from 'vitest';
import { acceptAudienceTos } from '../helpers/audiences.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

/** The SDKs JSON.parse each entry's body; so do these tests. */
const bodyOf = (entry: { body: string } | null) => (entry === null ? null : JSON.parse(entry.body));
const headerOf = (entry: { headers?: { name: string; value: string }[] }, name: string) => entry.headers?.find((h) => h.name === name)?.value;

/** What the Python SDK sends: a form body, batch as a JSON string, every op body urlencoded. */
const pythonBatch = (g: Harness, path: string, batch: unknown[], extra: Record<string, string> = {}) =>
  g.post(path, { batch: JSON.stringify(batch), ...extra }, { access_token: g.world.tokens.user });

/** What the Node SDK sends: a JSON body with a real array, the token in the query, no trailing slash. */
const nodeBatch = (g: Harness, path: string, batch: unknown[]) =>
  g.request('POST', `${path}?access_token=${g.world.tokens.user}`, { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ batch }) });

describeEachStore('Batch requests', (open) => {
  const graph = useGraph(open);
  const act = () => `act_${graph().world.adAccount.id}`;

  it('creates an audience and reads it back through {result=create:$.id}; the used result is null', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const reply = await pythonBatch(g, '/v21.0/', [
      { method: 'POST', relative_url: `${act()}/customaudiences`, name: 'create', body: new URLSearchParams({ name: 'Batch buyers & friends', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' }).toString() },
      { method: 'GET', relative_url: '{result=create:$.id}?fields=name,subtype' },
      { method: 'GET', relative_url: 'me?fields=id,name' },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.json).toHaveLength(3);
    expect(reply.json[0]).toBeNull();
    expect(reply.json[1].code).toBe(200);
    expect(bodyOf(reply.json[1])).toEqual({ name: 'Batch buyers & friends', subtype: 'CUSTOM', id: expect.stringMatching(/^\d+$/) });
    const me = await g.get('/v21.0/me', { access_token: g.world.tokens.user, fields: 'id,name' });
    expect(bodyOf(reply.json[2])).toEqual(me.json);
    // The audience really exists: the batch ran the write.
    const list = await g.get(`/v21.0/${act()}/customaudiences`, { access_token: g.world.tokens.user, fields: 'name', limit: '100' });
    expect(list.json.data.map((a: { name: string }) => a.name)).toContain('Batch buyers & friends');
  });

  it('fans a .* path out to a comma list (?ids=), deletes in the same batch, and runs every op of mixed methods', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const created = await pythonBatch(g, '/v21.0/', [
      { method: 'POST', relative_url: `${act()}/customaudiences`, body: 'name=Fan%20one&subtype=CUSTOM&customer_file_source=USER_PROVIDED_ONLY' },
      { method: 'POST', relative_url: `${act()}/customaudiences`, body: 'name=Fan%20two&subtype=CUSTOM&customer_file_source=USER_PROVIDED_ONLY' },
    ]);
    const ids = created.json.map((entry: { body: string }) => bodyOf(entry).id);
    expect(ids).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
    const reply = await pythonBatch(g, '/v21.0/', [
      { method: 'GET', relative_url: `${act()}/customaudiences?fields=id&limit=100`, name: 'list' },
      { method: 'GET', relative_url: '?ids={result=list:$.data.*.id}&fields=name', name: 'read', omit_response_on_success: false },
      { method: 'DELETE', relative_url: ids[0], depends_on: 'read' },
    ]);
    expect(reply.json[0]).toBeNull();
    const names = bodyOf(reply.json[1]);
    expect(names[ids[0]]).toEqual({ name: 'Fan one', id: ids[0] });
    expect(names[ids[1]]).toEqual({ name: 'Fan two', id: ids[1] });
    expect(bodyOf(reply.json[2])).toEqual({ success: true });
  });

  it('answers null for the children of a failing parent, and a failing op does not stop the others', async () => {
    const g = graph();
    const reply = await pythonBatch(g, '/', [
      { method: 'GET', relative_url: 'me?fields=no_such_field', name: 'bad' },
      { method: 'GET', relative_url: 'me?fields=id', depends_on: 'bad' },
      { method: 'GET', relative_url: '{result=bad:$.id}' },
      { method: 'GET', relative_url: 'me?fields=id' },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.json[0].code).toBe(400);
    expect(bodyOf(reply.json[0]).error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (no_such_field) on node type (User)' });
    expect(headerOf(reply.json[0], 'WWW-Authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_request"/);
    expect(reply.json[1]).toBeNull();
    expect(reply.json[2]).toBeNull();
    expect(reply.json[3].code).toBe(200);
  });

  it('honours omit_response_on_success both ways and keeps a named op nobody uses', async () => {
    const g = graph();
    const reply = await pythonBatch(g, '/v21.0/', [
      { method: 'GET', relative_url: 'me?fields=id', name: 'first', omit_response_on_success: false },
      { method: 'GET', relative_url: 'me?fields=name', depends_on: 'first', omit_response_on_success: true },
      { method: 'GET', relative_url: 'me?fields=id', name: 'unused' },
    ]);
    expect(bodyOf(reply.json[0])).toEqual({ id: expect.any(String) });
    expect(reply.json[1]).toBeNull();
    expect(bodyOf(reply.json[2]).id).toBe(bodyOf(reply.json[0]).id);
  });

  it('sends each entry with Meta\'s inner headers, or none with include_headers=false', async () => {
    const g = graph();
    const ops = [{ method: 'GET', relative_url: 'me?fields=id' }];
    const withHeaders = await pythonBatch(g, '/v21.0/', ops);
    const entry = withHeaders.json[0];
    expect(Object.keys(entry)).toEqual(['code', 'headers', 'body']);
    expect(headerOf(entry, 'Content-Type')).toBe('text/javascript; charset=UTF-8');
    expect(headerOf(entry, 'facebook-api-version')).toBe('v21.0');
    expect(headerOf(entry, 'ETag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(entry.headers.some((h: { name: string }) => /^x-fb-/.test(h.name))).toBe(false);
    const without = await pythonBatch(g, '/v21.0/', ops, { include_headers: 'false' });
    expect(without.json[0]).toEqual({ code: 200, body: entry.body });
  });

  it('answers 304 to an op carrying If-None-Match (both header forms)', async () => {
    const g = graph();
    const first = await pythonBatch(g, '/v21.0/', [{ method: 'GET', relative_url: 'me?fields=id' }]);
    const etag = headerOf(first.json[0], 'ETag')!;
    const reply = await pythonBatch(g, '/v21.0/', [
      { method: 'GET', relative_url: 'me?fields=id', headers: [{ name: 'If-None-Match', value: etag }] },
      { method: 'GET', relative_url: 'me?fields=id', headers: [`If-None-Match: ${etag}`] },
    ]);
    expect(reply.json.map((e: { code: number }) => e.code)).toEqual([304, 304]);
  });

  it('lets an op carry its own token in relative_url or body; the others use the batch token', async () => {
    const g = graph();
    const { tokens, page } = g.world;
    const reply = await pythonBatch(g, '/v21.0/', [
      { method: 'GET', relative_url: `me?fields=id&access_token=${tokens.page}` },
      { method: 'GET', relative_url: 'me?fields=id' },
      { method: 'GET', relative_url: 'me?fields=id&access_token=garbage' },
      { method: 'POST', relative_url: 'me', body: `access_token=${tokens.app}` },
    ]);
    expect(bodyOf(reply.json[0]).id).toBe(page.id);
    const me = await g.get('/v21.0/me', { access_token: tokens.user });
    expect(bodyOf(reply.json[1]).id).toBe(me.json.id);
    expect(bodyOf(reply.json[2]).error).toMatchObject({ code: 190 });
    expect(bodyOf(reply.json[3]).error).toMatchObject({ code: 2500 });
  });

  it('takes the Node SDK\'s JSON body: real array, token in the query, raw values, name reused, no trailing slash', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const name = 'Node, "raw" buyers';
    const reply = await nodeBatch(g, '/v21.0', [
      { method: 'POST', relative_url: `${act()}/customaudiences`, body: `name=${name}&subtype=CUSTOM&customer_file_source=USER_PROVIDED_ONLY&fields=`, name },
      { method: 'GET', relative_url: `${act()}/customaudiences?fields=name&filtering=${JSON.stringify([{ field: 'name', operator: 'EQUAL', value: name }])}`, name: 'Also a name', depends_on: name },
    ]);
    expect(reply.status).toBe(200);
    // The first op's name is the audience's, and the second waits for it: its result is left out.
    expect(reply.json[0]).toBeNull();
    expect(bodyOf(reply.json[1]).data).toEqual([{ name, id: expect.stringMatching(/^\d+$/) }]);
  });

  it('takes PHP\'s multipart body and routes relative_url with or without slash and version', async () => {
    const g = graph();
    const batch = JSON.stringify([
      { method: 'get', relative_url: '/me?fields=id' },
      { method: 'GET', relative_url: 'v19.0/me?fields=id' },
      { method: 'GET', relative_url: '/v23.0/me/?fields=id' },
    ]);
    const boundary = 'graphdboundary';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = part('access_token', g.world.tokens.user) + part('batch', batch) + `--${boundary}--\r\n`;
    for (const path of ['/', '/v21.0/', '/v21.0']) {
      const reply = await g.request('POST', path, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expect(reply.status).toBe(200);
      const versions = reply.json.map((entry: { headers: { name: string; value: string }[] }) => headerOf(entry, 'facebook-api-version'));
      expect(versions).toEqual([path === '/' ? 'v25.0' : 'v21.0', 'v19.0', 'v23.0']);
      expect(reply.json.every((entry: { code: number }) => entry.code === 200)).toBe(true);
    }
  });

  it('answers Meta\'s batch-level errors', async () => {
    const g = graph();
    const op = { method: 'GET', relative_url: 'me' };
    const tooMany = await pythonBatch(g, '/v21.0/', Array.from({ length: 51 }, () => op));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error).toMatchObject({ type: 'GraphBatchException', message: 'Too many requests in batch message. Maximum batch size is 50' });
    const fifty = await pythonBatch(g, '/v21.0/', Array.from({ length: 50 }, () => op));
    expect(fifty.json).toHaveLength(50);

    const unresolved = await pythonBatch(g, '/v21.0/', [op, { ...op, relative_url: '{result=f:$.id}' }, { ...op, name: 'f' }]);
    expect(unresolved.json.error).toMatchObject({
      type: 'GraphBatchException',
      message: 'Request 1 cannot depend on an  unresolved request with  name f. Requests can only depend on preceding requests',
    });
    const noToken = await g.post('/v21.0/', { batch: JSON.stringify([op]) });
    expect(noToken.json.error).toMatchObject({ code: 104 });
    const badToken = await g.post('/v21.0/', { batch: JSON.stringify([op]), access_token: 'garbage' });
    expect(badToken.json.error).toMatchObject({ code: 190 });
    const notArray = await pythonBatch(g, '/v21.0/', [] as unknown[], { batch: '{"nope":1}' });
    expect(notArray.json.error).toMatchObject({ code: 100, message: '(#100) Param batch must be a JSON array' });
    const missingFile = await pythonBatch(g, '/v21.0/', [{ ...op, attached_files: 'file1' }]);
    expect(missingFile.json.error).toMatchObject({ code: 100 });
    expect(missingFile.json.error.message).toMatch(/batch\[0\]\[attached_files\]/);
  });

  it('answers an op whose reference matches nothing with its own error, and runs the rest', async () => {
    const g = graph();
    const reply = await pythonBatch(g, '/v21.0/', [
      { method: 'GET', relative_url: 'me?fields=id', name: 'me' },
      { method: 'GET', relative_url: '{result=me:$.data.*.id}' },
      { method: 'GET', relative_url: '{result=me:$.id}?fields=name' },
    ]);
    expect(reply.json[0]).toBeNull();
    expect(bodyOf(reply.json[1]).error).toMatchObject({ code: 100, message: '(#100) Could not resolve the reference {result=me:$.data.*.id} against the result of the request named me' });
    expect(bodyOf(reply.json[2])).toMatchObject({ name: expect.any(String) });
  });

  it('passes each op through faults and the journal as a call of its own; a broken op answers null', async () => {
    const g = graph();
    await g.control('DELETE', '/_graphd/requests');
    const rules = [
      { id: 'batch-reset', match: { path: '/me/permissions' }, transport: 'reset' },
      { id: 'batch-html', match: { path: '/me/adaccounts' }, transport: 'html' },
      { id: 'batch-truncated', match: { path: `/${g.world.page.id}` }, transport: 'truncated' },
      { id: 'batch-stall', match: { path: `/${g.world.app.id}` }, transport: 'stall', stall_seconds: 0 },
      { id: 'batch-error', match: { path: '/me/accounts' }, error: { code: 613, message: '(#613) Calls to this api have exceeded the rate limit.' } },
    ];
    expect((await g.control('POST', '/_graphd/faults', { rules })).status).toBe(200);
    try {
      const reply = await pythonBatch(g, '/v21.0/', [
        { method: 'GET', relative_url: 'me/permissions' },
        { method: 'GET', relative_url: 'me/adaccounts' },
        { method: 'GET', relative_url: g.world.page.id },
        { method: 'GET', relative_url: g.world.app.id },
        { method: 'GET', relative_url: 'me/accounts' },
        { method: 'GET', relative_url: 'me?fields=id' },
      ]);
      expect(reply.status).toBe(200);
      expect(reply.json.slice(0, 4)).toEqual([null, null, null, null]);
      expect(bodyOf(reply.json[4]).error).toMatchObject({ code: 613 });
      expect(reply.json[5].code).toBe(200);
    } finally {
      await g.control('DELETE', '/_graphd/faults');
    }
    const journal = await g.control('GET', '/_graphd/requests?limit=20');
    const indexes = journal.json.data.filter((entry: { batch_index?: number }) => entry.batch_index !== undefined).map((entry: { batch_index: number }) => entry.batch_index);
    expect(indexes.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // The outer request is journaled once, with only how many operations it carried.
    const outer = journal.json.data.filter((entry: { path: string; batch_index?: number }) => entry.path === '/v21.0/' && entry.batch_index === undefined);
    expect(outer).toHaveLength(1);
    expect(outer[0].params.batch).toEqual({ operations: 6 });
  });

  it('hands attached_files (and the Node SDK\'s attachedFiles) to the op as multipart parts', async () => {
    const g = graph();
    const boundary = 'graphdfiles';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n${filename ? 'Content-Type: text/csv\r\n' : ''}\r\n${value}\r\n`;
    const batch = JSON.stringify([
      { method: 'POST', relative_url: 'me', attached_files: 'list' },
      { method: 'POST', relative_url: 'me', attachedFiles: 'list' },
    ]);
    const payload = part('access_token', g.world.tokens.user) + part('batch', batch) + part('list', 'email\nsomeone@example.com\n', 'list.csv') + `--${boundary}--\r\n`;
    await g.control('DELETE', '/_graphd/requests');
    const reply = await g.request('POST', '/v21.0/', { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(reply.status).toBe(200);
    expect(reply.json).toHaveLength(2);
    const journal = await g.control('GET', '/_graphd/requests?limit=5');
    const ops = journal.json.data.filter((entry: { batch_index?: number }) => entry.batch_index !== undefined);
    expect(ops).toHaveLength(2);
    const bytes = Buffer.byteLength('email\nsomeone@example.com\n');
    for (const op of ops) expect(op.params.list).toEqual({ filename: 'list.csv', size: bytes });
  });

  it('counts every op toward the rate limits, and the batch itself not at all', async () => {
    const g = graph();
    expect((await g.control('PATCH', '/_graphd/settings', { rate_limits: { budgets: { user_calls: 3 } } })).status).toBe(200);
    await g.control('DELETE', '/_graphd/rate-limits');
    try {
      const reply = await pythonBatch(g, '/v21.0/', Array.from({ length: 5 }, () => ({ method: 'GET', relative_url: 'me?fields=id' })));
      expect(reply.status).toBe(200);
      const codes = reply.json.map((entry: { code: number; body: string }) => (entry.code === 200 ? 200 : bodyOf(entry).error.code));
      expect(codes.filter((code: number) => code === 200)).toHaveLength(3);
      expect(codes.filter((code: number) => code === 17)).toHaveLength(2);
    } finally {
      await g.control('PATCH', '/_graphd/settings', { rate_limits: {} });
      await g.control('DELETE', '/_graphd/rate-limits');
    }
  });
});
