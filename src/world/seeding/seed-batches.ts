import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { seededBatch, unpackBatch, type BatchRequest, type PackedBatch, type SeededBatch } from './seeded-batch.js';

/**
 * The batches of a seed run, in order. Generating a person and their match keys (faker, 22
 * SHA-256 digests) costs more CPU than writing them, so for runs of several batches worker
 * threads generate the next batches while the caller writes the current one. A person depends
 * only on (seed, index), so which thread made them changes nothing.
 */
export async function* seedBatches(requests: readonly BatchRequest[], workers = defaultWorkers()): AsyncGenerator<SeededBatch> {
  if (workers === 0 || requests.length < 2) {
    for (const request of requests) yield seededBatch(request);
    return;
  }
  const pool = Array.from({ length: Math.min(workers, requests.length) }, () => startWorker());
  try {
    // Each worker keeps one batch in hand ahead of the one being written.
    const pending: Promise<PackedBatch>[] = [];
    const ask = (index: number) => {
      if (index < requests.length) pending[index] = requestOf(pool[index % pool.length], requests[index]);
    };
    for (let i = 0; i < pool.length; i++) ask(i);
    for (let i = 0; i < requests.length; i++) {
      const batch = await pending[i];
      delete pending[i];
      ask(i + pool.length);
      yield unpackBatch(batch);
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/** Compiled, the worker is a .js beside this module; run from source (tsx, vitest), a .ts that tsx loads. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = new URL(FROM_SOURCE ? './seed-worker.ts' : './seed-worker.js', import.meta.url);

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); })`;
  return new Worker(boot, { eval: true });
}

/**
 * One per core: generating is most of the CPU, and the writer waits on the workers part of the
 * time (2 cores, 200,000 people: 14.9 s with two workers, 16.6 s with one, 18.9 s with none).
 */
function defaultWorkers(): number {
  return availableParallelism();
}

/** A worker answers its requests in the order asked. */
function requestOf(worker: Worker, request: BatchRequest): Promise<PackedBatch> {
  return new Promise((resolve, reject) => {
    const done = (batch: PackedBatch) => {
      worker.off('error', reject);
      resolve(batch);
    };
    worker.once('message', done);
    worker.once('error', reject);
    worker.postMessage(request);
  });
}
