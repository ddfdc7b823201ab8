// The one table of local derivatives. Keyed by every Op, so a new op without a rule
// is a compile error. Each rule gives ∂node/∂child for each child, built from the node
// itself where the textbook does (σ' = σ(1 − σ) reuses σ(u), so a stored activation
// is reused by the derivation and by the generated code), an id the sheet and the
// checker cite, and the textbook formula in LaTeX.
import * as B from '../ir/build.ts';
import type { Expr, NodeOf, Op } from '../ir/expr.ts';

export interface Rule<K extends Op> {
  /** Stable id: message catalogs name the rule by it, diagnoses cite it. */
  readonly id: string;
  /** The textbook formula, in LaTeX (u is the argument, u' its derivative). */
  readonly formula: string;
  /** ∂node/∂child, one per child in order. */
  readonly partials: (node: NodeOf<K>) => readonly Expr[];
}

const one = B.num(1);
const two = B.num(2);

export const RULES: { readonly [K in Op]: Rule<K> } = {
  // (u + v)' = u' + v'
  add: { id: 'sum', formula: "(u + v)' = u' + v'", partials: () => [one, one] },
  // (u − v)' = u' − v'
  sub: { id: 'difference', formula: "(u - v)' = u' - v'", partials: () => [one, B.num(-1)] },
  // (uv)' = u'v + uv'
  mul: { id: 'product', formula: "(uv)' = u'v + uv'", partials: (n) => [n.b, n.a] },
  // (u/v)' = (u'v − uv')/v²
  div: {
    id: 'quotient',
    formula: "\\left(\\frac{u}{v}\\right)' = \\frac{u'v - uv'}{v^2}",
    partials: (n) => [B.div(one, n.b), B.neg(B.div(n.a, B.pow(n.b, two)))],
  },
  // (u^v)' = v u^{v−1} u' + u^v ln(u) v'
  pow: {
    id: 'power',
    formula: "(u^v)' = v\\,u^{v-1}u' + u^v \\ln(u)\\,v'",
    partials: (n) => [B.mul(n.b, B.pow(n.a, B.sub(n.b, one))), B.mul(n, B.log(n.a))],
  },
  neg: { id: 'negation', formula: "(-u)' = -u'", partials: () => [B.num(-1)] },
  exp: { id: 'exp', formula: "(e^u)' = e^u u'", partials: (n) => [n] },
  log: { id: 'log', formula: "(\\log u)' = \\frac{u'}{u}", partials: (n) => [B.div(one, n.a)] },
  sqrt: {
    id: 'sqrt',
    formula: "(\\sqrt{u})' = \\frac{u'}{2\\sqrt{u}}",
    partials: (n) => [B.div(one, B.mul(two, n))],
  },
  abs: { id: 'abs', formula: "|u|' = \\operatorname{sign}(u)\\,u'", partials: (n) => [B.sign(n.a)] },
  sin: { id: 'sin', formula: "(\\sin u)' = \\cos(u)\\,u'", partials: (n) => [B.cos(n.a)] },
  cos: { id: 'cos', formula: "(\\cos u)' = -\\sin(u)\\,u'", partials: (n) => [B.neg(B.sin(n.a))] },
  tan: { id: 'tan', formula: "(\\tan u)' = (1 + \\tan^2 u)\\,u'", partials: (n) => [B.add(one, B.pow(n, two))] },
  sigmoid: {
    id: 'sigmoid',
    formula: "\\sigma'(u) = \\sigma(u)\\,(1 - \\sigma(u))",
    partials: (n) => [B.mul(n, B.sub(one, n))],
  },
  tanh: { id: 'tanh', formula: "\\tanh'(u) = 1 - \\tanh^2(u)", partials: (n) => [B.sub(one, B.pow(n, two))] },
  // relu'(0) is taken as 0, the convention of every framework.
  relu: { id: 'relu', formula: "\\operatorname{relu}'(u) = \\mathbb{1}[u > 0]", partials: (n) => [B.step(n.a)] },
  softplus: { id: 'softplus', formula: "\\operatorname{softplus}'(u) = \\sigma(u)", partials: (n) => [B.sigmoid(n.a)] },
  leaky_relu: {
    id: 'leaky_relu',
    formula: "\\operatorname{lrelu}_\\alpha'(u) = 1 \\text{ if } u > 0, \\ \\alpha \\text{ otherwise}",
    partials: (n) => [B.leakyStep(n.a, n.alpha)],
  },
  sinh: { id: 'sinh', formula: "(\\sinh u)' = \\cosh(u)\\,u'", partials: (n) => [B.cosh(n.a)] },
  cosh: { id: 'cosh', formula: "(\\cosh u)' = \\sinh(u)\\,u'", partials: (n) => [B.sinh(n.a)] },
  sech: {
    id: 'sech',
    formula: "(\\operatorname{sech} u)' = -\\operatorname{sech}(u) \\tanh(u)\\,u'",
    partials: (n) => [B.neg(B.mul(n, B.tanh(n.a)))],
  },
  csch: {
    id: 'csch',
    formula: "(\\operatorname{csch} u)' = -\\operatorname{csch}(u) \\coth(u)\\,u'",
    partials: (n) => [B.neg(B.mul(n, B.coth(n.a)))],
  },
  coth: {
    id: 'coth',
    formula: "(\\coth u)' = -\\operatorname{csch}^2(u)\\,u'",
    partials: (n) => [B.neg(B.pow(B.csch(n.a), two))],
  },
  sec: { id: 'sec', formula: "(\\sec u)' = \\sec(u) \\tan(u)\\,u'", partials: (n) => [B.mul(n, B.tan(n.a))] },
  csc: { id: 'csc', formula: "(\\csc u)' = -\\csc(u) \\cot(u)\\,u'", partials: (n) => [B.neg(B.mul(n, B.cot(n.a)))] },
  cot: { id: 'cot', formula: "(\\cot u)' = -\\csc^2(u)\\,u'", partials: (n) => [B.neg(B.pow(B.csc(n.a), two))] },
  asin: {
    id: 'asin',
    formula: "(\\arcsin u)' = \\frac{u'}{\\sqrt{1 - u^2}}",
    partials: (n) => [B.div(one, B.sqrt(B.sub(one, B.pow(n.a, two))))],
  },
  acos: {
    id: 'acos',
    formula: "(\\arccos u)' = -\\frac{u'}{\\sqrt{1 - u^2}}",
    partials: (n) => [B.neg(B.div(one, B.sqrt(B.sub(one, B.pow(n.a, two)))))],
  },
  atan: { id: 'atan', formula: "(\\arctan u)' = \\frac{u'}{1 + u^2}", partials: (n) => [B.div(one, B.add(one, B.pow(n.a, two)))] },
  // Piecewise constant: derivative 0 almost everywhere.
  step: { id: 'step', formula: "\\mathbb{1}[u > 0]' = 0", partials: () => [B.num(0)] },
  sign: { id: 'sign', formula: "\\operatorname{sign}'(u) = 0", partials: () => [B.num(0)] },
  leaky_step: { id: 'leaky_step', formula: "\\operatorname{lrelu}_\\alpha''(u) = 0", partials: () => [B.num(0)] },
};

/** Look up the rule of a node without losing the key/node correlation. */
export function ruleOf<K extends Op>(node: NodeOf<K>): Rule<K> {
  return RULES[node.kind as K];
}

export function localPartials(node: NodeOf<Op>): readonly Expr[] {
  return (ruleOf(node) as Rule<Op>).partials(node as never);
}
