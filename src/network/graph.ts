// A network spec as a binding graph, unit by unit (index form): the forward pass
// a_k[i] = Σ_j W_k[i][j] h_{k−1}[j] + b_k[i], h_k[i] = g_k(a_k[i]), then the loss of one
// example, summed over output units. Reverse-mode differentiation of this graph
// (derive/backprop.ts) finds the deltas; nothing here knows a derivative.
//
// A softmax is not elementwise. As the CNN note does (eq. 4-6), it gets a binding for its
// normaliser S = Σ_j e^{a_j} and one per output, ŷ_i = e^{a_i} / S, so that reverse mode
// differentiates through it like through any other binding.
import * as B from '../ir/build.ts';
import { variable, type Expr } from '../ir/expr.ts';
import type { BindingGraph } from '../derive/backprop.ts';
import type { NetworkFacts } from '../simplify/facts.ts';
import { networkNames, type NetworkNames } from './names.ts';
import { layerSizes, slopeOf, type Layer, type NetworkSpec } from './spec.ts';

type Bindings = BindingGraph['bindings'][number][];
const forward = (name: string, expr: Expr): Bindings[number] => ({ name, expr, role: 'forward' });
const units = (count: number): number[] => [...Array(count).keys()].map((i) => i + 1);

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
      return B.leakyRelu(a, slopeOf(layer));
    case 'softplus':
      return B.softplus(a);
    case 'softmax':
      throw new Error('softmax is not elementwise: see softmaxBindings');
  }
}

/**
 * S = Σ_j e^{u_j} and out_i = e^{u_i} / S, with the definitions the sheet may substitute
 * (e^{u_i} = out_i S) to show the softmax delta.
 */
function softmaxBindings(inputs: readonly Expr[], outputs: readonly string[], S: string): { bindings: Bindings; definitions: Map<number, Expr> } {
  const exps = inputs.map((u) => B.exp(u));
  const bindings: Bindings = [forward(S, B.sum(exps))];
  const definitions = new Map<number, Expr>();
  exps.forEach((e, i) => {
    const out = variable(outputs[i]!);
    const def = B.div(e, variable(S));
    bindings.push(forward(outputs[i]!, def));
    definitions.set(def.id, out);
    definitions.set(e.id, B.mul(out, variable(S)));
  });
  return { bindings, definitions };
}

interface Head {
  readonly bindings: Bindings;
  readonly facts: NetworkFacts;
}

/** The last layer's activations (a softmax included) and the per-example loss J. */
function head(spec: NetworkSpec, n: NetworkNames, outputs: number): Head {
  const L = spec.layers.length;
  const idx = units(outputs);
  const yhat = (i: number): Expr => variable(n.act(L, i));
  const y = (i: number): Expr => variable(n.target(i));
  const J = (e: Expr, bindings: Bindings = [], facts: NetworkFacts = {}): Head => ({ bindings: [...bindings, { name: n.loss, expr: e, role: 'output' }], facts });
  const last = spec.layers[L - 1]!;
  if (last.activation === 'softmax') {
    // −Σ_k y_k log ŷ_k (the CNN note, eq. 1), through the softmax bindings
    const soft = softmaxBindings(idx.map((i) => variable(n.pre(L, i))), idx.map((i) => n.act(L, i)), n.normaliser);
    // δ_i = ŷ_i Σ_k y_k − y_i: it is ŷ_i − y_i only for a one-hot target, so the sheet
    // shows that step once the normal form proves it (simplify/facts.ts).
    const claims = new Map(idx.map((i) => [n.pre(L, i), B.sub(yhat(i), y(i))] as const));
    const loss = B.neg(B.sum(idx.map((i) => B.mul(y(i), B.log(yhat(i))))));
    return J(loss, soft.bindings, { definitions: soft.definitions, oneHot: { targets: idx.map((i) => n.target(i)), claims } });
  }
  const elementwise = idx.map((i) => forward(n.act(L, i), activate(last, variable(n.pre(L, i)))));
  if (spec.loss === 'cross_entropy_with_logits') {
    // −Σ_k y_k ŷ_k + log Σ_k e^{ŷ_k} on the logits ŷ (Introduction to Deep Learning); p = softmax(ŷ) is named
    // so that the delta reads p_i − y_i.
    const soft = softmaxBindings(idx.map(yhat), idx.map((i) => n.prob(i)), n.normaliser);
    const loss = B.add(B.neg(B.sum(idx.map((i) => B.mul(y(i), yhat(i))))), B.log(variable(n.normaliser)));
    return J(loss, [...elementwise, ...soft.bindings], { definitions: soft.definitions });
  }
  return J(unitLoss(spec, idx, yhat, y), elementwise);
}

/** A loss that is a sum over output units of a term in ŷ_i and y_i. */
function unitLoss(spec: NetworkSpec, idx: readonly number[], yhat: (i: number) => Expr, y: (i: number) => Expr): Expr {
  const one = B.num(1);
  switch (spec.loss) {
    case 'bce':
      // −Σ_i [y_i log ŷ_i + (1 − y_i) log(1 − ŷ_i)]
      return B.neg(B.sum(idx.map((i) => B.add(B.mul(y(i), B.log(yhat(i))), B.mul(B.sub(one, y(i)), B.log(B.sub(one, yhat(i))))))));
    case 'mse':
      // ½ Σ_i (ŷ_i − y_i)²
      return B.mul(B.num(0.5), B.sum(idx.map((i) => B.pow(B.sub(yhat(i), y(i)), B.num(2)))));
    case 'l1':
      // Σ_i |ŷ_i − y_i|
      return B.sum(idx.map((i) => B.abs(B.sub(yhat(i), y(i)))));
    default:
      throw new Error(`loss ${spec.loss} is not a sum of unit terms`);
  }
}

/** a_k[i] = Σ_j W_k[i][j] h_{k−1}[j] + b_k[i] for every unit i of layer k. */
function preActivations(n: NetworkNames, sizes: readonly number[], k: number): Bindings {
  const prev = (j: number): Expr => variable(k === 1 ? n.input(j) : n.act(k - 1, j));
  return units(sizes[k]!).map((i) => {
    let pre: Expr = B.num(0);
    for (const j of units(sizes[k - 1]!)) pre = B.add(pre, B.mul(variable(n.weight(k, i, j)), prev(j)));
    return forward(n.pre(k, i), B.add(pre, variable(n.bias(k, i))));
  });
}

/** Layer k's parameters: W_k row by row, then b_k. */
function layerParams(n: NetworkNames, sizes: readonly number[], k: number): string[] {
  const weights = units(sizes[k]!).flatMap((i) => units(sizes[k - 1]!).map((j) => n.weight(k, i, j)));
  return [...weights, ...units(sizes[k]!).map((i) => n.bias(k, i))];
}

export function networkGraph(spec: NetworkSpec, source: string): BindingGraph {
  const n = networkNames(spec);
  const sizes = layerSizes(spec);
  const L = spec.layers.length;
  const bindings: Bindings = [];
  // Parameters in the order backprop reaches them (last layer first), as CSI 4106 numbers
  // its key derivatives (1)-(4); codegen maps names to θ positions itself.
  const perLayer: string[][] = [];
  for (const [k0, layer] of spec.layers.entries()) {
    const k = k0 + 1;
    bindings.push(...preActivations(n, sizes, k));
    if (k < L) bindings.push(...units(sizes[k]!).map((i) => forward(n.act(k, i), activate(layer, variable(n.pre(k, i))))));
    perLayer.push(layerParams(n, sizes, k));
  }
  const wrt = perLayer.reverse().flat(); // (a spread of a million names overflows the stack)
  const last = head(spec, n, sizes[L]!);
  bindings.push(...last.bindings);
  const deltaOf = new Map<string, string>();
  for (let k = 1; k <= L; k++) for (const i of units(sizes[k]!)) deltaOf.set(n.pre(k, i), n.delta(k, i));
  return { subject: { kind: 'network', spec }, source, bindings, wrt, deltaName: (b) => deltaOf.get(b), inlineIntermediates: false, facts: last.facts };
}
