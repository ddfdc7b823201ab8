// A network spec in matrix form, one binding per layer quantity:
// a_k = W_k h_{k−1} + b_k, h_k = g_k(a_k), then the loss of one example. The same
// names as the index form, without the unit index (z1, a1, yhat, delta1, W1, b1).
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import { lift } from '../ir/matrix-build.ts';
import { logSumExp, madd, matmul, mvar, placeholder, softmax, sumAll, type MExpr, type MVar } from '../ir/matrix.ts';
import type { Layer, NetworkSpec } from './spec.ts';
import { layerSizes, slopeOf } from './spec.ts';
import { notationOf } from './names.ts';

export interface MatrixBinding {
  readonly name: string;
  readonly expr: MExpr;
  readonly role: 'forward' | 'output';
}

export interface MatrixGraph {
  readonly bindings: readonly MatrixBinding[];
  /** Parameters in θ order: W1, b1, W2, b2, ... */
  readonly params: readonly MVar[];
  /** Pre-activation name -> delta name. */
  readonly deltaOf: ReadonlyMap<string, string>;
  /** The target vector, when the loss needs one-hot rows (Σ_k y_k = 1). */
  readonly oneHotTarget?: MVar;
}

const u0 = placeholder(0);
const u1 = placeholder(1);
const one = B.num(1);

function activationOf(layer: Layer): Expr | 'softmax' {
  switch (layer.activation) {
    case 'identity': return u0;
    case 'sigmoid': return B.sigmoid(u0);
    case 'tanh': return B.tanh(u0);
    case 'relu': return B.relu(u0);
    case 'leaky_relu': return B.leakyRelu(u0, slopeOf(layer));
    case 'softplus': return B.softplus(u0);
    case 'softmax': return 'softmax';
  }
}

/** Per-example loss, summed over output units (y = u0, ŷ = u1 entry by entry). */
function lossOf(spec: NetworkSpec, y: MVar, yhat: MVar, pre: MVar): MExpr {
  switch (spec.loss) {
    case 'bce':
      return sumAll(lift(B.neg(B.add(B.mul(u0, B.log(u1)), B.mul(B.sub(one, u0), B.log(B.sub(one, u1))))), [y, yhat]));
    case 'mse':
      return sumAll(lift(B.mul(B.num(0.5), B.pow(B.sub(u1, u0), B.num(2))), [y, yhat]));
    case 'l1':
      return sumAll(lift(B.abs(B.sub(u1, u0)), [y, yhat]));
    case 'cross_entropy':
      return sumAll(lift(B.neg(B.mul(u0, B.log(u1))), [y, yhat]));
    case 'cross_entropy_with_logits':
      // −Σ_k y_k a_k + log Σ_k e^{a_k} (Introduction to Deep Learning)
      return lift(B.add(B.neg(u0), u1), [sumAll(lift(B.mul(u0, u1), [y, pre])), logSumExp(pre)]);
  }
}

export function matrixGraph(spec: NetworkSpec): MatrixGraph {
  const sizes = layerSizes(spec);
  const L = spec.layers.length;
  const { pre: preStem, act: actStem, deltaNumber } = notationOf(spec);
  const bindings: MatrixBinding[] = [];
  const params: MVar[] = [];
  const deltaOf = new Map<string, string>();
  let h = mvar('x', sizes[0]!);
  let pre = h;
  for (const [k0, layer] of spec.layers.entries()) {
    const k = k0 + 1;
    const W = mvar(`W${k}`, sizes[k]!, sizes[k - 1]!);
    const b = mvar(`b${k}`, sizes[k]!);
    params.push(W, b);
    pre = mvar(`${preStem}${k}`, sizes[k]!);
    bindings.push({ name: pre.name, expr: madd(matmul(W, h), b), role: 'forward' });
    deltaOf.set(pre.name, `delta${deltaNumber(k)}`);
    const g = activationOf(layer);
    const act = mvar(k === L ? 'yhat' : `${actStem}${k}`, sizes[k]!);
    bindings.push({ name: act.name, expr: g === 'softmax' ? softmax(pre) : lift(g, [pre]), role: 'forward' });
    h = act;
  }
  const y = mvar('y', sizes[L]!);
  bindings.push({ name: 'J', expr: lossOf(spec, y, h, pre), role: 'output' });
  const oneHot = spec.loss === 'cross_entropy' || spec.loss === 'cross_entropy_with_logits';
  return oneHot ? { bindings, params, deltaOf, oneHotTarget: y } : { bindings, params, deltaOf };
}
