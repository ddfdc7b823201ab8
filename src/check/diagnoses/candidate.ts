// What every diagnosis is made of: a candidate mistake, tried against the claim at every
// probe point, and the setting it is tried in (the problem, its citation, the l2 term).
import type { Delta, Derivation } from '../../derivation/model.ts';
import { withPaths, type PathedGradient } from '../../derivation/paths.ts';
import { evaluate } from '../../ir/eval.ts';
import type { Expr } from '../../ir/expr.ts';
import { isWeightName } from '../../network/names.ts';
import type { NetworkSpec } from '../../network/spec.ts';
import type { Problem } from '../judge.ts';
import type { DiagnosisMessages, Ref } from '../messages/index.ts';
import { close, type Sample } from '../probe.ts';
import { pretty } from '../words.ts';

/** The stable ids of the mistakes (`--json`'s "mistake"). */
export const MISTAKE_KINDS = [
  'sign', 'missing-factor', 'extra-factor', 'missing-chain-factor', 'wrong-activation', 'activation-of-wrong-quantity',
  'missing-hidden-chain', 'index', 'swapped-indices', 'wrong-input', 'matrix-missing-gprime', 'transpose', 'shape',
  'softmax-as-sigmoid', 'softmax-one-path', 'lambda-on-bias', 'double-lambda', 'missing-lambda', 'function-for-derivative',
  'missing-product-term', 'missing-batch-mean', 'extra-batch-mean', 'other',
] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

export interface ProbePoint extends Sample {
  readonly claim: number;
}

export interface Candidate {
  readonly kind: MistakeKind;
  /** The sentence; built only for the candidate that fits. */
  readonly message: (m: DiagnosisMessages) => string;
  fits(p: ProbePoint, scale: number): boolean;
}

/** A candidate whose claim would be `value` at each point. */
export const candidate = (kind: MistakeKind, message: (m: DiagnosisMessages) => string, value: (p: ProbePoint) => number): Candidate => ({
  kind,
  message,
  fits: (p, s) => close(p.claim, value(p), s),
});

/** What the candidates of one problem share. */
export interface Setting {
  readonly problem: Problem;
  readonly d: Derivation;
  /** The gradient with its chain-rule paths (computed here, for this one gradient). */
  readonly g: PathedGradient;
  /** ∂J/∂w₁ or ∂z/∂x, with the gradient's equation. */
  readonly cite: Ref;
  /** The network, for network problems. */
  readonly spec?: NetworkSpec;
  /** The l2 term λ·w of the truth at a point (0 for biases, expressions and λ = 0). */
  readonly reg: (p: ProbePoint) => number;
  /** The sheet's equation of a δ entry. */
  readonly deltaEq: (delta: Delta) => number | undefined;
}

/** vector of an entry: a2_1 → a2; a scalar layer's z2 stays z2. */
const vectorOf = (name: string): string => name.replace(/_\d+$/, '');

/**
 * The sheet's equation of a δ entry. A network too large for the sheet's index form is
 * judged against an index form whose gradients cite their block's matrix equation
 * (run.ts, withSheetNumbers); its δ entries then cite the matrix δ of their layer.
 */
function deltaEqs(d: Derivation): (delta: Delta) => number | undefined {
  const block = (wrt: string): string => vectorOf(wrt.replace(/^W(\d+)_(\d+)_(\d+)$/, 'W$1').replace(/^w(\d+)$/, 'W$1'));
  const matrixEq = (wrt: string) => d.matrix?.gradients.find((m) => m.wrt === block(wrt))?.eq;
  const remapped = d.matrix !== undefined && d.gradients.length > 0 && d.gradients.every((g) => g.eq === matrixEq(g.wrt));
  return (delta) => (remapped ? d.matrix?.deltas.find((m) => m.of === vectorOf(delta.of))?.eq : delta.eq);
}

export function setting(problem: Problem): Setting {
  const { derivation: d, context } = problem;
  const g = withPaths(d, problem.gradient);
  if (context.kind === 'expression') {
    return { problem, d, g, cite: { what: `∂${pretty(d.output)}/∂${pretty(context.wrt)}`, eq: g.eq }, reg: () => 0, deltaEq: (x) => x.eq };
  }
  const { spec, param } = context;
  const lambda = spec.l2 > 0 && isWeightName(param) ? spec.l2 : 0;
  return { problem, d, g, spec, cite: { what: `∂J/∂${pretty(param)}`, eq: g.eq }, reg: (p) => lambda * p.env[param]!, deltaEq: deltaEqs(d) };
}

/** The value of e at a point; NaN where it cannot be evaluated (so no candidate fits there). */
export function value(e: Expr, p: { readonly env: Readonly<Record<string, number>> }): number {
  try {
    return evaluate(e, p.env);
  } catch {
    return NaN;
  }
}

/**
 * The truth with variables renamed (u → v for each pair), by evaluating it where u takes v's
 * value: the truth's intermediates are its leaves, so this is the renamed truth's value,
 * without rebuilding a large expression for every candidate.
 */
export function renamed(s: Setting, pairs: ReadonlyMap<string, string>): (p: ProbePoint) => number {
  return (p) => {
    const env: Record<string, number> = Object.create(p.env) as Record<string, number>;
    for (const [u, v] of pairs) env[u] = p.env[v]!;
    return value(s.problem.truth, { env });
  };
}
