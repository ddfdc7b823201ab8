// The hand-written baseline: what a competent user writes for the same equations without
// symprop. Generic over layer sizes, plain nested loops, one example at a time, buffers
// allocated once, no blocking:
//   forward   a_k = W_k h_{k−1} + b_k,  h_k = g_k(a_k),  h_0 = x
//   output    δ_L = (ŷ − y)·s   (sigmoid + bce and softmax + cross_entropy; s = 1/n for a mean)
//   backward  ∇W_k += δ_k h_{k−1}ᵀ,  ∇b_k += δ_k,  δ_{k−1} = (W_kᵀ δ_k) ⊙ g′_{k−1}(a_{k−1})
//             (∇W_k and W_kᵀ δ_k in one pass over the rows of W_k, as one naturally writes it)
//   update    θ ← θ − lr ∇θ
// θ has the generated modules' layout (W_1 row-major N_1 × N_0, b_1, W_2, b_2, …), so the
// bench can check its loss and gradient against the generated code before timing it.
import type { NetworkSpec } from '../src/index.ts';

export interface Baseline {
  lossAndGrad(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, grad: Float64Array): number;
  trainStep(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number): number;
}

interface LayerPlan {
  readonly rows: number;
  readonly cols: number;
  /** Offsets of W_k and b_k in θ (and in ∇θ). */
  readonly w: number;
  readonly b: number;
  readonly relu: boolean;
}

/** Throws unless the spec is one this baseline implements (the benchmarked networks are). */
function plan(spec: NetworkSpec): LayerPlan[] {
  const last = spec.layers[spec.layers.length - 1]!.activation;
  const pair = `${last} + ${spec.loss}`;
  if (pair !== 'sigmoid + bce' && pair !== 'softmax + cross_entropy') throw new Error(`baseline: unsupported output ${pair}`);
  if (spec.l2 !== 0) throw new Error('baseline: l2 is not supported');
  const layers: LayerPlan[] = [];
  let off = 0;
  let cols = spec.input;
  spec.layers.forEach((layer, k) => {
    const hidden = k < spec.layers.length - 1;
    if (hidden && layer.activation !== 'relu' && layer.activation !== 'sigmoid') {
      throw new Error(`baseline: unsupported hidden activation ${layer.activation}`);
    }
    const rows = layer.units;
    layers.push({ rows, cols, w: off, b: off + rows * cols, relu: layer.activation === 'relu' });
    off += rows * (cols + 1);
    cols = rows;
  });
  return layers;
}

/** Build the baseline for a spec; θ, X, Y and the gradient are passed to each call. */
export function createBaseline(spec: NetworkSpec): Baseline {
  return new BaselineNetwork(spec);
}

class BaselineNetwork implements Baseline {
  private readonly layers: LayerPlan[];
  private readonly softmax: boolean;
  private readonly mean: boolean;
  // a[k], h[k], delta[k] belong to layer k + 1: one example's worth, reused for every example.
  private readonly a: Float64Array[];
  private readonly h: Float64Array[];
  private readonly delta: Float64Array[];
  private readonly grad: Float64Array;

  constructor(spec: NetworkSpec) {
    this.layers = plan(spec);
    this.softmax = spec.loss === 'cross_entropy';
    this.mean = spec.reduction === 'mean';
    this.a = this.layers.map((l) => new Float64Array(l.rows));
    this.h = this.layers.map((l) => new Float64Array(l.rows));
    this.delta = this.layers.map((l) => new Float64Array(l.rows));
    this.grad = new Float64Array(this.layers.reduce((acc, l) => acc + l.rows * (l.cols + 1), 0));
  }

  lossAndGrad(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, grad: Float64Array): number {
    const scale = this.mean ? 1 / n : 1;
    grad.fill(0);
    let J = 0;
    for (let i = 0; i < n; i++) {
      this.forward(theta, X, i);
      J += this.output(Y, i, scale);
      this.backward(theta, X, i, grad);
    }
    return J * scale;
  }

  trainStep(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number): number {
    const grad = this.grad;
    const J = this.lossAndGrad(theta, X, Y, n, grad);
    for (let p = 0; p < grad.length; p++) theta[p]! -= lr * grad[p]!;
    return J;
  }

  /** Forward pass of example i through every layer; h_0 is read from X in place. */
  private forward(theta: Float64Array, X: Float64Array, i: number): void {
    const { layers, a, h } = this;
    for (let k = 0; k < layers.length; k++) {
      const { rows, cols, w, b, relu } = layers[k]!;
      const src = k === 0 ? X : h[k - 1]!;
      const off = k === 0 ? i * cols : 0;
      const ak = a[k]!;
      const hk = h[k]!;
      const hidden = k < layers.length - 1; // the output's activation comes with the loss
      for (let r = 0; r < rows; r++) {
        let s = theta[b + r]!;
        for (let c = 0; c < cols; c++) s += theta[w + r * cols + c]! * src[off + c]!;
        ak[r] = s;
        if (hidden) hk[r] = relu ? Math.max(0, s) : 1 / (1 + Math.exp(-s));
      }
    }
  }

  /** Output activation, the example's loss from the logits, and δ_L = (ŷ − y)·scale. */
  private output(Y: Float64Array, i: number, scale: number): number {
    const L = this.layers.length - 1;
    const z = this.a[L]!;
    const yhat = this.h[L]!;
    const d = this.delta[L]!;
    const m = z.length;
    const loss = this.softmax ? softmaxCrossEntropy(z, yhat, Y, i * m) : sigmoidBce(z, yhat, Y, i * m);
    for (let j = 0; j < m; j++) d[j] = (yhat[j]! - Y[i * m + j]!) * scale;
    return loss;
  }

  /** Backward pass of example i: accumulate ∇W_k, ∇b_k and, in the same pass over W_k's
   * rows, δ_{k−1} = (W_kᵀ δ_k) ⊙ g′_{k−1}(a_{k−1}) (layer 1 has no δ_0 to compute). */
  private backward(theta: Float64Array, X: Float64Array, i: number, grad: Float64Array): void {
    const { layers, a, h, delta } = this;
    for (let k = layers.length - 1; k >= 0; k--) {
      const { rows, cols, w, b } = layers[k]!;
      const src = k === 0 ? X : h[k - 1]!;
      const off = k === 0 ? i * cols : 0;
      const dk = delta[k]!;
      const prev = k === 0 ? undefined : delta[k - 1]!;
      prev?.fill(0);
      for (let r = 0; r < rows; r++) {
        const d = dk[r]!;
        const row = w + r * cols;
        grad[b + r]! += d;
        if (prev === undefined) {
          for (let c = 0; c < cols; c++) grad[row + c]! += d * src[off + c]!;
        } else {
          for (let c = 0; c < cols; c++) {
            grad[row + c]! += d * src[off + c]!;
            prev[c]! += theta[row + c]! * d;
          }
        }
      }
      if (prev === undefined) continue;
      // ⊙ g′(a_{k−1}): relu′ = [a > 0] (relu′(0) = 0, the project's convention), σ′ = h(1 − h).
      const aPrev = a[k - 1]!;
      const hPrev = h[k - 1]!;
      const relu = layers[k - 1]!.relu;
      for (let c = 0; c < cols; c++) prev[c]! *= relu ? (aPrev[c]! > 0 ? 1 : 0) : hPrev[c]! * (1 - hPrev[c]!);
    }
  }
}

/** ŷ = σ(z); −[y log ŷ + (1 − y) log(1 − ŷ)] = softplus(z) − y z, stable for large |z|. */
function sigmoidBce(z: Float64Array, yhat: Float64Array, Y: Float64Array, off: number): number {
  let loss = 0;
  for (let j = 0; j < z.length; j++) {
    const v = z[j]!;
    yhat[j] = 1 / (1 + Math.exp(-v));
    loss += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - Y[off + j]! * v;
  }
  return loss;
}

/** p = softmax(z) with the max subtracted; −Σ y_j log p_j = −Σ y_j (z_j − logΣexp z). */
function softmaxCrossEntropy(z: Float64Array, p: Float64Array, Y: Float64Array, off: number): number {
  let max = -Infinity;
  for (let j = 0; j < z.length; j++) max = Math.max(max, z[j]!);
  let sum = 0;
  for (let j = 0; j < z.length; j++) sum += (p[j] = Math.exp(z[j]! - max));
  const lse = max + Math.log(sum);
  let loss = 0;
  for (let j = 0; j < z.length; j++) {
    p[j]! /= sum;
    loss -= Y[off + j]! * (z[j]! - lse);
  }
  return loss;
}
