// What is probed for one derivation, kept with it (a batch of claims about one network shares
// its points): the model and its PointSet, the drawn points, the breakpoints of the truth's
// kinks, and the engine's gradients at the moderate points. Then, per claim, the comparand:
// claim entries against truth entries, both as expressions over the derivation's names.
import type { Derivation } from '../derivation/model.ts';
import { BallProgram } from '../engine/ball-eval.ts';
import { isFault, precision, type Fault } from '../engine/ball.ts';
import { engineLossAndGrad } from '../engine/network.ts';
import type { Expr } from '../ir/expr.ts';
import { flatParams } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { findBreakpoints, besides } from './breakpoints.ts';
import { CountingWork, type Spend } from './budget.ts';
import { rungsFor, toNumber, type Comparand, type Values } from './compare.ts';
import { PointSet, SATURATION_LIMIT, type BasePoint, type Model } from './points.ts';
import { BASE_DIGITS, settingsFor } from './precision.ts';
import { close, expressionModel, kinkArguments, networkModel, type Domain } from './probe.ts';

export interface Subject {
  readonly model: Model & Domain;
  readonly points: PointSet;
  /** Networks: θ's length and the spec (the engine's cross-check). */
  readonly spec?: NetworkSpec;
}

const subjects = new WeakMap<Derivation, Subject>();

export function networkSubject(spec: NetworkSpec, d: Derivation): Subject {
  let s = subjects.get(d);
  if (!s) {
    const model = networkModel(spec, d);
    subjects.set(d, (s = { model, points: new PointSet(model), spec }));
  }
  return s;
}

export function expressionSubject(d: Derivation): Subject {
  let s = subjects.get(d);
  if (!s) {
    const model = expressionModel(d);
    subjects.set(d, (s = { model, points: new PointSet(model) }));
  }
  return s;
}

/** Breakpoint roots wanted for the truth's kinks (relu of a hidden layer, …) and for the claim's own. */
export const TRUTH_ROOTS = 8;
export const CLAIM_ROOTS = 6;

const programs = new Map<string, BallProgram>();
const baseIds = new WeakMap<readonly BasePoint[], number>();
let nextBaseId = 0;
/** A key for a list of drawn points (PointSet.draw returns the same list for the same draw). */
function baseId(base: readonly BasePoint[]): number {
  let id = baseIds.get(base);
  if (id === undefined) baseIds.set(base, (id = nextBaseId++));
  return id;
}
const keyOf = (roots: readonly Expr[]): string => roots.map((r) => r.id).join(',');

/** One compiled program per list of truths (expressions over the names), kept for the claims about them. */
export function programFor(roots: readonly Expr[]): BallProgram {
  const key = keyOf(roots);
  let p = programs.get(key);
  if (!p) programs.set(key, (p = new BallProgram([], roots)));
  return p;
}

/** The drawn points: exponentials saturated by at most SATURATION_LIMIT digits, every binding and (expressions) truth defined. */
export function drawnPoints(s: Subject, truths: readonly Expr[], wanted: number, seed: number, work: Spend): BasePoint[] {
  const network = s.spec !== undefined;
  const truth = programFor(truths);
  const key = network ? 'network' : `expression:${keyOf(truths)}`;
  return s.points.draw(key, wanted, seed, (x, w) => {
    const saturation = s.points.saturation(x, w);
    if (!(saturation <= SATURATION_LIMIT)) return false;
    // Checked with the digits the comparisons will start with, so that they reuse these values.
    const P = precision(rungsFor(settingsFor([]), saturation)[0]!);
    if (network) return !('fault' in s.points.envs(x, P, w));
    const values = s.points.values(x, P, truth, w, `truth:${keyOf(truths)}`);
    return !('fault' in values) && values.every((ex) => !ex.some(isFault));
  }, work);
}

/** Claim entries against truth entries, per example (a one-example model: entry i of each). */
export function entryComparand(s: Subject, claims: readonly Expr[], truths: readonly Expr[]): Comparand {
  const claim = new BallProgram([], claims); // one claim's: not kept
  const truth = programFor(truths);
  const truthKey = `truth:${keyOf(truths)}`;
  return {
    saturation: (x, work) => s.points.saturation(x, work),
    at(x, digits, work): Values | Fault {
      const P = precision(digits);
      const t = s.points.values(x, P, truth, work, truthKey);
      if ('fault' in t) return t;
      const c = s.points.values(x, P, claim, work);
      if ('fault' in c) return c;
      return { claim: c[0]!, truth: t[0]! };
    },
  };
}

/** The bases of the breakpoint scan: two moderate points and one drawn at every scale. */
function scanBases(base: readonly BasePoint[]): Float64Array[] {
  return [...base.filter((p) => p.moderate).slice(0, 2), ...base.filter((p) => !p.moderate).slice(0, 1)].map((p) => p.x);
}

function breakpointsOf(s: Subject, base: readonly BasePoint[], kinks: readonly Expr[], roots: number, work: Spend): Float64Array[] {
  if (kinks.length === 0) return [];
  const scan = {
    bases: scanBases(base),
    scannable: s.model.scannable,
    scale: s.model.scale,
    roots,
    values: (x: Float64Array, w: Spend) => s.points.floats(x, kinks, w).flatMap((r) => [...r.roots]),
  };
  // Bases that differ only in other coordinates find the same root of a one-variable kink: probe it once.
  const seen = new Set<string>();
  return findBreakpoints(scan, work).flatMap(besides).filter((x) => {
    const key = x.join(',');
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/**
 * Probe points beside the breakpoints: those of the truth's kinks (and the bindings'), kept
 * with the subject, then those only the claim has (2x + relu(x − 4) breaks at x = 4).
 */
export function breakpointPoints(s: Subject, base: readonly BasePoint[], claims: readonly Expr[], truths: readonly Expr[], work: Spend): Float64Array[] {
  const truthKinks = kinkArguments([...truths, ...s.model.bindings.map((b) => b.expr)]);
  const known = new Set(truthKinks.map((k) => k.id));
  const claimKinks = kinkArguments(claims).filter((k) => !known.has(k.id));
  const truthPoints = s.points.keep(`breakpoints:${keyOf(truths)}:${baseId(base)}`, work, () => {
    const local = new CountingWork();
    return { value: breakpointsOf(s, base, truthKinks, TRUTH_ROOTS, local), cost: local.used };
  });
  const truthKeys = new Set(truthPoints.map((x) => x.join(',')));
  return [...truthPoints, ...breakpointsOf(s, base, claimKinks, CLAIM_ROOTS, work).filter((x) => !truthKeys.has(x.join(',')))];
}

/** Every name's value at x in floats (from its balls at `digits`), for a diagnosis: one record per example. */
export function floatEnvs(s: Subject, x: Float64Array, digits: number, work: Spend): Record<string, number>[] {
  const envs = s.points.envs(x, precision(digits), work);
  if ('fault' in envs) return [];
  let hit = floatCache.get(envs);
  if (!hit) floatCache.set(envs, (hit = envs.map((env) => Object.fromEntries([...env].map(([k, v]) => [k, toNumber(v)])))));
  return hit;
}

/** The float records of cached balls (a diagnosis reads them for every wrong claim about the subject). */
const floatCache = new WeakMap<object, Record<string, number>[]>();

/** θ, x and y of a network point (coordinates: params, inputs, targets). */
function split(spec: NetworkSpec, x: Float64Array) {
  const p = flatParams(spec).length;
  return { theta: x.subarray(0, p), X: x.subarray(p, p + spec.input), Y: x.subarray(p + spec.input) };
}

/** The engine's gradient at each moderate drawn point (kept with the subject). */
export function engineGradients(s: Subject, base: readonly BasePoint[], work: Spend): Map<Float64Array, Float64Array> {
  const spec = s.spec!;
  return s.points.keep(`engine:${baseId(base)}`, work, () => {
    const grads = new Map<Float64Array, Float64Array>();
    for (const p of base.filter((q) => q.moderate)) {
      const { theta, X, Y } = split(spec, p.x);
      grads.set(p.x, engineLossAndGrad(spec, theta, X, Y, 1).grad);
    }
    return { value: grads, cost: grads.size * flatParams(spec).length };
  });
}

/** A disagreement of the derivation's truth with the engine at a moderate point (an internal error), if any. */
export function crossCheck(s: Subject, base: readonly BasePoint[], entries: readonly { index: number; truth: Expr }[], work: Spend): string | undefined {
  const key = `cross-check:${baseId(base)}:${keyOf(entries.map((e) => e.truth))}`;
  return s.points.keep(key, work, () => {
    const local = new CountingWork();
    return { value: disagreement(s, base, entries, local), cost: local.used };
  });
}

function disagreement(s: Subject, base: readonly BasePoint[], entries: readonly { index: number; truth: Expr }[], work: Spend): string | undefined {
  const grads = engineGradients(s, base, work);
  const truths = entries.map((e) => e.truth);
  const kinks = kinkArguments([...truths, ...s.model.bindings.map((b) => b.expr)]);
  const P = precision(BASE_DIGITS);
  for (const p of base.filter((q) => q.moderate)) {
    const grad = grads.get(p.x)!;
    // Floats may put a point within rounding of a kink on the other side: not compared there.
    if (s.points.floats(p.x, kinks, work)[0]!.roots.some((v) => Math.abs(v) < 1e-6)) continue;
    const values = s.points.values(p.x, P, programFor(truths), work, `truth:${keyOf(truths)}`);
    if ('fault' in values) continue;
    const scale = Math.max(1, ...Array.from(grad, Math.abs));
    for (const [i, e] of entries.entries()) {
      const derived = toNumber(values[0]![i]);
      const engine = grad[e.index]!;
      if (Number.isFinite(derived) && !close(derived, engine, scale)) {
        return `internal error: the derivation and the numeric engine disagree on ∂J/∂${flatParams(s.spec!)[e.index]} at a moderate point (derivation ${derived}, engine ${engine}); no verdict`;
      }
    }
  }
  return undefined;
}
