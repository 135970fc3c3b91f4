import type { Command } from 'commander';
import type { ListedFaultRule } from '../limits/faults/fault-rules.js';
import { callControl, controlTarget, withControlTarget, type ControlTarget } from './control-client.js';

/** --url and --admin-token, which every command takes (withControlTarget). */
type TargetFlags = { url?: string; adminToken?: string };

/** `graphd faults add` flags as commander names them. */
export interface FaultFlags {
  json?: string;
  id?: string;
  method?: string;
  path?: string;
  node?: string;
  edge?: string;
  app?: string;
  adAccount?: string;
  token?: string;
  code?: string;
  subcode?: string;
  message?: string;
  type?: string;
  status?: string;
  transient?: boolean;
  userTitle?: string;
  userMsg?: string;
  probability?: string;
  count?: string;
  latency?: string;
  transport?: string;
  stallSeconds?: string;
}

/**
 * The rules `faults add` sends: the --json text as written, or one rule from the flags.
 * Numbers go as numbers and nothing is checked here: the server names a bad field.
 */
export function faultRulesFromFlags(flags: FaultFlags): unknown[] {
  const { json, ...rest } = flags;
  if (json !== undefined) {
    if (Object.values(rest).some((value) => value !== undefined)) throw new Error('give the rule either as --json or as flags, not both');
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const isError = flags.code !== undefined || flags.message !== undefined;
  return [
    defined({
      id: flags.id,
      match: defined({ method: flags.method, path: flags.path, node: flags.node, edge: flags.edge, app_id: flags.app, ad_account_id: flags.adAccount, token: flags.token }),
      probability: number(flags.probability),
      count: number(flags.count),
      latency_ms: number(flags.latency),
      error: isError
        ? defined({
            code: number(flags.code),
            error_subcode: number(flags.subcode),
            message: flags.message,
            type: flags.type,
            is_transient: flags.transient,
            status: number(flags.status),
            error_user_title: flags.userTitle,
            error_user_msg: flags.userMsg,
          })
        : undefined,
      transport: flags.transport,
      // --status is the error's status for an error, the page's for transport html.
      status: isError ? undefined : number(flags.status),
      stall_seconds: number(flags.stallSeconds),
    }),
  ];
}

export async function addFaults(target: ControlTarget, rules: unknown[]): Promise<string[]> {
  const answer = await callControl<{ data: { id: string }[] }>(target, 'POST', '/faults', { rules });
  return answer.data.map((rule) => rule.id);
}

export async function listFaults(target: ControlTarget): Promise<ListedFaultRule[]> {
  return (await callControl<{ data: ListedFaultRule[] }>(target, 'GET', '/faults')).data;
}

/** Removes one rule, or all of them when no id is given; says what it did. */
export async function clearFaults(target: ControlTarget, id?: string): Promise<string> {
  if (id !== undefined) {
    await callControl(target, 'DELETE', `/faults/${encodeURIComponent(id)}`);
    return `removed fault rule ${id}`;
  }
  const { removed } = await callControl<{ removed: number }>(target, 'DELETE', '/faults');
  return `removed ${removed} fault rule${removed === 1 ? '' : 's'}`;
}

/** One line per rule: id, hits, what it matches, what it does. */
export function describeFault(rule: ListedFaultRule): string {
  const match = Object.entries(rule.match).map(([name, value]) => `${name}=${name === 'token' ? `${value.slice(0, 8)}...` : value}`);
  const odds = rule.probability < 1 ? ` p=${rule.probability}` : '';
  const delay = rule.latency_ms ? ` +${rule.latency_ms}ms` : '';
  const { error } = rule;
  const effect = error
    ? `error ${error.code}${error.error_subcode === undefined ? '' : `/${error.error_subcode}`} (${error.status}) ${JSON.stringify(error.message)}`
    : rule.transport === 'html'
      ? `html ${rule.status}`
      : rule.transport === 'stall'
        ? `stall ${rule.stall_seconds}s`
        : (rule.transport ?? 'latency only');
  const fired = `fired ${rule.fired}${rule.count === undefined ? '' : `/${rule.count}`}`;
  return `${rule.id}  ${fired}${odds}${delay}  ${match.join(' ') || 'every call'}  -> ${effect}`;
}

export function registerFaultCommands(program: Command): void {
  const faults = program.command('faults').description('Inject Graph errors and transport faults into a running graphd (docs/faults.md)');

  withControlTarget(faults.command('add').description('Add a fault rule (from flags, or --json with one rule or a list)'))
    .option('--json <rules>', 'the rule(s) as JSON, in the format of docs/faults.md')
    .option('--id <id>', 'name the rule (an existing rule with this id is replaced)')
    .option('--method <method>', 'GET, POST or DELETE')
    .option('--path <pattern>', 'glob such as /v*/act_*/customaudiences, or a regular expression starting with ^')
    .option('--node <type>', 'schema type the call reaches, e.g. CustomAudience or User')
    .option('--edge <edge>', 'edge of the call, e.g. users or customaudiences')
    .option('--app <id>', 'app id of the access token')
    .option('--ad-account <id>', 'ad account the call reaches (with or without act_)')
    .option('--token <token>', 'the raw access token')
    .option('--code <code>', 'Graph error code')
    .option('--subcode <subcode>', 'error_subcode')
    .option('--message <text>', 'error message')
    .option('--type <type>', 'error type (default OAuthException)')
    .option('--status <status>', 'HTTP status of the error (default 400) or of the html page (default 502)')
    .option('--transient', 'is_transient: true')
    .option('--user-title <text>', 'error_user_title')
    .option('--user-msg <text>', 'error_user_msg')
    .option('--probability <p>', 'chance 0..1 that a matching call is hit (default 1)')
    .option('--count <n>', 'hit at most n calls')
    .option('--latency <ms>', 'delay before the effect or the normal answer')
    .option('--transport <kind>', 'reset, html, truncated or stall')
    .option('--stall-seconds <s>', 'how long a stall lasts (default 30)')
    .action(
      command(async (flags: FaultFlags & TargetFlags) => {
        for (const id of await addFaults(controlTarget(flags), faultRulesFromFlags(withoutTarget(flags)))) console.log(id);
      }),
    );

  withControlTarget(faults.command('list').description('List the fault rules and how often each fired')).action(
    command(async (flags: TargetFlags) => {
      const rules = await listFaults(controlTarget(flags));
      console.log(rules.length === 0 ? 'no fault rules' : rules.map(describeFault).join('\n'));
    }),
  );

  withControlTarget(faults.command('clear').argument('[id]', 'the rule to remove; all rules when absent').description('Remove one fault rule, or all')).action(
    command(async (id: string | undefined, flags: TargetFlags) => console.log(await clearFaults(controlTarget(flags), id))),
  );
}

/** An action that reports a failure as one line and exit code 1, not a stack trace. */
function command<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      console.error(`graphd faults: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
}

function withoutTarget(flags: FaultFlags & TargetFlags): FaultFlags {
  const { url: _url, adminToken: _adminToken, ...rule } = flags;
  return rule;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
