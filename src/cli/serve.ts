import cluster from 'node:cluster';
import { buildApp } from '../server/app.js';
import { compileGraphSchema } from '../schema/table.js';
import { openSharedState } from '../state/open-state.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import type { Config } from '../config.js';
import { demoBanner, ensureDemoWorld } from '../world/demo-world-credentials.js';
import { configFrom, type ServeFlags } from './config.js';
import { adminTokenOf } from '../control/admin-token.js';
import type { SharedState } from '../state/shared-state.js';
import { saveAdminToken } from './admin-token-file.js';
import { seedWorldFile } from './seed-world.js';
import { superviseWorkers } from './workers.js';

/**
 * `graphd serve`: migrate, seed the demo world once, listen, print the ready-to-paste request.
 * With --workers N the first process prepares the database and prints, then N workers serve
 * one port (node:cluster); each worker is this same function in a forked process.
 */
export async function serve(flags: ServeFlags): Promise<void> {
  const config = configFrom(flags);
  if (config.workers > 1 && cluster.isPrimary) {
    const store = await openStore(config.db);
    const state = await openSharedState(config.redis, config.redisPrefix);
    const banner = await prepare(config, store, state);
    await state.close();
    await store.close();
    return superviseWorkers(config, () => process.stdout.write(banner));
  }
  const store = await openStore(config.db);
  const state = await openSharedState(config.redis, config.redisPrefix);
  const app = await buildApp({ config, store, state, schema: compileGraphSchema(), logger: { level: config.logLevel } });
  const banner = cluster.isWorker ? undefined : await prepare(config, store, state);
  await app.listen({ host: config.host, port: config.port });
  if (banner) process.stdout.write(banner);
  const stop = async () => {
    await app.close();
    await state.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Seeds what a first start seeds and returns what to print once the port is open. */
async function prepare(config: Config, store: Store, state: SharedState): Promise<string> {
  const demo = config.seedDemo ? await ensureDemoWorld(store, Math.floor(Date.now() / 1000)) : undefined;
  const origin = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  // The CLI's control commands on this machine find the token here when not given one.
  const adminToken = await adminTokenOf(store, config.adminToken);
  await saveAdminToken(config.dataDir, adminToken);
  const seeded = config.seed ? await seedWorldFile(config, store, state, adminToken, config.seed) : '';
  const banner = demo ? demoBanner(origin, demo, adminToken) : `graphd is serving the Graph API at ${origin}\n\n  admin token       ${adminToken}\n`;
  return banner + seeded;
}
