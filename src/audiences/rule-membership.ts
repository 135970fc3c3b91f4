import type { CustomAudienceRow } from '../store/audience-types.js';
import type { PixelEventRow, PixelRow } from '../store/pixel-types.js';
import type { Store } from '../store/types.js';
import { currentCode } from './audience-status.js';
import { eventMatches, type FilterNode } from './rule-filters.js';
import { isPending, settledOn } from './transitions.js';

/**
 * Members of rule audiences fed by pixels (docs/rules.md): people with matching events
 * within each rule's retention, computed from the stored events whenever the audience is
 * read or its pixel receives events, so membership grows as events arrive and expires as
 * the server clock passes retention. App and engagement sources have no stored events yet:
 * their rules match nobody.
 */

interface EventRule {
  event_sources: { type: string; id: string | string[] }[];
  retention_seconds?: number;
  filter?: FilterNode;
  aggregation?: { type: string; field?: string; operator: string; value: number | string };
}

interface RuleSet {
  operator?: 'and' | 'or';
  rules: EventRule[];
}

/** Retention of a rule that names none: the audience's retention_days, else 30 days. */
const defaultRetentionSeconds = 30 * 86400;

const pixelIdsOf = (rule: EventRule): string[] =>
  rule.event_sources.filter((source) => source.type === 'pixel').flatMap((source) => (Array.isArray(source.id) ? source.id : [source.id]).map(String));

function retentionOf(rule: EventRule, audience: CustomAudienceRow): number {
  if (rule.retention_seconds) return rule.retention_seconds;
  return audience.retention_days > 0 ? audience.retention_days * 86400 : defaultRetentionSeconds;
}

function aggregate(events: PixelEventRow[], aggregation: EventRule['aggregation']): boolean {
  if (aggregation === undefined) return events.length > 0;
  const values = aggregation.type === 'count' ? [] : events.map((event) => Number(event.custom_data[aggregation.field!])).filter(Number.isFinite);
  const total = (): number => {
    switch (aggregation.type) {
      case 'count': return events.length;
      case 'sum': return values.reduce((sum, value) => sum + value, 0);
      case 'avg': return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : NaN;
      case 'min': return Math.min(...values);
      default: return Math.max(...values);
    }
  };
  const actual = total();
  const wanted = Number(aggregation.value);
  switch (aggregation.operator) {
    case '=': case 'eq': return actual === wanted;
    case '!=': case 'neq': return actual !== wanted;
    case '>': case 'gt': return actual > wanted;
    case '>=': case 'gte': return actual >= wanted;
    case '<': case 'lt': return actual < wanted;
    default: return actual <= wanted;
  }
}

/** The people one rule takes: their events from its pixels, inside the window and the filter, pass the aggregation. */
function peopleOf(rule: EventRule, events: PixelEventRow[], from: number): Set<string> {
  const pixels = new Set(pixelIdsOf(rule));
  const byPerson = new Map<string, PixelEventRow[]>();
  for (const event of events) {
    if (!pixels.has(event.pixel_id) || event.event_time < from || !eventMatches(event, rule.filter)) continue;
    byPerson.set(event.person_id!, [...(byPerson.get(event.person_id!) ?? []), event]);
  }
  return new Set([...byPerson].filter(([, own]) => aggregate(own, rule.aggregation)).map(([person]) => person));
}

function combine(sets: Set<string>[], operator: RuleSet['operator']): Set<string> {
  if (sets.length === 0) return new Set();
  if (operator === 'and') return sets.reduce((all, set) => new Set([...all].filter((person) => set.has(person))));
  return new Set(sets.flatMap((set) => [...set]));
}

/** A rule's window starts retention before now; without prefill, never before the audience was created. */
function windowStart(rule: EventRule, audience: CustomAudienceRow, now: number): number {
  const start = now - retentionOf(rule, audience);
  return audience.attributes.prefill === false ? Math.max(start, audience.time_created) : start;
}

export async function ruleMembers(store: Store, audience: CustomAudienceRow, rule: { inclusions: RuleSet; exclusions?: RuleSet }, now: number): Promise<Set<string>> {
  const rules = [...rule.inclusions.rules, ...(rule.exclusions?.rules ?? [])];
  const pixelIds = [...new Set(rules.flatMap(pixelIdsOf))];
  const since = Math.min(...rules.map((entry) => windowStart(entry, audience, now)));
  const events = await store.pixels.matchedEvents(pixelIds, since);
  const setOf = (set: RuleSet) => combine(set.rules.map((entry) => peopleOf(entry, events, windowStart(entry, audience, now))), set.operator);
  const included = setOf(rule.inclusions);
  if (rule.exclusions) for (const person of setOf(rule.exclusions)) included.delete(person);
  return included;
}

async function storedMembers(store: Store, audienceId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await store.audiences.members(audienceId, { limit: 5000, after });
    for (const id of page.rows) ids.add(id);
    if (!page.more) return ids;
    after = page.rows[page.rows.length - 1];
  }
}

/**
 * The status a settled pixel audience shows: 423 when a pixel of its rule is not one of
 * its ad account's, 421 when none of them ever fired, else 200.
 */
async function pixelStatus(store: Store, audience: CustomAudienceRow, pixelIds: string[]): Promise<number> {
  const pixels = await Promise.all(pixelIds.map((id) => store.pixels.get(id)));
  if (pixels.some((pixel) => pixel === undefined || pixel.ad_account_id !== audience.ad_account_id)) return 423;
  return pixels.every((pixel) => pixel!.last_fired_time === 0) ? 421 : 200;
}

function pixelRule(audience: CustomAudienceRow): { inclusions: RuleSet; exclusions?: RuleSet } | undefined {
  if (audience.rule === null || audience.data_source_sub_type !== 'WEB_PIXEL_HITS') return undefined;
  try {
    return JSON.parse(audience.rule);
  } catch {
    return undefined;
  }
}

/** Brings a pixel rule audience's members and status up to `now`; other audiences come back as they are. */
export async function refreshRuleAudience(store: Store, audience: CustomAudienceRow, now: number): Promise<CustomAudienceRow> {
  const rule = pixelRule(audience);
  if (!rule) return audience;
  let changed = false;
  const members = await ruleMembers(store, audience, rule, now);
  const stored = await storedMembers(store, audience.id);
  if (members.size !== stored.size || [...members].some((person) => !stored.has(person))) {
    await store.audiences.setMembers(audience.id, [...members], now);
    changed = true;
  }
  if (!isPending(audience, now)) {
    const pixelIds = [...new Set([...rule.inclusions.rules, ...(rule.exclusions?.rules ?? [])].flatMap(pixelIdsOf))];
    const code = await pixelStatus(store, audience, pixelIds);
    if (currentCode(audience, now) !== code) {
      await store.audiences.update(audience.id, settledOn(code));
      changed = true;
    }
  }
  return changed ? ((await store.audiences.get(audience.id)) ?? audience) : audience;
}

/** A pixel received events: its ad account's audiences whose rule reads it take them in now. */
export async function refreshPixelAudiences(store: Store, pixel: PixelRow, now: number): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await store.audiences.list(pixel.ad_account_id, { limit: 1000, after }, [{ field: 'data_source.type', operator: 'EQUAL', value: 'EVENT_BASED' }]);
    for (const audience of page.rows) {
      const rule = pixelRule(audience);
      if (rule && [...rule.inclusions.rules, ...(rule.exclusions?.rules ?? [])].some((entry) => pixelIdsOf(entry).includes(pixel.id))) {
        await refreshRuleAudience(store, audience, now);
      }
    }
    if (!page.more) return;
    after = page.rows[page.rows.length - 1].id;
  }
}
