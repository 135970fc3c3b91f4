import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultConfig } from '../config.js';
import { adminTokenFile } from './admin-token-file.js';

/** Where a CLI command finds a running graphd's control plane. */
export interface ControlTarget {
  url: string;
  adminToken?: string;
}

/** Adds --url and --admin-token (GRAPHD_URL, GRAPHD_ADMIN_TOKEN) to a command that talks to a running graphd. */
export function withControlTarget(command: Command): Command {
  return command
    .option('--url <url>', 'the running graphd (GRAPHD_URL, default http://127.0.0.1:8080)')
    .option('--admin-token <token>', 'the admin token graphd printed at start (GRAPHD_ADMIN_TOKEN)')
    .option('--data-dir <dir>', 'without an admin token, read the one `graphd serve` wrote there (GRAPHD_DATA_DIR, default ./data)');
}

export function controlTarget(options: { url?: string; adminToken?: string; dataDir?: string }, env: NodeJS.ProcessEnv = process.env): ControlTarget {
  return {
    url: (options.url ?? env.GRAPHD_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, ''),
    adminToken: options.adminToken ?? (env.GRAPHD_ADMIN_TOKEN || undefined) ?? savedAdminToken(options.dataDir ?? env.GRAPHD_DATA_DIR ?? defaultConfig.dataDir),
  };
}

/** The token a local `graphd serve` wrote into its data directory, when there is one. */
function savedAdminToken(dataDir: string): string | undefined {
  try {
    return readFileSync(adminTokenFile(dataDir), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Calls /_graphd/<path>; a control-plane error becomes an Error with its message. */
export async function callControl<T = unknown>(target: ControlTarget, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (target.adminToken) headers.authorization = `Bearer ${target.adminToken}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${target.url}/_graphd${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new Error(`cannot reach graphd at ${target.url}: ${(error as Error).cause ?? (error as Error).message}`);
  }
  const text = await response.text();
  const json = text ? (JSON.parse(text) as T & { error?: { message?: string } }) : (undefined as T);
  if (!response.ok) throw new Error((json as { error?: { message?: string } } | undefined)?.error?.message ?? `graphd answered ${response.status}`);
  return json;
}
