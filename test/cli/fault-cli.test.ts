/**
 * `graphd faults add|list|clear` against a graphd listening on a loopback port: the commands
 * parsed by commander as a shell would give them, their output, and what the API then does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addFaults, clearFaults, describeFault, faultRulesFromFlags, listFaults, registerFaultCommands } from '../../src/cli/fault-commands.js';
import { runControlCommand, useListeningTarget } from '../helpers/cli.js';
import { useGraph } from '../helpers/graph.js';
import { testStores } from '../helpers/stores.js';

describe('graphd faults (CLI)', () => {
  const graph = useGraph(testStores()[0].open);
  const target = useListeningTarget(graph);
  const me = () => fetch(`${target.url}/v24.0/me?access_token=${graph().world.tokens.user}`);

  const cli = (...args: string[]) => runControlCommand(registerFaultCommands, target, args);

  afterEach(async () => {
    process.exitCode = undefined;
    await clearFaults(target);
  });

  it('adds an error rule from flags, which the API then answers with', async () => {
    const { out } = await cli('faults', 'add', '--id', 'slow-me', '--method', 'get', '--path', '/v*/me', '--code', '80003', '--subcode', '2446079', '--message', 'Too many calls', '--status', '503', '--transient', '--count', '1', '--latency', '20');
    expect(out).toBe('slow-me');
    const hit = await me();
    expect(hit.status).toBe(503);
    expect((await hit.json()).error).toMatchObject({ code: 80003, error_subcode: 2446079, message: 'Too many calls', is_transient: true });
    expect((await me()).status).toBe(200);

    const listed = await cli('faults', 'list');
    expect(listed.out).toBe('slow-me  fired 1/1 +20ms  method=GET path=/v*/me  -> error 80003/2446079 (503) "Too many calls"');
  });

  it('maps the route and transport flags onto the rule', async () => {
    await cli('faults', 'add', '--id', 'page', '--node', 'CustomAudience', '--edge', 'users', '--ad-account', 'act_42', '--app', '7', '--transport', 'html', '--status', '504', '--probability', '0.5');
    await cli('faults', 'add', '--id', 'hang', '--token', 'EAAsecret-token', '--transport', 'stall', '--stall-seconds', '2');
    expect(await listFaults(target)).toEqual([
      { id: 'page', match: { node: 'CustomAudience', edge: 'users', ad_account_id: '42', app_id: '7' }, probability: 0.5, transport: 'html', status: 504, fired: 0 },
      { id: 'hang', match: { token: 'EAAsecret-token' }, probability: 1, transport: 'stall', stall_seconds: 2, fired: 0 },
    ]);
    const { out } = await cli('faults', 'list');
    expect(out.split('\n')).toEqual([
      'page  fired 0 p=0.5  node=CustomAudience edge=users app_id=7 ad_account_id=42  -> html 504',
      'hang  fired 0  token=EAAsecre...  -> stall 2s',
    ]);
  });

  it('takes --json with one rule or a list, and refuses mixing it with flags', async () => {
    const { out } = await cli('faults', 'add', '--json', JSON.stringify([{ id: 'a', transport: 'reset' }, { id: 'b', latency_ms: 5 }]));
    expect(out).toBe('a\nb');
    expect(faultRulesFromFlags({ json: '{"id":"c","transport":"truncated"}' })).toEqual([{ id: 'c', transport: 'truncated' }]);
    expect(() => faultRulesFromFlags({ json: '{}', code: '1' })).toThrow(/either as --json or as flags/);
  });

  it("reports the server's refusal of a bad rule as one line and exit code 1", async () => {
    const { out, err } = await cli('faults', 'add', '--path', '/v*/me', '--probability', 'lots', '--code', '1', '--message', 'x');
    expect(out).toBe('');
    expect(err).toBe('graphd faults: fault rule #1: probability must be a number from 0 to 1');
    expect(process.exitCode).toBe(1);
    expect(await listFaults(target)).toEqual([]);
  });

  it('clears one rule by id, then all of them', async () => {
    await addFaults(target, [{ id: 'one', transport: 'reset' }, { id: 'two', transport: 'reset' }, { id: 'three', transport: 'reset' }]);
    expect((await cli('faults', 'clear', 'two')).out).toBe('removed fault rule two');
    expect((await listFaults(target)).map((rule) => rule.id)).toEqual(['one', 'three']);
    expect((await cli('faults', 'clear', 'two')).err).toBe('graphd faults: No fault rule has the id two.');
    expect((await cli('faults', 'clear')).out).toBe('removed 2 fault rules');
    expect((await cli('faults', 'list')).out).toBe('no fault rules');
    expect(describeFault({ id: 'x', match: {}, probability: 1, latency_ms: 100, fired: 3 })).toBe('x  fired 3 +100ms  every call  -> latency only');
  });
});
