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

/** What a run draws random numbers for; each purpose gets its own stream of --seed. */
export type Purpose = 'data' | 'split' | 'init' | 'shuffle' | 'validation';

/**
 * The seed of `purpose`'s stream: the label's FNV-1a hash mixed with the seed by murmur3's
 * finaliser. Seeding every purpose with `seed` itself (or `seed + 1`) would make the streams
 * overlap: the split would replay the data's draws, and init at seed s those of data at s + 1.
 */
export function subSeed(seed: number, purpose: Purpose): number {
  let h = 0x811c9dc5;
  for (const c of purpose) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  h ^= seed >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const stream = (seed: number, purpose: Purpose): Rng => mulberry32(subSeed(seed, purpose));
