/**
 * sizeBounds: the approximate_count_lower_bound / _upper_bound rule of docs/audiences.md.
 * Below 1000 matched people the range is [0, 1000]; from 1000 the matched count is rounded to
 * two significant digits, then -2% and +2%, each again rounded to two significant digits.
 */
import { describe, expect, it } from 'vitest';
import { disclosureFloor, sizeBounds, statusOf } from '../../../src/audiences/audience-status.js';
import type { CustomAudienceRow } from '../../../src/store/audience-types.js';

/** Two significant digits, halves rounded up: the documented rule done with exact integers. */
function twoDigits(n: number): number {
  const magnitude = 10 ** Math.max(0, String(Math.trunc(n)).length - 2);
  return Math.floor((n + magnitude / 2) / magnitude) * magnitude;
}

/** The rule in exact arithmetic (the ±2% of a two-digit number is a multiple of magnitude / 50). */
function documented(matched: number): [number, number] {
  if (matched < 1000) return [0, 1000];
  const estimate = twoDigits(matched);
  return [twoDigits((estimate * 98) / 100), twoDigits((estimate * 102) / 100)];
}

const significantDigits = (n: number) => String(n).replace(/0+$/, '').length;

describe('sizeBounds', () => {
  it('answers [0, 1000] below the disclosure floor', () => {
    expect(disclosureFloor).toBe(1000);
    for (const matched of [0, 1, 99, 100, 500, 999]) expect(sizeBounds(matched)).toEqual([0, 1000]);
  });

  it('answers the worked example of the docs: 5000 -> 4900..5100', () => {
    expect(sizeBounds(5000)).toEqual([4900, 5100]);
  });

  it('rounds 123456 to 120000 and both bounds back to 120000', () => {
    // 123456 -> 120000 (two significant digits); 117600 -> 120000; 122400 -> 120000.
    expect(sizeBounds(123456)).toEqual([120000, 120000]);
  });

  it('rounds each step to two significant digits, halves up', () => {
    expect(sizeBounds(1000)).toEqual([980, 1000]); // 1020 has two significant digits: 1000
    expect(sizeBounds(1049)).toEqual([980, 1000]); // estimate 1000
    expect(sizeBounds(1050)).toEqual([1100, 1100]); // estimate 1100: 1078 -> 1100, 1122 -> 1100
    expect(sizeBounds(5049)).toEqual([4900, 5100]);
    expect(sizeBounds(5050)).toEqual([5000, 5200]); // estimate 5100: 4998 -> 5000, 5202 -> 5200
    expect(sizeBounds(75000)).toEqual([74000, 77000]); // 73500 and 76500 are halves: up
    expect(sizeBounds(99999)).toEqual([98000, 100000]); // estimate 100000
    expect(sizeBounds(2_500_000)).toEqual([2_500_000, 2_600_000]); // 2450000 and 2550000 are halves
    expect(sizeBounds(1_000_000)).toEqual([980_000, 1_000_000]);
  });

  it('agrees with the documented rule computed exactly, with ordered two-digit bounds', () => {
    const samples = [1000, 1234, 9999, 10_000, 24_999, 25_000, 49_500, 333_333, 7_654_321, 123_456_789];
    for (let n = 1000; n < 200_000; n += 997) samples.push(n);
    for (const matched of samples) {
      const [lower, upper] = sizeBounds(matched);
      expect([lower, upper], `matched ${matched}`).toEqual(documented(matched));
      expect(lower).toBeLessThanOrEqual(upper);
      expect(significantDigits(lower)).toBeLessThanOrEqual(2);
      expect(significantDigits(upper)).toBeLessThanOrEqual(2);
    }
  });

  it('never shrinks as the audience grows', () => {
    let previous: [number, number] = [0, 0];
    for (let n = 0; n < 60_000; n += 7) {
      const bounds = sizeBounds(n);
      if (n >= 1000) {
        expect(bounds[0]).toBeGreaterThanOrEqual(previous[0]);
        expect(bounds[1]).toBeGreaterThanOrEqual(previous[1]);
      }
      previous = bounds;
    }
  });
});

describe('statusOf', () => {
  const audience = (patch: Partial<CustomAudienceRow>): CustomAudienceRow => ({
    id: '1', ad_account_id: '2', name: 'x', description: null, subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY',
    data_source_type: 'FILE_IMPORTED', data_source_sub_type: 'HASHES_OR_USER_IDS', is_value_based: false, retention_days: 0,
    rule: null, rule_aggregation: null, lookalike_spec: null, origin_audience_id: null, pixel_id: null, opt_out_link: null,
    operation_status: 200, member_count: 5000, attributes: {}, time_created: 0, time_updated: 0, time_content_updated: 0,
    delete_time: 0, processing_until: 0, settled_status: 200, reads_left: 0, transition: null,
    ...patch,
  });

  it('shows the bounds of the member count once settled', () => {
    expect(statusOf(audience({}), 100)).toMatchObject({
      operation_status: { code: 200, description: 'Normal' },
      delivery_status: { code: 200, description: 'This audience is ready for use.' },
      approximate_count_lower_bound: 4900,
      approximate_count_upper_bound: 5100,
    });
  });

  it('shows 300 and -1 sizes while processing, until processing_until', () => {
    const processing = audience({ operation_status: 300, processing_until: 130 });
    expect(statusOf(processing, 100)).toMatchObject({ operation_status: { code: 300 }, delivery_status: { code: 300 }, approximate_count_lower_bound: -1, approximate_count_upper_bound: -1 });
    expect(statusOf(processing, 129).operation_status.code).toBe(300);
    expect(statusOf(processing, 130)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 4900 });
  });

  it('shows -1 sizes for lookalikes not built yet, and delivery 300 below 100 people', () => {
    expect(statusOf(audience({ subtype: 'LOOKALIKE', operation_status: 441 }), 0)).toMatchObject({ approximate_count_lower_bound: -1, approximate_count_upper_bound: -1 });
    expect(statusOf(audience({ member_count: 99 }), 0)).toMatchObject({ delivery_status: { code: 300, description: 'Audience is too small' }, approximate_count_lower_bound: 0, approximate_count_upper_bound: 1000 });
    expect(statusOf(audience({ member_count: 100 }), 0).delivery_status.code).toBe(200);
  });
});
