// How precisely a claim is compared with the truth at a probe point. Both are evaluated in
// ball arithmetic (engine/ball.ts): each value comes with a proven bound on its rounding
// error. At a point the comparison then has four outcomes:
//   differ     |c − t| > r_c + r_t: the claim is not the truth there, for certain;
//   undefined  the claim is proven not finite (division by an exact 0, log of a negative
//              number) where the truth is finite;
//   agree      |c − t| + r_c + r_t ≤ T · max(|c|, |t|), T = 10^−TOLERANCE_DIGITS;
//   unknown    neither yet: the point is evaluated again with twice the digits, up the
//              ladder (cancellation, 1 − σ(u) for large u), and left unresolved at the top.
// T = 1e-30 is far below any student's error (a constant wrong in its 12th digit is 1e-12
// off) and far above what 60-digit arithmetic loses to rounding. A claim whose own constants
// need more digits (2.000000000000000000000000000001, 1e-40) gets a smaller T and more
// digits, so that no constant it writes can hide below the tolerance.
import type { Expr } from '../ir/expr.ts';
import { topoOrder } from '../ir/expr.ts';
import { decimalText, size, type Q } from '../ir/q.ts';
import { DOWN, isFault, known, UP, type BallValue } from '../engine/ball.ts';

/** T = 10^−30: the relative tolerance of a numeric "equivalent". */
export const TOLERANCE_DIGITS = 30;
/** Significant digits of the first evaluation. */
export const BASE_DIGITS = 60;
/** Rungs of the precision ladder above the first: 60 → 120 → 240 → 480 digits. */
export const LADDER_RUNGS = 4;
/** Digits the tolerance keeps below the precision: room for cancellation. */
const HEADROOM = 30;
/** A claim needing more digits than this is not evaluated. */
export const MAX_START_DIGITS = 1000;

export interface Settings {
  /** The digits of each rung, the first one used first. */
  readonly ladder: readonly number[];
  /** T = 10^−toleranceDigits. */
  readonly toleranceDigits: number;
}

/** Digits to write q exactly (2.0000001: 8, 1/3: 2) plus its places below 1 (1e-40: 41). */
function digitsOf(q: Q): number {
  if (q.n === 0n) return 1;
  const text = decimalText(q);
  const significant = text === undefined ? size(q) : text.replace(/^-?0*\.?0*/, '').replace('.', '').length;
  const magnitude = (q.n < 0n ? -q.n : q.n).toString().length - q.d.toString().length;
  return significant + Math.max(0, -magnitude);
}

/** The most digits any constant of the roots needs. */
export function constantDigits(roots: readonly Expr[]): number {
  let most = 0;
  for (const n of topoOrder(roots)) if (n.kind === 'const') most = Math.max(most, digitsOf(n.q));
  return most;
}

/** The tolerance and the ladder for comparing these claim and truth expressions. */
export function settingsFor(roots: readonly Expr[]): Settings {
  const toleranceDigits = Math.max(TOLERANCE_DIGITS, constantDigits(roots) + 10);
  const start = Math.max(BASE_DIGITS, toleranceDigits + HEADROOM);
  return { toleranceDigits, ladder: Array.from({ length: LADDER_RUNGS }, (_, i) => start * 2 ** i) };
}

export type Outcome = 'agree' | 'differ' | 'undefined' | 'unknown' | 'outside';

/** Claim value against truth value at one point and precision (see the top of the file). */
export function classify(claim: BallValue, truth: BallValue, toleranceDigits: number): Outcome {
  if (isFault(truth)) return 'outside';
  if (!known(truth)) return 'unknown';
  if (isFault(claim)) return 'undefined';
  if (!known(claim)) return 'unknown';
  const radii = claim.r.plus(truth.r);
  const gapLow = new DOWN(claim.m).minus(truth.m).abs();
  if (gapLow.gt(radii)) return 'differ';
  const gapHigh = new UP(claim.m).minus(truth.m).abs();
  const size = new DOWN(claim.m).abs().gt(new DOWN(truth.m).abs()) ? new DOWN(claim.m).abs() : new DOWN(truth.m).abs();
  return gapHigh.plus(radii).lte(size.times(`1e-${toleranceDigits}`)) ? 'agree' : 'unknown';
}

/** "1e-30". */
export const toleranceText = (digits: number): string => `1e-${digits}`;
