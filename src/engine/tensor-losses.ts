// Loss ops for the tensor engine. Each returns the 1×1 total Σ_i Σ_k over every example
// (row) and output unit; the caller applies the 1/n of a mean. Losses are computed
// naively from their definitions, with two guards only: the convention 0·log 0 = 0
// (a one-hot target must not turn an underflowed probability into NaN) and log-sum-exp.
import { logSumExp } from './stable.ts';
import { tensor, type Tape, type Tensor } from './tensor.ts';

export const LOSS_KINDS = ['mse', 'l1', 'bce', 'cross_entropy', 'cross_entropy_with_logits'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/** A loss that is a sum of per-unit terms ℓ(ŷ, y), with ∂ℓ/∂ŷ. */
interface UnitLoss {
  readonly value: (yhat: number, y: number) => number;
  readonly grad: (yhat: number, y: number) => number;
}

/** c·log(q), taken as 0 when c = 0 whatever q is (0·log 0 = 0). */
function cLog(c: number, q: number): number {
  return c === 0 ? 0 : c * Math.log(q);
}

/** d/dq of c·log(q) = c/q, and 0 when c = 0 (the term is absent). */
function cOver(c: number, q: number): number {
  return c === 0 ? 0 : c / q;
}

const UNIT_LOSSES: { readonly [K in Exclude<LossKind, 'cross_entropy_with_logits'>]: UnitLoss } = {
  // ½(ŷ − y)², derivative ŷ − y
  mse: { value: (p, y) => 0.5 * (p - y) * (p - y), grad: (p, y) => p - y },
  // |ŷ − y|, subgradient sign(ŷ − y) with 0 at ŷ = y
  l1: { value: (p, y) => Math.abs(p - y), grad: (p, y) => (p > y ? 1 : p < y ? -1 : 0) },
  // −[y log ŷ + (1 − y) log(1 − ŷ)], derivative −y/ŷ + (1 − y)/(1 − ŷ)
  bce: {
    value: (p, y) => -(cLog(y, p) + cLog(1 - y, 1 - p)),
    grad: (p, y) => -cOver(y, p) + cOver(1 - y, 1 - p),
  },
  // −y log p (summed over units, with p a softmax output), derivative −y/p
  cross_entropy: { value: (p, y) => -cLog(y, p), grad: (p, y) => -cOver(y, p) },
};

/** Σ over all entries of a per-unit loss; ∂ŷ += ℓ'(ŷ, y) ∂out. */
function unitLossSum(tape: Tape, yhat: Tensor, y: Float64Array, rule: UnitLoss): Tensor {
  let s = 0;
  for (let i = 0; i < yhat.data.length; i++) s += rule.value(yhat.data[i]!, y[i]!);
  const out = tensor(1, 1, Float64Array.of(s));
  tape.push(() => {
    const g = out.grad[0]!;
    for (let i = 0; i < yhat.data.length; i++) yhat.grad[i]! += rule.grad(yhat.data[i]!, y[i]!) * g;
  });
  return out;
}

/**
 * Σ_i [−Σ_k y_ik a_ik + log Σ_k e^{a_ik}] on logits a. The gradient of log-sum-exp is the
 * softmax, so ∂a_ik += (softmax(a_i)_k − y_ik) ∂out. (The log-sum-exp term has
 * coefficient 1 in every row, whatever Σ_k y_ik is.)
 */
function logitsCrossEntropySum(tape: Tape, a: Tensor, y: Float64Array): Tensor {
  const { rows, cols } = a;
  const lse = new Float64Array(rows);
  let s = 0;
  for (let i = 0; i < rows; i++) {
    lse[i] = logSumExp(a.data, i * cols, cols);
    s += lse[i]!;
    for (let k = 0; k < cols; k++) s -= y[i * cols + k]! * a.data[i * cols + k]!;
  }
  const out = tensor(1, 1, Float64Array.of(s));
  tape.push(() => {
    const g = out.grad[0]!;
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < cols; k++) {
        const j = i * cols + k;
        a.grad[j]! += (Math.exp(a.data[j]! - lse[i]!) - y[j]!) * g;
      }
    }
  });
  return out;
}

/** The loss summed over every example and output unit, as a 1×1 tensor. y has yhat's shape. */
export function lossSum(tape: Tape, yhat: Tensor, y: Float64Array, kind: LossKind): Tensor {
  if (y.length !== yhat.data.length) {
    throw new Error(`${kind}: targets have ${y.length} entries, predictions ${yhat.data.length}`);
  }
  if (kind === 'cross_entropy_with_logits') return logitsCrossEntropySum(tape, yhat, y);
  return unitLossSum(tape, yhat, y, UNIT_LOSSES[kind]);
}
