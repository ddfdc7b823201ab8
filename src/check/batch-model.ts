// Batch claims in high precision: a probe point is a batch of BATCH_N examples (shared θ, each
// example its own inputs and targets), drawn moderate or at every scale like a single example
// (probe.ts). The truth is the derivation's per-example gradient summed over the batch, with
// the spec's 1/n (reduction "mean") and λ·w; the claim is its outer expression over θ, n and
// each sum(e) = Σ over the examples of e. Both in ball arithmetic; the float engine checks the
// truth on the whole batch at the moderate points.
import type { Derivation } from '../derivation/model.ts';
import { add, div, isFault, mul, precision, type Ball, type BallValue, type Fault } from '../engine/ball.ts';
import { BallProgram, constBall } from '../engine/ball-eval.ts';
import { engineLossAndGrad } from '../engine/network.ts';
import type { Expr } from '../ir/expr.ts';
import { fromNumber } from '../ir/q.ts';
import { flatParams, isWeightName } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { BATCH_N } from './batch.ts';
import type { BatchClaim } from './claim.ts';
import type { Spend } from './budget.ts';
import { claimSyntaxNames } from './claim-syntax.ts';
import { toNumber, type Comparand, type Values } from './compare.ts';
import { PointSet, type BasePoint, type Model } from './points.ts';
import { BASE_DIGITS } from './precision.ts';
import { anyScale, close, continuousTargets, drawTargets, kinkArguments, NETWORK_SCALE, networkCoordinates, probeBindings, uniform, type Domain } from './probe.ts';
import { programFor, type Subject } from './subject.ts';

/** A batch point's coordinates: θ, then each example's inputs and targets. */
export function batchModel(spec: NetworkSpec, d: Derivation): Model & Domain {
  const { params, outputs, inputs, targets } = networkCoordinates(spec, d);
  const bindings = probeBindings(d);
  const perExample = [...inputs, ...targets];
  const coordinates = [...params, ...Array.from({ length: BATCH_N }, (_, e) => perExample.map((c) => `${c}(${e + 1})`)).flat()];
  const continuous = continuousTargets(spec);
  return {
    names: new Set([...params, ...inputs, ...targets, ...bindings.map((b) => b.name)]),
    coordinates,
    scale: NETWORK_SCALE,
    scannable: [...params.map(() => true), ...Array.from({ length: BATCH_N }, () => perExample.map((_, j) => j < inputs.length || continuous)).flat()],
    bindings,
    examples(x) {
      return Array.from({ length: BATCH_N }, (_, e) => {
        const at = params.length + e * perExample.length;
        // n is a name of each example too: a summand may use it.
        return new Map([...params.map((p, i) => [p, x[i]!] as const), ...perExample.map((c, j) => [c, x[at + j]!] as const), ['n', BATCH_N] as const]);
      });
    },
    draw(rng, wide) {
      const value = (): number => (wide ? anyScale(rng, NETWORK_SCALE) : uniform(rng, -2, 2));
      const theta = params.map(value);
      const examples = Array.from({ length: BATCH_N }, () => [...inputs.map(value), ...drawTargets(spec, rng, outputs, wide)]);
      return Float64Array.from([...theta, ...examples.flat()]);
    },
  };
}

const subjects = new WeakMap<Derivation, Subject>();

export function batchSubject(spec: NetworkSpec, d: Derivation): Subject {
  let s = subjects.get(d);
  if (!s) {
    const model = batchModel(spec, d);
    subjects.set(d, (s = { model, points: new PointSet(model), spec }));
  }
  return s;
}

/** Σ over the examples of each root of `program`, at x. */
function sums(s: Subject, x: Float64Array, digits: number, program: BallProgram, work: Spend, key?: string): BallValue[] | Fault {
  const P = precision(digits);
  const values = s.points.values(x, P, program, work, key);
  if ('fault' in values) return values;
  return values[0]!.map((_, k) => values.reduce<BallValue>((acc, ex) => (isFault(acc) ? acc : isFault(ex[k]!) ? ex[k]! : add(P, acc, ex[k] as Ball)), P.exactBall(0)));
}

/** The batch truth at x: (1/n) Σ_e g_e + λ·w (no 1/n for the sum reduction; λ·w for weights only). */
function batchTruth(s: Subject, spec: NetworkSpec, param: string, result: Expr, x: Float64Array, digits: number, work: Spend): BallValue | Fault {
  const P = precision(digits);
  const summed = sums(s, x, digits, programFor([result]), work, `batch-truth:${result.id}`);
  if ('fault' in summed) return summed;
  let truth = summed[0]!;
  if (spec.reduction !== 'sum') truth = div(P, truth, P.exactBall(BATCH_N));
  if (spec.l2 > 0 && isWeightName(param) && !isFault(truth)) {
    const envs = s.points.envs(x, P, work);
    if ('fault' in envs) return envs;
    const w = envs[0]!.get(param)!;
    if (isFault(w)) return w;
    truth = add(P, truth, mul(P, constBall(P, fromNumber(spec.l2)), w));
  }
  return truth;
}

/** The batch claim against the batch truth. */
export function batchComparand(s: Subject, spec: NetworkSpec, param: string, result: Expr, claim: BatchClaim): Comparand {
  const summands = new BallProgram([], claim.sums.map((t) => t.expr));
  const outer = new BallProgram([], [claim.outer]);
  return {
    saturation: (x, work) => s.points.saturation(x, work),
    at(x, digits, work): Values | Fault {
      const P = precision(digits);
      const truth = batchTruth(s, spec, param, result, x, digits, work);
      if (isFault(truth)) return truth;
      const summed = claim.sums.length ? sums(s, x, digits, summands, work) : [];
      if ('fault' in summed) return summed;
      const envs = s.points.envs(x, P, work);
      if ('fault' in envs) return envs;
      const env = new Map<string, BallValue>([...envs[0]!].filter(([k]) => !claim.sums.some((t) => t.name === k)));
      claim.sums.forEach((t, k) => env.set(t.name, summed[k]!));
      const run = outer.run(P, env);
      work.spend(run.cost);
      return { claim: [run.roots[0]!], truth: [truth] };
    },
  };
}

/** The counterexample's names: θ in claim syntax, then x(1), y(1), … per example. */
export function batchNames(spec: NetworkSpec, s: Subject): string[] {
  const names = claimSyntaxNames(spec);
  return s.model.coordinates.map((c) => {
    const m = /^(.*)\((\d+)\)$/.exec(c);
    return m ? `${names.get(m[1]!) ?? m[1]}(${m[2]})` : (names.get(c) ?? c);
  });
}

/** The engine's batch gradient against the batch truth at the moderate points: an internal error if they disagree. */
export function batchCrossCheck(s: Subject, spec: NetworkSpec, param: string, index: number, result: Expr, base: readonly BasePoint[], work: Spend): string | undefined {
  const p = flatParams(spec).length;
  const perExample = (s.model.coordinates.length - p) / BATCH_N;
  const kinks = kinkArguments([result, ...s.model.bindings.map((b) => b.expr)]);
  for (const point of base.filter((b) => b.moderate)) {
    // Floats may put an example within rounding of a kink on the other side: not compared there.
    if (s.points.floats(point.x, kinks, work).some((r) => r.roots.some((v) => Math.abs(v) < 1e-6))) continue;
    const theta = point.x.subarray(0, p);
    const X = Float64Array.from({ length: BATCH_N * spec.input }, (_, k) => point.x[p + Math.floor(k / spec.input) * perExample + (k % spec.input)]!);
    const outputs = perExample - spec.input;
    const Y = Float64Array.from({ length: BATCH_N * outputs }, (_, k) => point.x[p + Math.floor(k / outputs) * perExample + spec.input + (k % outputs)]!);
    const grad = engineLossAndGrad(spec, theta, X, Y, BATCH_N).grad;
    work.spend(grad.length);
    const derived = toNumber(batchTruth(s, spec, param, result, point.x, BASE_DIGITS, work) as BallValue);
    const scale = Math.max(1, ...Array.from(grad, Math.abs));
    if (Number.isFinite(derived) && !close(derived, grad[index]!, scale)) {
      return `internal error: the derivation and the numeric engine disagree on ∂J/∂${param} for a batch at a moderate point (derivation ${derived}, engine ${grad[index]}); no verdict`;
    }
  }
  return undefined;
}
