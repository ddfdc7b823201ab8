// The network reference again, built from the scalar tape: one node per multiply-add,
// so only for small networks. It is a second, independently written implementation of
// network.ts, and the tests cross-check the two.
import { slopeOf, type Layer, type LossName, type NetworkSpec } from '../network/spec.ts';
import { checkShapes, paramLayout, type LayerSlots } from './layout.ts';
import { maxOf } from './stable.ts';
import {
  abs, add, backward, div, exp, leakyRelu, log, mul, neg, pow, relu, sigmoid, softplus, sub, sum, tanh, value,
  type Scalar, type Value,
} from './tape.ts';

function assertNever(x: never): never {
  throw new Error(`unexpected ${String(x)}`);
}

/** p_k = e^{a_k − m} / Σ_j e^{a_j − m}; m = max a is a constant shift the softmax ignores. */
function softmax(a: readonly Value[]): Value[] {
  const m = maxOf(a.map((v) => v.data));
  const e = a.map((v) => exp(sub(v, m)));
  const z = sum(e);
  return e.map((v) => div(v, z));
}

function activate(a: readonly Value[], layer: Layer): Value[] {
  switch (layer.activation) {
    case 'identity': return [...a];
    case 'sigmoid': return a.map((v) => sigmoid(v));
    case 'tanh': return a.map((v) => tanh(v));
    case 'relu': return a.map((v) => relu(v));
    case 'leaky_relu': return a.map((v) => leakyRelu(v, slopeOf(layer)));
    case 'softplus': return a.map((v) => softplus(v));
    case 'softmax': return softmax(a);
    default: return assertNever(layer.activation);
  }
}

/** c·log(q), with the term left out when c = 0 (0·log 0 = 0). */
function cLog(c: number, q: Scalar): Scalar {
  return c === 0 ? 0 : mul(c, log(q));
}

/** L(ŷ, y) of one example, summed over output units, straight from the definitions. */
function exampleLoss(loss: LossName, yhat: readonly Value[], y: readonly number[]): Value {
  const units = (term: (p: Value, t: number) => Scalar) => sum(yhat.map((p, k) => term(p, y[k]!)));
  switch (loss) {
    case 'mse': return units((p, t) => mul(0.5, pow(sub(p, t), 2)));
    case 'l1': return units((p, t) => abs(sub(p, t)));
    case 'bce': return neg(units((p, t) => add(cLog(t, p), cLog(1 - t, sub(1, p)))));
    case 'cross_entropy': return neg(units((p, t) => cLog(t, p)));
    case 'cross_entropy_with_logits': {
      // −Σ_k y_k a_k + log Σ_k e^{a_k}, the log-sum-exp shifted by the constant m = max a
      const m = maxOf(yhat.map((v) => v.data));
      const lse = add(m, log(sum(yhat.map((a) => exp(sub(a, m))))));
      return sub(lse, units((a, t) => mul(t, a)));
    }
    default: return assertNever(loss);
  }
}

/** ŷ for one example x: a_i = b_i + Σ_j w_ij h_j, h = g(a), layer by layer. */
function forwardOne(
  spec: NetworkSpec,
  slots: readonly LayerSlots[],
  params: readonly Value[],
  x: readonly number[],
): Value[] {
  let h: readonly Scalar[] = x;
  let out: Value[] = [];
  spec.layers.forEach((layer, k) => {
    const s = slots[k]!;
    const a: Value[] = [];
    for (let i = 0; i < s.rows; i++) {
      const terms = h.map((hj, j) => mul(params[s.w + i * s.cols + j]!, hj));
      a.push(sum([params[s.b + i]!, ...terms]));
    }
    out = activate(a, layer);
    h = out;
  });
  return out;
}

/** Same contract as engineLossAndGrad, on the scalar tape (small networks only). */
export function engineLossAndGradScalar(
  spec: NetworkSpec,
  theta: Float64Array,
  X: Float64Array,
  Y: Float64Array,
  n: number,
): { loss: number; grad: Float64Array } {
  checkShapes(spec, theta, X, n, Y);
  const slots = paramLayout(spec);
  const params = Array.from(theta, (t) => value(t));
  const nOut = slots[slots.length - 1]!.rows;
  const losses: Value[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from(X.subarray(i * spec.input, (i + 1) * spec.input));
    const y = Array.from(Y.subarray(i * nOut, (i + 1) * nOut));
    losses.push(exampleLoss(spec.loss, forwardOne(spec, slots, params, x), y));
  }
  let J = spec.reduction === 'mean' ? div(sum(losses), n) : sum(losses);
  if (spec.l2 !== 0) {
    const weights = slots.flatMap((s) => params.slice(s.w, s.b));
    J = add(J, mul(spec.l2 / 2, sum(weights.map((w) => mul(w, w)))));
  }
  backward(J);
  return { loss: J.data, grad: Float64Array.from(params, (p) => p.grad) };
}
