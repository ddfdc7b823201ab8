// Judge a claimed derivative: equivalent, not equivalent (with a counterexample and, when a
// common mistake fits, a diagnosis) or undecided (with the reason). Never a wrong "not
// equivalent": the verdict rests on finite values at valid points only, compared with the
// independent numeric engine (networks) or the derivation's result (expressions).
import type { Derivation, Gradient } from '../derivation/model.ts';
import { evaluate } from '../ir/eval.ts';
import { dagSize, freeVars, type Expr } from '../ir/expr.ts';
import { flatParams } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import { diagnose, type Lang, type ProbePoint } from './diagnose.ts';
import { close, expressionDomain, kinkArguments, nearKink, networkDomain, seededRng, type Domain } from './probe.ts';
import { confirmSymbolically, regularisedTruth } from './symbolic.ts';

export type Verdict = 'equivalent' | 'not equivalent' | 'undecided';

export interface Counterexample {
  readonly point: Readonly<Record<string, number>>;
  readonly claim: number;
  readonly truth: number;
}

export interface Judgement {
  readonly verdict: Verdict;
  /** How the verdict was reached, e.g. "numeric probing at 64 points, confirmed symbolically (rational normal form)". */
  readonly method: string;
  /** Points at which claim and truth were compared. */
  readonly probes: number;
  readonly counterexample?: Counterexample;
  /** One sentence naming the mistake and citing the gradient's equation number. */
  readonly diagnosis?: string;
  /** The kind of the named mistake (sign, missing-factor, ...): stable, for tools. */
  readonly mistake?: string;
  /** Why the verdict is undecided. */
  readonly reason?: string;
}

export interface JudgeOptions {
  /** Time budget per claim in ms (default 2000); the clock is read between probes. */
  readonly budgetMs?: number;
  /** Number of probe points (default 64, at least 1). */
  readonly probes?: number;
  /** Seed of the point generator (default 1): same seed, same judgement. */
  readonly seed?: number;
  /** Language of the diagnosis (default English). */
  readonly lang?: Lang;
}

/** Claims larger than this (distinct nodes) are not evaluated. */
export const MAX_CLAIM_NODES = 5000;
/** Draws per wanted point before giving up (invalid points are re-drawn). */
const DRAWS_PER_POINT = 20;

const undecided = (reason: string, probes = 0): Judgement => ({ verdict: 'undecided', method: 'none', probes, reason });

const sig4 = (v: number): number => Number(v.toPrecision(4));

/** ∂J/∂param for a network, from its derivation (re-derived with the index form if it lacks one). */
export function judgeNetworkClaim(spec: NetworkSpec, derivation: Derivation, param: string, claim: Expr, options: JudgeOptions = {}): Judgement {
  if (!flatParams(spec).includes(param)) throw new UserError(`unknown parameter ${param} (known: ${flatParams(spec).join(', ')})`);
  const gradient = derivation.gradients.find((g) => g.wrt === param);
  if (!gradient || derivation.forward.length === 0) {
    return undecided(`the derivation has no index form for ${param}: derive it with indexForm 'always'`);
  }
  const domain = networkDomain(spec, derivation, param);
  const truth = regularisedTruth(spec, param, gradient.result);
  return judge({ derivation, gradient, domain, claim, truth, context: { kind: 'network', spec, param } }, options);
}

/** ∂output/∂wrt for a scalar expression derived by deriveExpression. */
export function judgeExpressionClaim(derivation: Derivation, wrt: string, claim: Expr, options: JudgeOptions = {}): Judgement {
  const gradient = derivation.gradients.find((g) => g.wrt === wrt);
  if (!gradient) throw new UserError(`no derivative with respect to ${wrt} (derived: ${derivation.gradients.map((g) => g.wrt).join(', ')})`);
  const domain = expressionDomain(derivation, wrt);
  return judge({ derivation, gradient, domain, claim, truth: gradient.result, context: { kind: 'expression', wrt } }, options);
}

export type JudgeContext =
  | { readonly kind: 'network'; readonly spec: NetworkSpec; readonly param: string }
  | { readonly kind: 'expression'; readonly wrt: string };

export interface Problem {
  readonly derivation: Derivation;
  readonly gradient: Gradient;
  readonly domain: Domain;
  readonly claim: Expr;
  /** The true derivative as an expression over the derivation's names (for the symbolic check). */
  readonly truth: Expr;
  readonly context: JudgeContext;
}

type Probed = { readonly points: ProbePoint[] } | { readonly stop: string; readonly count: number };

function judge(problem: Problem, options: JudgeOptions): Judgement {
  const { claim, domain } = problem;
  const size = dagSize([claim]);
  if (size > MAX_CLAIM_NODES) return undecided(`the claim has ${size} distinct nodes, more than the ${MAX_CLAIM_NODES} the checker evaluates`);
  const unknown = freeVars(claim).filter((v) => !domain.names.has(v));
  if (unknown.length) return undecided(`the claim uses unknown names: ${unknown.join(', ')} (known: ${[...domain.names].join(', ')})`);
  const deadline = Date.now() + (options.budgetMs ?? 2000);
  const probed = probe(problem, options.probes ?? 64, options.seed ?? 1, deadline);
  if ('stop' in probed) return undecided(probed.stop, probed.count);
  const { points } = probed;
  const scale = Math.max(0, ...points.map((p) => Math.abs(p.truth)));
  // The counterexample shown is the point of largest disagreement: the most convincing one.
  const bad = points
    .filter((p) => !close(p.claim, p.truth, scale))
    .reduce<ProbePoint | undefined>((best, p) => (best && Math.abs(best.claim - best.truth) >= Math.abs(p.claim - p.truth) ? best : p), undefined);
  const numeric = `numeric probing at ${points.length} points`;
  if (bad) {
    const point = Object.fromEntries(domain.coordinates.map((c) => [c, sig4(bad.env[c]!)]));
    const counterexample = { point, claim: bad.claim, truth: bad.truth };
    const diagnosis = diagnose(problem, points, scale, options.lang ?? 'en');
    const named = diagnosis ? { diagnosis: diagnosis.message, mistake: diagnosis.kind } : {};
    return { verdict: 'not equivalent', method: numeric, probes: points.length, counterexample, ...named };
  }
  const symbolic = Date.now() < deadline ? confirmSymbolically(problem.derivation, claim, problem.truth) : false;
  const method = symbolic ? `${numeric}, confirmed symbolically (rational normal form)` : `${numeric} (numeric only: the symbolic check was inconclusive)`;
  return { verdict: 'equivalent', method, probes: points.length };
}

/** Evaluate claim and truth at `wanted` valid points, re-drawing invalid ones, within the deadline. */
function probe(problem: Problem, wanted: number, seed: number, deadline: number): Probed {
  const rng = seededRng(seed);
  const kinks = kinkArguments([problem.claim]);
  const points: ProbePoint[] = [];
  let unevaluable = 0;
  for (let draws = 0; points.length < wanted; draws++) {
    if (Date.now() >= deadline) return { stop: `time budget exhausted after ${points.length} of ${wanted} probes`, count: points.length };
    if (draws >= wanted * DRAWS_PER_POINT) {
      const why = unevaluable > 0 ? `the claim is not finite at ${unevaluable} valid points` : 'too few valid points on the domain';
      return { stop: `${why}: only ${points.length} of ${wanted} probes`, count: points.length };
    }
    const sample = problem.domain.draw(rng);
    if (!sample) continue;
    let value: number;
    try {
      if (nearKink(kinks, sample.env)) continue;
      value = evaluate(problem.claim, sample.env);
    } catch (e) {
      return { stop: `the claim cannot be evaluated: ${(e as Error).message}`, count: points.length };
    }
    if (!Number.isFinite(value)) {
      unevaluable++;
      continue;
    }
    points.push({ ...sample, claim: value });
  }
  return { points };
}
