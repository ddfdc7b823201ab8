// The batch notation's evaluator: a batch of n examples drawn on a network's valid domain
// (shared parameters, each example its own inputs and targets), every name of the
// derivation evaluated per example, and a batch claim evaluated there: n is the batch size
// and each sum(e) is Σ over the examples of e with that example's values.
import type { Derivation } from '../derivation/model.ts';
import { engineLossAndGrad } from '../engine/network.ts';
import { evaluate } from '../ir/eval.ts';
import { freeVars, type Expr } from '../ir/expr.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import type { BatchClaim } from './claim.ts';
import { bindAll, drawTargets, kinkArguments, nearKink, networkCoordinates, uniform } from './probe.ts';

/** Probe batches have this many examples. */
export const BATCH_N = 3;

export interface BatchSample {
  /** Parameters, shared by the examples. */
  readonly params: Readonly<Record<string, number>>;
  /** Per example: every name of the derivation (parameters, inputs, targets, intermediates, deltas). */
  readonly examples: readonly Readonly<Record<string, number>>[];
  /** ∂J/∂param for the batch, from the engine (1/n of the mean reduction, λ·w of l2 included). */
  readonly truth: number;
}

export interface BatchDomain {
  readonly params: readonly string[];
  /** Names a summand may use. */
  readonly names: ReadonlySet<string>;
  /** Per-example coordinates (inputs, targets). */
  readonly coordinates: readonly string[];
  draw(rng: () => number): BatchSample | undefined;
}

/** θ and every x uniform in [−2, 2], n = BATCH_N examples; truth from the engine on the whole batch. */
export function batchDomain(spec: NetworkSpec, d: Derivation, param: string): BatchDomain {
  const { params, outputs, inputs, targets, kinks, all } = networkCoordinates(spec, d);
  const index = params.indexOf(param);
  return {
    params,
    names: all,
    coordinates: [...inputs, ...targets],
    draw(rng) {
      const theta = Float64Array.from(params, () => uniform(rng, -2, 2));
      const shared: Record<string, number> = {};
      params.forEach((p, i) => (shared[p] = theta[i]!));
      const X = new Float64Array(BATCH_N * inputs.length);
      const Y = new Float64Array(BATCH_N * outputs);
      const examples: Record<string, number>[] = [];
      for (let e = 0; e < BATCH_N; e++) {
        const env: Record<string, number> = { ...shared };
        inputs.forEach((p, j) => (env[p] = X[e * inputs.length + j] = uniform(rng, -2, 2)));
        drawTargets(spec, rng, outputs).forEach((v, j) => (env[targets[j]!] = Y[e * outputs + j] = v));
        if (!bindAll(d.forward, env) || nearKink(kinks, env) || !bindAll(d.deltas, env)) return undefined;
        examples.push(env);
      }
      const truth = engineLossAndGrad(spec, theta, X, Y, BATCH_N).grad[index]!;
      return Number.isFinite(truth) ? { params: shared, examples, truth } : undefined;
    },
  };
}

/** Names outside sum(...) must be parameters or n; inside, any name of the domain. Throws a UserError. */
export function checkBatchNames(claim: BatchClaim, domain: BatchDomain, source = 'claim'): void {
  const sums = new Set(claim.sums.map((s) => s.name));
  const outside = freeVars(claim.outer).filter((v) => v !== 'n' && !sums.has(v) && !domain.params.includes(v));
  if (outside.length) {
    throw new UserError(`${source}: ${outside.join(', ')} ${outside.length === 1 ? 'is a value' : 'are values'} of one example: in a batch claim write ${outside.length === 1 ? 'it' : 'them'} inside sum(...)`);
  }
  const unknown = claim.sums.flatMap((s) => freeVars(s.expr)).filter((v) => v !== 'n' && !domain.names.has(v));
  if (unknown.length) throw new UserError(`${source}: unknown names ${[...new Set(unknown)].join(', ')} in a sum`);
}

/** The kink arguments of the summands (a probe batch stays away from their zeros). */
export function batchKinks(claim: BatchClaim): Expr[] {
  return kinkArguments(claim.sums.map((s) => s.expr));
}

/** The claim's value on a batch; NaN when an example is too near a kink of a summand. */
export function evaluateBatch(claim: BatchClaim, sample: BatchSample, kinks: readonly Expr[] = batchKinks(claim)): number {
  const n = sample.examples.length;
  const env: Record<string, number> = { ...sample.params, n };
  for (const s of claim.sums) {
    let total = 0;
    for (const example of sample.examples) {
      const ex = { ...example, n };
      if (nearKink(kinks, ex)) return NaN;
      total += evaluate(s.expr, ex);
    }
    env[s.name] = total;
  }
  return evaluate(claim.outer, env);
}
