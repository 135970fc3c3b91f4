import { audienceError } from './audience-errors.js';
import { countryCodes } from './countries.js';

export interface LookalikeSpec {
  type: 'similarity' | 'reach' | 'custom_ratio';
  ratio: number;
  starting_ratio?: number;
  country?: string;
  location_spec?: { geo_locations?: { countries?: string[] } };
  allow_international_seeds?: boolean;
  origin?: { id: string; type: string }[];
}

/** similarity = the top 1%, reach = the top 5% (audience-domain.md §4.3). */
const ratioOfType = { similarity: 0.01, reach: 0.05 } as const;

/**
 * Reads lookalike_spec (a JSON string or object) into its stored, read-back form:
 * a ratio given explicitly reads back as custom_ratio. Errors are Meta's 2654 family.
 */
export function readLookalikeSpec(raw: unknown, originId: string | undefined): LookalikeSpec {
  let spec: any = raw;
  if (typeof raw === 'string') {
    try {
      spec = JSON.parse(raw);
    } catch {
      throw audienceError('createFailed', { reason: 'lookalike_spec must be a JSON object' });
    }
  }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw audienceError('createFailed', { reason: 'lookalike_spec must be a JSON object' });
  const countries: string[] = spec.country !== undefined ? [String(spec.country)] : spec.location_spec?.geo_locations?.countries ?? [];
  if (countries.length === 0) throw audienceError('lookalikeNoLocation');
  for (const country of countries) if (!countryCodes.has(country.toUpperCase())) throw audienceError('lookalikeCountry', { country });
  let type: LookalikeSpec['type'];
  let ratio: number;
  if (spec.ratio !== undefined) {
    ratio = Number(spec.ratio);
    if (!(ratio >= 0.01 && ratio <= 0.2)) throw audienceError('createFailed', { reason: 'lookalike_spec ratio must be between 0.01 and 0.20' });
    type = 'custom_ratio';
  } else if (spec.type === 'similarity' || spec.type === 'reach') {
    type = spec.type;
    ratio = ratioOfType[spec.type as 'similarity' | 'reach'];
  } else {
    throw audienceError('createFailed', { reason: 'lookalike_spec needs type (similarity or reach) or ratio' });
  }
  const starting = spec.starting_ratio === undefined ? undefined : Number(spec.starting_ratio);
  if (starting !== undefined && !(starting >= 0 && starting < ratio)) throw audienceError('createFailed', { reason: 'starting_ratio must be below ratio' });
  const origin = originId ?? (Array.isArray(spec.origin) ? String(spec.origin[0]?.id ?? '') : undefined);
  if (!origin) throw audienceError('missingParameters', { names: 'origin_audience_id' });
  return {
    type,
    ratio,
    ...(starting !== undefined && { starting_ratio: starting }),
    ...(spec.country !== undefined ? { country: String(spec.country).toUpperCase() } : { location_spec: spec.location_spec }),
    ...(spec.allow_international_seeds !== undefined && { allow_international_seeds: Boolean(spec.allow_international_seeds) }),
    origin: [{ id: origin, type: 'custom_audience' }],
  };
}

/** Two lookalikes are duplicates when source, countries and size agree. */
export function sameLookalike(a: LookalikeSpec, b: LookalikeSpec): boolean {
  const where = (s: LookalikeSpec) => (s.country ? [s.country] : s.location_spec?.geo_locations?.countries ?? []).join(',');
  return a.origin?.[0]?.id === b.origin?.[0]?.id && where(a) === where(b) && a.ratio === b.ratio && (a.starting_ratio ?? 0) === (b.starting_ratio ?? 0);
}
