// The generated optimisers (issue 12) against two references they share no code with:
//  - the update rules written out here by hand, with gradients from the independent engine;
//  - TensorFlow.js's own optimisers (tf.train.momentum, tf.train.adam), fed the same gradients.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checked, compileNetwork, engineLossAndGrad, loadSpec, type NetworkModule } from '../../src/index.ts';

const spec = loadSpec('examples/xor.json');
const X = new Float64Array([0, 0, 0, 1, 1, 0, 1, 1]);
const Y = new Float64Array([0, 1, 1, 0]);
const N = 4;
const STEPS = 25;
let net: NetworkModule;
const start = (): Float64Array => Float64Array.from({ length: net.paramCount }, (_, k) => Math.sin(3 * k + 1) * 0.8);
const engineGrad = (theta: Float64Array): Float64Array => engineLossAndGrad(spec, theta, X, Y, N).grad;
const maxDiff = (a: Float64Array, b: ArrayLike<number>): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

beforeAll(async () => {
  net = checked(await compileNetwork(spec));
  await tf.setBackend('cpu');
});

describe('momentumStep', () => {
  const lr = 0.3;
  const mu = 0.9;
  it('matches v ← μv + g, θ ← θ − lr·v written out, with the engine\'s gradients', () => {
    const theta = start();
    const velocity = new Float64Array(net.momentumStateSize);
    const ref = start();
    const v = new Float64Array(ref.length);
    for (let t = 0; t < STEPS; t++) {
      net.momentumStep(theta, velocity, X, Y, N, lr, mu);
      const g = engineGrad(ref);
      for (let k = 0; k < ref.length; k++) {
        v[k] = mu * v[k]! + g[k]!;
        ref[k]! -= lr * v[k]!;
      }
    }
    expect(maxDiff(theta, ref)).toBeLessThan(1e-12);
    expect(maxDiff(velocity, v)).toBeLessThan(1e-12);
    expect(maxDiff(theta, start())).toBeGreaterThan(0.01); // it moved
  });

  it('matches tf.train.momentum given the same gradients (float32)', () => {
    const theta = start();
    const velocity = new Float64Array(net.momentumStateSize);
    const variable = tf.variable(tf.tensor1d(Float32Array.from(start())));
    const opt = tf.train.momentum(lr, mu);
    for (let t = 0; t < STEPS; t++) {
      const g = engineGrad(Float64Array.from(variable.dataSync()));
      opt.applyGradients([{ name: variable.name, tensor: tf.tensor1d(Float32Array.from(g)) }]);
      net.momentumStep(theta, velocity, X, Y, N, lr, mu);
    }
    expect(maxDiff(theta, variable.dataSync())).toBeLessThan(1e-4);
    opt.dispose();
    variable.dispose();
  });

  it('with μ = 0 it is trainStep', () => {
    const a = start();
    const b = start();
    for (let t = 0; t < 5; t++) {
      net.momentumStep(a, new Float64Array(net.momentumStateSize), X, Y, N, 0.3, 0);
      net.trainStep(b, X, Y, N, 0.3);
    }
    expect(maxDiff(a, b)).toBe(0);
  });
});

describe('adamStep', () => {
  const lr = 0.05;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  it('matches Kingma & Ba\'s Algorithm 1 (bias-corrected) written out, with the engine\'s gradients', () => {
    const theta = start();
    const state = new Float64Array(net.adamStateSize);
    const ref = start();
    const m = new Float64Array(ref.length);
    const v = new Float64Array(ref.length);
    for (let t = 1; t <= STEPS; t++) {
      net.adamStep(theta, state, X, Y, N, lr, t);
      const g = engineGrad(ref);
      for (let k = 0; k < ref.length; k++) {
        m[k] = b1 * m[k]! + (1 - b1) * g[k]!;
        v[k] = b2 * v[k]! + (1 - b2) * g[k]! ** 2;
        const mHat = m[k]! / (1 - b1 ** t);
        const vHat = v[k]! / (1 - b2 ** t);
        ref[k]! -= (lr * mHat) / (Math.sqrt(vHat) + eps);
      }
    }
    expect(maxDiff(theta, ref)).toBeLessThan(1e-12);
    expect(maxDiff(state.subarray(0, ref.length), m)).toBeLessThan(1e-12);
    expect(maxDiff(state.subarray(ref.length), v)).toBeLessThan(1e-12);
    expect(maxDiff(theta, start())).toBeGreaterThan(0.1);
  });

  it('matches tf.train.adam given the same gradients (float32; TF puts ε on the uncorrected √v, a 1e-8 difference)', () => {
    const theta = start();
    const state = new Float64Array(net.adamStateSize);
    const variable = tf.variable(tf.tensor1d(Float32Array.from(start())));
    const opt = tf.train.adam(lr, b1, b2, eps);
    for (let t = 1; t <= STEPS; t++) {
      const g = engineGrad(Float64Array.from(variable.dataSync()));
      opt.applyGradients([{ name: variable.name, tensor: tf.tensor1d(Float32Array.from(g)) }]);
      net.adamStep(theta, state, X, Y, N, lr, t, b1, b2, eps);
    }
    expect(maxDiff(theta, variable.dataSync())).toBeLessThan(1e-4);
    opt.dispose();
    variable.dispose();
  });

  it('checks its arguments: the state\'s length, t, the betas', () => {
    const theta = start();
    expect(() => net.adamStep(theta, new Float64Array(3), X, Y, N, lr, 1)).toThrow(`adamStep: state has 3 entries, expected adamStateSize = ${net.adamStateSize}`);
    expect(() => net.adamStep(theta, new Float64Array(net.adamStateSize), X, Y, N, lr, 0)).toThrow('adamStep: t must be a positive integer, got 0');
    expect(() => net.adamStep(theta, new Float64Array(net.adamStateSize), X, Y, N, lr, 1, 1)).toThrow('adamStep: beta1 must be in [0, 1), got 1');
    expect(() => net.momentumStep(theta, theta, X, Y, N, lr, 0.9)).toThrow('momentumStep: velocity shares memory with theta');
  });
});
