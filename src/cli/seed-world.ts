import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import { compileGraphSchema } from '../schema/table.js';
import { buildApp } from '../server/app.js';
import type { SharedState } from '../state/shared-state.js';
import type { Store } from '../store/types.js';
import { readWorldFile } from './world-commands.js';

/**
 * `--seed FILE`: loads a world file at start through the control plane's own loader
 * (POST /_graphd/world on an app over the same store and shared state), so a file that
 * loads at boot loads the same at run time. A file is loaded once per store (restarts on a
 * kept data directory would otherwise duplicate its world): later starts print what the
 * first load minted. Returns the banner lines naming its tokens.
 */
export async function seedWorldFile(config: Config, store: Store, state: SharedState, adminToken: string, file: string): Promise<string> {
  const seededKey = `seeded_world_${createHash('sha256').update(await readFile(file)).digest('hex')}`;
  const saved = await store.settings.get(seededKey);
  if (saved !== undefined) return saved;
  const world = await readWorldFile(file);
  const app = await buildApp({ config, store, state, schema: compileGraphSchema(), adminToken });
  try {
    const reply = await app.inject({ method: 'POST', url: '/_graphd/world', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, payload: JSON.stringify(world) });
    const answer = reply.json();
    if (reply.statusCode !== 200) throw new Error(`--seed ${file}: ${answer.error?.message ?? reply.body}`);
    const tokens = Object.entries(answer.tokens as Record<string, string>).map(([key, token]) => `  ${key.padEnd(17)} ${token}`);
    const lines = [`Seeded ${file}${tokens.length > 0 ? '; its tokens:' : ''}`, ...tokens, ''].join('\n');
    await store.settings.set(seededKey, lines);
    return lines;
  } finally {
    await app.close();
  }
}
