// Seeded randomness for data sets, initialisation and shuffling: results must be
// reproducible from --seed alone.

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32 (Tommy Ettinger): a 32-bit state, period 2^32, good enough for data and init. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw by Box–Muller: √(−2 ln u₁) · cos(2π u₂), with u₁ ∈ (0, 1]. */
export function normal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Fisher–Yates: every permutation equally likely. */
export function shuffleInPlace(a: Int32Array | number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
