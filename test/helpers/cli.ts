import { Command } from 'commander';
import { beforeAll, vi } from 'vitest';
import type { ControlTarget } from '../../src/cli/control-client.js';
import { testAdminToken, type Harness } from './graph.js';

/**
 * Runs a graphd command group in-process, parsed by commander as a shell would give it,
 * against a control target; returns what it printed through console.log / console.error.
 */
export async function runControlCommand(register: (program: Command) => void, target: ControlTarget, args: string[]): Promise<{ out: string; err: string }> {
  const program = new Command('graphd').exitOverride();
  register(program);
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const text = (spy: typeof out) => spy.mock.calls.map((call) => call.join(' ')).join('\n');
  try {
    await program.parseAsync([...args, '--url', target.url, '--admin-token', target.adminToken ?? testAdminToken], { from: 'user' });
    return { out: text(out), err: text(err) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * The harness's app listening on a loopback port, as the control target CLI commands call.
 * The target is filled in before the tests run (its url is empty until then).
 */
export function useListeningTarget(graph: () => Harness): ControlTarget {
  const target: ControlTarget = { url: '', adminToken: testAdminToken };
  beforeAll(async () => {
    await graph().app.listen({ host: '127.0.0.1', port: 0 });
    const address = graph().app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP port');
    target.url = `http://127.0.0.1:${address.port}`;
  });
  return target;
}
