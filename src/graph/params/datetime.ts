/**
 * The date strings Graph's `datetime` params take besides unix seconds. Graph accepts anything
 * PHP's strtotime() parses; graphd takes the forms clients actually send: ISO 8601 (with or
 * without a colon in the offset, as Graph itself writes `+0000`), `@<unix>`, and simple
 * relative times (`now`, `today`, `yesterday`, `tomorrow`, `+1 day`, `3 weeks ago`).
 * A date with no zone is UTC. Returns unix seconds, or undefined when unparseable.
 */
export function parseDateTime(text: string, now: number = Date.now()): number | undefined {
  const source = text.trim().toLowerCase();
  const at = /^@(-?\d{1,15})$/.exec(source);
  if (at) return Number(at[1]);
  return parseIso(source) ?? parseRelative(source, now);
}

const iso =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|utc|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(source: string): number | undefined {
  const match = iso.exec(source);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  return Math.floor(millis / 1000) - offsetSeconds(match[7]);
}

function offsetSeconds(zone: string | undefined): number {
  if (zone === undefined || zone === 'z' || zone === 'utc') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || 0) * 60);
}

const dayNames: Record<string, number> = { today: 0, midnight: 0, yesterday: -1, tomorrow: 1 };
const unitSeconds: Record<string, number> = { sec: 1, second: 1, min: 60, minute: 60, hour: 3600, day: 86400, week: 604800 };
const relative = /^([+-]?\d{1,9})\s*(sec|second|min|minute|hour|day|week|month|year)s?(\s+ago)?$/;

function parseRelative(source: string, now: number): number | undefined {
  const seconds = Math.floor(now / 1000);
  if (source === 'now') return seconds;
  if (Object.hasOwn(dayNames, source)) return seconds - (seconds % 86400) + dayNames[source] * 86400;
  const match = relative.exec(source);
  if (!match) return undefined;
  const amount = Number(match[1]) * (match[3] ? -1 : 1);
  const unit = match[2];
  if (unit === 'month' || unit === 'year') {
    // Calendar arithmetic, as strtotime does: "+1 month" from Jan 31 overflows into March.
    const date = new Date(now);
    if (unit === 'month') date.setUTCMonth(date.getUTCMonth() + amount);
    else date.setUTCFullYear(date.getUTCFullYear() + amount);
    const shifted = date.getTime();
    return Number.isNaN(shifted) ? undefined : Math.floor(shifted / 1000);
  }
  return seconds + amount * unitSeconds[unit];
}
