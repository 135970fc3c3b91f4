import { randomBytes } from 'node:crypto';
import { FaultRuleError, type FaultError, type FaultMatch, type FaultRule, type FaultTransportKind } from './fault-rule.js';
import { pathPatternProblem } from './path-pattern.js';

type Json = Record<string, unknown>;

const ruleKeys = ['id', 'match', 'probability', 'count', 'latency_ms', 'error', 'transport', 'status', 'stall_seconds'];
const matchKeys = ['method', 'path', 'node', 'edge', 'app_id', 'ad_account_id', 'token'];
const errorKeys = ['code', 'error_subcode', 'message', 'type', 'is_transient', 'status', 'error_user_title', 'error_user_msg'];
const errorTypes = ['OAuthException', 'GraphMethodException', 'FacebookApiException', 'GraphBatchException'];
const transports: FaultTransportKind[] = ['reset', 'html', 'truncated', 'stall'];

export const defaultHtmlStatus = 502;
export const defaultStallSeconds = 30;

/** Checks one rule someone wrote and returns its stored form; `position` names it in errors (1-based). */
export function parseFaultRule(input: unknown, position: number): FaultRule {
  const label = `fault rule ${labelOf(input, position)}`;
  const fail = (field: string, problem: string): never => {
    throw new FaultRuleError(`${label}: ${field} ${problem}`);
  };
  const read = new Reader(fail);
  const rule = read.object(input, 'the rule', ruleKeys);
  const id = read.string(rule, 'id') ?? `fault_${randomBytes(6).toString('hex')}`;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) fail('id', 'must be 1 to 64 letters, digits, _ . or -');

  const effect: Partial<FaultRule> = {
    probability: read.number(rule, 'probability', { min: 0, max: 1 }) ?? 1,
    count: read.number(rule, 'count', { min: 1, integer: true }),
    latency_ms: read.number(rule, 'latency_ms', { min: 0, max: 600_000, integer: true }),
    error: rule.error === undefined ? undefined : parseError(read, rule.error),
    transport: read.oneOf(rule, 'transport', transports),
  };
  if (effect.error && effect.transport) fail('error', 'and transport cannot both be given');
  if (!effect.error && !effect.transport && effect.latency_ms === undefined) fail('the rule', 'needs an effect: error, transport or latency_ms');
  const status = read.number(rule, 'status', { min: 400, max: 599, integer: true });
  if (status !== undefined && effect.transport !== 'html') fail('status', 'only applies to transport "html" (an error takes error.status)');
  const stall = read.number(rule, 'stall_seconds', { min: 0, max: 3600 });
  if (stall !== undefined && effect.transport !== 'stall') fail('stall_seconds', 'only applies to transport "stall"');
  if (effect.transport === 'html') effect.status = status ?? defaultHtmlStatus;
  if (effect.transport === 'stall') effect.stall_seconds = stall ?? defaultStallSeconds;

  return withoutUndefined({ id, match: parseMatch(read, rule.match), ...effect }) as FaultRule;
}

function parseMatch(read: Reader, input: unknown): FaultMatch {
  if (input === undefined) return {};
  const match = read.object(input, 'match', matchKeys);
  const path = read.string(match, 'path', 'match.path');
  const problem = path === undefined ? undefined : pathPatternProblem(path);
  if (problem) read.fail('match.path', problem);
  const adAccount = read.id(match, 'ad_account_id', 'match.ad_account_id')?.replace(/^act_/, '');
  if (adAccount !== undefined && !/^\d+$/.test(adAccount)) read.fail('match.ad_account_id', 'must be numeric, with or without act_');
  return withoutUndefined({
    method: read.oneOf(match, 'method', ['GET', 'POST', 'DELETE'], 'match.method', (text) => text.toUpperCase()),
    path,
    node: read.name(match, 'node', 'match.node'),
    edge: read.name(match, 'edge', 'match.edge'),
    app_id: read.id(match, 'app_id', 'match.app_id'),
    ad_account_id: adAccount,
    token: read.string(match, 'token', 'match.token'),
  });
}

function parseError(read: Reader, input: unknown): FaultError {
  const error = read.object(input, 'error', errorKeys);
  const code = read.number(error, 'code', { min: 0, integer: true }, 'error.code');
  const message = read.string(error, 'message', 'error.message');
  if (code === undefined) read.fail('error.code', 'is required');
  if (message === undefined) read.fail('error.message', 'is required');
  const transient = error.is_transient;
  if (transient !== undefined && typeof transient !== 'boolean') read.fail('error.is_transient', 'must be true or false');
  return withoutUndefined({
    code: code!,
    error_subcode: read.number(error, 'error_subcode', { min: 0, integer: true }, 'error.error_subcode'),
    message: message!,
    type: read.oneOf(error, 'type', errorTypes, 'error.type') ?? 'OAuthException',
    is_transient: (transient as boolean | undefined) ?? false,
    status: read.number(error, 'status', { min: 400, max: 599, integer: true }, 'error.status') ?? 400,
    error_user_title: read.string(error, 'error_user_title', 'error.error_user_title'),
    error_user_msg: read.string(error, 'error_user_msg', 'error.error_user_msg'),
  }) as FaultError;
}

/** Reads typed fields out of JSON, failing with the field's name. */
class Reader {
  constructor(readonly fail: (field: string, problem: string) => never) {}

  object(value: unknown, field: string, known: string[]): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(field, 'must be a JSON object');
    const unknown = Object.keys(value).find((key) => !known.includes(key));
    if (unknown !== undefined) this.fail(field === 'the rule' ? unknown : `${field}.${unknown}`, `is not a field of a fault rule (known: ${known.join(', ')})`);
    return value as Json;
  }

  string(from: Json, key: string, field = key): string | undefined {
    const value = from[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') return this.fail(field, 'must be a non-empty string');
    return value;
  }

  /** An id written as a string or a number. */
  id(from: Json, key: string, field: string): string | undefined {
    const value = from[key];
    return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : this.string(from, key, field);
  }

  name(from: Json, key: string, field: string): string | undefined {
    const value = this.string(from, key, field);
    if (value !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) this.fail(field, 'must be a name like CustomAudience or users');
    return value;
  }

  number(from: Json, key: string, range: { min: number; max?: number; integer?: boolean }, field = key): number | undefined {
    const value = from[key];
    if (value === undefined) return undefined;
    const { min, max, integer } = range;
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && (max === undefined || value <= max) && (!integer || Number.isInteger(value));
    if (!ok) this.fail(field, `must be ${integer ? 'an integer' : 'a number'} ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}`);
    return value as number;
  }

  oneOf<T extends string>(from: Json, key: string, allowed: readonly T[], field = key, normalise = (text: string) => text): T | undefined {
    const value = from[key];
    if (value === undefined) return undefined;
    const text = typeof value === 'string' ? normalise(value) : undefined;
    if (text === undefined || !allowed.includes(text as T)) this.fail(field, `must be one of ${allowed.join(', ')}`);
    return text as T;
  }
}

function labelOf(input: unknown, position: number): string {
  const id = (input as Json | null)?.id;
  return typeof id === 'string' && id !== '' ? `"${id}"` : `#${position}`;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
