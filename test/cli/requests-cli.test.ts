/**
 * `graphd requests` and `graphd requests tail` against a graphd listening on a loopback
 * port: the commands parsed by commander as a shell would give them, and what they print.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerRequestCommands, tailRequests } from '../../src/cli/requests-commands.js';
import { runControlCommand, useListeningTarget } from '../helpers/cli.js';
import { useGraph } from '../helpers/graph.js';
import { testStores } from '../helpers/stores.js';

describe('graphd requests (CLI)', () => {
  const graph = useGraph(testStores()[0].open);
  const target = useListeningTarget(graph);
  const call = (path: string) => fetch(`${target.url}${path}${path.includes('?') ? '&' : '?'}access_token=${graph().world.tokens.user}`);
  const line = /^\d{4}-\d\d-\d\dT[\d:.]+Z {2}/;

  const cli = (...args: string[]) => runControlCommand(registerRequestCommands, target, args);

  afterEach(async () => {
    process.exitCode = undefined;
    await graph().control('DELETE', '/_graphd/requests');
  });

  it('lists requests oldest to newest, one line each, filtered by status and path', async () => {
    await call('/v24.0/me?fields=id');
    await call('/v24.0/me?fields=nope');
    await call(`/v24.0/act_${graph().world.adAccount.id}/customaudiences`);

    const all = await cli('requests');
    const lines = all.out.split('\n');
    expect(lines).toHaveLength(3);
    for (const each of lines) expect(each).toMatch(line);
    expect(lines[0]).toMatch(/ 200 GET {4}\/v24\.0\/me {2}\d+ms$/);
    expect(lines[1]).toMatch(/ 400 GET {4}\/v24\.0\/me #100 {2}\d+ms$/);
    expect(lines[2]).toContain(`/v24.0/act_${graph().world.adAccount.id}/customaudiences`);

    expect((await cli('requests', '--status', '4xx')).out.split('\n')).toEqual([lines[1]]);
    expect((await cli('requests', '--path', 'customaudiences')).out.split('\n')).toEqual([lines[2]]);
    expect((await cli('requests', '--limit', '1')).out.split('\n')).toEqual([lines[2]]);

    const json = JSON.parse((await cli('requests', '--json', '--limit', '2')).out);
    expect(json.map((entry: { path: string; status: number }) => entry.status)).toEqual([200, 400]);
  });

  it('says so when the journal is empty, and reports a bad filter as one line with exit code 1', async () => {
    expect((await cli('requests')).out).toBe('no requests');
    const bad = await cli('requests', '--status', 'teapot');
    expect(bad.err).toMatch(/^graphd requests: status must be/);
    expect(process.exitCode).toBe(1);
  });

  it('tail prints requests made after it started, with its own filters, until stopped', async () => {
    await call('/v24.0/me?fields=before_tail');
    const printed: string[] = [];
    const stop = new AbortController();
    const tail = tailRequests(target, { status: '4xx' }, { signal: stop.signal, intervalMs: 50, print: (text) => printed.push(text) });
    await new Promise((resolve) => setTimeout(resolve, 120));
    await call('/v24.0/me?fields=id');
    await call('/v24.0/me?fields=first_bad');
    await call('/v24.0/me?fields=second_bad');
    await vi.waitFor(() => expect(printed).toHaveLength(2), { timeout: 3000, interval: 50 });
    stop.abort();
    await tail;
    for (const each of printed) expect(each).toMatch(/ 400 GET {4}\/v24\.0\/me #100 {2}\d+ms$/);
    const entries = (await graph().control('GET', '/_graphd/requests?status=4xx')).json.data;
    expect(entries.map((entry: { params: { fields: string } }) => entry.params.fields)).toEqual(['second_bad', 'first_bad', 'before_tail']);
  });

  it('`requests tail` runs from the command line and stops on SIGINT', async () => {
    const run = cli('requests', 'tail', '--path', '/v24.0/me');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await call('/v24.0/me?fields=id');
    await call(`/v24.0/act_${graph().world.adAccount.id}`);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    process.emit('SIGINT');
    const { out, err } = await run;
    expect(err).toBe('');
    expect(out.split('\n')).toEqual([expect.stringMatching(/ 200 GET {4}\/v24\.0\/me {2}\d+ms$/)]);
  });
});
