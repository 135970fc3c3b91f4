import type { CustomAudienceRow } from '../store/audience-types.js';
import { isPending } from './transitions.js';

/** operation_status / delivery_status descriptions (audience-domain.md §3.3, §3.4). */
const operationDescriptions: Record<number, string> = {
  0: 'Status not available',
  100: 'This audience is expiring because it has not been used in an active ad set for over 2 years.',
  200: 'Normal',
  300: 'Updating: there is an ongoing update on the audience.',
  400: 'Warning',
  410: 'No upload: no file has been uploaded to this audience yet.',
  411: 'Low match rate: few of the uploaded people could be matched.',
  412: 'High rate of invalid entries in the last upload session.',
  414: 'Replace in progress.',
  415: 'Replace failed.',
  421: 'No pixel installed.',
  422: 'Pixel not firing.',
  423: 'Invalid pixel.',
  431: 'Lookalike refresh failed.',
  432: 'Lookalike build failed.',
  433: 'Lookalike build failed.',
  434: 'Lookalike build retrying.',
  441: 'Still populating: this audience is being filled; its size will grow.',
  442: 'Could not be prefilled.',
  450: 'Out of date.',
  470: 'The account that created this audience is no longer active.',
  500: 'Error.',
};

/** Smallest audience ads can deliver to; below it delivery_status is 300. */
export const minimumDeliverySize = 100;
/** Below this the size is not disclosed, as Meta shows "Below 1000". */
export const disclosureFloor = 1000;

export interface StatusView {
  operation_status: { code: number; description: string };
  delivery_status: { code: number; description: string };
  approximate_count_lower_bound: number;
  approximate_count_upper_bound: number;
}

/** operation_status.code as reads show it: the pending code (300, 414, 441) while a change waits. */
export function currentCode(audience: CustomAudienceRow, now: number): number {
  // Processing whose time passed but was not swept yet (store.settle) already shows its settled code.
  return isPending(audience, now) || audience.processing_until === 0 ? audience.operation_status : audience.settled_status;
}

export function statusOf(audience: CustomAudienceRow, now: number): StatusView {
  const processing = isPending(audience, now);
  const code = currentCode(audience, now);
  const unbuilt = audience.subtype === 'LOOKALIKE' && (code === 441 || code >= 431 && code <= 434);
  const [lower, upper] = processing || unbuilt ? [-1, -1] : sizeBounds(audience.member_count);
  const deliverable = !processing && audience.member_count >= minimumDeliverySize;
  return {
    operation_status: { code, description: operationDescriptions[code] ?? 'Status not available' },
    delivery_status: deliverable
      ? { code: 200, description: 'This audience is ready for use.' }
      : { code: 300, description: 'Audience is too small' },
    approximate_count_lower_bound: lower,
    approximate_count_upper_bound: upper,
  };
}

/**
 * Size bounds around the matched count (docs/audiences.md): below 1000 the range is
 * [0, 1000]; above, the count rounded to two significant digits, -2% rounded down and +2%
 * rounded up to two significant digits (5000 -> 4900..5100), so the range never collapses
 * to one number: Meta answers a range, not a count.
 */
export function sizeBounds(matched: number): [number, number] {
  if (matched < disclosureFloor) return [0, disclosureFloor];
  const estimate = twoDigits(matched, Math.round);
  return [twoDigits(estimate * 0.98, Math.floor), twoDigits(estimate * 1.02, Math.ceil)];
}

function twoDigits(value: number, round: (x: number) => number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  // Scaled values like 4900.000000000001 / 100 must not round up to a step they only graze.
  return round(Number((value / magnitude).toFixed(6))) * magnitude;
}
