/**
 * sizeBounds: the approximate_count_lower_bound / _upper_bound rule of docs/audiences.md.
 * Below 1000 matched people the range is [0, 1000]; from 1000 the matched count is rounded to
 * two significant digits, then -2% rounded down and +2% rounded up to two significant digits.
 */
import { describe, expect, it } from 'vitest';
import { disclosureFloor, sizeBounds, statusOf } from '../../../src/audiences/audience-status.js';
import type { CustomAudienceRow } from '../../../src/store/audience-types.js';

const magnitudeOf = (n: number) => 10 ** Math.max(0, String(Math.trunc(n)).length - 2);
/** Two significant digits, halves rounded up: the documented rule done with exact integers. */
const nearest = (n: number) => Math.floor((n + magnitudeOf(n) / 2) / magnitudeOf(n)) * magnitudeOf(n);
/** Exact integer division: n is a whole number here (±2% of a two-digit number times 100). */
const down = (n100: number) => Math.floor(n100 / 100 / magnitudeOf(n100 / 100)) * magnitudeOf(n100 / 100);
const up = (n100: number) => Math.ceil(n100 / 100 / magnitudeOf(n100 / 100)) * magnitudeOf(n100 / 100);

/** The rule in exact arithmetic (the ±2% of a two-digit number is a multiple of magnitude / 50). */
function documented(matched: number): [number, number] {
  if (matched < 1000) return [0, 1000];
  const estimate = nearest(matched);
  return [down(estimate * 98), up(estimate * 102)];
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

  it('rounds 123456 to 120000 and widens the bounds outwards: 110000..130000', () => {
    // 123456 -> 120000 (two significant digits); 117600 down -> 110000; 122400 up -> 130000.
    expect(sizeBounds(123456)).toEqual([110000, 130000]);
  });

  it('rounds the estimate to the nearest, the lower bound down and the upper bound up', () => {
    expect(sizeBounds(1000)).toEqual([980, 1100]); // 1020 up: 1100
    expect(sizeBounds(1049)).toEqual([980, 1100]); // estimate 1000
    expect(sizeBounds(1050)).toEqual([1000, 1200]); // estimate 1100: 1078 down 1000, 1122 up 1200
    expect(sizeBounds(1500)).toEqual([1400, 1600]); // 1470 and 1530
    expect(sizeBounds(5049)).toEqual([4900, 5100]);
    expect(sizeBounds(5050)).toEqual([4900, 5300]); // estimate 5100: 4998 down 4900, 5202 up 5300
    expect(sizeBounds(75000)).toEqual([73000, 77000]); // 73500 and 76500
    expect(sizeBounds(99999)).toEqual([98000, 110000]); // estimate 100000: 102000 up 110000
    expect(sizeBounds(1_000_000)).toEqual([980_000, 1_100_000]);
  });

  it('agrees with the documented rule computed exactly, with ordered two-digit bounds', () => {
    const samples = [1000, 1234, 9999, 10_000, 24_999, 25_000, 49_500, 333_333, 7_654_321, 123_456_789];
    for (let n = 1000; n < 200_000; n += 997) samples.push(n);
    for (const matched of samples) {
      const [lower, upper] = sizeBounds(matched);
      expect([lower, upper], `matched ${matched}`).toEqual(documented(matched));
      expect(lower).toBeLessThan(upper);
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
