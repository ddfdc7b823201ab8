// The built-in image set for convolutional networks (`--data shapes`): up to ten classes of
// simple figures — a bar, a cross, a hollow square, a disc, a ring, a triangle, a diagonal cross,
// a diagonal, an L and a T — drawn at a random position and size with pixel noise, at the spec's
// channels × height × width; a network of K outputs gets the first K (4 by default). Seeded, so
// a run is repeatable.
// Pixels are in [0, 1], channels first (c·H + r)·W + t; every channel holds the same figure with
// its own noise, so a 3-channel network sees a grey image.
import { normal, type Rng } from './rng.ts';

export const SHAPE_CLASSES = ['bar', 'cross', 'square', 'disc', 'ring', 'triangle', 'saltire', 'diagonal', 'corner', 'tee'] as const;

/** The classes of `--data shapes` when the caller does not say. */
export const DEFAULT_SHAPE_CLASSES = 4;

export interface ShapesOptions {
  readonly samples: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** Standard deviation of the Gaussian pixel noise (then clipped to [0, 1]). */
  readonly noise: number;
  /** How many classes: the first of SHAPE_CLASSES (2 to 10; default 4). */
  readonly classes?: number;
}

export interface ImageSet {
  /** samples × (channels·height·width), row-major. */
  readonly X: Float64Array;
  /** The class of each sample, 0..classes−1 (balanced: sample i is class i mod K). */
  readonly labels: Int32Array;
  readonly classes: readonly string[];
}

/** Is pixel (r, t) inside the figure of class k, centred at (cr, ct) with half-size s and stroke w? */
function inside(k: number, r: number, t: number, cr: number, ct: number, s: number, w: number, vertical: boolean): boolean {
  const dr = r - cr;
  const dt = t - ct;
  switch (SHAPE_CLASSES[k]) {
    case 'bar':
      return vertical ? Math.abs(dt) <= w && Math.abs(dr) <= s : Math.abs(dr) <= w && Math.abs(dt) <= s;
    case 'cross':
      return (Math.abs(dt) <= w && Math.abs(dr) <= s) || (Math.abs(dr) <= w && Math.abs(dt) <= s);
    case 'square': {
      const m = Math.max(Math.abs(dr), Math.abs(dt));
      return m <= s && m > s - 2 * w;
    }
    case 'disc':
      return dr * dr + dt * dt <= s * s;
    case 'ring': {
      const d = Math.hypot(dr, dt);
      return d <= s && d > s - 2 * w;
    }
    case 'triangle':
      // Pointing up or down, filled.
      return Math.abs(dr) <= s && Math.abs(dt) <= ((vertical ? dr : -dr) + s) / 2;
    case 'saltire':
      return Math.max(Math.abs(dr), Math.abs(dt)) <= s && (Math.abs(dr - dt) <= 1.4 * w || Math.abs(dr + dt) <= 1.4 * w);
    case 'diagonal':
      return Math.max(Math.abs(dr), Math.abs(dt)) <= s && Math.abs(vertical ? dr - dt : dr + dt) <= 1.4 * w;
    case 'corner':
      // An L: the left side and the bottom.
      return Math.max(Math.abs(dr), Math.abs(dt)) <= s && (dt <= -s + 2 * w || dr >= s - 2 * w);
    case 'tee':
      // A T: the top side and the vertical stroke.
      return Math.max(Math.abs(dr), Math.abs(dt)) <= s && (dr <= -s + 2 * w || Math.abs(dt) <= w);
    default:
      return false;
  }
}

/** The figures of `--data shapes`, balanced over the classes. */
export function shapesDataset(o: ShapesOptions, rng: Rng): ImageSet {
  const K = o.classes ?? DEFAULT_SHAPE_CLASSES;
  if (!(Number.isInteger(K) && K >= 2 && K <= SHAPE_CLASSES.length)) throw new RangeError(`shapesDataset: ${K} classes; shapes has 2 to ${SHAPE_CLASSES.length}`);
  const { channels, height, width } = o;
  const plane = height * width;
  const X = new Float64Array(o.samples * channels * plane);
  const labels = new Int32Array(o.samples);
  const side = Math.min(height, width);
  for (let i = 0; i < o.samples; i++) {
    const k = i % K;
    labels[i] = k;
    // Half-size between a fifth and a third of the image, a stroke of about a tenth of it.
    const s = side * (0.2 + 0.13 * rng());
    const w = Math.max(0.5, side * 0.06);
    // Jitter: the centre anywhere the figure still fits.
    const cr = s + (height - 1 - 2 * s) * rng();
    const ct = s + (width - 1 - 2 * s) * rng();
    const vertical = rng() < 0.5;
    for (let r = 0; r < height; r++) {
      for (let t = 0; t < width; t++) {
        const ink = inside(k, r, t, cr, ct, s, w, vertical) ? 1 : 0;
        for (let c = 0; c < channels; c++) {
          const v = ink + o.noise * normal(rng);
          X[(i * channels + c) * plane + r * width + t] = v < 0 ? 0 : v > 1 ? 1 : v;
        }
      }
    }
  }
  return { X, labels, classes: SHAPE_CLASSES.slice(0, K) };
}
