export { parseBatch, maxOperations, type BatchOperation, type BatchMethod } from './operation.js';
export { planBatch, type BatchPlan } from './plan.js';
export { runBatch, type PerformOperation, type RunOptions } from './run-batch.js';
export type { BatchEntry, InnerResponse } from './entries.js';
export type { Pair } from './lenient-pairs.js';
