import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';

/** The per-install secret behind derived ids; made once and kept in settings, shared by every process. */
export async function installSalt(store: Store): Promise<string> {
  const existing = await store.settings.get('install_salt');
  if (existing) return existing;
  await store.settings.set('install_salt', randomBytes(24).toString('hex'));
  // Re-read: when processes race at first start, all must agree on whichever value won.
  return (await store.settings.get('install_salt'))!;
}
