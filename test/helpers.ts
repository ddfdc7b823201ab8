// Shared test helpers: a seeded RNG and a central difference written out here, so the
// tests of the symbolic side never depend on the code they check.
export function rng(seed: number): () => number {
  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function centralDifference(f: (x: number) => number, x: number, h = 1e-6 * Math.max(1, Math.abs(x))): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}
