import { GraphError } from '../graph-error.js';
import { parseJson } from '../params/safe-json.js';
import { errorResponse } from '../respond.js';
import { entryOf, type BatchEntry, type InnerResponse } from './entries.js';
import { evaluateJsonPath, parseJsonPath } from './json-path.js';
import type { Pair } from './lenient-pairs.js';
import type { BatchOperation } from './operation.js';
import type { BatchPlan } from './plan.js';
import { joinMatches, substituteReferences, type ResultReference } from './references.js';

/** Runs one operation (references already replaced); undefined when it never answered. */
export type PerformOperation = (operation: BatchOperation) => Promise<InnerResponse | undefined>;

export interface RunOptions {
  includeHeaders: boolean;
  /** The outer request's version, for the errors graphd answers without running an operation. */
  version: string;
}

type Outcome = { answered: InnerResponse; json: unknown; succeeded: boolean } | { answered: undefined };

/**
 * Runs a planned batch as Meta does: independent operations at once, each one only after
 * the operations it waits for, and only when they succeeded. Entries come back in the
 * operations' order; null for an operation that did not run, did not answer with JSON, or
 * succeeded while its result was left out (omit_response_on_success, or used by a later one).
 */
export async function runBatch(plan: BatchPlan, perform: PerformOperation, options: RunOptions): Promise<BatchEntry[]> {
  // Operations only wait for earlier ones, so each one's parents are in the list when it starts.
  const outcomes: Promise<Outcome>[] = [];
  for (const operation of plan.operations) outcomes.push(runOperation(plan, operation, outcomes, perform, options));
  const settled = await Promise.all(outcomes);
  return settled.map((outcome, index) => {
    if (!outcome.answered) return null;
    const omit = plan.operations[index].omitResponseOnSuccess ?? plan.consumed[index];
    return outcome.succeeded && omit ? null : entryOf(outcome.answered, options.includeHeaders);
  });
}

async function runOperation(plan: BatchPlan, operation: BatchOperation, outcomes: Promise<Outcome>[], perform: PerformOperation, options: RunOptions): Promise<Outcome> {
  const { index } = operation;
  const results = new Map<number, unknown>();
  for (const parent of plan.parents[index]) {
    const outcome = await outcomes[parent];
    if (!outcome.answered || !outcome.succeeded) return { answered: undefined };
    results.set(parent, outcome.json);
  }
  let ready: BatchOperation;
  try {
    ready = withReferences(operation, (ref) => resolveReference(ref, results.get(plan.names[index].get(ref.name)!)));
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    return outcomeOf(errorResponse(error, { version: options.version }));
  }
  const response = await perform(ready);
  return response === undefined ? { answered: undefined } : outcomeOf(response);
}

/** An answer that is not JSON (an HTML error page, a cut-off body) never completed for the client. */
function outcomeOf(response: InnerResponse): Outcome {
  if (response.status === 304) return { answered: response, json: undefined, succeeded: true };
  const parsed = parseJson(response.body);
  if (!parsed.ok) return { answered: undefined };
  const json = parsed.value;
  const failed = response.status >= 400 || (typeof json === 'object' && json !== null && 'error' in json);
  return { answered: response, json, succeeded: !failed };
}

function resolveReference(ref: ResultReference, result: unknown): string {
  const steps = parseJsonPath(ref.path);
  const matches = steps === undefined ? [] : evaluateJsonPath(result, steps);
  if (matches.length === 0) throw GraphError.of('batchReferenceUnresolved', { reference: `{result=${ref.name}:${ref.path}}`, name: ref.name });
  return joinMatches(matches);
}

function withReferences(operation: BatchOperation, valueOf: (ref: ResultReference) => string): BatchOperation {
  const replace = (text: string) => substituteReferences(text, valueOf);
  const pairs = (list: Pair[]) => list.map(([key, value]): Pair => [replace(key), replace(value)]);
  return { ...operation, path: replace(operation.path), query: pairs(operation.query), body: pairs(operation.body) };
}
