import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';

/** The per-install secret behind derived ids; made once and kept in settings, shared by every process. */
export async function installSalt(store: Store): Promise<string> {
  // First writer wins, so processes racing at first start all agree on one salt.
  return (await store.settings.get('install_salt')) ?? store.settings.setIfAbsent('install_salt', randomBytes(24).toString('hex'));
}
