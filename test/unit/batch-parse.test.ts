import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxOperations, parseBatch, planBatch } from '../../src/graph/batch/index.js';
import { lenientPairs } from '../../src/graph/batch/lenient-pairs.js';
import { GraphError } from '../../src/graph/graph-error.js';

const errorOf = (run: () => unknown): GraphError => {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected a GraphError');
};

describe('batch operation bodies and queries', () => {
  it('decodes what Python and PHP urlencode, + as a space', () => {
    expect(lenientPairs('name=My+audience%20%26+co&payload=%7B%22schema%22%3A%5B%22EMAIL%22%5D%7D')).toEqual([
      ['name', 'My audience & co'],
      ['payload', '{"schema":["EMAIL"]}'],
    ]);
  });

  it('keeps the Node SDK\'s raw values: JSON, spaces, commas, a lone & and a literal +', () => {
    expect(lenientPairs('name=A & B, "quoted"&rule={"url":"x"}&phone=+15551234&fields=')).toEqual([
      ['name', 'A & B, "quoted"'],
      ['rule', '{"url":"x"}'],
      ['phone', '+15551234'],
      ['fields', ''],
    ]);
  });

  it('keeps a value whose percent signs are not escapes as written', () => {
    expect(lenientPairs('name=100% sure&x=%E0%A4%A')).toEqual([['name', '100% sure'], ['x', '%E0%A4%A']]);
  });
});

describe('parseBatch', () => {
  const python = JSON.stringify([{ method: 'POST', relative_url: 'act_1/customaudiences', body: 'name=A%20b&subtype=CUSTOM', name: 'create' }]);

  it('reads the batch as a JSON string (Python, PHP), a real array (Node) and PHP bracket keys', () => {
    const fromString = parseBatch(python);
    expect(fromString).toEqual([
      {
        index: 0,
        method: 'POST',
        path: 'act_1/customaudiences',
        query: [],
        body: [['name', 'A b'], ['subtype', 'CUSTOM']],
        name: 'create',
        dependsOn: undefined,
        omitResponseOnSuccess: undefined,
        attachedFiles: [],
        headers: [],
      },
    ]);
    expect(parseBatch(JSON.parse(python))).toEqual(fromString);
    expect(parseBatch({ 0: JSON.parse(python)[0] })).toEqual(fromString);
  });

  it('splits relative_url into path and query, with or without slashes and version', () => {
    const [a, b, c] = parseBatch([
      { method: 'get', relative_url: '/v21.0/me/?fields=id,name' },
      { relative_url: 'me/adaccounts?fields=name&filtering=[{"field":"name","operator":"CONTAIN","value":"a b"}]' },
      { method: 'GET', relative_url: '?ids=1,2' },
    ]);
    expect(a).toMatchObject({ method: 'GET', path: 'v21.0/me', query: [['fields', 'id,name']] });
    expect(b).toMatchObject({ method: 'GET', path: 'me/adaccounts', query: [['fields', 'name'], ['filtering', '[{"field":"name","operator":"CONTAIN","value":"a b"}]']] });
    expect(c).toMatchObject({ path: '', query: [['ids', '1,2']] });
  });

  it('reads both header forms, both file-list spellings and the flags', () => {
    const [op] = parseBatch([
      {
        method: 'POST',
        relative_url: 'me',
        headers: [{ name: 'If-None-Match', value: '"abc"' }, 'X-Other: 1'],
        attachedFiles: 'file1, file2',
        omit_response_on_success: 'false',
        depends_on: 7,
      },
    ]);
    expect(op).toMatchObject({ headers: [['If-None-Match', '"abc"'], ['X-Other', '1']], attachedFiles: ['file1', 'file2'], omitResponseOnSuccess: false, dependsOn: '7' });
    expect(parseBatch([{ relative_url: 'me', attached_files: 'a' }])[0].attachedFiles).toEqual(['a']);
  });

  it(`takes ${maxOperations} operations and refuses one more with Meta's GraphBatchException`, () => {
    const op = { method: 'GET', relative_url: 'me' };
    expect(parseBatch(Array.from({ length: maxOperations }, () => op))).toHaveLength(50);
    const error = errorOf(() => parseBatch(Array.from({ length: maxOperations + 1 }, () => op)));
    expect(error.body('t')).toMatchObject({ type: 'GraphBatchException', message: 'Too many requests in batch message. Maximum batch size is 50' });
    expect(error.status).toBe(400);
  });

  it('answers code 100 for what it cannot read', () => {
    expect(errorOf(() => parseBatch('not json')).message).toBe('(#100) Param batch must be a JSON array');
    expect(errorOf(() => parseBatch({ a: 1 })).message).toBe('(#100) Param batch must be a JSON array');
    expect(errorOf(() => parseBatch([1])).message).toBe('(#100) Param batch[0] must be a JSON object');
    expect(errorOf(() => parseBatch([{ method: 'PUT', relative_url: 'me' }])).message).toBe('(#100) Param batch[0][method] must be one of {GET, POST, DELETE}');
    expect(errorOf(() => parseBatch([{ method: 'GET' }])).message).toBe('(#100) The parameter batch[0][relative_url] is required');
    expect(errorOf(() => parseBatch([{ relative_url: 'me', headers: ['Bad header\r\n: x'] }])).spec.code).toBe(100);
  });
});

describe('planBatch', () => {
  it('answers Meta\'s text, double spaces included, for a name no earlier op carries', () => {
    const later = errorOf(() => planBatch(parseBatch([{ relative_url: 'me', depends_on: 'f' }, { relative_url: 'me', name: 'f' }])));
    expect(later.body('t')).toMatchObject({
      type: 'GraphBatchException',
      message: 'Request 0 cannot depend on an  unresolved request with  name f. Requests can only depend on preceding requests',
    });
    const viaReference = errorOf(() => planBatch(parseBatch([{ relative_url: 'me', name: 'g' }, { relative_url: 'me', body: 'ids={result=f:$.id}' }])));
    expect(viaReference.message).toBe('Request 1 cannot depend on an  unresolved request with  name f. Requests can only depend on preceding requests');
  });

  it('resolves a repeated name to the nearest earlier op and marks only used ops as consumed', () => {
    const plan = planBatch(
      parseBatch([
        { relative_url: 'me', name: 'same' },
        { relative_url: 'me', name: 'same' },
        { relative_url: '?ids=%7Bresult%3Dsame%3A%24.id%7D' },
        { relative_url: 'me', name: 'unused' },
      ]),
    );
    expect(plan.parents).toEqual([[], [], [1], []]);
    expect(plan.consumed).toEqual([false, true, false, false]);
  });
});

describe('batch parsing properties', () => {
  const anyOp = fc.record(
    {
      method: fc.oneof(fc.constantFrom('GET', 'post', 'Delete', 'PUT'), fc.anything()),
      relative_url: fc.oneof(fc.string(), fc.stringMatching(/^\/?(v\d+\.\d+\/)?[a-z_]+(\?[a-z]+=[^&]*(&[a-z]+=[^&]*)*)?$/), fc.anything()),
      body: fc.oneof(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), fc.anything()),
      name: fc.oneof(fc.string(), fc.anything()),
      depends_on: fc.oneof(fc.string(), fc.anything()),
      omit_response_on_success: fc.anything(),
      attached_files: fc.oneof(fc.string(), fc.array(fc.string()), fc.anything()),
      headers: fc.oneof(fc.array(fc.oneof(fc.string(), fc.record({ name: fc.string(), value: fc.string() }))), fc.anything()),
    },
    { requiredKeys: [] },
  );
  const anyBatch = fc.oneof(fc.array(anyOp, { maxLength: 60 }), fc.array(anyOp, { maxLength: 5 }).map((ops) => JSON.stringify(ops)), fc.string(), fc.anything());

  it('parsing and planning never throw anything but a GraphError', () => {
    fc.assert(
      fc.property(anyBatch, (batch) => {
        try {
          planBatch(parseBatch(batch));
        } catch (error) {
          expect(error).toBeInstanceOf(GraphError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('lenientPairs round-trips what URLSearchParams encodes', () => {
    const pair = fc.tuple(fc.string({ minLength: 1 }).filter((k) => !k.includes('=') && !k.includes('&')), fc.string());
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), (pairs) => {
        expect(lenientPairs(new URLSearchParams(pairs).toString())).toEqual(pairs);
      }),
      { numRuns: 1000 },
    );
  });
});
