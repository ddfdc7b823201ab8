// The same network in TensorFlow.js on its pure-JS CPU backend (float32): one tf.variable
// per block of θ, a training step = SGD optimizer.minimize, and the loss read back with
// dataSync() so the time includes all the work (kernels run eagerly, but reading the
// value is what a training loop does and forces nothing to be left pending).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { NetworkSpec } from '../src/index.ts';

export interface TfjsNetwork {
  /** J on the batch at the current weights, without training. */
  loss(): number;
  /** One SGD step; returns J before the step. */
  trainStep(): number;
  /** Tensors alive in the backend: must not grow from step to step. */
  liveTensors(): number;
  dispose(): void;
}

/** Select the CPU backend. Prod mode turns off tfjs's console warnings, among them the
 * "looks like you are running in Node.js, install tfjs-node" banner printed on first use. */
export async function initTfjs(): Promise<string> {
  tf.enableProdMode();
  // The wasm backend's binaries from node_modules (SIMD on: Node 20 has it), nothing downloaded.
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  await tf.setBackend('cpu');
  await tf.ready();
  return `${tf.version.tfjs} (cpu and wasm backends)`;
}

/** Switch TensorFlow.js's (global) backend. */
export async function useTfjsBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`TensorFlow.js: the ${name} backend did not start`);
  await tf.ready();
}

interface Layer {
  readonly W: tf.Variable;
  readonly b: tf.Variable;
  readonly activation: NetworkSpec['layers'][number]['activation'];
}

/** Variables in θ's layout: W_k is N_k × N_{k−1} (so a = h W_kᵀ + b_k), then b_k. */
function variables(spec: NetworkSpec, theta: Float64Array): Layer[] {
  let off = 0;
  let cols = spec.input;
  return spec.layers.map((layer) => {
    const rows = layer.units;
    const wData = Float32Array.from(theta.subarray(off, off + rows * cols));
    const bData = Float32Array.from(theta.subarray(off + rows * cols, off + rows * (cols + 1)));
    // tidy frees the initial tensors; the variables (returned) survive it.
    const W = tf.tidy(() => tf.variable(tf.tensor2d(wData, [rows, cols])));
    const b = tf.tidy(() => tf.variable(tf.tensor1d(bData)));
    off += rows * (cols + 1);
    cols = rows;
    return { W, b, activation: layer.activation };
  });
}

function hidden(a: tf.Tensor2D, activation: string): tf.Tensor2D {
  if (activation === 'relu') return tf.relu(a);
  if (activation === 'sigmoid') return tf.sigmoid(a);
  throw new Error(`tfjs bench: unsupported hidden activation ${activation}`);
}

/** J from the output logits z: Σ softplus(z) − y z for sigmoid + bce, −Σ y log softmax(z)
 * for softmax + cross_entropy; divided by n for a batch mean. */
function lossFromLogits(spec: NetworkSpec, z: tf.Tensor2D, Y: tf.Tensor2D, n: number): tf.Scalar {
  const scale = spec.reduction === 'mean' ? 1 / n : 1;
  const perEntry = spec.loss === 'cross_entropy' ? tf.neg(tf.mul(Y, tf.logSoftmax(z))) : tf.sub(tf.softplus(z), tf.mul(Y, z));
  return tf.mul(tf.sum(perEntry), scale);
}

export function createTfjsNetwork(spec: NetworkSpec, theta: Float64Array, Xd: Float64Array, Yd: Float64Array, n: number, lr: number): TfjsNetwork {
  const last = spec.layers[spec.layers.length - 1]!.activation;
  if (!((last === 'sigmoid' && spec.loss === 'bce') || (last === 'softmax' && spec.loss === 'cross_entropy')) || spec.l2 !== 0) {
    throw new Error(`tfjs bench: unsupported output ${last} + ${spec.loss} (l2 ${spec.l2})`);
  }
  const layers = variables(spec, theta);
  const X = tf.tensor2d(Float32Array.from(Xd), [n, spec.input]);
  const Y = tf.tensor2d(Float32Array.from(Yd), [n, Yd.length / n]);
  const optimizer = tf.train.sgd(lr);
  const varList = layers.flatMap((l) => [l.W, l.b]);
  const J = (): tf.Scalar => {
    let h: tf.Tensor2D = X;
    layers.forEach((l, k) => {
      const a = tf.add(tf.matMul(h, l.W, false, true), l.b) as tf.Tensor2D;
      h = k < layers.length - 1 ? hidden(a, l.activation) : a;
    });
    return lossFromLogits(spec, h, Y, n);
  };
  const read = (t: tf.Scalar | null): number => {
    if (t === null) throw new Error('tfjs bench: minimize returned no cost');
    const v = t.dataSync()[0]!;
    t.dispose();
    return v;
  };
  return {
    loss: () => read(tf.tidy(J)),
    trainStep: () => read(optimizer.minimize(J, true, varList)),
    liveTensors: () => tf.memory().numTensors,
    dispose: () => {
      tf.dispose([...varList, X, Y]);
      optimizer.dispose();
    },
  };
}
