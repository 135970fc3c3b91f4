import type { CustomAudienceRow } from '../../store/audience-types.js';
import type { PersonTraits, Store } from '../../store/types.js';
import type { LookalikeSpec } from '../lookalike-spec.js';
import { extractFeatures, maxActive } from './features.js';
import { FeatureCounts, score, trainWeights } from './model.js';
import { bandLimits, bandOf, tieBreak } from './select.js';

/** People read per query: one page's features are a Uint16Array of 5000 × maxActive. */
export const pageSize = 5_000;

export interface LookalikeMembers {
  members: string[];
  /** People living in each target country (the ratio's base). */
  population: Record<string, number>;
  /** Seed people the model learned from (their weight, for value-based seeds). */
  seedPeople: number;
}

/** The countries a spec targets: its country, or its location_spec's. */
export function targetCountries(spec: LookalikeSpec): string[] {
  return (spec.country ? [spec.country] : spec.location_spec?.geo_locations?.countries ?? []).map((country) => country.toUpperCase());
}

/** Candidates of one page: people in the target countries who are not in the seed. */
interface Page {
  ids: string[];
  country: Uint8Array;
  features: Uint16Array;
}

async function* pages(store: Store, scan: { countries?: readonly string[]; memberOf?: string }): AsyncGenerator<PersonTraits[]> {
  let after: string | undefined;
  for (;;) {
    const page = await store.people.traits({ ...scan, after, limit: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}

/**
 * Computes who belongs to the lookalike `audience` (docs/lookalikes.md): learns feature
 * weights from its origin's members against the people of the target countries, scores
 * every person there who is not in the origin, and takes each country's band of the best.
 * Streams people a page at a time and keeps only their features, never their rows.
 */
export async function computeLookalike(store: Store, audience: Pick<CustomAudienceRow, 'lookalike_spec' | 'origin_audience_id'>, now: number): Promise<LookalikeMembers> {
  const spec = audience.lookalike_spec as unknown as LookalikeSpec;
  const originId = audience.origin_audience_id!;
  const countries = targetCountries(spec);
  const countryIndex = new Map(countries.map((country, i) => [country, i]));
  const origin = await store.audiences.get(originId);
  const values = origin?.is_value_based ? await store.audiences.memberValues(originId) : undefined;

  // The seed: every member is left out of the lookalike; those in the target countries
  // (all of them with allow_international_seeds) teach the model.
  const seedIds = new Set<string>();
  const seedPages: Uint16Array[] = [];
  const seedWeights: number[] = [];
  for await (const page of pages(store, { memberOf: originId })) {
    const features = new Uint16Array(page.length * maxActive);
    let kept = 0;
    for (const person of page) {
      seedIds.add(person.id);
      if (!spec.allow_international_seeds && !countryIndex.has(person.country ?? '')) continue;
      extractFeatures(person, now, features, kept++ * maxActive);
      seedWeights.push(values ? values.get(person.id) ?? 0 : 1);
    }
    seedPages.push(features.subarray(0, kept * maxActive));
  }
  const seedFeatures = concat(seedPages);
  const seed = new FeatureCounts();
  const meanValue = seedWeights.reduce((sum, weight) => sum + weight, 0) / seedWeights.length;
  // Value-based seeds weigh each person by their value relative to the mean (all alike when nobody has one).
  seedWeights.forEach((weight, i) => seed.add(seedFeatures, i * maxActive, meanValue > 0 ? weight / meanValue : 1));

  const population = new FeatureCounts();
  const perCountry = new Array<number>(countries.length).fill(0);
  const candidatesIn = new Array<number>(countries.length).fill(0);
  const candidates: Page[] = [];
  const scratch = new Uint16Array(maxActive);
  for await (const page of pages(store, { countries })) {
    const kept: Page = { ids: [], country: new Uint8Array(page.length), features: new Uint16Array(page.length * maxActive) };
    for (const person of page) {
      const c = countryIndex.get(person.country ?? '')!;
      perCountry[c]++;
      const isSeed = seedIds.has(person.id);
      const into = isSeed ? scratch : kept.features;
      const at = isSeed ? 0 : kept.ids.length * maxActive;
      extractFeatures(person, now, into, at);
      population.add(into, at);
      if (isSeed) continue;
      candidatesIn[c]++;
      kept.country[kept.ids.length] = c;
      kept.ids.push(person.id);
    }
    candidates.push(kept);
  }

  const members: string[] = [];
  // Nobody to resemble (the seed's people were deleted, or live elsewhere): an empty lookalike.
  if (seedWeights.length === 0) return { members, population: populationOf(countries, perCountry), seedPeople: 0 };
  const weights = trainWeights(seed, population);
  countries.forEach((_, c) => {
    const scores = new Float64Array(candidatesIn[c]);
    const ids: string[] = [];
    for (const page of candidates) {
      for (let i = 0; i < page.ids.length; i++) {
        if (page.country[i] !== c) continue;
        scores[ids.length] = score(weights, page.features, i * maxActive) + tieBreak(page.ids[i]);
        ids.push(page.ids[i]);
      }
    }
    const limits = bandLimits(scores, bandOf(spec.ratio, spec.starting_ratio ?? 0, perCountry[c], ids.length));
    if (!limits) return;
    for (let i = 0; i < ids.length; i++) if (scores[i] >= limits.lowest && scores[i] <= limits.highest) members.push(ids[i]);
  });
  return { members, population: populationOf(countries, perCountry), seedPeople: seedWeights.length };
}

function populationOf(countries: string[], perCountry: number[]): Record<string, number> {
  return Object.fromEntries(countries.map((country, c) => [country, perCountry[c]]));
}

function concat(parts: Uint16Array[]): Uint16Array {
  const all = new Uint16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
