// Activation ops for the tensor engine: elementwise functions and the row-wise softmax,
// each with its hand-written local derivative.
import { sigmoid, softplus, maxOf } from './stable.ts';
import { tensor, type Tape, type Tensor } from './tensor.ts';

export const POINTWISE = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus'] as const;
export type Pointwise = (typeof POINTWISE)[number];

/** y = f(x) and its derivative f'(x), which may reuse y; alpha is the leaky_relu slope. */
interface PointwiseRule {
  readonly f: (x: number, alpha: number) => number;
  readonly df: (x: number, y: number, alpha: number) => number;
}

const RULES: { readonly [K in Pointwise]: PointwiseRule } = {
  identity: { f: (x) => x, df: () => 1 },
  // σ' = σ(1 − σ)
  sigmoid: { f: sigmoid, df: (_x, y) => y * (1 - y) },
  // tanh' = 1 − tanh²
  tanh: { f: Math.tanh, df: (_x, y) => 1 - y * y },
  // relu' = step(x): 0 at the kink
  relu: { f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) },
  // slope 1 for x > 0, α otherwise (α at the kink)
  leaky_relu: { f: (x, a) => (x > 0 ? x : a * x), df: (x, _y, a) => (x > 0 ? 1 : a) },
  // softplus' = σ
  softplus: { f: softplus, df: (x) => sigmoid(x) },
};

/** y = f(x) elementwise; backward ∂x += f'(x) ⊙ ∂y. */
export function pointwise(tape: Tape, x: Tensor, kind: Pointwise, alpha = 0): Tensor {
  const rule = RULES[kind];
  const y = tensor(x.rows, x.cols);
  for (let i = 0; i < x.data.length; i++) y.data[i] = rule.f(x.data[i]!, alpha);
  tape.push(() => {
    for (let i = 0; i < x.data.length; i++) {
      x.grad[i]! += rule.df(x.data[i]!, y.data[i]!, alpha) * y.grad[i]!;
    }
  });
  return y;
}

/**
 * p = softmax of each row: p_k = e^{x_k − m} / Σ_j e^{x_j − m} with m the row max (the
 * shift cancels and keeps every exponent ≤ 0). Jacobian ∂p_k/∂x_j = p_k(δ_kj − p_j), so
 * the vector-Jacobian product is ∂x_j += p_j (∂p_j − Σ_k p_k ∂p_k).
 */
export function softmaxRows(tape: Tape, x: Tensor): Tensor {
  const { rows, cols } = x;
  const p = tensor(rows, cols);
  for (let i = 0; i < rows; i++) {
    const m = maxOf(x.data, i * cols, cols);
    let z = 0;
    for (let k = 0; k < cols; k++) {
      const e = Math.exp(x.data[i * cols + k]! - m);
      p.data[i * cols + k] = e;
      z += e;
    }
    for (let k = 0; k < cols; k++) p.data[i * cols + k]! /= z;
  }
  tape.push(() => {
    for (let i = 0; i < rows; i++) {
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += p.data[i * cols + k]! * p.grad[i * cols + k]!;
      for (let j = 0; j < cols; j++) {
        x.grad[i * cols + j]! += p.data[i * cols + j]! * (p.grad[i * cols + j]! - dot);
      }
    }
  });
  return p;
}
