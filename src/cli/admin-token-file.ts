import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where `graphd serve` leaves the admin token for CLI commands run on the same machine. */
export const adminTokenFile = (dataDir: string): string => join(dataDir, 'admin-token');

/** Readable by its owner only: the token opens the whole control plane. */
export async function saveAdminToken(dataDir: string, token: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = adminTokenFile(dataDir);
  await writeFile(file, token + '\n', { mode: 0o600 });
  // writeFile's mode applies only to a new file; an older one may have been looser.
  await chmod(file, 0o600);
}
