import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../../src/graph/params/datetime.js';

const now = Date.UTC(2025, 11, 1, 14, 7, 2); // 2025-12-01T14:07:02Z
const nowSeconds = now / 1000;

describe('parseDateTime', () => {
  it.each([
    ['2017-06-06T18:04:10+0000', 1496772250],
    ['2017-06-06T18:04:10+00:00', 1496772250],
    ['2017-06-06T18:04:10Z', 1496772250],
    ['2017-06-06T11:04:10-0700', 1496772250],
    ['2017-06-06 18:04:10', 1496772250],
    ['2017-06-06T18:04:10.123Z', 1496772250],
    ['2017-06-06', 1496707200],
    ['@1496772250', 1496772250],
  ])('%s', (text, expected) => {
    expect(parseDateTime(text, now)).toBe(expected);
  });

  it('reads relative times against now', () => {
    expect(parseDateTime('now', now)).toBe(nowSeconds);
    expect(parseDateTime('today', now)).toBe(Date.UTC(2025, 11, 1) / 1000);
    expect(parseDateTime('yesterday', now)).toBe(Date.UTC(2025, 10, 30) / 1000);
    expect(parseDateTime('+1 day', now)).toBe(nowSeconds + 86400);
    expect(parseDateTime('2 weeks ago', now)).toBe(nowSeconds - 14 * 86400);
    expect(parseDateTime('-1 month', now)).toBe(Date.UTC(2025, 10, 1, 14, 7, 2) / 1000);
  });

  it.each(['', 'soon', '2017-13-01', '2017-06-06T25:00', 'June 6th, maybe', '1 parsec'])('rejects %j', (text) => {
    expect(parseDateTime(text, now)).toBeUndefined();
  });
});
