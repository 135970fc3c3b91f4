import { defaultVersions, type VersionSettings } from './graph/versions.js';

/** Everything a graphd process is configured with, parsed once (cli/) and passed down frozen. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** `sqlite:PATH` or `postgres://...` */
  db: string;
  versions: VersionSettings;
  /** Origin used in paging and picture URLs instead of the request's Host, when set. */
  publicUrl?: string;
  bodyLimit: number;
  /** Longest request line + headers accepted (DELETE with params in a 50 KB URL must fit). */
  maxHeaderSize: number;
  seedDemo: boolean;
  /** Seconds an audience shows as updating after a change (0 = changes settle at once). */
  audienceProcessingDelay: number;
  /** Test users one app may have; creating more answers (#2900) Too many test accounts. */
  testUsersPerApp: number;
  logLevel: string;
  /** Pins the control plane's admin token (GRAPHD_ADMIN_TOKEN); otherwise one is made and kept in the store. */
  adminToken?: string;
  /** A world file (YAML or JSON) loaded at start, after the demo world (docs/control-plane.md). */
  seed?: string;
  /** redis://... shared by every process for counters, settings, faults and the journal; absent = in memory. */
  redis?: string;
  /** Prefix of graphd's keys in Redis, so one Redis can serve several installs. */
  redisPrefix: string;
  /** Processes serving one port (node:cluster); 1 = this process serves. */
  workers: number;
  /** Meta's rate limits at an Ads API access tier, or off (docs/rate-limits.md). */
  rateLimits: 'off' | 'development' | 'standard';
  /** Requests the journal keeps (GET /_graphd/requests); 0 turns the journal off. */
  journalSize: number;
  /** Accept params no operation declares instead of answering Meta's error (docs/strictness.md). */
  loose: boolean;
}

export const defaultConfig: Config = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  dataDir: './data',
  db: 'sqlite:./data/graphd.sqlite',
  versions: defaultVersions,
  bodyLimit: 100 * 1024 * 1024,
  maxHeaderSize: 1024 * 1024,
  seedDemo: true,
  audienceProcessingDelay: 0,
  testUsersPerApp: 2000,
  logLevel: 'info',
  redisPrefix: 'graphd:',
  workers: 1,
  rateLimits: 'standard',
  journalSize: 1000,
  loose: false,
});
