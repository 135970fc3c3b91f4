import { describe, expect, it } from 'vitest';
import { extractFeatures, featureIndex, maxActive, none } from '../../src/audiences/lookalike/features.js';
import { FeatureCounts, score, trainWeights } from '../../src/audiences/lookalike/model.js';
import { bandLimits, bandOf } from '../../src/audiences/lookalike/select.js';
import type { PersonTraits } from '../../src/store/types.js';

const now = Date.UTC(2026, 0, 1) / 1000;
const person = (over: Partial<PersonTraits> = {}): PersonTraits => ({
  id: '1',
  birthday: '06/15/1996',
  gender: 'female',
  city: 'Boise',
  state: 'ID',
  country: 'US',
  locale: 'en_US',
  profile: { languages: [{ id: '1', name: 'English' }], sports: [{ id: 's', name: 'Climbing' }] },
  updated_time: now - 3600,
  ...over,
});
const featuresOf = (traits: PersonTraits) => {
  const into = new Uint16Array(maxActive);
  extractFeatures(traits, now, into, 0);
  return into;
};

describe('lookalike features', () => {
  it('puts a person in one age band, one gender, and pads the unused slots', () => {
    const features = featuresOf(person());
    expect(features).toContain(featureIndex('age', 2)); // 29: the 25-34 band
    expect(features).toContain(featureIndex('gender', 1));
    expect(featuresOf(person({ birthday: '06/15' }))).toContain(featureIndex('age', 7)); // no year: unknown
    expect(features.indexOf(none)).toBeGreaterThan(5);
    expect(features.slice(features.indexOf(none)).every((slot) => slot === none)).toBe(true);
  });

  it('gives the same interests the same features, different ones others', () => {
    const climber = featuresOf(person());
    expect(featuresOf(person({ id: '2' }))).toEqual(climber);
    expect(featuresOf(person({ profile: { sports: [{ id: 'g', name: 'Golf' }] } }))).not.toEqual(climber);
  });
});

describe('lookalike model', () => {
  it('weighs up what the seed has more often than the population and down what it lacks', () => {
    const seed = new FeatureCounts();
    const population = new FeatureCounts();
    const woman = featuresOf(person());
    const man = featuresOf(person({ gender: 'male', city: 'Austin', state: 'TX', profile: {} }));
    for (let i = 0; i < 100; i++) seed.add(woman, 0);
    for (let i = 0; i < 1000; i++) population.add(i % 10 === 0 ? woman : man, 0);
    const weights = trainWeights(seed, population);
    expect(weights[featureIndex('gender', 1)]).toBeGreaterThan(0);
    expect(weights[featureIndex('gender', 0)]).toBeLessThan(0);
    expect(score(weights, woman, 0)).toBeGreaterThan(score(weights, man, 0));
  });

  it('counts a weighted seed person as that many people', () => {
    const counts = new FeatureCounts();
    counts.add(featuresOf(person()), 0, 2.5);
    expect(counts.total).toBe(2.5);
    expect(counts.counts[featureIndex('gender', 1)]).toBe(2.5);
  });
});

describe('lookalike bands', () => {
  it('rounds ratio × population to the nearest person, within the candidates there are', () => {
    expect(bandOf(0.01, 0, 1_000_000, 990_000)).toEqual({ start: 0, end: 10_000 });
    expect(bandOf(0.05, 0.02, 2177, 1990)).toEqual({ start: 44, end: 109 });
    expect(bandOf(0.2, 0, 100, 10)).toEqual({ start: 0, end: 10 });
    expect(bandOf(0.01, 0, 40, 40)).toEqual({ start: 0, end: 0 });
  });

  it('finds the scores bounding a band', () => {
    const scores = Float64Array.from([0.1, 0.9, 0.5, 0.7, 0.3]);
    expect(bandLimits(scores, { start: 1, end: 3 })).toEqual({ highest: 0.7, lowest: 0.5 });
    expect(bandLimits(scores, { start: 2, end: 2 })).toBeUndefined();
  });
});
