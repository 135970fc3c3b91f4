/** A worker thread generating seeded batches (seed-batches.ts), so the main thread only writes. */
import { parentPort } from 'node:worker_threads';
import { packBatch, seededBatch, type BatchRequest } from './seeded-batch.js';

parentPort!.on('message', (request: BatchRequest) => parentPort!.postMessage(packBatch(seededBatch(request))));
