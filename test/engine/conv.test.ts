// The engine's conv2d and pooling: small cases worked out by hand, then central finite
// differences on random configurations. TensorFlow.js is the second reference, in
// conv-tfjs.test.ts.
import { describe, expect, it } from 'vitest';
import {
  avgPool2d,
  conv2d,
  conv2dShape,
  convOutputSize,
  flatten,
  maxPool2d,
  pool2dShape,
  type ConvOptions,
  type PoolOptions,
  type VolumeShape,
} from '../../src/engine/conv.ts';
import { centralDiff, maxRelErr } from '../../src/engine/fd.ts';
import { Tape, tensor, type Tensor } from '../../src/engine/tensor.ts';
import { mulberry32, uniform } from './rng.ts';

const range = (n: number, from = 1): Float64Array => Float64Array.from({ length: n }, (_, i) => from + i);
const ones = (n: number): Float64Array => new Float64Array(n).fill(1);
const arr = (a: Float64Array): number[] => Array.from(a);

describe('output sizes', () => {
  it('⌊(n + 2p − k)/s⌋ + 1', () => {
    expect(convOutputSize(4, 2, 2, 1)).toBe(3);
    expect(convOutputSize(50, 3, 1, 0)).toBe(48);
    expect(convOutputSize(48, 2, 2, 0)).toBe(24); // the course's 24×24×8 = 4608
    expect(convOutputSize(5, 2, 2, 0)).toBe(2); // the last column is dropped
    expect(conv2dShape({ channels: 3, height: 50, width: 50 }, 8, { kh: 3, kw: 3, stride: 1, padding: 0 })).toEqual({
      channels: 8,
      height: 48,
      width: 48,
    });
    expect(pool2dShape({ channels: 8, height: 48, width: 48 }, { size: 2 })).toEqual({ channels: 8, height: 24, width: 24 });
  });

  it('rejects what has no output', () => {
    expect(() => convOutputSize(2, 5, 1, 1)).toThrow(/kernel 5 is larger than the padded input 2/);
    expect(() => convOutputSize(4, 2, 0, 0)).toThrow(/stride/);
    expect(() => convOutputSize(4, 2, 1, -1)).toThrow(/padding/);
    expect(() => maxPool2d(new Tape(), tensor(1, 16), { channels: 1, height: 4, width: 4 }, { size: 2, padding: 2 })).toThrow(
      /padding 2 ≥ size 2/,
    );
    expect(() => flatten(tensor(2, 15), { channels: 1, height: 4, width: 4 })).toThrow(/15 columns/);
  });
});

describe('conv2d by hand', () => {
  const xShape: VolumeShape = { channels: 1, height: 4, width: 4 };
  const o: ConvOptions = { kh: 2, kw: 2, stride: 2, padding: 1 };

  it('1×4×4 input, 2×2 kernel, stride 2, padding 1', () => {
    // x = 1..16 row by row, K = [1 2; 3 4], b = 1. Padded to 6×6, the windows tile it in
    // 2×2 blocks: out(i, j) reads rows 2i−1, 2i and columns 2j−1, 2j. For instance
    // out(0,0) = 1 + K₁₁·x₀₀ = 1 + 4·1 = 5; out(1,1) = 1 + 1·6 + 2·7 + 3·10 + 4·11 = 95.
    const tape = new Tape();
    const x = tensor(1, 16, range(16));
    const K = tensor(1, 4, Float64Array.of(1, 2, 3, 4));
    const b = tensor(1, 1, Float64Array.of(1));
    const out = conv2d(tape, x, xShape, K, b, o);
    expect(out.cols).toBe(9);
    expect(arr(out.data)).toEqual([5, 19, 13, 47, 95, 45, 27, 45, 17]);

    // With ∂J/∂out = 1: ∂b = 9 windows. ∂K_uv sums the x each tap reads: tap (0,0) reads
    // rows and columns {1, 3} (x = 6, 8, 14, 16), tap (0,1) rows {1, 3} × columns {0, 2}
    // (5, 7, 13, 15), tap (1,0) rows {0, 2} × columns {1, 3} (2, 4, 10, 12), tap (1,1)
    // rows and columns {0, 2} (1, 3, 9, 11). The windows do not overlap, so each x cell
    // gets the one tap that reads it: K₁₁ = 4 at (even, even), K₀₀ = 1 at (odd, odd).
    tape.backward(out, ones(9));
    expect(arr(b.grad)).toEqual([9]);
    expect(arr(K.grad)).toEqual([44, 40, 28, 24]);
    expect(arr(x.grad)).toEqual([4, 3, 4, 3, 2, 1, 2, 1, 4, 3, 4, 3, 2, 1, 2, 1]);
  });

  it('overlapping windows accumulate into the input gradient', () => {
    // 3×3 input, 2×2 kernel of ones, stride 1: each x cell gets one 1 per window covering it.
    const tape = new Tape();
    const x = tensor(1, 9, range(9));
    const K = tensor(1, 4, ones(4));
    const out = conv2d(tape, x, { channels: 1, height: 3, width: 3 }, K, tensor(1, 1), { kh: 2, kw: 2, stride: 1, padding: 0 });
    expect(arr(out.data)).toEqual([12, 16, 24, 28]); // 1+2+4+5, 2+3+5+6, ...
    tape.backward(out, ones(4));
    expect(arr(x.grad)).toEqual([1, 2, 1, 2, 4, 2, 1, 2, 1]);
  });

  it('channels first, two examples, two channels, two filters', () => {
    // A 1×1 kernel mixes channels only: filter 0 = ch0 + 2·ch1, filter 1 = −ch0.
    const x = tensor(2, 4, Float64Array.of(1, 2, 10, 20, 3, 4, 30, 40)); // 2 examples of 2×1×2
    const K = tensor(2, 2, Float64Array.of(1, 2, -1, 0));
    const b = tensor(1, 2, Float64Array.of(0, 100));
    const out = conv2d(new Tape(), x, { channels: 2, height: 1, width: 2 }, K, b, { kh: 1, kw: 1, stride: 1, padding: 0 });
    expect(arr(out.data)).toEqual([21, 42, 99, 98, 63, 84, 97, 96]);
  });
});

describe('pooling by hand', () => {
  const shape: VolumeShape = { channels: 1, height: 4, width: 4 };

  it('max pool: on a tie the gradient goes to the first maximum in row-major order', () => {
    // window (0,0) = [3 3; 1 3]: three equal maxima, the first is x₀₀;
    // window (0,1) = [0 2; 5 5]: the first 5 is x₁₂; windows below have a single max.
        const x = tensor(1, 16, Float64Array.of(
      3, 3, 0, 2,
      1, 3, 5, 5,
      9, 0, 1, 2,
      0, 1, 3, 4));
    const tape = new Tape();
    const out = maxPool2d(tape, x, shape, { size: 2 });
    expect(arr(out.data)).toEqual([3, 5, 9, 4]);
    tape.backward(out, Float64Array.of(10, 20, 30, 40));
    expect(arr(x.grad)).toEqual([10, 0, 0, 0, 0, 0, 20, 0, 30, 0, 0, 0, 0, 0, 0, 40]);
  });

  it('max pool: overlapping windows (stride < size) accumulate on a shared maximum', () => {
    // 3×3 with its max 9 in the centre; size 2, stride 1: all four windows pick it.
    const x = tensor(1, 9, Float64Array.of(1, 2, 3, 4, 9, 5, 6, 7, 8));
    const tape = new Tape();
    const out = maxPool2d(tape, x, { channels: 1, height: 3, width: 3 }, { size: 2, stride: 1 });
    expect(arr(out.data)).toEqual([9, 9, 9, 9]);
    tape.backward(out, Float64Array.of(1, 2, 3, 4));
    expect(arr(x.grad)).toEqual([0, 0, 0, 0, 10, 0, 0, 0, 0]);
  });

  it('max pool: padding is −∞, so a negative input still wins its window', () => {
    const x = tensor(1, 4, Float64Array.of(-4, -3, -2, -1));
    const out = maxPool2d(new Tape(), x, { channels: 1, height: 2, width: 2 }, { size: 2, stride: 1, padding: 1 });
    expect(arr(out.data)).toEqual([-4, -3, -3, -2, -1, -1, -2, -1, -1]);
  });

  it('avg pool with padding divides by size² (count_include_pad = True, PyTorch\'s default)', () => {
    // x = 1..9 as 3×3, size 3, stride 2, padding 1: out = [1+2+4+5, 2+3+5+6, 4+5+7+8,
    // 5+6+8+9] / 9, the values PyTorch's AvgPool2d(3, 2, 1) gives (1.3333, 1.7778, ...);
    // count_include_pad=False would divide the corner windows by 4 instead.
    const x = tensor(1, 9, range(9));
    const tape = new Tape();
    const out = avgPool2d(tape, x, { channels: 1, height: 3, width: 3 }, { size: 3, stride: 2, padding: 1 });
    expect(maxRelErr(out.data, [12 / 9, 16 / 9, 24 / 9, 28 / 9])).toBeLessThan(1e-15);
    // Each cell gets 1/9 from each of the windows that cover it: 4 for the centre.
    tape.backward(out, ones(4));
    expect(maxRelErr(x.grad, [1, 2, 1, 2, 4, 2, 1, 2, 1].map((c) => c / 9))).toBeLessThan(1e-15);
  });

  it('flatten is the identity on the channels-first layout', () => {
    const x = tensor(2, 8);
    expect(flatten(x, { channels: 2, height: 2, width: 2 })).toBe(x);
  });
});

/** A conv2d followed by a pooling layer, on a batch. */
interface Config {
  readonly n: number;
  readonly x: VolumeShape;
  readonly filters: number;
  readonly conv: ConvOptions;
  readonly pool: 'max' | 'avg';
  readonly poolOptions: PoolOptions;
}

const int = (rng: () => number, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Kernels 1–5, stride 1–2, padding 0–2, 1–4 channels and filters, inputs up to 9×9, batch 1–3. */
function randomConfig(rng: () => number, pool: 'max' | 'avg'): Config {
  const [kh, kw, stride, padding] = [int(rng, 1, 5), int(rng, 1, 5), int(rng, 1, 2), int(rng, 0, 2)];
  const x = {
    channels: int(rng, 1, 4),
    height: int(rng, Math.max(1, kh - 2 * padding), 9),
    width: int(rng, Math.max(1, kw - 2 * padding), 9),
  };
  const conv = { kh, kw, stride, padding };
  const a = conv2dShape(x, 1, conv);
  // Pool windows 1–3 that fit the conv output; stride 1..size (overlapping or not), or left
  // to its default; padding 0–2, below size for max.
  const size = int(rng, 1, Math.min(3, Math.max(a.height, a.width)));
  const poolPadding = int(rng, 0, Math.min(2, pool === 'max' ? size - 1 : 2));
  const fits = size <= Math.min(a.height, a.width) + 2 * poolPadding;
  if (!fits) return randomConfig(rng, pool);
  const poolStride = int(rng, 0, size);
  const poolOptions = poolStride === 0 ? { size, padding: poolPadding } : { size, stride: poolStride, padding: poolPadding };
  return { n: int(rng, 1, 3), x, filters: int(rng, 1, 4), conv, pool, poolOptions };
}

function forward(c: Config, tape: Tape, x: Tensor, K: Tensor, b: Tensor): { conv: Tensor; out: Tensor } {
  const conv = conv2d(tape, x, c.x, K, b, c.conv);
  const shape = conv2dShape(c.x, c.filters, c.conv);
  const out = (c.pool === 'max' ? maxPool2d : avgPool2d)(tape, conv, shape, c.poolOptions);
  return { conv, out };
}

/**
 * The smallest gap, over the max-pool windows, between a window's maximum and its largest
 * value strictly below it (Infinity when there is none): below ~1e-4 a finite-difference
 * probe could move the argmax. Exact ties are left out: with continuous random inputs they
 * only arise between conv outputs whose window is all padding (each equal to its b_f), and
 * those move together under every probe, so the tie rule is exercised, not a kink. Written
 * out here independently of the engine's window walk.
 */
function smallestMaxGap(values: Float64Array, n: number, s: VolumeShape, o: PoolOptions): number {
  const [size, stride, p] = [o.size, o.stride ?? o.size, o.padding ?? 0];
  const out = pool2dShape(s, o);
  let gap = Infinity;
  for (let plane = 0; plane < n * s.channels; plane++) {
    for (let i = 0; i < out.height; i++) {
      for (let j = 0; j < out.width; j++) {
        const window: number[] = [];
        for (let r = stride * i - p; r < stride * i - p + size; r++) {
          for (let t = stride * j - p; t < stride * j - p + size; t++) {
            if (r >= 0 && r < s.height && t >= 0 && t < s.width) window.push(values[(plane * s.height + r) * s.width + t]!);
          }
        }
        const top = Math.max(...window);
        const below = window.filter((w) => w < top);
        if (below.length > 0) gap = Math.min(gap, top - Math.max(...below));
      }
    }
  }
  return gap;
}

describe('conv2d and pooling against central differences', () => {
  const CONFIGS = 120;

  it(`∂/∂x, ∂/∂K, ∂/∂b of Σ v ⊙ pool(conv2d(x)) on ${CONFIGS} random configurations`, () => {
    const rng = mulberry32(14);
    let checked = 0;
    let redrawn = 0;
    while (checked < CONFIGS) {
      const c = randomConfig(rng, checked % 2 === 0 ? 'max' : 'avg');
      const kTaps = c.x.channels * c.conv.kh * c.conv.kw;
      const data = [uniform(rng, c.n * c.x.channels * c.x.height * c.x.width), uniform(rng, c.filters * kTaps), uniform(rng, c.filters)];
      const wrap = () => [tensor(c.n, data[0]!.length / c.n, data[0]), tensor(c.filters, kTaps, data[1]), tensor(1, c.filters, data[2])] as const;
      const [x, K, b] = wrap();
      const tape = new Tape();
      const { conv, out } = forward(c, tape, x, K, b);
      const convShape = conv2dShape(c.x, c.filters, c.conv);
      if (c.pool === 'max' && smallestMaxGap(conv.data, c.n, convShape, c.poolOptions) < 1e-4) {
        redrawn++; // a near-tie: a probe of size 1e-6 is safe, but not by a margin we trust
        continue;
      }
      const v = uniform(rng, out.data.length);
      tape.backward(out, v);
      const project = (): number => forward(c, new Tape(), ...wrap()).out.data.reduce((s, y, j) => s + v[j]! * y, 0);
      [x, K, b].forEach((t, i) => {
        const err = maxRelErr(t.grad, centralDiff(project, data[i]!, 1e-6));
        expect(err, `config ${checked} ${JSON.stringify(c)}, input ${['x', 'K', 'b'][i]}`).toBeLessThan(1e-6);
      });
      checked++;
    }
    expect(redrawn).toBeLessThan(CONFIGS / 10);
  }, 60_000);
});
