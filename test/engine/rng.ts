// A tiny seeded RNG for the engine tests, so every "random" case is reproducible.

export { rng as mulberry32 } from '../helpers.ts';

/** length values uniform in [lo, hi). */
export function uniform(rng: () => number, length: number, lo = -1, hi = 1): Float64Array {
  return Float64Array.from({ length }, () => lo + (hi - lo) * rng());
}

/** n one-hot rows of width k. */
export function oneHot(rng: () => number, n: number, k: number): Float64Array {
  const y = new Float64Array(n * k);
  for (let i = 0; i < n; i++) y[i * k + Math.floor(rng() * k)] = 1;
  return y;
}
