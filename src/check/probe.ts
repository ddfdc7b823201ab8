// Where claims are probed: the models (points.ts) of a network's example and of a scalar
// expression. Half the points are moderate (every coordinate of order 1, where the float
// engine is trusted as a cross-check and a diagnosis compares floats), half are drawn at
// every scale: each coordinate ±10^u, u uniform from −3 to log10 of the model's largest
// scale (100 for a network's parameters and inputs, 300 for an expression's variables), so
// that a claim wrong only for tiny or huge values is caught. Targets are drawn as the loss
// wants them: {0, 1} for bce, one-hot for the cross-entropies, reals otherwise.
import type { Derivation } from '../derivation/model.ts';
import { engineLossAndGrad } from '../engine/network.ts';
import { evaluate } from '../ir/eval.ts';
import { freeVars, topoOrder, type Expr } from '../ir/expr.ts';
import { flatParams, networkNames } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { mulberry32 } from '../train/rng.ts';
import type { Model } from './points.ts';

/** The probes' generator: the project's seeded RNG. */
export const seededRng = mulberry32;

/** Float comparisons (diagnoses, the engine cross-check): relative tolerance, plus ABS_TOL × the scale of the truth. */
export const REL_TOL = 1e-6;
export const ABS_TOL = 1e-9;

/** a ≈ b relative to their size and to the scale of the truth (floats: for diagnoses, never for verdicts). */
export function close(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b)) + ABS_TOL * scale + 1e-300;
}

/** Floats closer than this to a kink are not trusted to be on the same side as the exact value. */
export const KINK_MARGIN = 1e-3;

/** The smallest magnitude drawn at every scale. */
export const SCALE_MIN = 1e-3;
/** The largest |parameter| and |input| of a network drawn at every scale. */
export const NETWORK_SCALE = 100;
/** The largest |variable| of an expression drawn at every scale. */
export const EXPRESSION_SCALE = 300;

/** One probe point in floats: the value of every name, and the true derivative there. */
export interface Sample {
  readonly env: Readonly<Record<string, number>>;
  readonly truth: number;
  /** The whole gradient (networks, moderate points only), laid out like θ: other parameters' derivatives. */
  readonly grad?: Float64Array;
}

/** The names a claim may use and the coordinates of a point. */
export interface Domain {
  readonly names: ReadonlySet<string>;
  readonly coordinates: readonly string[];
}

const KINKS = new Set(['relu', 'abs', 'step', 'sign', 'leaky_relu', 'leaky_step']);

/** The arguments of every non-differentiable op in the roots: the breakpoints are their zeros. */
export function kinkArguments(roots: readonly Expr[]): Expr[] {
  return topoOrder(roots)
    .filter((n) => KINKS.has(n.kind))
    .map((n) => (n as Expr & { a: Expr }).a);
}

export function nearKink(args: readonly Expr[], env: Readonly<Record<string, number>>): boolean {
  return args.some((a) => Math.abs(evaluate(a, env)) < KINK_MARGIN);
}

export const uniform = (rng: () => number, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** ±10^u with u uniform in [log10 SCALE_MIN, log10 max]: every scale equally often. */
export function anyScale(rng: () => number, max: number, positive = false): number {
  const magnitude = 10 ** uniform(rng, Math.log10(SCALE_MIN), Math.log10(max));
  const negative = rng() < 0.5;
  return positive || !negative ? magnitude : -magnitude;
}

/** Evaluate bindings in order into env; false when a value is not finite. */
export function bindAll(bindings: readonly { name: string; expr: Expr }[], env: Record<string, number>): boolean {
  for (const b of bindings) {
    const v = evaluate(b.expr, env);
    if (!Number.isFinite(v)) return false;
    env[b.name] = v;
  }
  return true;
}

/** Are the targets continuous (scanned for breakpoints, drawn at every scale)? */
export const continuousTargets = (spec: NetworkSpec): boolean =>
  spec.loss !== 'bce' && spec.loss !== 'cross_entropy' && spec.loss !== 'cross_entropy_with_logits';

/** Targets of one example: {0, 1} for bce, a one-hot row for the cross-entropies, reals otherwise. */
export function drawTargets(spec: NetworkSpec, rng: () => number, count: number, wide = false): number[] {
  if (spec.loss === 'bce') return Array.from({ length: count }, () => (rng() < 0.5 ? 0 : 1));
  if (!continuousTargets(spec)) {
    const hot = Math.min(count - 1, Math.floor(rng() * count));
    return Array.from({ length: count }, (_, i) => (i === hot ? 1 : 0));
  }
  return Array.from({ length: count }, () => (wide ? anyScale(rng, NETWORK_SCALE) : uniform(rng, -2, 2)));
}

/** What a network's probe points are made of: θ, one example's inputs and targets, every name a claim may use. */
export function networkCoordinates(spec: NetworkSpec, d: Derivation) {
  const params = flatParams(spec);
  const names = networkNames(spec);
  const outputs = spec.layers[spec.layers.length - 1]!.units;
  const inputs = Array.from({ length: spec.input }, (_, j) => names.input(j + 1));
  const targets = Array.from({ length: outputs }, (_, i) => names.target(i + 1));
  const kinks = kinkArguments(d.forward.map((b) => b.expr));
  const all = new Set([...params, ...inputs, ...targets, ...d.forward.map((b) => b.name), ...d.deltas.map((b) => b.name)]);
  return { params, outputs, inputs, targets, kinks, all };
}

/** A float domain: draws a point where every binding is finite (undefined when the draw must be redone). */
export interface FloatDomain extends Domain {
  draw(rng: () => number): Sample | undefined;
}

/**
 * A network's float domain (θ and x uniform in [−2, 2] away from kinks, the truth and the
 * whole gradient from the engine): for float tooling such as the diagnoses' tests. Verdicts
 * use networkModel and ball arithmetic instead.
 */
export function networkDomain(spec: NetworkSpec, d: Derivation, param: string): FloatDomain {
  const { params, outputs, inputs, targets, kinks, all } = networkCoordinates(spec, d);
  const index = params.indexOf(param);
  return {
    names: all,
    coordinates: [...params, ...inputs, ...targets],
    draw(rng) {
      const theta = Float64Array.from(params, () => uniform(rng, -2, 2));
      const X = Float64Array.from(inputs, () => uniform(rng, -2, 2));
      const Y = Float64Array.from(drawTargets(spec, rng, outputs));
      const env: Record<string, number> = {};
      params.forEach((p, i) => (env[p] = theta[i]!));
      inputs.forEach((p, i) => (env[p] = X[i]!));
      targets.forEach((p, i) => (env[p] = Y[i]!));
      if (!bindAll(d.forward, env) || nearKink(kinks, env) || !bindAll(d.deltas, env)) return undefined;
      const { grad } = engineLossAndGrad(spec, theta, X, Y, 1);
      const truth = grad[index]!;
      return Number.isFinite(truth) ? { env, truth, grad } : undefined;
    },
  };
}

/**
 * The bindings a network's probe point evaluates: the forward pass and the deltas, not the
 * loss J itself (no claim or gradient reads it, and its logarithms would cost every point).
 */
export function probeBindings(d: Derivation): Derivation['forward'] {
  return [...d.forward.filter((b) => b.role !== 'output'), ...d.deltas];
}

/** A network's example: θ and x moderate in [−2, 2] or at every scale up to NETWORK_SCALE; n = 1. */
export function networkModel(spec: NetworkSpec, d: Derivation): Model & Domain {
  const { params, outputs, inputs, targets } = networkCoordinates(spec, d);
  const coordinates = [...params, ...inputs, ...targets];
  const continuous = continuousTargets(spec);
  const bindings = probeBindings(d);
  return {
    names: new Set([...params, ...inputs, ...targets, ...bindings.map((b) => b.name)]),
    coordinates,
    scale: NETWORK_SCALE,
    scannable: coordinates.map((_, i) => i < params.length + inputs.length || continuous),
    bindings,
    examples: (x) => [new Map(coordinates.map((c, i) => [c, x[i]!]))],
    draw(rng, wide) {
      const value = (): number => (wide ? anyScale(rng, NETWORK_SCALE) : uniform(rng, -2, 2));
      return Float64Array.from([...params.map(value), ...inputs.map(value), ...drawTargets(spec, rng, outputs, wide)]);
    },
  };
}

/**
 * A scalar expression's variables: moderate in [−3, 3] away from 0 (or in [0.1, 3] when
 * positive), or at every scale up to EXPRESSION_SCALE.
 */
export function expressionModel(d: Derivation): Model & Domain {
  if (d.subject.kind !== 'expression') throw new Error('expressionModel needs an expression derivation');
  const vars = freeVars(d.subject.expr);
  return {
    names: new Set([...vars, ...d.forward.map((b) => b.name)]),
    coordinates: vars,
    scale: EXPRESSION_SCALE,
    scannable: vars.map(() => true),
    bindings: d.forward,
    examples: (x) => [new Map(vars.map((v, i) => [v, x[i]!]))],
    draw(rng, wide, positive) {
      return Float64Array.from(vars, () => {
        if (wide) return anyScale(rng, EXPRESSION_SCALE, positive);
        if (positive) return uniform(rng, 0.1, 3);
        const x = uniform(rng, -3, 3);
        return Math.abs(x) < 0.05 ? 0.05 + rng() : x;
      });
    },
  };
}
