// Generated CNN modules against TensorFlow.js (CPU backend, float32): J and ∂J/∂θ of whole
// networks, taken by tf.grads through tf.conv2d, tf.maxPool / tf.avgPool, the dense layers
// and the loss. TensorFlow.js is NHWC with kernels [kh, kw, C, F]; the module is channels
// first with K as F × C × kh × kw, so tensors are transposed on the way in and out, and
// flatten transposes back to channels first. Pooling pads by hand (−∞ for max, 0 for avg) and
// pools 'valid', because tfjs's padded avgPool leaves padding out of the divisor. Inputs are
// rounded to float32 first, so both sides start from the same numbers.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork } from '../../src/api.ts';
import { convParamBlocks, convShapes, shapeSize, type ConvNetSpec } from '../../src/network/conv-spec.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { mulberry32 } from '../engine/rng.ts';

beforeAll(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
});

const SPECS: ConvNetSpec[] = [
  { name: 'small-course', input: { channels: 1, height: 8, width: 8 }, layers: [{ type: 'conv2d', filters: 4, kernel: 3, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'flatten' }, { units: 3, activation: 'softmax' }], loss: 'cross_entropy' },
  { name: 'strided', input: { channels: 2, height: 9, width: 9 }, layers: [{ type: 'conv2d', filters: 3, kernel: [3, 2], stride: 2, padding: 1, activation: 'tanh' }, { type: 'avgpool', size: 2, stride: 1, padding: 1 }, { type: 'conv2d', filters: 3, kernel: 2, activation: 'sigmoid' }, { type: 'flatten' }, { units: 2, activation: 'sigmoid' }], loss: 'bce' },
  { name: 'padded-pool', input: { channels: 3, height: 10, width: 10 }, layers: [{ type: 'conv2d', filters: 2, kernel: 5, padding: 2, activation: 'relu' }, { type: 'maxpool', size: 3, stride: 2, padding: 1 }, { type: 'flatten' }, { units: 4, activation: 'tanh' }, { units: 3, activation: 'identity' }], loss: 'mse', l2: 0.05 },
  { name: 'two-convs', input: { channels: 2, height: 12, width: 12 }, layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 1, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'conv2d', filters: 3, kernel: 3, stride: 2, activation: 'relu' }, { type: 'flatten' }, { units: 4, activation: 'softmax' }], loss: 'cross_entropy', l2: 0.01 },
].map((s) => validateConvSpec(s, s.name));

const ACT = { relu: tf.relu, tanh: tf.tanh, sigmoid: tf.sigmoid, identity: (x: tf.Tensor) => x } as Record<string, (x: tf.Tensor) => tf.Tensor>;

/** J of the network in tf, from θ's blocks as tf tensors in the module's layout. */
function tfLoss(spec: ConvNetSpec, params: tf.Tensor[], X: Float64Array, Y: Float64Array, n: number): tf.Scalar {
  const { channels: C, height: H, width: W } = spec.input;
  let h: tf.Tensor = tf.tensor4d(Float32Array.from(X), [n, C, H, W]).transpose([0, 2, 3, 1]);
  let logits: tf.Tensor | undefined;
  let p = 0;
  let reg: tf.Scalar = tf.scalar(0);
  spec.layers.forEach((l, k) => {
    const last = k === spec.layers.length - 1;
    switch (l.type) {
      case 'conv2d': {
        const [K, b] = [params[p++]!, params[p++]!];
        reg = reg.add(K.square().sum());
        const pad = l.padding;
        const a = tf.conv2d(h as tf.Tensor4D, K.transpose([2, 3, 1, 0]) as tf.Tensor4D, l.stride, [[0, 0], [pad, pad], [pad, pad], [0, 0]]).add(b);
        h = ACT[l.activation]!(a);
        break;
      }
      case 'maxpool':
      case 'avgpool': {
        const pad = l.padding;
        const padded = pad === 0 ? h : tf.pad(h, [[0, 0], [pad, pad], [pad, pad], [0, 0]], l.type === 'maxpool' ? -Infinity : 0);
        h = (l.type === 'maxpool' ? tf.maxPool : tf.avgPool)(padded as tf.Tensor4D, l.size, l.stride, 'valid');
        break;
      }
      case 'flatten':
        h = h.transpose([0, 3, 1, 2]).reshape([n, -1]);
        break;
      case 'dense': {
        const [Wk, b] = [params[p++]!, params[p++]!];
        reg = reg.add(Wk.square().sum());
        const a = tf.matMul(h as tf.Tensor2D, Wk as tf.Tensor2D, false, true).add(b);
        if (last) logits = a;
        h = l.activation === 'softmax' ? tf.softmax(a) : ACT[l.activation]!(a);
        break;
      }
    }
  });
  const y = tf.tensor2d(Float32Array.from(Y), [n, Y.length / n]);
  const a = logits!;
  const perUnit = spec.loss === 'cross_entropy' ? y.mul(tf.logSoftmax(a)).neg() : spec.loss === 'bce' ? tf.softplus(a).sub(y.mul(a)) : h.sub(y).square().mul(0.5);
  return perUnit.sum().div(n).add(reg.mul(spec.l2 / 2)) as tf.Scalar;
}

describe.each(SPECS)('against TensorFlow.js: $name', (spec) => {
  it('J and ∂J/∂θ at float32 tolerance', async () => {
    const m = await compileNetwork(spec);
    const rng = mulberry32(spec.name.length * 31);
    const f32 = (len: number, s = 1): Float64Array => Float64Array.from({ length: len }, () => Math.fround(s * (2 * rng() - 1)));
    const n = 3;
    const theta = f32(m.paramCount, 0.5);
    const X = f32(n * shapeSize(convShapes(spec)[0]!));
    const out = m.layerSizes.at(-1)!;
    const Y = new Float64Array(n * out);
    for (let e = 0; e < n; e++) for (let i = 0; i < out; i++) Y[e * out + i] = spec.loss === 'cross_entropy' ? (i === e % out ? 1 : 0) : Math.fround(rng());
    const grad = new Float64Array(m.paramCount);
    const J = m.lossAndGrad(theta, X, Y, n, grad);
    const blocks = convParamBlocks(spec);
    const params = blocks.map((b) => tf.tensor(Float32Array.from(theta.subarray(b.offset, b.offset + b.size)), [...b.shape]));
    const { value, grads } = tf.valueAndGrads((...ps: tf.Tensor[]) => tfLoss(spec, ps, X, Y, n))(params);
    const tfGrad = new Float64Array(m.paramCount);
    blocks.forEach((b, i) => tfGrad.set(grads[i]!.dataSync(), b.offset));
    const scale = Math.max(...tfGrad.map(Math.abs));
    expect(Math.abs(J - value.dataSync()[0]!) / Math.abs(J)).toBeLessThan(1e-5);
    let worst = 0;
    grad.forEach((g, k) => (worst = Math.max(worst, Math.abs(g - tfGrad[k]!) / scale)));
    expect(worst).toBeLessThan(1e-4);
  });
});
