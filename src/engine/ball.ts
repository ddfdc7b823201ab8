// Ball arithmetic over decimal.js: a value is a midpoint m, computed at p significant digits,
// and a radius r, an upper bound on |true value − m|. Every operation adds its own rounding
// error to the radius, so a ball always contains the exact value of the expression at the
// (exact, decimal) point. That turns the claim checker's numeric comparisons into proofs:
//   |m_claim − m_truth| > r_claim + r_truth   ⇒  claim ≠ truth at this point, for certain;
//   a radius too large to decide              ⇒  evaluate again with more digits.
// Radii are kept to 12 digits, rounded away from zero (upper bounds) or, for the few lower
// bounds a formula needs, towards zero. The midpoint ops of decimal.js are taken to be within
// one unit in the last place (ulp) for + − × ÷ and √, and within ten for exp, ln and the
// trigonometric functions (decimal.js documents them as correctly rounded or nearly so).
import { Decimal, type DecimalConstructor, type DecimalValue } from './decimal.ts';

/** The real number in [m − r, m + r]. r = Infinity: not known at this precision (perhaps not finite). */
export interface Ball {
  readonly m: Decimal;
  readonly r: Decimal;
}

/** A value proven undefined (not a finite real) whatever the precision: division by an exact 0, log of a negative number, … */
export interface Fault {
  readonly fault: string;
}

export type BallValue = Ball | Fault;

export const isFault = (v: BallValue): v is Fault => 'fault' in v;

/** Upper bounds of radii: 12 digits, rounded away from zero. */
export const UP = Decimal.clone({ precision: 12, rounding: Decimal.ROUND_UP });
/** Lower bounds (a denominator's |m| − r): rounded towards zero. */
export const DOWN = Decimal.clone({ precision: 12, rounding: Decimal.ROUND_DOWN });

const INFINITE = new UP(Infinity);
export const ZERO_R = new UP(0);

/** A ball that says nothing: the value is not known at this precision. */
export const UNKNOWN: Ball = { m: new Decimal(0), r: INFINITE };

export const fault = (why: string): Fault => ({ fault: why });
export const known = (b: Ball): boolean => b.r.isFinite();
export const exact = (b: Ball): boolean => b.r.isZero();

/** The arithmetic of one precision: its decimal.js constructor and its rounding bound. */
export class Precision {
  readonly D: DecimalConstructor;
  /** 10^(1−p): bound on the relative error of one correctly rounded result. */
  readonly eps: Decimal;
  private piBall?: Ball;
  private readonly epsTimes = new Map<number, Decimal>();

  constructor(readonly digits: number) {
    this.D = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN });
    this.eps = new UP(10).pow(1 - digits);
  }

  /**
   * The radius of k rounding errors at a result y: k·|y|·10^(1−p). (A radius is always the
   * receiver of its operations, so that they round up in 12 digits whatever the argument is.)
   */
  ulps(y: Decimal, k = 1): Decimal {
    let e = this.epsTimes.get(k);
    if (!e) this.epsTimes.set(k, (e = this.eps.times(k)));
    return e.times(y).abs();
  }

  /** A ball around a result y computed with at most k rounding errors. */
  rounded(y: Decimal, r: Decimal, k = 1): Ball {
    if (!y.isFinite()) return UNKNOWN;
    const u = this.ulps(y, k);
    return { m: y, r: r.isZero() ? u : r.plus(u) };
  }

  /**
   * An input known exactly (a coordinate, a terminating decimal). Midpoints never carry more
   * than p digits (so that negation and |·| never round): a longer input is rounded, with its ulp.
   */
  exactBall(v: DecimalValue): Ball {
    const m = new this.D(v);
    if (!m.isFinite()) return UNKNOWN;
    if (m.sd() <= this.digits) return { m, r: ZERO_R };
    return this.rounded(m.toSD(this.digits), ZERO_R);
  }

  /** π (unknown beyond the 1025 digits decimal.js knows it to). */
  pi(): Ball {
    this.piBall ??= this.digits + 30 < 1000 ? this.rounded(this.D.acos(-1), ZERO_R, 10) : UNKNOWN;
    return this.piBall;
  }
}

const precisions = new Map<number, Precision>();

/** The (shared) arithmetic of `digits` significant digits. */
export function precision(digits: number): Precision {
  let p = precisions.get(digits);
  if (!p) precisions.set(digits, (p = new Precision(digits)));
  return p;
}

// ---- + − × ÷ on balls ------------------------------------------------------------------
// Each returns UNKNOWN when an argument is unknown: a radius of Infinity must not meet a 0.

const absUp = (m: Decimal): Decimal => new UP(m).abs();
const absDown = (m: Decimal): Decimal => new DOWN(m).abs();

/** Do the exact sum's digits fit in p (so that m_a ± m_b is not rounded)? With a digit for the carry. */
function sumFits(P: Precision, a: Decimal, b: Decimal): boolean {
  if (a.isZero() || b.isZero()) return true;
  const low = Math.min(a.e - a.sd() + 1, b.e - b.sd() + 1);
  return Math.max(a.e, b.e) + 1 - low + 1 <= P.digits;
}

/** A result that is exact when its inputs were and it fits in p digits, else rounded once. */
function result(P: Precision, y: Decimal, r: Decimal, fits: () => boolean): Ball {
  return r.isZero() && fits() ? { m: y, r } : P.rounded(y, r);
}

/** r_a + r_b, without an operation when one is 0. */
const radiusSum = (a: Ball, b: Ball): Decimal => (a.r.isZero() ? b.r : b.r.isZero() ? a.r : a.r.plus(b.r));

export function add(P: Precision, a: Ball, b: Ball): Ball {
  if (!known(a) || !known(b)) return UNKNOWN;
  return result(P, a.m.plus(b.m), radiusSum(a, b), () => sumFits(P, a.m, b.m));
}

export function sub(P: Precision, a: Ball, b: Ball): Ball {
  if (!known(a) || !known(b)) return UNKNOWN;
  return result(P, a.m.minus(b.m), radiusSum(a, b), () => sumFits(P, a.m, b.m));
}

export const neg = (a: Ball): Ball => ({ m: a.m.neg(), r: a.r });

/** |xy − m_a m_b| ≤ |m_a| r_b + |m_b| r_a + r_a r_b. */
export function mul(P: Precision, a: Ball, b: Ball): Ball {
  if (!known(a) || !known(b)) return UNKNOWN;
  let r = ZERO_R;
  if (!b.r.isZero()) r = b.r.times(a.m).abs();
  if (!a.r.isZero()) r = r.plus(a.r.times(b.m).abs()).plus(a.r.times(b.r));
  return result(P, a.m.times(b.m), r, () => a.m.sd() + b.m.sd() <= P.digits);
}

/**
 * x/y for y in a ball away from 0: |x/y − m_a/m_b| ≤ (|m_a| r_b + |m_b| r_a) / (|m_b| (|m_b| − r_b)).
 * An exact 0 divisor is a fault; a ball around 0 is unknown.
 */
export function div(P: Precision, a: BallValue, b: BallValue): BallValue {
  if (isFault(a)) return a;
  if (isFault(b)) return b;
  if (exact(b) && b.m.isZero()) return fault(exact(a) && a.m.isZero() ? '0/0' : 'division by zero');
  if (!known(a) || !known(b)) return UNKNOWN;
  const gap = absDown(b.m).minus(b.r);
  if (gap.lte(0)) return UNKNOWN;
  const num = absUp(a.m).times(b.r).plus(absUp(b.m).times(a.r));
  const r = num.div(absDown(b.m).times(gap));
  return P.rounded(a.m.div(b.m), r);
}

/** 1/y. */
export const inv = (P: Precision, b: BallValue): BallValue => div(P, { m: new P.D(1), r: ZERO_R }, b);

/** Does the ball lie strictly on one side of 0? Its sign then, else 0. */
export function strictSign(a: Ball): -1 | 0 | 1 {
  if (!known(a)) return 0;
  if (exact(a)) return a.m.isZero() ? 0 : a.m.isNeg() ? -1 : 1;
  if (absDown(a.m).lte(a.r)) return 0;
  return a.m.isNeg() ? -1 : 1;
}

/** |m| − r rounded down (may be negative): the smallest |value| in the ball. */
export const lowerAbs = (a: Ball): Decimal => absDown(a.m).minus(a.r);

/** |m| + r rounded up: the largest |value| in the ball. */
export const upperAbs = (a: Ball): Decimal => absUp(a.m).plus(a.r);

/**
 * An upper bound of e^v for a radius formula (v a 12-digit bound): floats where they are exact
 * enough (a relative 1e-12 margin covers the conversion), decimal.js beyond their range.
 */
export function expUp(v: Decimal): Decimal {
  const x = v.toNumber();
  if (Math.abs(x) <= 700) return new UP(Math.exp(x) * (1 + 1e-12));
  if (x < -1e6) return TINY;
  if (x > 1e6) return INFINITE;
  return UP.exp(v).times(1 + 1e-9);
}

/** An upper bound of e^v for every v < −10^6. */
const TINY = new UP('1e-400000');
