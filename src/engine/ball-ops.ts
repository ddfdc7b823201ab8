// Every op of the IR on balls (ball.ts), one entry each in a table typed by Op, so a new op
// is a compile error here until it has a high-precision implementation. Each entry returns
// the ball of f over its argument's ball: the midpoint f(m) and a radius
//   L · r + (rounding of f(m)),   L = sup |f′| over the ball,
// or a Fault when the value is undefined for certain (log of a number < 0 whatever the
// digits), or UNKNOWN when the ball straddles a pole or a domain edge (more digits may
// shrink it off). Arguments reaching an entry are known balls: the evaluator (ball-eval.ts)
// propagates faults and unknowns before calling.
import { Decimal, type DecimalValue } from './decimal.ts';
import type { Expr, NodeOf, Op } from '../ir/expr.ts';
import { exp as fastExp, expm1 } from './fast-exp.ts';
import {
  add, div, DOWN, exact, expUp, fault, inv, lowerAbs, mul, neg, strictSign, sub, UNKNOWN, UP, upperAbs, ZERO_R,
  type Ball, type BallValue, type Precision,
} from './ball.ts';

type Rule<K extends Op> = (P: Precision, node: NodeOf<K>, a: Ball, b: Ball) => BallValue;

const exactly = (P: Precision, v: DecimalValue): Ball => ({ m: new P.D(v), r: ZERO_R });
const one = (P: Precision): Ball => exactly(P, 1);

/** f(m) with f Lipschitz L on the ball and its result within k ulps (plus `absolute`). */
function lipschitz(P: Precision, y: Decimal, a: Ball, L: DecimalValue, k: number, absolute: DecimalValue = 0): Ball {
  return P.rounded(y, a.r.times(L).plus(absolute), k);
}

/**
 * decimal.js computes ln, the trigonometric functions and π from constants of 1025 digits and
 * throws beyond them, leaving its own state changed: such ops are unknown here instead, when
 * the digits, plus those of the argument's integer part (trigonometry reduces by π) or of its
 * exponent (ln adds e·ln 10), would not fit.
 */
const DECIMALJS_DIGITS = 1000;
const decimalJsCan = (P: Precision, extra = 0): boolean => P.digits + 30 + extra < DECIMALJS_DIGITS;

/** sin, cos: |f′| ≤ 1; decimal.js reduces large arguments by π at its working precision. */
function trig(P: Precision, a: Ball, f: 'sin' | 'cos'): Ball {
  if (!decimalJsCan(P, Math.max(0, a.m.e))) return UNKNOWN;
  const y = f === 'sin' ? a.m.sin() : a.m.cos();
  const absolute = P.eps.times(10).times(Decimal.max(1, upperAbs(a)));
  return lipschitz(P, y, a, 1, 10, absolute);
}

const e = (P: Precision, x: Decimal): Decimal => fastExp(P.D, x, P.digits);

/**
 * Beyond |u| = 10^6, e^u is not computed (its digits alone would be a megabyte): exp, sinh,
 * cosh and the negative side of σ and softplus are unknown there, while tanh, σ and softplus
 * saturate to ±1, 1 and u within far less than an ulp (e^{−10^6} < 10^{−434000}).
 */
const EXP_LIMIT = 1e6;
const huge = (m: Decimal): boolean => m.abs().gt(EXP_LIMIT);

/** tanh u = E/(E + 2), E = e^{2u} − 1 (u ≥ 0; odd); tanh′ = 1 − tanh² ≤ 4 e^{−2|u|}, and ≤ 1. */
function tanhBall(P: Precision, a: Ball): Ball {
  const E = huge(a.m) ? undefined : expm1(P.D, a.m.abs().times(2), P.digits);
  const y = E ? E.div(E.plus(2)) : new P.D(1);
  const far = Decimal.max(0, lowerAbs(a));
  return lipschitz(P, a.m.isNeg() ? y.neg() : y, a, Decimal.min(1, expUp(far.times(-2)).times(4)), 10);
}

/** sinh u = E(E + 2)/(2(E + 1)), E = e^{|u|} − 1 (odd); cosh u = (e^{|u|} + e^{−|u|})/2; both derivatives ≤ e^{|u|}. */
function hyperbolic(P: Precision, a: Ball, f: 'sinh' | 'cosh'): Ball {
  if (huge(a.m)) return UNKNOWN;
  let y: Decimal;
  if (f === 'sinh') {
    const E = expm1(P.D, a.m.abs(), P.digits);
    y = E.times(E.plus(2)).div(E.plus(1).times(2));
    if (a.m.isNeg()) y = y.neg();
  } else {
    const x = e(P, a.m.abs());
    y = x.plus(new P.D(1).div(x)).div(2);
  }
  return lipschitz(P, y, a, expUp(upperAbs(a)), 10);
}

/** σ(u) = 1/(1 + e^{−u}) for u ≥ 0, e^u/(1 + e^u) below (no overflow); σ′ ≤ min(1/4, e^{−|u|}). */
function sigmoidBall(P: Precision, a: Ball): Ball {
  if (huge(a.m) && a.m.isNeg()) return UNKNOWN;
  const x = huge(a.m) ? new P.D(0) : e(P, a.m.abs().neg());
  const y = a.m.gte(0) ? new P.D(1).div(x.plus(1)) : x.div(x.plus(1));
  const far = Decimal.max(0, lowerAbs(a));
  return lipschitz(P, y, a, Decimal.min(0.25, expUp(far.neg())), 30);
}

/** log(1 + t) for 0 ≤ t ≤ 1: the series below 1e-4 (where 1 + t would drop digits of t). */
function log1p(P: Precision, t: Decimal): { y: Decimal; absolute: DecimalValue } {
  if (t.gte(1e-4)) return { y: decimalJsCan(P) ? t.plus(1).ln() : new P.D(NaN), absolute: P.eps.times(2) };
  const stop = t.times(P.eps).div(100);
  let sum = new P.D(0);
  let power = new P.D(t);
  for (let k = 1; power.gt(stop); k++) {
    sum = k % 2 ? sum.plus(power.div(k)) : sum.minus(power.div(k));
    power = power.times(t);
  }
  return { y: sum, absolute: 0 };
}

/** softplus(u) = log(1 + e^u) = max(u, 0) + log(1 + e^{−|u|}); softplus′ = σ ≤ min(1, e^u). */
function softplusBall(P: Precision, a: Ball): Ball {
  if (huge(a.m)) return a.m.isNeg() ? UNKNOWN : lipschitz(P, a.m, a, 1, 50);
  const { y, absolute } = log1p(P, e(P, a.m.abs().neg()));
  const L = Decimal.min(1, expUp(new UP(a.m).plus(a.r)));
  return lipschitz(P, a.m.gt(0) ? y.plus(a.m) : y, a, L, 50, absolute);
}

/** asin, acos: defined on [−1, 1], |f′| = 1/√(1 − u²). */
function arcBall(P: Precision, a: Ball, f: 'asin' | 'acos'): BallValue {
  if (lowerAbs(a).gt(1)) return fault(`${f} of a number outside [−1, 1]`);
  if (!decimalJsCan(P)) return UNKNOWN;
  const y = f === 'asin' ? a.m.asin() : a.m.acos();
  if (exact(a)) return P.rounded(y, P.eps.times(10), 10);
  const top = upperAbs(a);
  if (top.gte(1)) return UNKNOWN;
  const L = new UP(1).div(DOWN.sqrt(new DOWN(1).minus(top.times(top))));
  return lipschitz(P, y, a, L, 10, P.eps.times(10));
}

/** a^k for an exact integer k: |a^k − m^k| ≤ |k| (|m| + r)^{|k|−1} r. */
function integerPower(P: Precision, a: Ball, k: Decimal): BallValue {
  if (k.isZero()) return one(P); // 0^0 = 1, as Math.pow
  if (k.isNeg()) return inv(P, integerPower(P, a, k.neg()));
  if (k.gt(Number.MAX_SAFE_INTEGER)) return UNKNOWN; // decimal.js would take logarithms
  const y = a.m.pow(k);
  if (exact(a) && k.times(a.m.sd()).lte(P.digits)) return { m: y, r: ZERO_R }; // at most p digits: no rounding
  const r = k.minus(1).isZero() ? a.r : new UP(k).times(upperAbs(a).pow(k.minus(1))).times(a.r);
  return P.rounded(y, r, 10);
}

/** Does the ball hold no integer (so that b is certainly not one)? */
function noInteger(b: Ball): boolean {
  const lo = b.m.minus(b.r);
  const hi = b.m.plus(b.r);
  return lo.ceil().gt(hi.floor()) && !lo.isInteger();
}

/** a^b: an exact integer b by repeated products; otherwise exp(b log a), for a > 0 only. */
function power(P: Precision, a: Ball, b: Ball): BallValue {
  if (exact(b) && b.m.isInteger()) return integerPower(P, a, b.m);
  if (exact(a) && a.m.isZero()) {
    const s = strictSign(b);
    return s > 0 ? exactly(P, 0) : s < 0 ? fault('division by zero (0 to a negative power)') : UNKNOWN;
  }
  const s = strictSign(a);
  if (s < 0 && noInteger(b)) return fault('a negative number to a non-integer power');
  if (s <= 0) return UNKNOWN;
  const log = logBall(P, a);
  return 'fault' in log ? log : expBall(P, mul(P, b, log));
}

/** e^{m±r} − e^m ≤ e^m · r e^r. */
function expBall(P: Precision, a: Ball): Ball {
  if (huge(a.m)) return UNKNOWN;
  const y = e(P, a.m);
  return P.rounded(y, new UP(y).abs().times(expUp(a.r)).times(a.r), 10);
}

/** |log v − log m| ≤ r / min v, for a ball of positive numbers. */
function logBall(P: Precision, a: Ball): BallValue {
  const s = strictSign(a);
  if (exact(a) && a.m.isZero()) return fault('log of 0');
  if (s < 0) return fault('log of a negative number');
  if (s === 0 || !decimalJsCan(P, String(Math.abs(a.m.e)).length)) return UNKNOWN;
  return P.rounded(a.m.ln(), a.r.div(lowerAbs(a)), 10);
}

/** u ↦ u > 0 ? 1 : below (step, leaky_step): exact unless the ball straddles 0, and 0 maps to `below`. */
function stepLike(P: Precision, a: Ball, below: number): Ball {
  const s = strictSign(a);
  if (s !== 0 || (exact(a) && a.m.isZero())) return exactly(P, s > 0 ? 1 : below);
  return { m: new P.D(a.m.gt(0) ? 1 : below), r: new UP(Math.abs(1 - below)) };
}

const RULES: { readonly [K in Op]: Rule<K> } = {
  add: (P, _, a, b) => add(P, a, b),
  sub: (P, _, a, b) => sub(P, a, b),
  mul: (P, _, a, b) => mul(P, a, b),
  div: (P, _, a, b) => div(P, a, b),
  pow: (P, _, a, b) => power(P, a, b),
  neg: (_P, _, a) => neg(a),
  exp: (P, _, a) => expBall(P, a),
  log: (P, _, a) => logBall(P, a),
  sqrt: (P, _, a) => {
    if (exact(a) && a.m.isZero()) return exactly(P, 0);
    const s = strictSign(a);
    if (s < 0) return fault('square root of a negative number');
    if (s === 0) return UNKNOWN;
    return P.rounded(a.m.sqrt(), a.r.div(DOWN.sqrt(lowerAbs(a)).times(2)), 1);
  },
  abs: (_P, _, a) => ({ m: a.m.abs(), r: a.r }),
  sign: (P, _, a) => {
    const s = strictSign(a);
    if (s !== 0 || (exact(a) && a.m.isZero())) return exactly(P, s);
    return { m: new P.D(a.m.s), r: new UP(2) };
  },
  step: (P, _, a) => stepLike(P, a, 0),
  relu: (P, _, a) => (a.m.gt(0) ? a : { m: new P.D(0), r: a.r }),
  leaky_relu: (P, node, a) => {
    const alpha = new P.D(node.alpha);
    return lipschitz(P, a.m.gt(0) ? a.m : a.m.times(alpha), a, Decimal.max(1, alpha.abs()), 1);
  },
  leaky_step: (P, node, a) => stepLike(P, a, node.alpha),
  sin: (P, _, a) => trig(P, a, 'sin'),
  cos: (P, _, a) => trig(P, a, 'cos'),
  tan: (P, _, a) => div(P, trig(P, a, 'sin'), trig(P, a, 'cos')),
  sec: (P, _, a) => inv(P, trig(P, a, 'cos')),
  csc: (P, _, a) => inv(P, trig(P, a, 'sin')),
  cot: (P, _, a) => div(P, trig(P, a, 'cos'), trig(P, a, 'sin')),
  tanh: (P, _, a) => tanhBall(P, a),
  sinh: (P, _, a) => hyperbolic(P, a, 'sinh'),
  cosh: (P, _, a) => hyperbolic(P, a, 'cosh'),
  sech: (P, _, a) => inv(P, hyperbolic(P, a, 'cosh')),
  csch: (P, _, a) => inv(P, hyperbolic(P, a, 'sinh')),
  coth: (P, _, a) => inv(P, tanhBall(P, a)),
  sigmoid: (P, _, a) => sigmoidBall(P, a),
  softplus: (P, _, a) => softplusBall(P, a),
  asin: (P, _, a) => arcBall(P, a, 'asin'),
  acos: (P, _, a) => arcBall(P, a, 'acos'),
  atan: (P, _, a) => (decimalJsCan(P) ? lipschitz(P, a.m.atan(), a, 1, 10) : UNKNOWN),
};

/** The ball of op node `e` over its arguments' balls (b is a for unary ops). */
export function applyBall(P: Precision, e: Expr & { kind: Op }, a: Ball, b: Ball): BallValue {
  return (RULES[e.kind] as Rule<Op>)(P, e as NodeOf<Op>, a, b);
}

/** Ops whose cost is a series evaluation (work accounting: see ball-eval.ts). */
export const TRANSCENDENTAL: ReadonlySet<Op> = new Set<Op>([
  'exp', 'log', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'tanh', 'sinh', 'cosh', 'sech', 'csch', 'coth',
  'sigmoid', 'softplus', 'asin', 'acos', 'atan', 'pow',
]);
