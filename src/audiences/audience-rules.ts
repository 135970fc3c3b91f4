import { audienceError } from './audience-errors.js';
import { filterOperators, unsafePattern } from './rule-filters.js';

/** Event-source types of a rule and the subtype and data source they make (audience-domain.md §4.6). */
const sourceKinds: Record<string, { subtype: string; subType: string }> = {
  pixel: { subtype: 'WEBSITE', subType: 'WEB_PIXEL_HITS' },
  app: { subtype: 'APP', subType: 'MOBILE_APP_EVENTS' },
  offline_events: { subtype: 'OFFLINE_CONVERSION', subType: 'OFFLINE_EVENT_USERS' },
  page: { subtype: 'ENGAGEMENT', subType: 'ENGAGEMENT_EVENT_USERS' },
  lead: { subtype: 'ENGAGEMENT', subType: 'ENGAGEMENT_EVENT_USERS' },
  ig_lead_generation: { subtype: 'ENGAGEMENT', subType: 'ENGAGEMENT_EVENT_USERS' },
  canvas: { subtype: 'ENGAGEMENT', subType: 'ENGAGEMENT_EVENT_USERS' },
  ig_business: { subtype: 'ENGAGEMENT', subType: 'ENGAGEMENT_EVENT_USERS' },
  video: { subtype: 'ENGAGEMENT', subType: 'VIDEO_EVENT_USERS' },
  shopping_page: { subtype: 'ENGAGEMENT', subType: 'ENGAGEMENT_EVENT_USERS' },
  shopping_ig: { subtype: 'ENGAGEMENT', subType: 'ENGAGEMENT_EVENT_USERS' },
};

const maxRules = 10;
const maxRetentionSeconds = 730 * 86400;
/** Leaf filters one rule may hold. */
const maxFilters = 100;
/** Aggregations graphd computes over a person's matching events; time_spent and last_event_time_field are not kept. */
const aggregationTypes = new Set(['count', 'sum', 'avg', 'min', 'max']);
const aggregationOperators = new Set(['=', '!=', '>=', '>', '<=', '<', 'eq', 'neq', 'gte', 'gt', 'lte', 'lt']);

export interface RuleSummary {
  subtype: string;
  dataSourceSubType: string;
  /** Every event source the rule reads, for ownership checks. */
  eventSources: { type: string; id: string }[];
}

/**
 * Validates a rule (JSON text) of the inclusions/exclusions shape and says which kind of
 * audience it makes. Errors are Meta's 100/1713098 "Invalid rule JSON format".
 */
export function readRule(text: string): RuleSummary {
  let rule: any;
  try {
    rule = JSON.parse(text);
  } catch {
    throw audienceError('invalidRule', { reason: 'not JSON' });
  }
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw audienceError('invalidRule', { reason: 'the rule must be a JSON object' });
  const sets = [rule.inclusions, rule.exclusions].filter((set) => set !== undefined);
  if (sets.length === 0 || rule.inclusions === undefined) throw audienceError('invalidRule', { reason: 'inclusions are required' });
  const rules: any[] = [];
  for (const set of sets) {
    if (!set || typeof set !== 'object' || !Array.isArray(set.rules) || set.rules.length === 0) {
      throw audienceError('invalidRule', { reason: 'inclusions and exclusions need a non-empty rules list' });
    }
    if (set.operator !== undefined && set.operator !== 'and' && set.operator !== 'or') throw audienceError('invalidRule', { reason: 'operator must be and or or' });
    rules.push(...set.rules);
  }
  if (rules.length > maxRules) throw audienceError('invalidRule', { reason: `at most ${maxRules} rules` });
  const eventSources: RuleSummary['eventSources'] = [];
  for (const entry of rules) {
    if (!entry || typeof entry !== 'object' || !Array.isArray(entry.event_sources) || entry.event_sources.length === 0) {
      throw audienceError('invalidRule', { reason: 'every rule needs event_sources' });
    }
    const retention = entry.retention_seconds;
    if (retention !== undefined && (!Number.isInteger(retention) || retention < 0 || retention > maxRetentionSeconds)) {
      throw audienceError('invalidRule', { reason: 'retention_seconds out of range' });
    }
    if (entry.filter !== undefined && countFilters(entry.filter) > maxFilters) throw audienceError('invalidRule', { reason: `at most ${maxFilters} filters per rule` });
    if (entry.aggregation !== undefined) checkAggregation(entry.aggregation);
    for (const source of entry.event_sources) {
      const ids = Array.isArray(source?.id) ? source.id : [source?.id];
      if (!sourceKinds[source?.type] || ids.some((id: unknown) => !/^\d+$/.test(String(id)))) {
        throw audienceError('invalidRule', { reason: 'event source needs a known type and numeric ids' });
      }
      for (const id of ids) eventSources.push({ type: source.type, id: String(id) });
    }
  }
  const kinds = new Set(eventSources.map((source) => sourceKinds[source.type].subtype));
  const first = sourceKinds[eventSources[0].type];
  return { subtype: kinds.size === 1 ? first.subtype : 'ENGAGEMENT', dataSourceSubType: first.subType, eventSources };
}

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a filter tree (groups of {operator, filters}, leaves of {field, operator, value}); answers its leaf count. */
function countFilters(filter: unknown): number {
  if (!isObject(filter)) throw audienceError('invalidRule', { reason: 'a filter must be a JSON object' });
  if (filter.filters !== undefined) {
    if (filter.operator !== 'and' && filter.operator !== 'or') throw audienceError('invalidRule', { reason: 'a filter group operator must be and or or' });
    if (!Array.isArray(filter.filters) || filter.filters.length === 0) throw audienceError('invalidRule', { reason: 'a filter group needs a non-empty filters list' });
    return filter.filters.reduce((sum: number, inner: unknown) => sum + countFilters(inner), 0);
  }
  if (typeof filter.field !== 'string' || filter.field === '') throw audienceError('invalidRule', { reason: 'a filter needs a field' });
  if (!filterOperators.has(filter.operator)) throw audienceError('invalidRule', { reason: `unknown filter operator ${String(filter.operator)}` });
  if (filter.value === undefined) throw audienceError('invalidRule', { reason: 'a filter needs a value' });
  if (filter.field === 'event' && filter.operator !== 'eq' && filter.operator !== '=') throw audienceError('invalidRule', { reason: 'the event field takes the operator eq' });
  if (filter.operator === 'regex_match') {
    const unsafe = unsafePattern(String(filter.value));
    if (unsafe) throw audienceError('invalidRule', { reason: unsafe });
  }
  return 1;
}

function checkAggregation(aggregation: unknown): void {
  if (!isObject(aggregation) || !aggregationTypes.has(aggregation.type)) throw audienceError('invalidRule', { reason: `aggregation type must be one of ${[...aggregationTypes].join(', ')}` });
  if (!aggregationOperators.has(aggregation.operator) || !Number.isFinite(Number(aggregation.value))) throw audienceError('invalidRule', { reason: 'aggregation needs an operator and a numeric value' });
  if (aggregation.type !== 'count' && typeof aggregation.field !== 'string') throw audienceError('invalidRule', { reason: 'aggregation other than count needs a field' });
}
