// The engine's conv2d and pooling against TensorFlow.js (CPU backend, float32): forward
// values and gradients (tf.grads of Σ v ⊙ op), and the max-pool tie rule.
//
// TensorFlow.js is NHWC with kernels [kh, kw, inC, outC]; the engine is channels first with
// K as F × C × kh × kw. Tensors are transposed on the way in and out. Inputs are rounded to
// float32 first, so both sides compute on the same numbers.
//
// Padding: conv2d takes explicit pads [[0,0],[p,p],[p,p],[0,0]]. For pooling the input is
// padded here with tf.pad (−∞ for max, 0 for avg) and pooled 'valid', because tfjs's own
// padded avgPool leaves padding out of the divisor (count_include_pad = False), unlike the
// engine and PyTorch's default; the last test shows that difference.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { avgPool2d, conv2d, conv2dShape, maxPool2d, pool2dShape, type ConvOptions, type VolumeShape } from '../../src/engine/conv.ts';
import { maxRelErr } from '../../src/engine/fd.ts';
import { Tape, tensor } from '../../src/engine/tensor.ts';
import { mulberry32 } from './rng.ts';

beforeAll(async () => {
  tf.enableProdMode(); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
});

const TOL = 1e-4; // float32 sums of at most a few hundred products
const f32 = (rng: () => number, length: number): Float64Array => Float64Array.from({ length }, () => Math.fround(2 * rng() - 1));

/** An n × C × H × W channels-first batch as an NHWC tf tensor, and back. */
const toNhwc = (data: Float64Array, n: number, s: VolumeShape): tf.Tensor4D =>
  tf.transpose(tf.tensor4d(Float32Array.from(data), [n, s.channels, s.height, s.width]), [0, 2, 3, 1]);
const fromNhwc = (t: tf.Tensor): Float32Array => t.transpose([0, 3, 1, 2]).dataSync() as Float32Array;

interface Case {
  readonly n: number;
  readonly x: VolumeShape;
  readonly filters: number;
  readonly conv: ConvOptions;
  readonly pool: { readonly size: number; readonly stride: number; readonly padding: number };
}

const CASES: readonly Case[] = [
  { n: 1, x: { channels: 1, height: 5, width: 5 }, filters: 1, conv: { kh: 3, kw: 3, stride: 1, padding: 0 }, pool: { size: 2, stride: 2, padding: 0 } },
  { n: 2, x: { channels: 3, height: 7, width: 6 }, filters: 4, conv: { kh: 3, kw: 2, stride: 2, padding: 1 }, pool: { size: 3, stride: 2, padding: 1 } },
  { n: 3, x: { channels: 2, height: 9, width: 9 }, filters: 3, conv: { kh: 5, kw: 5, stride: 2, padding: 2 }, pool: { size: 2, stride: 1, padding: 1 } },
  { n: 1, x: { channels: 4, height: 8, width: 5 }, filters: 2, conv: { kh: 1, kw: 4, stride: 1, padding: 2 }, pool: { size: 3, stride: 3, padding: 0 } },
  { n: 2, x: { channels: 2, height: 6, width: 6 }, filters: 2, conv: { kh: 4, kw: 3, stride: 2, padding: 0 }, pool: { size: 2, stride: 2, padding: 1 } },
  { n: 2, x: { channels: 3, height: 4, width: 4 }, filters: 4, conv: { kh: 2, kw: 2, stride: 1, padding: 1 }, pool: { size: 4, stride: 1, padding: 2 } },
];

const label = (c: Case): string =>
  `${c.n}×${c.x.channels}×${c.x.height}×${c.x.width}, ${c.filters} filters ${c.conv.kh}×${c.conv.kw} s${c.conv.stride} p${c.conv.padding}`;

describe.each(CASES)('against TensorFlow.js: $n×$x.channels×$x.height×$x.width', (c) => {
  const rng = mulberry32(c.x.height * 100 + c.x.width * 10 + c.filters);
  const xLen = c.n * c.x.channels * c.x.height * c.x.width;
  const kTaps = c.x.channels * c.conv.kh * c.conv.kw;

  it(`conv2d forward and ∂x, ∂K, ∂b (${label(c)})`, () => {
    const [xData, kData, bData] = [f32(rng, xLen), f32(rng, c.filters * kTaps), f32(rng, c.filters)];
    const [x, K, b] = [tensor(c.n, xLen / c.n, xData), tensor(c.filters, kTaps, kData), tensor(1, c.filters, bData)];
    const tape = new Tape();
    const out = conv2d(tape, x, c.x, K, b, c.conv);
    const v = f32(rng, out.data.length);
    tape.backward(out, v);

    const outShape = conv2dShape(c.x, c.filters, c.conv);
    const p = c.conv.padding;
    const conv = (tx: tf.Tensor4D, tk: tf.Tensor4D, tb: tf.Tensor1D): tf.Tensor4D =>
      tf.add(tf.conv2d(tx, tk, c.conv.stride, [[0, 0], [p, p], [p, p], [0, 0]]), tb);
    const theirs = tf.tidy(() => {
      const tx = toNhwc(xData, c.n, c.x);
      const tk = tf.transpose(tf.tensor4d(Float32Array.from(kData), [c.filters, c.x.channels, c.conv.kh, c.conv.kw]), [2, 3, 1, 0]);
      const tb = tf.tensor1d(Float32Array.from(bData));
      const tv = toNhwc(v, c.n, outShape);
      const loss = (a: tf.Tensor, k: tf.Tensor, bb: tf.Tensor): tf.Scalar =>
        tf.sum(tf.mul(conv(a as tf.Tensor4D, k as tf.Tensor4D, bb as tf.Tensor1D), tv));
      const [gx, gk, gb] = tf.grads(loss)([tx, tk, tb]);
      return {
        out: fromNhwc(conv(tx, tk, tb)),
        dx: fromNhwc(gx!),
        dK: gk!.transpose([3, 2, 0, 1]).dataSync(),
        db: gb!.dataSync(),
      };
    });
    expect(maxRelErr(out.data, theirs.out), 'forward').toBeLessThan(TOL);
    expect(maxRelErr(x.grad, theirs.dx), '∂x').toBeLessThan(TOL);
    expect(maxRelErr(K.grad, theirs.dK), '∂K').toBeLessThan(TOL);
    expect(maxRelErr(b.grad, theirs.db), '∂b').toBeLessThan(TOL);
  });

  it.each(['max', 'avg'] as const)(`%s pool forward and ∂x (size ${c.pool.size}, stride ${c.pool.stride}, padding ${c.pool.padding})`, (kind) => {
    const xData = f32(rng, xLen);
    const x = tensor(c.n, xLen / c.n, xData);
    const tape = new Tape();
    const out = (kind === 'max' ? maxPool2d : avgPool2d)(tape, x, c.x, c.pool);
    const v = f32(rng, out.data.length);
    tape.backward(out, v);

    const p = c.pool.padding;
    const pool = (t: tf.Tensor4D): tf.Tensor4D => {
      const padded = tf.pad(t, [[0, 0], [p, p], [p, p], [0, 0]], kind === 'max' ? -Infinity : 0);
      return kind === 'max' ? tf.maxPool(padded, c.pool.size, c.pool.stride, 'valid') : tf.avgPool(padded, c.pool.size, c.pool.stride, 'valid');
    };
    const theirs = tf.tidy(() => {
      const tx = toNhwc(xData, c.n, c.x);
      const tv = toNhwc(v, c.n, pool2dShape(c.x, c.pool));
      const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a as tf.Tensor4D), tv)))(tx);
      return { out: fromNhwc(pool(tx)), dx: fromNhwc(dx) };
    });
    expect(maxRelErr(out.data, theirs.out), 'forward').toBeLessThan(TOL);
    expect(maxRelErr(x.grad, theirs.dx), '∂x').toBeLessThan(TOL);
  });
});

describe('TensorFlow.js conventions', () => {
  /** ∂/∂x of Σ maxPool(x) in tfjs, for one channel-first example. */
  const tfMaxPoolGrad = (xData: Float64Array, s: VolumeShape, size: number, stride: number): Float32Array =>
    tf.tidy(() => fromNhwc(tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, size, stride, 'valid')))(toNhwc(xData, 1, s))));

  it('max-pool ties: tfjs routes the gradient to the first maximum in row-major order, as the engine does', () => {
    // Two channels; channel 0 has three equal maxima in window (0,0) and two in (0,1),
    // channel 1 is all equal (every window a four-way tie). Also overlapping windows.
        const xData = Float64Array.of(
      3, 3, 0, 2,
      1, 3, 5, 5,
      9, 0, 1, 2,
      0, 1, 3, 4,
      ...new Array<number>(16).fill(7));
    const s = { channels: 2, height: 4, width: 4 };
    for (const stride of [2, 1]) {
      const x = tensor(1, 32, Float64Array.from(xData));
      const tape = new Tape();
      const out = maxPool2d(tape, x, s, { size: 2, stride });
      tape.backward(out, new Float64Array(out.data.length).fill(1));
      expect(Array.from(x.grad), `stride ${stride}`).toEqual(Array.from(tfMaxPoolGrad(xData, s, 2, stride)));
    }
    // stride 2, channel 1: each window's top-left cell gets its 1.
    const ours = tensor(1, 32, Float64Array.from(xData));
    const tape = new Tape();
    tape.backward(maxPool2d(tape, ours, s, { size: 2 }), new Float64Array(8).fill(1));
    expect(Array.from(ours.grad.subarray(16))).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]);
  });

  it("tfjs's own padded avgPool divides by the cells inside the input (count_include_pad = False); the engine by size²", () => {
    const xData = Float64Array.from({ length: 9 }, (_, i) => i + 1);
    const s = { channels: 1, height: 3, width: 3 };
    const native = tf.tidy(() => fromNhwc(tf.avgPool(toNhwc(xData, 1, s), 3, 2, 1)));
    const ours = avgPool2d(new Tape(), tensor(1, 9, xData), s, { size: 3, stride: 2, padding: 1 });
    // Every 3×3 window at stride 2, padding 1, covers 4 input cells of the 3×3 input.
    expect(maxRelErr(native, [12 / 4, 16 / 4, 24 / 4, 28 / 4])).toBeLessThan(1e-6);
    expect(maxRelErr(ours.data, [12 / 9, 16 / 9, 24 / 9, 28 / 9])).toBeLessThan(1e-15);
  });
});
