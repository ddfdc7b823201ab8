// Judge a claimed derivative: equivalent, not equivalent (with a counterexample and, when a
// common mistake fits, a diagnosis) or undecided (with the reason). A verdict is a pipeline:
//   1. the claim's size and names are checked;
//   2. points are drawn over the whole domain (half moderate, half at every scale) and
//      placed beside the breakpoints of every kink of the claim and of the truth;
//   3. at each point claim and truth are evaluated in ball arithmetic (engine/ball.ts) with
//      60 digits or more: a difference is certain, or both agree within T = 1e-30, or the
//      point is evaluated again with more digits (precision.ts);
//   4. a claim that differs anywhere, or cannot be evaluated where the truth can, is not
//      equivalent; one that agrees everywhere is equivalent, "proved symbolically" if the
//      exact normal form also proves claim − truth = 0, numerically equivalent otherwise.
// The truth is the derivation's result (networks: its bindings evaluated in the same
// arithmetic); for networks the independent float engine checks it at the moderate points,
// and a disagreement there is an internal error, never a verdict. The budget counts work
// (budget.ts), so the same claim gets the same verdict on any machine.
import type { Derivation, Gradient } from '../derivation/model.ts';
import { dagSize, freeVars, type Expr } from '../ir/expr.ts';
import { flatParams } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import { OutOfBudget, Work, type Spend } from './budget.ts';
import { claimSyntaxName, claimSyntaxNames } from './claim-syntax.ts';
import { compareAll, toNumber, type Comparand, type Tally } from './compare.ts';
import { diagnose, type Lang, type ProbePoint } from './diagnose.ts';
import { MAX_START_DIGITS, settingsFor, type Settings } from './precision.ts';
import { close, type Domain } from './probe.ts';
import { breakpointPoints, crossCheck, drawnPoints, engineGradients, entryComparand, expressionSubject, floatEnvs, networkSubject, type Subject } from './subject.ts';
import { proveSymbolically, regularisedTruth, SYMBOLIC_METHOD } from './symbolic.ts';
import { counterexampleOf, differenceText, enoughPoints, equivalentText, faultOf, pickPoint, shownPoint } from './verdict.ts';

export type Verdict = 'equivalent' | 'not equivalent' | 'undecided';

export interface Counterexample {
  /** Coordinates in claim syntax (W1[1][2], b1[2], x[1]; an expression's own variables). */
  readonly point: Readonly<Record<string, number>>;
  /** NaN when the claim cannot be evaluated there. */
  readonly claim: number;
  readonly truth: number;
}

export interface Judgement {
  readonly verdict: Verdict;
  /** How the verdict was reached: "proved symbolically (exact normal form); …", "numerically equivalent at 96 points (…)". */
  readonly method: string;
  /** Points at which claim and truth were compared. */
  readonly probes: number;
  /** What a decided verdict rests on: an exact proof, or numbers (a certain difference, or agreement within the tolerance). */
  readonly proof?: 'symbolic' | 'numeric';
  readonly counterexample?: Counterexample;
  /** One sentence naming the mistake and citing the gradient's equation number. */
  readonly diagnosis?: string;
  /** The kind of the named mistake (sign, missing-factor, ...): stable, for tools. */
  readonly mistake?: string;
  /** Why the verdict is undecided, or why the claim cannot be evaluated where the truth can. */
  readonly reason?: string;
}

export interface JudgeOptions {
  /** Work budget per claim, in units (budget.ts; default WORK_BUDGET). */
  readonly budget?: number;
  /** The wall-clock safety net in ms (default 60 s): a limit far above any claim, not a budget. */
  readonly safetyNetMs?: number;
  /** Number of drawn probe points (default 64, at least 1); breakpoint probes come on top. */
  readonly probes?: number;
  /** Seed of the point generator (default 1): same seed, same judgement. */
  readonly seed?: number;
  /** Language of the diagnosis (default English). */
  readonly lang?: Lang;
}

/** Claims larger than this (distinct nodes) are not evaluated. */
export const MAX_CLAIM_NODES = 5000;

export const undecided = (reason: string, probes = 0): Judgement => ({ verdict: 'undecided', method: 'none', probes, reason });

export type JudgeContext =
  | { readonly kind: 'network'; readonly spec: NetworkSpec; readonly param: string }
  | { readonly kind: 'expression'; readonly wrt: string };

export interface Problem {
  readonly derivation: Derivation;
  readonly gradient: Gradient;
  readonly domain: Domain;
  readonly claim: Expr;
  /** The true derivative as an expression over the derivation's names. */
  readonly truth: Expr;
  readonly context: JudgeContext;
}

/** ∂J/∂param for a network, from its derivation (re-derived with the index form if it lacks one). */
export function judgeNetworkClaim(spec: NetworkSpec, derivation: Derivation, param: string, claim: Expr, options: JudgeOptions = {}): Judgement {
  const params = flatParams(spec);
  if (!params.includes(param)) throw new UserError(`unknown parameter ${param} (known: ${params.join(', ')})`);
  const gradient = derivation.gradients.find((g) => g.wrt === param);
  if (!gradient || derivation.forward.length === 0) {
    return undecided(`the derivation has no index form for ${param}: derive it with indexForm 'always'`);
  }
  const subject = networkSubject(spec, derivation);
  const truth = regularisedTruth(spec, param, gradient.result);
  const problem = { derivation, gradient, domain: subject.model, claim, truth, context: { kind: 'network', spec, param } } as const;
  return guarded(options, (work) => judgeScalar(problem, subject, options, work, params.indexOf(param)));
}

/** ∂output/∂wrt for a scalar expression derived by deriveExpression. */
export function judgeExpressionClaim(derivation: Derivation, wrt: string, claim: Expr, options: JudgeOptions = {}): Judgement {
  const gradient = derivation.gradients.find((g) => g.wrt === wrt);
  if (!gradient) throw new UserError(`no derivative with respect to ${wrt} (derived: ${derivation.gradients.map((g) => g.wrt).join(', ')})`);
  const subject = expressionSubject(derivation);
  const problem = { derivation, gradient, domain: subject.model, claim, truth: gradient.result, context: { kind: 'expression', wrt } } as const;
  return guarded(options, (work) => judgeScalar(problem, subject, options, work));
}

/** Run a judgement within its work budget: running out is "undecided", with the limit named. */
export function guarded(options: JudgeOptions, judge: (work: Work) => Judgement): Judgement {
  const work = new Work(options.budget, options.safetyNetMs);
  try {
    return judge(work);
  } catch (e) {
    if (e instanceof OutOfBudget) return undecided(`${e.message} before a verdict`);
    throw e;
  }
}

/** Too large, or names the derivation does not know: no evaluation. */
export function screen(claims: readonly Expr[], names: ReadonlySet<string>): Judgement | undefined {
  const size = dagSize(claims);
  if (size > MAX_CLAIM_NODES) return undecided(`the claim has ${size} distinct nodes, more than the ${MAX_CLAIM_NODES} the checker evaluates`);
  const unknown = [...new Set(claims.flatMap((c) => freeVars(c)))].filter((v) => !names.has(v));
  if (unknown.length) return undecided(`the claim uses unknown names: ${unknown.join(', ')} (known: ${[...names].join(', ')})`);
  return undefined;
}

function judgeScalar(problem: Problem, subject: Subject, options: JudgeOptions, work: Work, index?: number): Judgement {
  const { claim, truth } = problem;
  const early = screen([claim], problem.domain.names);
  if (early) return early;
  const wanted = Math.max(1, options.probes ?? 64);
  const base = drawnPoints(subject, [truth], wanted, options.seed ?? 1, work);
  if (base.length < wanted) return undecided(`too few valid points on the domain: only ${base.length} of ${wanted} probes`);
  const internal = index === undefined ? undefined : crossCheck(subject, base, [{ index, truth }], work);
  if (internal) return undecided(internal);
  const settings = settingsFor([claim, truth]);
  if (settings.ladder[0]! > MAX_START_DIGITS) return undecided(`the claim's constants need more than ${MAX_START_DIGITS} digits`);
  const comparand = entryComparand(subject, [claim], [truth]);
  const tally = compareAll(comparand, base, breakpointPoints(subject, base, [claim], [truth], work), settings, work);
  const decided = notEquivalent(problem, subject, tally, settings, comparand, work, options.lang ?? 'en', base);
  if (decided) return decided;
  if (!enoughPoints(tally, wanted)) {
    return undecided(`only ${tally.drawn} of ${wanted} drawn points could be compared (${tally.unresolved} unresolved at ${settings.ladder.at(-1)} digits)`, tally.compared.length);
  }
  const symbolic = proveSymbolically(problem.derivation, claim, truth);
  const numeric = equivalentText(tally, settings);
  return { verdict: 'equivalent', method: symbolic ? `${SYMBOLIC_METHOD}; ${numeric}` : numeric, probes: tally.compared.length, proof: symbolic ? 'symbolic' : 'numeric' };
}

/** The names a counterexample shows for the model's coordinates. */
export function shownNames(subject: Subject): string[] {
  const names = subject.spec ? claimSyntaxNames(subject.spec) : undefined;
  return subject.model.coordinates.map((c) => (names ? (names.get(c) ?? claimSyntaxName(c)) : c));
}

function notEquivalent(problem: Problem, subject: Subject, tally: Tally, settings: Settings, comparand: Comparand, work: Spend, lang: Lang, base: Parameters<typeof engineGradients>[1]): Judgement | undefined {
  const probes = tally.compared.length;
  const differ = pickPoint(tally, 'differ');
  if (differ) {
    const shown = shownPoint(differ, comparand, settings, subject.model.scannable, work);
    const method = differenceText(tally, settings, shown);
    const points = diagnosisPoints(subject, tally, base, work);
    const scale = Math.max(0, ...points.map((p) => Math.abs(p.truth)));
    // A difference below what floats resolve (a constant off in its 10th digit) fits any candidate equal to the truth: none is named.
    const diagnosis = points.every((p) => close(p.claim, p.truth, scale)) ? undefined : diagnose(problem, points, scale, lang);
    const named = diagnosis ? { diagnosis: diagnosis.message, mistake: diagnosis.kind } : {};
    return { verdict: 'not equivalent', method, probes, proof: 'numeric', counterexample: counterexampleOf(shown, shownNames(subject)), ...named };
  }
  const undefinedAt = pickPoint(tally, 'undefined');
  if (!undefinedAt) return undefined;
  const shown = shownPoint(undefinedAt, comparand, settings, subject.model.scannable, work);
  const method = differenceText(tally, settings, shown);
  const counterexample = counterexampleOf(shown, shownNames(subject));
  const what = problem.context.kind === 'network' ? `∂J/∂${claimSyntaxName(problem.context.param, problem.context.spec)}` : `∂${problem.derivation.output}/∂${problem.context.wrt}`;
  const reason = `the claim cannot be evaluated at the counterexample (${faultOf(shown)}) where ${what} = ${Number(counterexample.truth.toPrecision(6))}`;
  return { verdict: 'not equivalent', method, probes, proof: 'numeric', counterexample, reason };
}

/**
 * The compared points in floats, for the diagnosis: the moderate ones (with the engine's whole
 * gradient, for "another parameter's gradient") when one of them shows the mistake, else all.
 */
function diagnosisPoints(subject: Subject, tally: Tally, base: Parameters<typeof engineGradients>[1], work: Spend): ProbePoint[] {
  const grads = subject.spec ? engineGradients(subject, base, work) : undefined;
  const finite = tally.compared.filter((r) => Number.isFinite(toNumber(r.values?.claim[0])) && Number.isFinite(toNumber(r.values?.truth[0])));
  const moderate = finite.some((r) => r.moderate && r.outcome === 'differ');
  return (moderate ? finite.filter((r) => r.moderate) : finite).map((r) => {
    const env = floatEnvs(subject, r.x, r.digits, work)[0] ?? {};
    const grad = moderate ? grads?.get(r.x) : undefined;
    return { env, truth: toNumber(r.values!.truth[0]), claim: toNumber(r.values!.claim[0]), ...(grad ? { grad } : {}) };
  });
}
