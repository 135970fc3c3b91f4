import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';

/**
 * Runs `config.workers` copies of graphd on one port. Workers hold no state of their own
 * beyond caches: the store holds the data and, with --redis, Redis holds the counters,
 * settings, fault rules and journal. A worker that dies is replaced; SIGINT/SIGTERM stop all.
 */
export async function superviseWorkers(config: Config, onReady: () => void): Promise<void> {
  if (!config.redis) {
    process.stderr.write(
      `graphd: --workers ${config.workers} without --redis: each worker keeps its own rate-limit counters, fault rules and journal (docs/deploy.md)\n`,
    );
  }
  let stopping = false;
  let listening = 0;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      if (++listening === config.workers) onReady();
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    process.stderr.write(`graphd: worker ${worker.process.pid} ended (${signal ?? code}); starting another\n`);
    setTimeout(fork, 500);
  });
  for (let index = 0; index < config.workers; index++) fork();
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const exit = () => (Object.keys(cluster.workers ?? {}).length === 0 ? process.exit(0) : setTimeout(exit, 50));
    exit();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
