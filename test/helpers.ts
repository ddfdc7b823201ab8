// Shared test helpers: a seeded RNG for test inputs, and a central difference written out
// here, so the tests of the symbolic side never depend on the code they check.
/** A seeded RNG (mulberry32) for test inputs; the generator itself is tested in test/train. */
export { mulberry32 as rng } from '../src/train/rng.ts';

export function centralDifference(f: (x: number) => number, x: number, h = 1e-6 * Math.max(1, Math.abs(x))): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}
