import { hash32 } from './features.js';

/** Who is in a lookalike of one country: ranks start..end-1 of its candidates by score, best first. */
export interface Band {
  start: number;
  end: number;
}

/**
 * The band of a spec in a country of `population` people: the top `ratio` of the country,
 * without its top `starting_ratio` (Meta's bands: 0.01-0.02 is "the next 1%"), each rounded
 * to the nearest person and never more than the candidates there are.
 */
export function bandOf(ratio: number, startingRatio: number, population: number, candidates: number): Band {
  const end = Math.min(Math.round(ratio * population), candidates);
  return { start: Math.min(Math.round(startingRatio * population), end), end };
}

/**
 * People with equal features score the same; a sub-unit nudge from their id orders them
 * the same way on every run and in every store, so a band holds exactly its size.
 */
export function tieBreak(id: string): number {
  return (hash32(id) / 2 ** 32) * 1e-9;
}

/** The lowest and highest score of the band among `scores` (one per candidate); undefined when the band is empty. */
export function bandLimits(scores: Float64Array, band: Band): { lowest: number; highest: number } | undefined {
  if (band.end <= band.start) return undefined;
  const ascending = Float64Array.from(scores).sort();
  const rank = (r: number) => ascending[ascending.length - 1 - r];
  return { highest: rank(band.start), lowest: rank(band.end - 1) };
}
