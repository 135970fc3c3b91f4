import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphd, type GraphdProcess } from '../helpers/processes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/**
 * The control-plane CLI against a real `graphd serve` (SQLite in a temp data dir, seeded with
 * examples/world.yaml): no admin token is passed, so every command reads the one serve wrote.
 */
describe('graphd control commands against a running graphd', () => {
  let dir: string;
  let graphd: GraphdProcess;

  const graphdCli = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--url', graphd.url, '--data-dir', dir], {
      cwd: root,
      env: { ...process.env, GRAPHD_ADMIN_TOKEN: '' },
    });
    return stdout;
  };
  const cliJson = async (...args: string[]) => JSON.parse(await graphdCli(...args));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'graphd-cli-'));
    graphd = await startGraphd(['--data-dir', dir, '--no-demo', '--seed', 'examples/world.yaml'], { GRAPHD_ADMIN_TOKEN: '' });
  }, 90_000);

  afterAll(async () => {
    await graphd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the admin token and the seeded tokens, and leaves the token for the CLI (mode 0600)', async () => {
    const adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    expect(adminToken).toMatch(/^graphd_admin_/);
    expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(graphd.output()).toContain(`admin token       ${adminToken}`);
    const dana = /^ {2}dana +(EAA\w+)$/m.exec(graphd.output())?.[1];
    expect(dana).toBeDefined();
    const me = await fetch(`${graphd.url}/v21.0/me?fields=name&access_token=${dana}`);
    expect(await me.json()).toMatchObject({ name: 'Dana Whitfield' });
    expect(await cliJson('health')).toMatchObject({ status: 'ok', store: 'sqlite' });
  });

  it('loads a world, mints a token, exports, resets and imports a snapshot', async () => {
    const worldFile = join(dir, 'more.yaml');
    writeFileSync(worldFile, 'apps:\n  - key: extra\n    name: Extra App\npeople:\n  - key: eve\n    first_name: Eve\n    last_name: Moreau\n    email: eve@example.com\n');
    const loaded = await cliJson('world', 'load', worldFile);
    const appId = loaded.apps.extra.id;
    const personId = loaded.people.eve.id;

    const minted = await cliJson('token', 'mint', '--app', appId, '--person', personId, '--scopes', 'public_profile,email', '--expires-in', '3600');
    expect(minted.debug_token).toMatchObject({ type: 'USER', is_valid: true, scopes: ['public_profile', 'email'] });
    const me = async () => (await fetch(`${graphd.url}/v21.0/me?fields=email&access_token=${minted.access_token}`)).json();
    expect(await me()).toMatchObject({ email: 'eve@example.com' });

    const snapshotFile = join(dir, 'snapshot.json');
    await graphdCli('snapshot', 'export', snapshotFile);
    expect(JSON.parse(readFileSync(snapshotFile, 'utf8')).tables.people.length).toBe(3);

    expect(await cliJson('reset', '--app', appId)).toMatchObject({ reset: 'app', tokens: 1 });
    expect(await me()).toMatchObject({ error: { code: 190 } });
    expect(await cliJson('reset')).toEqual({ reset: 'everything' });

    expect((await cliJson('snapshot', 'import', snapshotFile)).imported.people).toBe(3);
    expect(await me()).toMatchObject({ email: 'eve@example.com' });

    const created = await cliJson('people', 'create', '--first-name', 'Cli', '--last-name', 'Person', '--apps', appId);
    expect(Object.keys(created.app_scoped_ids)).toEqual([appId]);
  });

  it('shows settings, and fails with the control plane message on a bad admin token', async () => {
    const settings = await cliJson('settings');
    expect(settings.config).toMatchObject({ dataDir: dir, seed: 'examples/world.yaml' });
    await expect(graphdCli('reset', '--admin-token', 'wrong')).rejects.toThrow(/admin token/);
  });
});
