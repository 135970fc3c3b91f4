import { dimensions, maxActive, none } from './features.js';

/**
 * How strongly the seed's feature frequencies are pulled toward the population's, in
 * people: a feature seen in 3 of 100 seed people says little, one seen in 60 says a lot.
 */
export const priorStrength = 20;

/** Feature counts over a set of people, each person counted with a weight. */
export class FeatureCounts {
  readonly counts = new Float64Array(dimensions);
  total = 0;

  add(features: Uint16Array, at: number, weight = 1): void {
    this.total += weight;
    for (let slot = at; slot < at + maxActive; slot++) {
      const index = features[slot];
      if (index === none) break;
      this.counts[index] += weight;
    }
  }
}

/**
 * The model: for each feature, the log of how much more often the seed has it than the
 * population does. A person's score is the sum over their features, the log-likelihood
 * ratio of "drawn like the seed" against "drawn like the country" when features are taken
 * as independent (naive Bayes, a linear model of logistic regression's form with closed-form
 * weights). docs/lookalikes.md says why this model.
 */
export function trainWeights(seed: FeatureCounts, population: FeatureCounts): Float64Array {
  const weights = new Float64Array(dimensions);
  for (let j = 0; j < dimensions; j++) {
    const inPopulation = (population.counts[j] + 1) / (population.total + 2);
    const inSeed = (seed.counts[j] + priorStrength * inPopulation) / (seed.total + priorStrength);
    weights[j] = Math.log(inSeed / inPopulation);
  }
  return weights;
}

export function score(weights: Float64Array, features: Uint16Array, at: number): number {
  let sum = 0;
  for (let slot = at; slot < at + maxActive; slot++) {
    const index = features[slot];
    if (index === none) break;
    sum += weights[index];
  }
  return sum;
}
