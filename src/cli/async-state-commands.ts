import type { Command } from 'commander';
import { readTransitionMode, type TransitionMode } from '../audiences/transitions.js';
import { callControl, controlTarget, withControlTarget, type ControlTarget } from './control-client.js';

type Flags = { url?: string; adminToken?: string; audience?: string };

/** `immediate`, `seconds 30`, `reads 3` as a mode; throws a message naming the mistake. */
export function modeFromWords(words: string[]): TransitionMode {
  const [mode, count, ...extra] = words;
  if (mode === undefined || extra.length > 0 || (mode === 'immediate') !== (count === undefined)) {
    throw new Error('say immediate, seconds N or reads N');
  }
  return readTransitionMode(mode === 'immediate' ? { mode } : { mode, [mode]: count });
}

/** The global mode, or one audience's when `audience` is given; answers what the server says now. */
export async function setAsyncState(target: ControlTarget, mode: TransitionMode | null, audience?: string): Promise<unknown> {
  if (audience === undefined) {
    if (mode === null) throw new Error('only an audience (--audience ID) can go back to the global mode');
    return callControl(target, 'PUT', '/async-state', mode);
  }
  const path = `/audiences/${encodeURIComponent(audience)}/transition`;
  return mode === null ? callControl(target, 'DELETE', path) : callControl(target, 'PUT', path, mode);
}

export function registerAsyncStateCommands(program: Command): void {
  const group = program.command('async-state').description('How audience changes settle in a running graphd: immediate, after N seconds or on the N-th read (docs/async-state.md)');
  const audienceOption = ['--audience <id>', 'one custom audience instead of the global mode'] as const;

  withControlTarget(group.command('show').description('Print the global mode, or where one audience stands'))
    .option(...audienceOption)
    .action(
      report(async (flags: Flags) => {
        const target = controlTarget(flags);
        return flags.audience === undefined ? callControl(target, 'GET', '/async-state') : callControl(target, 'GET', `/audiences/${encodeURIComponent(flags.audience)}/transition`);
      }),
    );

  withControlTarget(group.command('set').argument('<mode...>', 'immediate, seconds N or reads N').description('Set the global mode, or one audience\'s own'))
    .option(...audienceOption)
    .action(report(async (words: string[], flags: Flags) => setAsyncState(controlTarget(flags), modeFromWords(words), flags.audience)));

  withControlTarget(group.command('clear').description("Put an audience back on the global mode"))
    .requiredOption(...audienceOption)
    .action(report(async (flags: Flags) => setAsyncState(controlTarget(flags), null, flags.audience)));

  withControlTarget(group.command('advance').argument('<audience>', 'custom audience id').description('Settle what the audience waits for, now'))
    .action(report(async (audience: string, flags: Flags) => callControl(controlTarget(flags), 'POST', `/audiences/${encodeURIComponent(audience)}/advance`)));
}

/** Prints the server's answer as JSON; a failure is one line and exit code 1, not a stack trace. */
function report<A extends unknown[]>(action: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      console.log(JSON.stringify(await action(...args)));
    } catch (error) {
      console.error(`graphd async-state: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
}
