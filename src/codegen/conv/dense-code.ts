// Dense layers, activations and the output head, for one example at a time.
//   dense     a[i] = b[i] + Σ_j W[i,j]·h[j]; backward ∂W[i,j] += δ[i]·h[j], ∂b[i] += δ[i] and, when
//             needed, dh[j] = Σ_i W[i,j]·δ[i]
//   activation h = g(a) entry by entry; δ = dh ⊙ g'(a), in place in the error buffer
//   head      the loss from the logits where it can (log-sum-exp with the max subtracted,
//             softplus for BCE), and δ^L in the course's simplified form (p − y, ŷ − y)
import type { HelperOp } from '../../print/ts.ts';
import type { Activation, LossName } from '../../network/spec.ts';
import { entry, type LayerPlan } from './plan.ts';

export interface DenseGeometry {
  readonly inputs: number;
  readonly units: number;
  readonly weightAt: number;
  readonly biasAt: number;
}

export function denseForwardLines(plan: LayerPlan, g: DenseGeometry): string[] {
  return [
    `for (let i = 0; i < ${g.units}; i++) {`,
    `  let acc = theta[${g.biasAt} + i]!;`,
    `  const w = ${g.weightAt} + i * ${g.inputs};`,
    `  for (let j = 0; j < ${g.inputs}; j++) acc += theta[w + j]! * ${entry(plan.source, 'j')}!;`,
    `  ${plan.pre!}[i] = acc;`,
    '}',
  ];
}

export function denseBackwardLines(plan: LayerPlan, g: DenseGeometry): string[] {
  const D = plan.sendTo;
  return [
    ...(D ? [`${D}.fill(0);`] : []),
    `for (let i = 0; i < ${g.units}; i++) {`,
    `  const d = ${plan.delta!}[i]!;`,
    `  grad[${g.biasAt} + i]! += d;`,
    `  const w = ${g.weightAt} + i * ${g.inputs};`,
    `  for (let j = 0; j < ${g.inputs}; j++) {`,
    `    grad[w + j]! += d * ${entry(plan.source, 'j')}!;`,
    ...(D ? [`    ${D}[j]! += d * theta[w + j]!;`] : []),
    '  }',
    '}',
  ];
}

type Pointwise = Exclude<Activation, 'softmax'>;

/** g(v) for each activation, and the helpers it calls. */
const APPLY: { readonly [K in Pointwise]: (v: string, alpha: number) => string } = {
  identity: (v) => v,
  sigmoid: (v) => `sigmoid(${v})`,
  tanh: (v) => `Math.tanh(${v})`,
  relu: (v) => `(${v} > 0 ? ${v} : 0)`,
  leaky_relu: (v, alpha) => `(${v} > 0 ? ${v} : ${alpha} * ${v})`,
  softplus: (v) => `softplus(${v})`,
};

/** g'(a) with h = g(a) at hand: σ' = h(1 − h), tanh' = 1 − h², relu' = [a > 0]. */
const SLOPE: { readonly [K in Pointwise]: (a: string, h: string, alpha: number) => string | undefined } = {
  identity: () => undefined,
  sigmoid: (_a, h) => `${h} * (1 - ${h})`,
  tanh: (_a, h) => `(1 - ${h} * ${h})`,
  relu: (a) => `(${a} > 0 ? 1 : 0)`,
  leaky_relu: (a, _h, alpha) => `(${a} > 0 ? 1 : ${alpha})`,
  softplus: (a) => `sigmoid(${a})`,
};

/** The prelude helpers a layer's code calls: softplus for its value (and BCE's loss), σ for σ and softplus'. */
export function helpersOf(activation: Activation, loss?: LossName): HelperOp[] {
  const out: HelperOp[] = [];
  if (activation === 'sigmoid' || activation === 'softplus') out.push('sigmoid');
  if (activation === 'softplus' || loss === 'bce') out.push('softplus');
  return out;
}

/** h = g(a) over the layer's size (nothing for identity, whose h is a). */
export function activationForwardLines(plan: LayerPlan, activation: Pointwise, alpha: number, size: number): string[] {
  if (activation === 'identity') return [];
  return [`for (let q = 0; q < ${size}; q++) {`, `  const v = ${plan.pre!}[q]!;`, `  ${entry(plan.out, 'q')} = ${APPLY[activation]('v', alpha)};`, '}'];
}

/** δ = dh ⊙ g'(a), in place. */
export function activationDeltaLines(plan: LayerPlan, activation: Pointwise, alpha: number, size: number): string[] {
  const d = plan.delta!;
  if (activation === 'relu') return [`for (let q = 0; q < ${size}; q++) if (!(${plan.pre!}[q]! > 0)) ${d}[q] = 0;`];
  const slope = SLOPE[activation](`${plan.pre!}[q]!`, `${plan.out.array}[q]!`, alpha);
  return slope === undefined ? [] : [`for (let q = 0; q < ${size}; q++) ${d}[q]! *= ${slope};`];
}

/** ŷ = softmax(a) with the largest logit subtracted; `lse` = log Σ_j e^{a_j} when the loss needs it. */
export function softmaxLines(plan: LayerPlan, size: number, lse: boolean): string[] {
  const [a, p] = [plan.pre!, plan.out.array];
  return [
    `let mx = ${a}[0]!;`,
    `for (let i = 1; i < ${size}; i++) if (${a}[i]! > mx) mx = ${a}[i]!;`,
    'let sum = 0;',
    `for (let i = 0; i < ${size}; i++) {`,
    `  const t = Math.exp(${a}[i]! - mx);`,
    `  ${p}[i] = t;`,
    '  sum += t;',
    '}',
    `for (let i = 0; i < ${size}; i++) ${p}[i]! /= sum;`,
    ...(lse ? ['const lse = mx + Math.log(sum);'] : []),
  ];
}

export interface Head {
  readonly activation: Activation;
  readonly alpha: number;
  readonly loss: LossName;
  readonly size: number;
}

/** loss += L(ŷ, y) of this example, and δ^L into the output layer's δ buffer. */
export function headLines(plan: LayerPlan, h: Head): string[] {
  const [a, p, d] = [plan.pre!, plan.out.array, plan.delta!];
  const loop = (body: string[]): string[] => [`for (let i = 0; i < ${h.size}; i++) {`, `  const y = Y[yo + i]!;`, ...body.map((l) => `  ${l}`), '}'];
  switch (h.loss) {
    case 'cross_entropy':
      // −y·log p = y·(lse − a); a zero target adds nothing, whatever p is.
      return loop([`if (y !== 0) loss += y * (lse - ${a}[i]!);`, `${d}[i] = ${p}[i]! - y;`]);
    case 'cross_entropy_with_logits':
      return [
        `let mx = ${a}[0]!;`,
        `for (let i = 1; i < ${h.size}; i++) if (${a}[i]! > mx) mx = ${a}[i]!;`,
        'let sum = 0;',
        `for (let i = 0; i < ${h.size}; i++) sum += Math.exp(${a}[i]! - mx);`,
        'const lse = mx + Math.log(sum);',
        'loss += lse;',
        ...loop([`loss -= y * ${a}[i]!;`, `${d}[i] = Math.exp(${a}[i]! - lse) - y;`])];
    case 'bce':
      // −[y log σ(a) + (1 − y) log(1 − σ(a))] = softplus(a) − y·a, exact for large |a|.
      return loop([`const ai = ${a}[i]!;`, 'loss += softplus(ai) - y * ai;', `${d}[i] = ${p}[i]! - y;`]);
    case 'mse':
    case 'l1': {
      const out = h.activation === 'softmax' ? 'identity' : h.activation;
      const slope = SLOPE[out](`${a}[i]!`, `${p}[i]!`, h.alpha);
      const err = h.loss === 'mse' ? ['loss += 0.5 * r * r;', 'const dl = r;'] : ['loss += Math.abs(r);', 'const dl = r > 0 ? 1 : r < 0 ? -1 : 0;'];
      return loop([`const r = ${p}[i]! - y;`, ...err, `${d}[i] = ${slope === undefined ? 'dl' : `dl * ${slope}`};`]);
    }
  }
}
