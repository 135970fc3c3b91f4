import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface GraphdProcess {
  url: string;
  /** Everything the process printed on stdout so far. */
  output(): string;
  /** The process id (what /proc/<pid> and signals need). */
  pid: number;
  stop(): Promise<void>;
  /** SIGKILL: the process gets no chance to finish anything (crash tests). */
  kill(): Promise<void>;
}

/** A free loopback port (the OS picks it; a tiny race with other binders is accepted). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `graphd serve` from the sources (through tsx, so no build is needed) and resolves
 * once it prints its banner. Used by tests that need real processes: several graphd
 * sharing one PostgreSQL and one Redis, crash and restart.
 */
export async function startGraphd(args: string[], env: Record<string, string> = {}): Promise<GraphdProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--log-level', 'warn', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`graphd did not start in 60 s:\n${stdout}\n${stderr}`)), 60_000);
    const check = () => {
      if (!stdout.includes('graphd is serving')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`graphd exited with ${code} before serving:\n${stdout}\n${stderr}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, output: () => stdout, pid: child.pid!, stop: () => stopProcess(child), kill: () => killProcess(child) };
}

async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
