/**
 * Asynchronous state (docs/async-state.md): audience changes settle immediately, after N
 * seconds, or on the N-th read, globally (/_graphd/async-state) or per audience
 * (/_graphd/audiences/:id/transition); /advance settles at once. Uploads (300), replaces
 * (414), sessions (stage processing) and lookalikes (441) all follow the mode.
 */
import { beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { testAdminToken, useGraph, type Harness } from '../helpers/graph.js';
import { modeFromWords, setAsyncState } from '../../src/cli/async-state-commands.js';
import { acceptAudienceTos, hashedEmails, newCustomerList } from '../helpers/audiences.js';

const statusFields = 'operation_status,approximate_count_lower_bound,approximate_count_upper_bound';

describeEachStore('Asynchronous state', (open) => {
  const graph = useGraph(open);
  const token = () => graph().world.tokens.user;
  const act = () => `act_${graph().world.adAccount.id}`;
  const setGlobal = async (mode: unknown) => {
    const reply = await graph().control('PUT', '/_graphd/async-state', mode);
    expect(reply.status).toBe(200);
  };
  const upload = async (id: string, count = 5, session?: object) => {
    const params: Record<string, string> = { payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: hashedEmails(graph(), count) }), access_token: token() };
    if (session) params.session = JSON.stringify(session);
    const reply = await graph().post(`/v21.0/${id}/users`, params);
    expect(reply.status).toBe(200);
  };
  /** One read of the audience node; answers what it showed. */
  const read = async (id: string) => (await graph().get(`/v21.0/${id}`, { fields: statusFields, access_token: token() })).json;
  const code = async (id: string) => (await read(id)).operation_status.code as number;
  const stored = async (id: string) => (await graph().store.audiences.get(id))!;
  const listed = async (name: string, extra: object[] = []) =>
    (
      await graph().get(`/v21.0/${act()}/customaudiences`, {
        fields: 'name,operation_status',
        filtering: JSON.stringify([{ field: 'name', operator: 'EQUAL', value: name }, ...extra]),
        access_token: token(),
      })
    ).json.data as { id: string; operation_status: { code: number } }[];
  const sessions = async (id: string) => (await graph().get(`/v21.0/${id}/sessions`, { access_token: token() })).json.data;

  beforeEach(async () => {
    await setGlobal({ mode: 'immediate' });
  });

  it('answers the global mode, immediate by default, and refuses a malformed one', async () => {
    const g = graph();
    expect((await g.control('GET', '/_graphd/async-state')).json).toEqual({ mode: 'immediate' });
    for (const bad of [{ mode: 'later' }, { mode: 'reads' }, { mode: 'seconds', seconds: -1 }, { mode: 'reads', reads: 1.5 }, {}]) {
      const reply = await g.control('PUT', '/_graphd/async-state', bad);
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatchObject({ type: 'GraphdControlException', code: 400, message: expect.stringContaining('Bad transition mode') });
    }
    expect((await g.control('GET', '/_graphd/async-state')).json).toEqual({ mode: 'immediate' });
    await setGlobal({ mode: 'reads', reads: 4 });
    expect((await g.control('GET', '/_graphd/async-state')).json).toEqual({ mode: 'reads', reads: 4 });
    // A runtime setting like the others: listed and set through /_graphd/settings too.
    expect((await g.control('GET', '/_graphd/settings')).json.runtime.async_state).toEqual({ mode: 'reads', reads: 4 });
    expect((await g.control('PATCH', '/_graphd/settings', { async_state: { mode: 'seconds', seconds: 7 } })).status).toBe(200);
    expect((await g.control('GET', '/_graphd/async-state')).json).toEqual({ mode: 'seconds', seconds: 7 });
  });

  it('immediate: an upload reads settled at once', async () => {
    const id = await newCustomerList(graph(), 'Immediate');
    await upload(id);
    expect(await read(id)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0, approximate_count_upper_bound: 1000 });
    expect((await sessions(id))[0]).toMatchObject({ stage: 'finished', num_matched: '5', progress: '100' });
  });

  it('seconds: 300 and sizes -1 until N seconds pass on the clock', async () => {
    const g = graph();
    await setGlobal({ mode: 'seconds', seconds: 10 });
    const id = await newCustomerList(g, 'Seconds');
    await upload(id);
    expect(await read(id)).toMatchObject({ operation_status: { code: 300 }, approximate_count_lower_bound: -1, approximate_count_upper_bound: -1 });
    g.clock.now += 9;
    // Reads do not move a change that waits for time.
    for (let i = 0; i < 3; i++) expect(await code(id)).toBe(300);
    expect((await listed('Seconds', [{ field: 'operation_status.code', operator: 'IN', value: [300] }])).map((a) => a.id)).toEqual([id]);
    g.clock.now += 1;
    expect(await read(id)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0 });
    expect((await listed('Seconds', [{ field: 'operation_status.code', operator: 'IN', value: [200] }])).map((a) => a.id)).toEqual([id]);
  });

  it('reads: the change settles on exactly the N-th read of the node, the listing or the sessions', async () => {
    const g = graph();
    await setGlobal({ mode: 'reads', reads: 4 });
    const id = await newCustomerList(g, 'Reads');
    await upload(id);
    // Time does not move a change that waits for reads.
    g.clock.now += 3600;
    expect(await read(id)).toMatchObject({ operation_status: { code: 300 }, approximate_count_lower_bound: -1 }); // 1
    expect((await listed('Reads'))[0].operation_status.code).toBe(300); // 2
    expect((await sessions(id))[0]).toMatchObject({ stage: 'processing', num_matched: '-1' }); // 3
    expect((await stored(id)).reads_left).toBe(1);
    expect(await read(id)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0, approximate_count_upper_bound: 1000 }); // 4
    expect((await stored(id)).reads_left).toBe(0);
    expect(await code(id)).toBe(200);
    expect((await sessions(id))[0]).toMatchObject({ stage: 'finished', num_matched: '5', progress: '100' });
  });

  it('reads: a write is not a read, and one request counts one read however it reaches the audience', async () => {
    const g = graph();
    await setGlobal({ mode: 'reads', reads: 2 });
    const id = await newCustomerList(g, 'Writes');
    await upload(id);
    const renamed = await g.post(`/v21.0/${id}`, { name: 'Writes renamed', fields: 'operation_status', access_token: token() });
    expect(renamed.json).toMatchObject({ success: true, operation_status: { code: 300 } });
    expect((await stored(id)).reads_left).toBe(2);
    // /sessions loads the node and lists its sessions: still one read.
    expect((await sessions(id))[0].stage).toBe('processing');
    expect((await stored(id)).reads_left).toBe(1);
    expect(await code(id)).toBe(200);
  });

  it('reads: concurrent reads each take one, and exactly one settles the change', async () => {
    const g = graph();
    await setGlobal({ mode: 'reads', reads: 3 });
    const id = await newCustomerList(g, 'Concurrent');
    await upload(id);
    const codes = await Promise.all(Array.from({ length: 6 }, () => code(id)));
    expect(codes.filter((c) => c === 300)).toHaveLength(2);
    expect(codes.filter((c) => c === 200)).toHaveLength(4);
    expect((await stored(id)).reads_left).toBe(0);
  });

  it('per audience: its own mode wins over the global one until DELETE puts it back', async () => {
    const g = graph();
    const own = await newCustomerList(g, 'Own mode');
    const other = await newCustomerList(g, 'Global mode');
    const set = await g.control('PUT', `/_graphd/audiences/${own}/transition`, { mode: 'reads', reads: 2 });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({
      id: own,
      mode: { mode: 'reads', reads: 2 },
      effective: { mode: 'reads', reads: 2 },
      pending: false,
      operation_status: 410,
      settled_status: 410,
      processing_until: 0,
      reads_left: 0,
    });
    await upload(own);
    await upload(other);
    expect(await code(other)).toBe(200);
    expect((await g.control('GET', `/_graphd/audiences/${own}/transition`)).json).toMatchObject({ pending: true, operation_status: 300, settled_status: 200, reads_left: 2 });
    expect(await code(own)).toBe(300);
    expect(await code(own)).toBe(200);

    // Seconds for this one audience, with the global mode reads.
    await setGlobal({ mode: 'reads', reads: 5 });
    await g.control('PUT', `/_graphd/audiences/${own}/transition`, { mode: 'seconds', seconds: 20 });
    await upload(own, 3);
    expect((await g.control('GET', `/_graphd/audiences/${own}/transition`)).json).toMatchObject({ effective: { mode: 'seconds', seconds: 20 }, processing_until: g.clock.now + 20, reads_left: 0 });
    g.clock.now += 20;
    expect(await code(own)).toBe(200);

    const back = await g.control('DELETE', `/_graphd/audiences/${own}/transition`);
    expect(back.json).toMatchObject({ mode: null, effective: { mode: 'reads', reads: 5 } });
    await upload(own, 4);
    expect((await stored(own)).reads_left).toBe(5);
  });

  it('advance settles a waiting change at once, whatever the mode', async () => {
    const g = graph();
    for (const mode of [{ mode: 'seconds', seconds: 3600 }, { mode: 'reads', reads: 100 }]) {
      await setGlobal(mode);
      const id = await newCustomerList(g, `Advance ${mode.mode}`);
      await upload(id);
      expect(await code(id)).toBe(300);
      const advanced = await g.control('POST', `/_graphd/audiences/${id}/advance`);
      expect(advanced.json).toMatchObject({ id, pending: false, operation_status: 200, processing_until: 0, reads_left: 0 });
      expect(await read(id)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0 });
      expect((await sessions(id))[0]).toMatchObject({ stage: 'finished', num_matched: '5' });
    }
  });

  it('answers 404 for an audience that does not exist', async () => {
    const g = graph();
    for (const [method, path, body] of [
      ['GET', '/transition', undefined],
      ['PUT', '/transition', { mode: 'immediate' }],
      ['DELETE', '/transition', undefined],
      ['POST', '/advance', undefined],
    ] as const) {
      const reply = await g.control(method, `/_graphd/audiences/123456789${path}`, body);
      expect(reply.status).toBe(404);
      expect(reply.json.error).toMatchObject({ type: 'GraphdControlException', message: 'No custom audience has the id 123456789.' });
    }
    const id = await newCustomerList(g, 'Bad mode');
    expect((await g.control('PUT', `/_graphd/audiences/${id}/transition`, { mode: 'reads', reads: 'many' })).status).toBe(400);
  });

  it('a session whose last batch waits reads processing, and a newer change takes it over', async () => {
    const g = graph();
    await setGlobal({ mode: 'reads', reads: 3 });
    const id = await newCustomerList(g, 'Sessions');
    await upload(id, 2, { session_id: 11, batch_seq: 1, last_batch_flag: false, estimated_num_total: 4 });
    expect((await sessions(id))[0]).toMatchObject({ session_id: '11', stage: 'uploading', progress: '50', num_matched: '-1' });
    await upload(id, 4, { session_id: 11, batch_seq: 2, last_batch_flag: true, estimated_num_total: 4 });
    expect((await sessions(id))[0]).toMatchObject({ stage: 'processing', progress: '99', num_matched: '-1', end_time: String(g.clock.now) });
    // A second session's batch starts a new change: the first one is finished.
    await upload(id, 1, { session_id: 12, batch_seq: 1 });
    const both = await sessions(id);
    expect(both.find((s: { session_id: string }) => s.session_id === '11')).toMatchObject({ stage: 'finished', num_matched: '4', progress: '100' });
    expect(both.find((s: { session_id: string }) => s.session_id === '12')).toMatchObject({ stage: 'uploading' });
  });

  it('replace: 414 while it runs, then 414 until the mode settles it', async () => {
    const g = graph();
    await setGlobal({ mode: 'reads', reads: 2 });
    const id = await newCustomerList(g, 'Replace');
    await g.control('PUT', `/_graphd/audiences/${id}/transition`, { mode: 'immediate' });
    await upload(id, 4);
    await g.control('DELETE', `/_graphd/audiences/${id}/transition`);
    const replace = (session: object) =>
      g.post(`/v21.0/${id}/usersreplace`, { payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: hashedEmails(g, 2, 6) }), session: JSON.stringify(session), access_token: token() });
    expect((await replace({ session_id: 7, batch_seq: 1 })).status).toBe(200);
    // In progress is the client's doing, not a change that waits: reads do not end it.
    for (let i = 0; i < 3; i++) expect(await code(id)).toBe(414);
    expect((await replace({ session_id: 7, batch_seq: 2, last_batch_flag: true })).status).toBe(200);
    const adding = await g.post(`/v21.0/${id}/users`, { payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: hashedEmails(g, 1) }), access_token: token() });
    expect(adding.json.error).toMatchObject({ code: 2650, error_subcode: 1870145 });
    expect(await read(id)).toMatchObject({ operation_status: { code: 414 }, approximate_count_lower_bound: -1 });
    expect(await code(id)).toBe(200);
    expect((await stored(id)).member_count).toBe(2);
  });

  it('lookalikes show 441 until the mode settles them on 200', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const origin = await newCustomerList(g, 'Origin');
    // The demo world is small; a lookalike needs an origin of 100 matched people.
    await g.store.audiences.update(origin, { member_count: 150 });
    const create = (country: string) =>
      g.post(`/v21.0/${act()}/customaudiences`, {
        name: `LAL ${country}`,
        subtype: 'LOOKALIKE',
        origin_audience_id: origin,
        lookalike_spec: JSON.stringify({ type: 'similarity', country }),
        access_token: token(),
      });
    const lookalikeIn = async (country: string) => {
      const reply = await create(country);
      expect(reply.status).toBe(200);
      return reply.json.id as string;
    };

    expect(await read(await lookalikeIn('US'))).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0 });

    await setGlobal({ mode: 'reads', reads: 2 });
    const byReads = await lookalikeIn('GB');
    expect(await read(byReads)).toMatchObject({ operation_status: { code: 441 }, approximate_count_lower_bound: -1, approximate_count_upper_bound: -1 });
    expect(await read(byReads)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0, approximate_count_upper_bound: 1000 });

    await setGlobal({ mode: 'seconds', seconds: 60 });
    const byTime = await lookalikeIn('FR');
    expect(await code(byTime)).toBe(441);
    expect((await listed('LAL FR', [{ field: 'operation_status.code', operator: 'EQUAL', value: 441 }])).map((a) => a.id)).toEqual([byTime]);
    g.clock.now += 60;
    expect((await listed('LAL FR'))[0].operation_status.code).toBe(200);
    expect(await code(byTime)).toBe(200);
  });
});

describeEachStore('Asynchronous state from the CLI (graphd async-state)', (open) => {
  const graph = useGraph(open);

  it('sets the global mode and one audience\'s own through the control plane', async () => {
    const g = graph();
    await g.app.listen({ host: '127.0.0.1', port: 0 });
    const address = g.app.server.address();
    if (!address || typeof address === 'string') throw new Error('graphd did not listen on a TCP port');
    const target = { url: `http://127.0.0.1:${address.port}`, adminToken: testAdminToken };
    expect(await setAsyncState(target, modeFromWords(['reads', '2']))).toEqual({ mode: 'reads', reads: 2 });
    expect((await g.control('GET', '/_graphd/async-state')).json).toEqual({ mode: 'reads', reads: 2 });
    const id = await newCustomerList(g, 'From the CLI');
    expect(await setAsyncState(target, modeFromWords(['seconds', '5']), id)).toMatchObject({ id, mode: { mode: 'seconds', seconds: 5 } });
    expect(await setAsyncState(target, null, id)).toMatchObject({ id, mode: null, effective: { mode: 'reads', reads: 2 } });
    await expect(setAsyncState(target, modeFromWords(['immediate']), '999999')).rejects.toThrow('No custom audience has the id 999999.');
    await expect(setAsyncState({ ...target, adminToken: 'wrong' }, modeFromWords(['immediate']))).rejects.toThrow(/admin token/);
  });
});

describeEachStore('Asynchronous state: the default from --audience-processing', (open) => {
  const graph = useGraph(open, { audienceProcessingDelay: 15 });

  it('is seconds mode with that N', async () => {
    const g: Harness = graph();
    expect((await g.control('GET', '/_graphd/async-state')).json).toEqual({ mode: 'seconds', seconds: 15 });
    const id = await newCustomerList(g, 'Default');
    await g.post(`/v21.0/${id}/users`, { payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: hashedEmails(g, 3) }), access_token: g.world.tokens.user });
    expect((await g.control('GET', `/_graphd/audiences/${id}/transition`)).json).toMatchObject({ mode: null, effective: { mode: 'seconds', seconds: 15 }, pending: true, processing_until: g.clock.now + 15 });
  });
});
