// Probe points for the claim checker: a seeded generator, points drawn on the valid domain
// of a network (parameters, one example, its targets) or of a scalar expression, and every
// named quantity of the derivation evaluated there, so that a claim may use any of them.
import type { Derivation } from '../derivation/model.ts';
import { engineLossAndGrad } from '../engine/network.ts';
import { evaluate } from '../ir/eval.ts';
import { freeVars, topoOrder, type Expr } from '../ir/expr.ts';
import { flatParams, networkNames } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { mulberry32 } from '../train/rng.ts';

/** The probes' generator: the project's seeded RNG. */
export const seededRng = mulberry32;

/** Relative tolerance; plus an absolute floor of ABS_TOL × the largest |truth| over the points. */
export const REL_TOL = 1e-6;
export const ABS_TOL = 1e-9;

/** a ≈ b relative to their size and to the scale of the truth. */
export function close(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b)) + ABS_TOL * scale + 1e-300;
}

/** Points closer than this to a kink of relu, abs, step or sign are re-drawn. */
export const KINK_MARGIN = 1e-3;

/** One probe point: the value of every name, and the true derivative there. */
export interface Sample {
  readonly env: Readonly<Record<string, number>>;
  readonly truth: number;
  /** The whole gradient (networks only), laid out like θ: other parameters' derivatives. */
  readonly grad?: Float64Array;
}

/** Where to probe: draws a valid point (undefined when the draw must be redone). */
export interface Domain {
  /** Names a claim may use. */
  readonly names: ReadonlySet<string>;
  /** The free coordinates of a point (parameters, inputs, targets): a counterexample shows these. */
  readonly coordinates: readonly string[];
  draw(rng: () => number): Sample | undefined;
}

const KINKS = new Set(['relu', 'abs', 'step', 'sign', 'leaky_relu', 'leaky_step']);

/** The arguments of every non-differentiable op in the roots: probe points stay away from their zeros. */
export function kinkArguments(roots: readonly Expr[]): Expr[] {
  return topoOrder(roots)
    .filter((n) => KINKS.has(n.kind))
    .map((n) => (n as Expr & { a: Expr }).a);
}

export function nearKink(args: readonly Expr[], env: Readonly<Record<string, number>>): boolean {
  return args.some((a) => Math.abs(evaluate(a, env)) < KINK_MARGIN);
}

export const uniform = (rng: () => number, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** Evaluate bindings in order into env; false when a value is not finite. */
export function bindAll(bindings: readonly { name: string; expr: Expr }[], env: Record<string, number>): boolean {
  for (const b of bindings) {
    const v = evaluate(b.expr, env);
    if (!Number.isFinite(v)) return false;
    env[b.name] = v;
  }
  return true;
}

/** Targets of one example: {0, 1} for bce, a one-hot row for the cross-entropies, reals otherwise. */
export function drawTargets(spec: NetworkSpec, rng: () => number, count: number): number[] {
  if (spec.loss === 'bce') return Array.from({ length: count }, () => (rng() < 0.5 ? 0 : 1));
  if (spec.loss === 'cross_entropy' || spec.loss === 'cross_entropy_with_logits') {
    const hot = Math.min(count - 1, Math.floor(rng() * count));
    return Array.from({ length: count }, (_, i) => (i === hot ? 1 : 0));
  }
  return Array.from({ length: count }, () => uniform(rng, -2, 2));
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

/** A network's domain: θ and x uniform in [−2, 2], one example (n = 1); truth from the engine. */
export function networkDomain(spec: NetworkSpec, d: Derivation, param: string): Domain {
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
 * A scalar expression's domain: each variable uniform in [−3, 3] away from 0; where the
 * function or its derivative is not finite there (log, sqrt, x^y of a negative), the point
 * is drawn again with every variable in [0.1, 3].
 */
export function expressionDomain(d: Derivation, wrt: string): Domain {
  if (d.subject.kind !== 'expression') throw new Error('expressionDomain needs an expression derivation');
  const vars = freeVars(d.subject.expr);
  const gradient = d.gradients.find((g) => g.wrt === wrt);
  if (!gradient) throw new Error(`no gradient with respect to ${wrt}`);
  const kinks = kinkArguments([...d.forward.map((b) => b.expr), gradient.result]);
  const attempt = (rng: () => number, lo: number): Sample | undefined => {
    const env: Record<string, number> = {};
    for (const v of vars) {
      let x = uniform(rng, lo, 3);
      if (Math.abs(x) < 0.05) x = 0.05 + rng();
      env[v] = x;
    }
    if (!bindAll(d.forward, env) || nearKink(kinks, env)) return undefined;
    const truth = evaluate(gradient.result, env);
    return Number.isFinite(truth) ? { env, truth } : undefined;
  };
  return {
    names: new Set([...vars, ...d.forward.map((b) => b.name)]),
    coordinates: vars,
    draw: (rng) => attempt(rng, -3) ?? attempt(rng, 0.1),
  };
}
