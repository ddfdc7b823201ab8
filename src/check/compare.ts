// The numeric half of a verdict: claim against truth at every probe point, each point up the
// precision ladder until its outcome is certain (precision.ts). What a "claim" and a "truth"
// are (one entry, a matrix of them, a batch sum) is the comparand's business.
import { isFault, type BallValue, type Fault } from '../engine/ball.ts';
import type { Spend } from './budget.ts';
import { classify, type Outcome, type Settings } from './precision.ts';

export interface Values {
  readonly claim: readonly BallValue[];
  readonly truth: readonly BallValue[];
}

export interface Comparand {
  /** Claim and truth entries at x with `digits` digits, or the fault that puts x outside the domain. */
  at(x: Float64Array, digits: number, work: Spend): Values | Fault;
  /** Digits the truth's exponentials saturate by at x: the ladder starts that much higher. */
  saturation?(x: Float64Array, work: Spend): number;
}

/** Digits kept beyond the tolerance and the saturation when choosing the first rung. */
const GUARD_DIGITS = 10;

/** The rungs to climb at a point whose exponentials saturate by `saturation` digits: from the first with room for it and the tolerance. */
export function rungsFor(settings: Settings, saturation: number): readonly number[] {
  const need = settings.toleranceDigits + GUARD_DIGITS + saturation;
  const from = settings.ladder.filter((d) => d >= need);
  return from.length ? from : settings.ladder.slice(-1);
}

const rungs = (c: Comparand, x: Float64Array, settings: Settings, work: Spend): readonly number[] =>
  rungsFor(settings, c.saturation?.(x, work) ?? 0);

export type PointOutcome = Exclude<Outcome, 'unknown'> | 'unresolved';

export interface PointResult {
  readonly x: Float64Array;
  /** Drawn at random, or placed beside a breakpoint. */
  readonly origin: 'drawn' | 'breakpoint';
  readonly moderate: boolean;
  readonly outcome: PointOutcome;
  /** The digits at which the outcome was decided (the top of the ladder if unresolved). */
  readonly digits: number;
  readonly values?: Values;
  /** The entry that decided a 'differ' or 'undefined' outcome. */
  readonly entry: number;
}

/** One point, up the ladder: certain differences and faults decide at once; agreement needs every entry. */
export function comparePoint(c: Comparand, x: Float64Array, settings: Settings, work: Spend, origin: PointResult['origin'], moderate: boolean): PointResult {
  let last: Values | undefined;
  for (const digits of rungs(c, x, settings, work)) {
    const values = c.at(x, digits, work);
    if ('fault' in values) return { x, origin, moderate, outcome: 'outside', digits, entry: 0 };
    last = values;
    const outcomes = values.claim.map((v, i) => classify(v, values.truth[i]!, settings.toleranceDigits));
    const decided = (o: Outcome): number => outcomes.indexOf(o);
    if (decided('outside') >= 0) return { x, origin, moderate, outcome: 'outside', digits, values, entry: 0 };
    for (const o of ['differ', 'undefined'] as const) {
      if (decided(o) >= 0) return { x, origin, moderate, outcome: o, digits, values, entry: decided(o) };
    }
    if (outcomes.every((o) => o === 'agree')) return { x, origin, moderate, outcome: 'agree', digits, values, entry: 0 };
  }
  return { x, origin, moderate, outcome: 'unresolved', digits: settings.ladder[settings.ladder.length - 1]!, ...(last ? { values: last } : {}), entry: 0 };
}

export interface Tally {
  readonly compared: readonly PointResult[];
  readonly drawn: number;
  readonly besides: number;
  readonly unresolved: number;
  readonly outside: number;
  /** The most digits any compared point needed. */
  readonly digits: number;
}

/** Compare at the drawn points and beside the breakpoints. */
export function compareAll(
  c: Comparand,
  drawn: readonly { readonly x: Float64Array; readonly moderate: boolean }[],
  beside: readonly Float64Array[],
  settings: Settings,
  work: Spend,
): Tally {
  const results = [
    ...drawn.map((p) => comparePoint(c, p.x, settings, work, 'drawn', p.moderate)),
    ...beside.map((x) => comparePoint(c, x, settings, work, 'breakpoint', false)),
  ];
  const compared = results.filter((r) => r.outcome !== 'outside' && r.outcome !== 'unresolved');
  return {
    compared,
    drawn: compared.filter((r) => r.origin === 'drawn').length,
    besides: compared.filter((r) => r.origin === 'breakpoint').length,
    unresolved: results.filter((r) => r.outcome === 'unresolved').length,
    outside: results.filter((r) => r.outcome === 'outside').length,
    digits: Math.max(settings.ladder[0]!, ...compared.map((r) => r.digits)),
  };
}

/** The ball's midpoint as the nearest float (NaN for a fault or an unknown value). */
export function toNumber(v: BallValue | undefined): number {
  if (!v || isFault(v) || !v.r.isFinite()) return NaN;
  return v.m.toNumber();
}
