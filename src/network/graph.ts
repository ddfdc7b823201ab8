// A network spec as a binding graph, unit by unit (index form): the forward pass
// a_k[i] = Σ_j W_k[i][j] h_{k−1}[j] + b_k[i], h_k[i] = g_k(a_k[i]), then the loss of one
// example. Reverse-mode differentiation of this graph (derive/backprop.ts) finds the
// deltas; nothing here knows a derivative.
import * as B from '../ir/build.ts';
import { variable, type Expr } from '../ir/expr.ts';
import type { BindingGraph } from '../derive/backprop.ts';
import { networkNames, type NetworkNames } from './names.ts';
import { layerSizes, type Layer, type NetworkSpec } from './spec.ts';

type Bindings = BindingGraph['bindings'][number][];

function activate(layer: Layer, a: Expr): Expr {
  switch (layer.activation) {
    case 'identity':
      return a;
    case 'sigmoid':
      return B.sigmoid(a);
    case 'tanh':
      return B.tanh(a);
    case 'relu':
      return B.relu(a);
    case 'leaky_relu':
      return B.leakyRelu(a, layer.alpha);
    case 'softplus':
      return B.softplus(a);
    case 'softmax':
      throw new Error('softmax is not an elementwise activation (index form: see issue 3)');
  }
}

/** The per-example loss over outputs ŷ_i (activations) and a_L,i (pre-activations). */
function lossExpr(spec: NetworkSpec, n: NetworkNames, outputs: number): Expr {
  const idx = [...Array(outputs).keys()].map((i) => i + 1);
  const yhat = (i: number): Expr => variable(n.act(spec.layers.length, i));
  const y = (i: number): Expr => variable(n.target(i));
  const one = B.num(1);
  switch (spec.loss) {
    case 'bce':
      // −Σ_i [y_i log ŷ_i + (1 − y_i) log(1 − ŷ_i)]
      return B.neg(B.sum(idx.map((i) => B.add(B.mul(y(i), B.log(yhat(i))), B.mul(B.sub(one, y(i)), B.log(B.sub(one, yhat(i))))))));
    case 'mse':
      // ½ Σ_i (ŷ_i − y_i)²
      return B.mul(B.num(0.5), B.sum(idx.map((i) => B.pow(B.sub(yhat(i), y(i)), B.num(2)))));
    case 'l1':
      return B.sum(idx.map((i) => B.abs(B.sub(yhat(i), y(i)))));
    default:
      throw new Error(`loss ${spec.loss} has no index form yet`);
  }
}

export function networkGraph(spec: NetworkSpec, source: string): BindingGraph {
  const n = networkNames(spec);
  const sizes = layerSizes(spec);
  const bindings: Bindings = [];
  // Parameters in the order backprop reaches them (last layer first), as seed 004 numbers
  // its key derivatives (1)-(4); codegen maps names to θ positions itself.
  const wrtByLayer: string[][] = [];
  for (const [k0, layer] of spec.layers.entries()) {
    const k = k0 + 1;
    const wrt: string[] = [];
    wrtByLayer.unshift(wrt);
    const prev = (j: number): Expr => variable(k === 1 ? n.input(j) : n.act(k - 1, j));
    for (let i = 1; i <= sizes[k]!; i++) {
      let pre: Expr = B.num(0);
      for (let j = 1; j <= sizes[k - 1]!; j++) pre = B.add(pre, B.mul(variable(n.weight(k, i, j)), prev(j)));
      bindings.push({ name: n.pre(k, i), expr: B.add(pre, variable(n.bias(k, i))), role: 'forward' });
      for (let j = 1; j <= sizes[k - 1]!; j++) wrt.push(n.weight(k, i, j));
    }
    for (let i = 1; i <= sizes[k]!; i++) wrt.push(n.bias(k, i));
    for (let i = 1; i <= sizes[k]!; i++) {
      bindings.push({ name: n.act(k, i), expr: activate(layer, variable(n.pre(k, i))), role: 'forward' });
    }
  }
  bindings.push({ name: n.loss, expr: lossExpr(spec, n, sizes[sizes.length - 1]!), role: 'output' });
  const deltaOf = new Map<string, string>();
  for (let k = 1; k < sizes.length; k++) for (let i = 1; i <= sizes[k]!; i++) deltaOf.set(n.pre(k, i), n.delta(k, i));
  return { subject: { kind: 'network', spec }, source, bindings, wrt: wrtByLayer.flat(), deltaName: (b) => deltaOf.get(b), inlineIntermediates: false };
}
