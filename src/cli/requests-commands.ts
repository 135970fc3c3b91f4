import type { Command } from 'commander';
import type { JournalEntry } from '../journal/entry.js';
import { callControl, controlTarget, withControlTarget, type ControlTarget } from './control-client.js';

/** --url and --admin-token (withControlTarget). */
type TargetFlags = { url?: string; adminToken?: string };

/** `graphd requests` flags as commander names them. */
export interface RequestFlags {
  app?: string;
  adAccount?: string;
  path?: string;
  status?: string;
  since?: string;
  limit?: string;
}

/** The journal's newest matching entries, newest first (GET /_graphd/requests). */
export async function listRequests(target: ControlTarget, flags: RequestFlags): Promise<JournalEntry[]> {
  const query = new URLSearchParams();
  const add = (name: string, value: string | undefined) => value !== undefined && query.set(name, value);
  add('app_id', flags.app);
  add('ad_account_id', flags.adAccount);
  add('path', flags.path);
  add('status', flags.status);
  add('since', flags.since);
  add('limit', flags.limit);
  const text = query.toString();
  return (await callControl<{ data: JournalEntry[] }>(target, 'GET', `/requests${text ? `?${text}` : ''}`)).data;
}

/** One line per request: time, status, method, path, error code, duration. */
export function describeRequest(entry: JournalEntry): string {
  const error = entry.error ? ` #${entry.error.code}${entry.error.subcode === undefined ? '' : `/${entry.error.subcode}`}` : '';
  const batch = entry.batch_index === undefined ? '' : ` [batch ${entry.batch_index}]`;
  return `${entry.time}  ${entry.status} ${entry.method.padEnd(6)} ${entry.path}${batch}${error}  ${entry.duration_ms}ms`;
}

export interface TailOptions {
  /** Milliseconds between polls. */
  intervalMs?: number;
  /** Stops the tail (Ctrl-C in the CLI). */
  signal: AbortSignal;
  print: (line: string) => void;
}

/**
 * Prints requests as they arrive, oldest first, until the signal aborts: polls the journal
 * for entries after the last one seen. Starts after the newest entry already there.
 */
export async function tailRequests(target: ControlTarget, flags: RequestFlags, options: TailOptions): Promise<void> {
  const { signal, print, intervalMs = 500 } = options;
  let last = (await listRequests(target, { limit: '1' }))[0]?.id ?? '0';
  while (!signal.aborted) {
    await pause(intervalMs, signal);
    if (signal.aborted) break;
    // The mark moves to the newest entry first, filtered out or not; what arrives while the
    // matching ones are fetched waits for the next round.
    const newest = (await listRequests(target, { since: last, limit: '1' }))[0];
    if (!newest) continue;
    const entries = await listRequests(target, { ...flags, since: last, limit: '1000' });
    for (const entry of entries.reverse()) if (Number(entry.id) <= Number(newest.id)) print(describeRequest(entry));
    last = newest.id;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

export function registerRequestCommands(program: Command): void {
  const requests = withControlTarget(program.command('requests').description('Show the request journal of a running graphd (docs/journal.md)'))
    .option('--app <id>', 'app id of the access token')
    .option('--ad-account <id>', 'ad account the call reached (with or without act_)')
    .option('--path <pattern>', 'part of the path, or a glob such as /v*/act_*/customaudiences')
    .option('--status <status>', 'HTTP status such as 400, or 2xx, 4xx, 5xx')
    .option('--since <when>', 'an entry id, unix seconds or an ISO 8601 time')
    .option('--limit <n>', 'how many requests (default 100)')
    .option('--json', 'print the entries as JSON, newest first')
    .action(
      command(async (flags: RequestFlags & TargetFlags & { json?: boolean }) => {
        const entries = await listRequests(controlTarget(flags), flags);
        if (flags.json) console.log(JSON.stringify(entries, null, 2));
        else console.log(entries.length === 0 ? 'no requests' : entries.reverse().map(describeRequest).join('\n'));
      }),
    );

  // The filters and --url belong to `requests`, so commander hands them to it wherever they are written.
  requests
    .command('tail')
    .description('Print requests as they arrive, until Ctrl-C (takes the filters of graphd requests)')
    .action(
      command(async (_flags: object, tail: Command) => {
        const { since: _since, limit: _limit, ...flags } = tail.optsWithGlobals<RequestFlags & TargetFlags>();
        const stop = new AbortController();
        const onInterrupt = () => stop.abort();
        process.once('SIGINT', onInterrupt);
        try {
          await tailRequests(controlTarget(flags), flags, { signal: stop.signal, print: (line) => console.log(line) });
        } finally {
          process.off('SIGINT', onInterrupt);
        }
      }),
    );
}

/** An action that reports a failure as one line and exit code 1, not a stack trace. */
function command<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      console.error(`graphd requests: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
}
