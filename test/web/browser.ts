/**
 * What the browser tests share: Debian's chromium driven by playwright-core, the web UI built
 * the way `npm run build` builds it, and a real graphd listening on a loopback port with its
 * demo world. Without chromium the browser tests are skipped with a notice, unless CI is set:
 * then they fail, so CI can never pass without them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { ensureDemoWorld, type DemoCredentials } from '../../src/world/demo-world-credentials.js';

export const chromiumPath = process.env.GRAPHD_CHROMIUM || '/usr/bin/chromium';
const inCi = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
const chromiumMissing = !existsSync(chromiumPath);
if (chromiumMissing && !inCi) console.warn(`[graphd] no chromium at ${chromiumPath} (apt-get install -y chromium); skipping the web UI's browser tests`);

export const screenshotDir = new URL('../../docs/screenshots/', import.meta.url).pathname;

/** describe() for tests that drive a browser: skipped (visibly) when chromium is missing outside CI. */
export function describeInBrowser(title: string, fn: () => void): void {
  (chromiumMissing && !inCi ? describe.skip : describe)(title, fn);
}

export async function launchChromium(): Promise<Browser> {
  if (chromiumMissing) throw new Error(`[graphd] CI is set but there is no chromium at ${chromiumPath}: .ci/run installs it with apt-get install -y chromium`);
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** `npm run build:web`, so the tests see the UI as the sources are now. */
export function buildWebUi(): void {
  const root = new URL('../../', import.meta.url).pathname;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.web.json')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts/copy-web-assets.mjs')], { cwd: root, stdio: 'inherit' });
}

export interface RunningGraphd {
  origin: string;
  adminToken: string;
  demo: DemoCredentials;
  store: Store;
  close(): Promise<void>;
}

export const webAdminToken = 'graphd_admin_web_test';

/** graphd as `graphd serve` runs it: SQLite, the demo world seeded once, on a free loopback port. */
export async function startGraphd(): Promise<RunningGraphd> {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-web-'));
  const store = await openStore(`sqlite:${join(dir, 'graphd.db')}`);
  const demo = await ensureDemoWorld(store, Math.floor(Date.now() / 1000));
  const app = await buildApp({ config: defaultConfig, store, schema: compileGraphSchema(), adminToken: webAdminToken });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin,
    adminToken: webAdminToken,
    demo,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
