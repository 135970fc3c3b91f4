import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, type Config } from '../config.js';
import type { VersionSettings } from '../graph/versions.js';

export interface ServeFlags {
  host?: string;
  port?: string;
  dataDir?: string;
  db?: string;
  publicUrl?: string;
  demo?: boolean;
  logLevel?: string;
  versions?: string;
  audienceProcessing?: string;
  testUsersPerApp?: string;
  redis?: string;
  redisPrefix?: string;
  workers?: string;
  seed?: string;
  adminToken?: string;
  rateLimits?: string;
  journalSize?: string;
  loose?: boolean;
  defaultVersion?: string;
}

/** Flags win over environment variables (GRAPHD_*), which win over defaults; validated once. */
export function configFrom(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = flags.dataDir ?? env.GRAPHD_DATA_DIR ?? defaultConfig.dataDir;
  const port = Number(flags.port ?? env.GRAPHD_PORT ?? defaultConfig.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${flags.port ?? env.GRAPHD_PORT}`);
  const db = flags.db ?? env.GRAPHD_DB ?? `sqlite:${join(dataDir, 'graphd.sqlite')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(db)) throw new Error(`--db must be sqlite:PATH or postgres://...: ${db}`);
  return Object.freeze({
    ...defaultConfig,
    host: flags.host ?? env.GRAPHD_HOST ?? defaultConfig.host,
    port,
    dataDir,
    db,
    publicUrl: flags.publicUrl ?? env.GRAPHD_PUBLIC_URL,
    seedDemo: flags.demo ?? env.GRAPHD_DEMO !== '0',
    logLevel: flags.logLevel ?? env.GRAPHD_LOG_LEVEL ?? defaultConfig.logLevel,
    versions: versionsFrom(flags.versions ?? env.GRAPHD_VERSIONS, flags.defaultVersion ?? env.GRAPHD_DEFAULT_VERSION),
    journalSize: countFrom('--journal-size', flags.journalSize ?? env.GRAPHD_JOURNAL_SIZE, defaultConfig.journalSize),
    loose: flags.loose ?? env.GRAPHD_LOOSE === '1',
    audienceProcessingDelay: secondsFrom(flags.audienceProcessing ?? env.GRAPHD_AUDIENCE_PROCESSING_SECONDS),
    redis: redisFrom(flags.redis ?? env.GRAPHD_REDIS),
    redisPrefix: flags.redisPrefix ?? env.GRAPHD_REDIS_PREFIX ?? defaultConfig.redisPrefix,
    workers: workersFrom(flags.workers ?? env.GRAPHD_WORKERS),
    seed: flags.seed ?? (env.GRAPHD_SEED || undefined),
    adminToken: flags.adminToken ?? (env.GRAPHD_ADMIN_TOKEN || undefined),
    rateLimits: rateLimitsFrom(flags.rateLimits ?? env.GRAPHD_RATE_LIMITS),
    testUsersPerApp: countFrom('--test-users-per-app', flags.testUsersPerApp ?? env.GRAPHD_TEST_USERS_PER_APP, defaultConfig.testUsersPerApp),
  });
}

/** `19-25`: the Graph versions served, oldest to newest; `25`: the one unversioned paths get (default the newest). */
function versionsFrom(text: string | undefined, defaultText: string | undefined): VersionSettings {
  let served = defaultConfig.versions;
  if (text !== undefined) {
    const match = /^v?(\d+)(?:\.0)?-v?(\d+)(?:\.0)?$/.exec(text.trim());
    if (!match || Number(match[1]) > Number(match[2])) throw new Error(`--versions must look like 19-25: ${text}`);
    served = { oldest: Number(match[1]), newest: Number(match[2]) };
  }
  if (defaultText === undefined || defaultText === '') return { oldest: served.oldest, newest: served.newest };
  const match = /^v?(\d+)(?:\.0)?$/.exec(defaultText.trim());
  const version = match ? Number(match[1]) : NaN;
  if (!(version >= served.oldest && version <= served.newest)) {
    throw new Error(`--default-version must be a served version (${served.oldest} to ${served.newest}): ${defaultText}`);
  }
  return { oldest: served.oldest, newest: served.newest, default: version };
}

function secondsFrom(text: string | undefined): number {
  if (text === undefined) return defaultConfig.audienceProcessingDelay;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`--audience-processing must be a number of seconds: ${text}`);
  return seconds;
}

function countFrom(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 0) throw new Error(`${flag} must be a whole number: ${text}`);
  return count;
}

function redisFrom(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^rediss?:\/\//.test(text)) throw new Error(`--redis must be redis://... or rediss://...: ${text}`);
  return text;
}

/** A count, or `auto` for one worker per CPU. */
function workersFrom(text: string | undefined): number {
  if (text === 'auto') return availableParallelism();
  const workers = countFrom('--workers', text, defaultConfig.workers);
  if (workers < 1) throw new Error(`--workers must be at least 1: ${text}`);
  return workers;
}

function rateLimitsFrom(text: string | undefined): Config['rateLimits'] {
  if (text === undefined || text === '') return defaultConfig.rateLimits;
  if (text !== 'off' && text !== 'development' && text !== 'standard') throw new Error(`--rate-limits must be development, standard or off: ${text}`);
  return text;
}
