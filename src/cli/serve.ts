import { buildApp } from '../server/app.js';
import { compileGraphSchema } from '../schema/table.js';
import { openStore } from '../store/index.js';
import { demoBanner, ensureDemoWorld } from '../world/demo-world-credentials.js';
import { configFrom, type ServeFlags } from './config.js';

/** `graphd serve`: migrate, seed the demo world once, listen, print the ready-to-paste request. */
export async function serve(flags: ServeFlags): Promise<void> {
  const config = configFrom(flags);
  const store = await openStore(config.db);
  const app = await buildApp({ config, store, schema: compileGraphSchema(), logger: { level: config.logLevel } });
  const demo = config.seedDemo ? await ensureDemoWorld(store, Math.floor(Date.now() / 1000)) : undefined;
  await app.listen({ host: config.host, port: config.port });
  const origin = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  process.stdout.write(demo ? demoBanner(origin, demo) : `graphd is serving the Graph API at ${origin}\n`);
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
