// The formulas of a diagnosis, language-neutral (the sentences are in messages/): names as
// the sheet writes them (w¹₁₂, a₁, ŷ, δ₁; the counterexample line uses the same), small
// formulas in plain text, the activations' derivatives, and a local partial of the chain as
// the student knows it ("σ'(z₁) = a₁(1 − a₁)", "w₂", "∂J/∂ŷ = …").
import { findBinding, type Derivation } from '../derivation/model.ts';
import * as B from '../ir/build.ts';
import { substitute, variable, type Expr } from '../ir/expr.ts';
import { symbolText } from '../naming.ts';
import { textPrinter } from '../print/text.ts';
import type { Cancel } from './messages/index.ts';

/** One edge of a chain: factor = ∂of/∂wrt. */
export interface Edge {
  readonly derivation: Derivation;
  readonly of: string;
  readonly wrt: string;
  readonly factor: Expr;
  /** The factor is one operand of the edge's partial (a product), not the whole partial. */
  readonly part?: boolean;
}

export interface EdgeWords {
  readonly label: string;
  /** The edge's activation when `of` = g(wrt) for an elementwise activation g. */
  readonly activation?: ActivationKind;
  /** Why the factor does not appear in the simplified gradient, when the loss cancels it. */
  readonly cancel?: Cancel;
}

/** Every name as the sheet writes it: w1 → w₁, yhat → ŷ, W1_1_2 → w¹₁₂, delta1_2 → δ¹₂. */
export function pretty(name: string): string {
  return symbolText(name).normalize('NFC');
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const printText = textPrinter(pretty);

/** Plain text of a small expression: a₁·(1 − a₁), x², −y. */
export function plain(e: Expr): string {
  return printText(e)
    .replace(/ \* /g, '·')
    .replace(/ - /g, ' − ')
    .replace(/ \/ /g, '/')
    .replace(/(^|[\s(])-/g, '$1−')
    .replace(/\^(\d)(?![\d.(])/g, (_, d: string) => SUPERSCRIPT[Number(d)]!);
}

const inliners = new WeakMap<Derivation, Map<number, Expr>>();

/** An expression's intermediates (v, w, …) replaced by their definitions: what the student wrote. */
export function inline(d: Derivation, e: Expr): Expr {
  let map = inliners.get(d);
  if (!map) {
    map = new Map();
    for (const b of d.forward) map.set(variable(b.name).id, substitute(b.expr, map));
    inliners.set(d, map);
  }
  return substitute(e, map);
}

/** A formula as the student knows it: in the course's names for a network, inlined for an expression. */
export function label(d: Derivation, e: Expr): string {
  return plain(d.subject.kind === 'expression' ? inline(d, e) : e);
}

export type ActivationKind = 'sigmoid' | 'tanh' | 'relu' | 'softplus' | 'leaky_relu';

interface ActivationForm {
  /** The derivative's name (σ') and the function's (σ). */
  readonly prime: string;
  readonly fn: string;
  /** g′ through the unit's own activation a = g(z), as the sheet writes it: σ' = a(1 − a). */
  readonly ofOutput?: { readonly expr: (a: Expr) => Expr; readonly text: (a: string) => string };
  /** g′ at z, as an expression and as text. */
  readonly at?: { readonly expr: (z: Expr) => Expr; readonly text: (z: string) => string };
}

const one = B.num(1);

/** The course's activations and their derivatives (sheet: σ' = σ(1 − σ), tanh' = 1 − tanh², relu' = step). */
export const ACTIVATIONS: { readonly [K in ActivationKind]: ActivationForm } = {
  sigmoid: {
    prime: "σ'", fn: 'σ',
    ofOutput: { expr: (a) => B.mul(a, B.sub(one, a)), text: (a) => `${a}(1 − ${a})` },
    at: { expr: (z) => B.mul(B.sigmoid(z), B.sub(one, B.sigmoid(z))), text: (z) => `σ(${z})(1 − σ(${z}))` },
  },
  tanh: {
    prime: "tanh'", fn: 'tanh',
    ofOutput: { expr: (a) => B.sub(one, B.mul(a, a)), text: (a) => `1 − ${a}²` },
    at: { expr: (z) => B.sub(one, B.mul(B.tanh(z), B.tanh(z))), text: (z) => `1 − tanh(${z})²` },
  },
  relu: { prime: "relu'", fn: 'relu', at: { expr: (z) => B.step(z), text: (z) => `step(${z})` } },
  softplus: { prime: "softplus'", fn: 'softplus', at: { expr: (z) => B.sigmoid(z), text: (z) => `σ(${z})` } },
  leaky_relu: { prime: "leaky_relu'", fn: 'leaky_relu' },
};

export const isActivationKind = (kind: string): kind is ActivationKind => Object.hasOwn(ACTIVATIONS, kind);

/** g′(z) of a unit a = g(z), as the sheet writes it: σ'(z₁) = a₁(1 − a₁), relu'(a¹₁) = step(a¹₁). */
export function unitDerivative(kind: ActivationKind, a: string, z: string): string {
  const form = ACTIVATIONS[kind];
  const value = form.ofOutput?.text(a) ?? form.at?.text(z);
  return value ? `${form.prime}(${z}) = ${value}` : `${form.prime}(${z})`;
}

/** The activation g when `def` is g(wrt). */
export function activationOf(def: Expr | undefined, wrt: string): ActivationKind | undefined {
  if (!def || !('a' in def) || 'b' in def || def.a.kind !== 'var' || def.a.name !== wrt) return undefined;
  return isActivationKind(def.kind) ? def.kind : undefined;
}

export function describeEdge(edge: Edge): EdgeWords {
  const d = edge.derivation;
  if (edge.part) return { label: label(d, edge.factor) };
  const binding = findBinding(d, edge.of);
  const activation = activationOf(binding?.expr, edge.wrt);
  if (activation && d.subject.kind === 'expression') {
    return { label: `${ACTIVATIONS[activation].prime}(${label(d, variable(edge.wrt))})`, activation };
  }
  if (activation) {
    const { subject } = d;
    const cancels = activation === 'sigmoid' && binding?.role !== 'delta' && subject.kind === 'network' && subject.spec.loss === 'bce' && edge.of.startsWith('yhat');
    return { label: unitDerivative(activation, pretty(edge.of), pretty(edge.wrt)), activation, ...(cancels ? { cancel: 'bce-sigmoid' as const } : {}) };
  }
  if (edge.factor.kind === 'var' || edge.factor.kind === 'const' || d.subject.kind === 'expression') return { label: label(d, edge.factor) };
  return { label: `∂${pretty(edge.of)}/∂${pretty(edge.wrt)} = ${plain(edge.factor)}` };
}
