import type { Randomizer } from '@faker-js/faker';

/** splitmix32's finaliser: spreads the bits of one word over all 32. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * A faker Randomizer (sfc32) whose seed() costs a few multiplications. Seeding people one by
 * one from (seed, index) makes every person reproducible on its own; faker's default Mersenne
 * Twister spends longer initialising its 624-word state than faker spends making a person.
 */
export function fastRandomizer(): Randomizer {
  let [a, b, c, d] = [0, 0, 0, 0];
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    next: () => next32() / 4_294_967_296,
    seed(seed: number | number[]) {
      let h = 0x9e3779b9;
      for (const word of Array.isArray(seed) ? seed : [seed]) h = mix(h ^ mix((word >>> 0) + 0x6d2b79f5 + Math.floor(word / 4_294_967_296)));
      [a, b, c, d] = [mix(h ^ 1), mix(h ^ 2), mix(h ^ 3), 1];
      for (let i = 0; i < 12; i++) next32();
    },
  };
}
