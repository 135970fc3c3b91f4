/**
 * `graphd audiences upload|remove-users|create|list|show|delete`: commander wiring, the
 * progress bar and the printed summary. The work is in src/uploader/; these commands speak
 * plain Graph API, so they run against graphd and graph.facebook.com alike (docs/upload-cli.md).
 */
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { MAX_BATCH_ROWS } from '../uploader/batches.js';
import { AUDIENCE_FIELDS, createCustomerList, deleteAudience, listAudiences, showAudience } from '../uploader/audience-calls.js';
import { GraphApiError, GraphClient, type Fetch } from '../uploader/graph-client.js';
import { sleep, type RetryPolicy, type RetryWait } from '../uploader/retry.js';
import { uploadFile, type UploadProgress, type UploadRequest, type UploadSummary } from '../uploader/upload-file.js';

/** Where the commands write and what they call; tests pass their own (no real waits, captured output). */
export interface AudiencesIo {
  out: { write(text: string): unknown; isTTY?: boolean };
  err: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  exit(code: number): void;
}

const processIo = (): AudiencesIo => ({ out: process.stdout, err: process.stderr, env: process.env, exit: (code) => void (process.exitCode = code) });

interface ConnectionFlags {
  baseUrl?: string;
  version: string;
  token?: string;
  appSecret?: string;
  timeout: number;
  maxRetries: number;
  maxWait: number;
  json?: boolean;
}

interface FileFlags extends ConnectionFlags {
  audience: string;
  schema?: string;
  map?: string;
  batchSize: number;
  delimiter?: 'comma' | 'tab' | 'semicolon';
  countryCode?: string;
  resume?: boolean;
}

const integer = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) => (text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

function withConnection(command: Command): Command {
  return command
    .option('--base-url <url>', 'Graph API origin (GRAPH_URL, default http://127.0.0.1:8080; https://graph.facebook.com for Meta)')
    .option('--version <version>', 'Graph API version', 'v21.0')
    .option('--token <token>', 'access token (GRAPH_TOKEN or GRAPHD_TOKEN)')
    .option('--app-secret <secret>', 'app secret: adds appsecret_proof to every call (GRAPH_APP_SECRET)')
    .option('--timeout <seconds>', 'give up on one request after this long (then retry it)', integer('--timeout', 1), 120)
    .option('--max-retries <n>', 'retries of one failing call', integer('--max-retries', 0), 8)
    .option('--max-wait <seconds>', 'longest single wait before a retry, even when Meta asks for longer', integer('--max-wait', 0), 900)
    .option('--json', 'print the result as JSON');
}

function withFile(command: Command): Command {
  return withConnection(command)
    .argument('<file>', 'CSV or TSV customer file')
    .requiredOption('--audience <id>', 'custom audience id')
    .option('--schema <keys>', 'auto (read the header), or the keys of a headerless file: EMAIL,PHONE,-,DOB', 'auto')
    .option('--map <pairs>', 'name odd headers: "E-Mail Adresse=EMAIL,Notes=-"')
    .option('--batch-size <rows>', 'rows per request', integer('--batch-size', 1, MAX_BATCH_ROWS), MAX_BATCH_ROWS)
    .addOption(new Option('--delimiter <name>', 'field separator (default: from the extension and the header)').choices(['comma', 'tab', 'semicolon']))
    .option('--country-code <code>', 'calling code for phone numbers written without one, e.g. 1 or 44')
    .option('--resume', "continue this file's unfinished upload from its last acknowledged batch");
}

export function audiencesCommands(program: Command, io: AudiencesIo = processIo()): Command {
  const audiences = program.command('audiences').description('Custom audiences: upload customer lists and everyday management');
  const run = <A extends unknown[]>(work: (...args: A) => Promise<void>) => async (...args: A) => {
    try {
      await work(...args);
    } catch (error) {
      io.err.write(`error: ${error instanceof GraphApiError ? error.describe() : (error as Error).message}\n`);
      io.exit(1);
    }
  };

  for (const kind of ['add', 'remove'] as const) {
    withFile(audiences.command(kind === 'add' ? 'upload' : 'remove-users'))
      .description(kind === 'add' ? 'normalise, hash and upload a customer file to an audience' : 'normalise, hash and remove the people of a customer file from an audience')
      .action(run(async (file: string, flags: FileFlags) => {
        const summary = await uploadWithProgress(io, flags, { file, kind, audienceId: flags.audience, batchSize: flags.batchSize, schema: flags.schema, map: flags.map, resume: !!flags.resume, delimiter: delimiterOf(flags.delimiter), normalize: { countryCallingCode: flags.countryCode } });
        io.out.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : describeSummary(file, kind, summary));
      }));
  }

  withConnection(audiences.command('create'))
    .description('create a customer-list audience (subtype CUSTOM); prints its id')
    .requiredOption('--ad-account <id>', 'ad account, with or without act_')
    .requiredOption('--name <name>', 'audience name')
    .option('--description <text>', 'description')
    .addOption(new Option('--customer-file-source <source>', 'where the data came from').choices(['USER_PROVIDED_ONLY', 'PARTNER_PROVIDED_ONLY', 'BOTH_USER_AND_PARTNER_PROVIDED']).default('USER_PROVIDED_ONLY'))
    .option('--retention-days <days>', 'days a person stays in the audience', integer('--retention-days', 1, 180))
    .action(run(async (flags: ConnectionFlags & { adAccount: string; name: string; description?: string; customerFileSource: string; retentionDays?: number }) => {
      const id = await createCustomerList(client(io, flags), { adAccount: flags.adAccount, name: flags.name, description: flags.description, customerFileSource: flags.customerFileSource, retentionDays: flags.retentionDays });
      io.out.write(flags.json ? `${JSON.stringify({ id })}\n` : `${id}\n`);
    }));

  withConnection(audiences.command('list'))
    .description("list an ad account's custom audiences")
    .requiredOption('--ad-account <id>', 'ad account, with or without act_')
    .option('--fields <fields>', 'fields to read', AUDIENCE_FIELDS)
    .option('--limit <n>', 'audiences per request (paging is followed to the end)', integer('--limit', 1, 500), 100)
    .action(run(async (flags: ConnectionFlags & { adAccount: string; fields: string; limit: number }) => {
      const rows: Record<string, unknown>[] = [];
      for await (const audience of listAudiences(client(io, flags), flags.adAccount, flags.fields, flags.limit)) rows.push(audience);
      io.out.write(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows, flags.fields.split(',')));
    }));

  withConnection(audiences.command('show').argument('<id>', 'custom audience id'))
    .description('show one audience')
    .option('--fields <fields>', 'fields to read', AUDIENCE_FIELDS)
    .action(run(async (id: string, flags: ConnectionFlags & { fields: string }) => {
      io.out.write(`${JSON.stringify(await showAudience(client(io, flags), id, flags.fields), null, 2)}\n`);
    }));

  withConnection(audiences.command('delete').argument('<id>', 'custom audience id'))
    .description('delete an audience')
    .action(run(async (id: string, flags: ConnectionFlags) => {
      const deleted = await deleteAudience(client(io, flags), id);
      if (!deleted) throw new Error(`the server did not confirm deleting ${id}`);
      io.out.write(flags.json ? `${JSON.stringify({ id, success: true })}\n` : `deleted ${id}\n`);
    }));

  return audiences;
}

function client(io: AudiencesIo, flags: ConnectionFlags): GraphClient {
  const token = flags.token || io.env.GRAPH_TOKEN || io.env.GRAPHD_TOKEN;
  if (!token) throw new Error('no access token: pass --token or set GRAPH_TOKEN');
  return new GraphClient(
    { baseUrl: flags.baseUrl ?? io.env.GRAPH_URL ?? 'http://127.0.0.1:8080', version: flags.version, token, appSecret: flags.appSecret ?? io.env.GRAPH_APP_SECRET, timeoutMs: flags.timeout * 1000 },
    io.fetch,
  );
}

function retryPolicy(io: AudiencesIo, flags: ConnectionFlags): RetryPolicy {
  return { maxRetries: flags.maxRetries, maxWaitMs: flags.maxWait * 1000, baseMs: 1000, sleep: io.sleep ?? sleep, random: io.random ?? Math.random };
}

const delimiterOf = (name: FileFlags['delimiter']) => (name === undefined ? undefined : ({ comma: ',', tab: '\t', semicolon: ';' } as const)[name]);

/** The upload with a progress bar when stdout is a terminal; otherwise quiet but for retry notices on stderr. */
async function uploadWithProgress(io: AudiencesIo, flags: FileFlags, request: UploadRequest): Promise<UploadSummary> {
  const bar = io.out.isTTY && !flags.json
    ? new SingleBar({ stream: io.out as NodeJS.WritableStream, format: '{bar} {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted} | invalid {invalid} {status}', hideCursor: true })
    : undefined;
  const started = Date.now();
  let firstRows = 0;
  const payload = (p: UploadProgress, status = '') => ({
    rows: p.rowsRead.toLocaleString('en-US'),
    speed: Math.round((p.rowsRead - firstRows) / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString('en-US'),
    invalid: p.invalid.toLocaleString('en-US'),
    status,
  });
  let last: UploadProgress | undefined;
  try {
    return await uploadFile(request, {
      client: client(io, flags),
      retry: retryPolicy(io, flags),
      events: {
        start: ({ progress, resumedAfter, sessionId }) => {
          last = progress;
          firstRows = progress.rowsRead;
          if (resumedAfter !== undefined) io.err.write(`resuming session ${sessionId} after batch ${resumedAfter} (${progress.rowsRead.toLocaleString('en-US')} rows done)\n`);
          bar?.start(Math.max(progress.totalBytes, 1), progress.bytes, payload(progress));
        },
        progress: (p) => {
          last = p;
          bar?.update(p.bytes, payload(p));
        },
        retry: (wait) => {
          if (bar && last) bar.update(last.bytes, payload(last, `| ${waitNotice(wait)}`));
          else io.err.write(`${waitNotice(wait)}\n`);
        },
      },
    });
  } finally {
    bar?.stop();
  }
}

const waitNotice = (wait: RetryWait) => `retry ${wait.attempt} in ${seconds(wait.ms)}${wait.regain ? ' (estimated_time_to_regain_access)' : ''}: ${wait.reason.split('\n')[0]}`;

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const n = (value: number) => value.toLocaleString('en-US');

/** One summary line, then the details worth reading. */
export function describeSummary(file: string, kind: 'add' | 'remove', s: UploadSummary): string {
  const matched = s.numMatched === undefined ? '' : `, ${n(s.numMatched)} matched`;
  const size = s.lowerBound === undefined ? '' : `; audience size ${n(s.lowerBound)}–${n(s.upperBound ?? s.lowerBound)}`;
  const lines = [
    `${kind === 'add' ? 'uploaded' : 'removed'} ${n(s.rowsSent)} rows of ${file} ${kind === 'add' ? 'to' : 'from'} audience ${s.audienceId} in ${s.batches} batches: ${n(s.numReceived)} received, ${n(s.numInvalidEntries)} invalid${matched}, ${n(s.rowsDropped)} dropped${size}`,
    `  session ${s.sessionId}${s.stage ? ` (${s.stage})` : ''}${s.resumedAfter !== undefined ? `, resumed after batch ${s.resumedAfter}` : ''}; schema ${s.schema.join(',')}`,
  ];
  if (s.ignoredColumns.length > 0) lines.push(`  columns not uploaded: ${s.ignoredColumns.join(', ')}`);
  const blank = Object.entries(s.unusable);
  if (blank.length > 0) lines.push(`  values sent blank (unusable): ${blank.map(([key, count]) => `${key} ${n(count ?? 0)}`).join(', ')}`);
  for (const [reason, count] of Object.entries(s.drops)) lines.push(`  dropped ${n(count)}: ${reason}`);
  for (const drop of s.dropExamples) lines.push(`    line ${drop.line}: ${drop.reason}`);
  if (s.outcomeProblem) lines.push(`  could not read the session and audience afterwards: ${s.outcomeProblem}`);
  return `${lines.join('\n')}\n`;
}

function table(rows: Record<string, unknown>[], fields: string[]): string {
  const cell = (value: unknown) => (value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  const grid = [fields, ...rows.map((row) => fields.map((field) => cell(row[field])))];
  const widths = fields.map((_, i) => Math.max(...grid.map((line) => line[i].length)));
  return grid.map((line) => line.map((text, i) => text.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}
