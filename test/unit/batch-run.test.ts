import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBatch, planBatch, runBatch, type BatchOperation, type InnerResponse } from '../../src/graph/batch/index.js';
import { evaluateJsonPath, parseJsonPath } from '../../src/graph/batch/json-path.js';
import { joinMatches, substituteReferences } from '../../src/graph/batch/references.js';

const json = (status: number, body: unknown): InnerResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=UTF-8', 'x-fb-trace-id': 'abc', 'facebook-api-version': 'v21.0' },
  body: JSON.stringify(body),
});

/** Runs a batch against a table of answers by path; records what each op looked like when run. */
async function run(batch: unknown[], answer: (op: BatchOperation) => InnerResponse | undefined, includeHeaders = false) {
  const seen: BatchOperation[] = [];
  const entries = await runBatch(planBatch(parseBatch(batch)), async (op) => {
    seen.push(op);
    return answer(op);
  }, { includeHeaders, version: 'v21.0' });
  return { entries, seen };
}

describe('JSONPath references', () => {
  const result = { id: '9', data: [{ id: '1', tags: ['a'] }, { id: '2' }, { name: 'x' }], paging: { cursors: { after: 'Q' } } };

  it('reads $.id, $.data.*.id (a comma list), indexes and bracketed names', () => {
    const at = (path: string) => joinMatches(evaluateJsonPath(result, parseJsonPath(path)!));
    expect(at('$.id')).toBe('9');
    expect(at('$.data.*.id')).toBe('1,2');
    expect(at('$.data[*].id')).toBe('1,2');
    expect(at('$.data[1].id')).toBe('2');
    expect(at("$['paging'][\"cursors\"].after")).toBe('Q');
    expect(at('$.data[0].tags')).toBe('["a"]');
    expect(at('$.missing')).toBe('');
  });

  it('refuses what is not in the subset', () => {
    for (const path of ['id', '$..id', '$.data[-1]', '$.data[?(@.id)]', '$.']) expect(parseJsonPath(path)).toBeUndefined();
  });

  it('finds references wherever they sit in a text', () => {
    expect(substituteReferences('ids={result=get-friends:$.data.*.id}&x={result=a b:$.id}', (ref) => `<${ref.name}|${ref.path}>`)).toBe(
      'ids=<get-friends|$.data.*.id>&x=<a b|$.id>',
    );
  });

  it('never throws on any path text or document', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (path, doc) => {
        const steps = parseJsonPath(path);
        if (steps) expect(Array.isArray(evaluateJsonPath(doc, steps))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('runBatch', () => {
  it('substitutes results into path, query and body before the op runs', async () => {
    const { entries, seen } = await run(
      [
        { relative_url: 'act_1/customaudiences', name: 'list' },
        { method: 'POST', relative_url: '{result=list:$.data[0].id}/users?x={result=list:$.data.*.id}', body: 'payload={"ids":["{result=list:$.data[1].id}"]}' },
      ],
      (op) => (op.index === 0 ? json(200, { data: [{ id: '11' }, { id: '12' }] }) : json(200, { success: true })),
    );
    expect(seen[1]).toMatchObject({ path: '11/users', query: [['x', '11,12']], body: [['payload', '{"ids":["12"]}']] });
    expect(entries).toEqual([null, { code: 200, body: '{"success":true}' }]);
  });

  it('waits for parents: a child starts only after its parent answered', async () => {
    const order: string[] = [];
    const plan = planBatch(parseBatch([{ relative_url: 'slow', name: 'p' }, { relative_url: 'child', depends_on: 'p' }, { relative_url: 'free' }]));
    await runBatch(plan, async (op) => {
      order.push(`start ${op.path}`);
      if (op.path === 'slow') await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`end ${op.path}`);
      return json(200, {});
    }, { includeHeaders: false, version: 'v21.0' });
    expect(order.indexOf('start child')).toBeGreaterThan(order.indexOf('end slow'));
    // Independent ops run at once, as Meta runs them.
    expect(order.indexOf('start free')).toBeLessThan(order.indexOf('end slow'));
  });

  it('answers null for children of a failed, broken or non-JSON parent, and for the broken op itself', async () => {
    const { entries, seen } = await run(
      [
        { relative_url: 'fails', name: 'a' },
        { relative_url: 'x', depends_on: 'a' },
        { relative_url: 'breaks', name: 'b' },
        { relative_url: 'x', depends_on: 'b' },
        { relative_url: 'html', name: 'c' },
        { relative_url: '{result=c:$.id}' },
        { relative_url: 'error-in-200', name: 'd' },
        { relative_url: 'x', depends_on: 'd' },
      ],
      (op) => {
        if (op.path === 'fails') return json(400, { error: { code: 100 } });
        if (op.path === 'breaks') return undefined;
        if (op.path === 'html') return { status: 502, headers: { 'content-type': 'text/html' }, body: '<html></html>' };
        if (op.path === 'error-in-200') return json(200, { error: { code: 2 } });
        return json(200, { id: '1' });
      },
    );
    expect(entries).toEqual([
      { code: 400, body: '{"error":{"code":100}}' },
      null,
      null,
      null,
      null,
      null,
      { code: 200, body: '{"error":{"code":2}}' },
      null,
    ]);
    expect(seen.map((op) => op.path).sort()).toEqual(['breaks', 'error-in-200', 'fails', 'html']);
  });

  it('keeps Meta\'s entry headers in Meta\'s spelling, with the recorded inner content type', async () => {
    const { entries } = await run([{ relative_url: 'me' }], () => json(200, { id: '1' }), true);
    expect(entries[0]).toEqual({
      code: 200,
      headers: [
        { name: 'Content-Type', value: 'text/javascript; charset=UTF-8' },
        { name: 'facebook-api-version', value: 'v21.0' },
      ],
      body: '{"id":"1"}',
    });
  });
});
