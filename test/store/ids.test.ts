import { describe, expect, it } from 'vitest';
import { newId, withFreshId } from '../../src/store/ids.js';
import { ID_FORMAT } from './fixtures.js';

describe('newId', () => {
  it('makes 15 and 16 digit decimal ids with no leading zero', () => {
    const ids = Array.from({ length: 2_000 }, newId);
    for (const id of ids) expect(id).toMatch(ID_FORMAT);
    expect(new Set(ids.map((id) => id.length))).toEqual(new Set([15, 16]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('withFreshId', () => {
  it('retries with a new id while the id is taken', async () => {
    const tried: string[] = [];
    const id = await withFreshId(async (candidate) => {
      tried.push(candidate);
      return tried.length < 3 ? undefined : candidate;
    });
    expect(tried).toHaveLength(3);
    expect(new Set(tried).size).toBe(3);
    expect(id).toBe(tried[2]);
  });

  it('gives up after a bounded number of attempts', async () => {
    let attempts = 0;
    await expect(
      withFreshId(async () => {
        attempts++;
        return undefined;
      }),
    ).rejects.toThrow(/no free id/);
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThanOrEqual(20);
  });
});
