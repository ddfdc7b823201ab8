// sin, cos and the piecewise functions in the canonical form. A trigonometric argument is
// split into integer multiples of angle units, one unit per monomial (the gcd of the
// multiples the expression uses, learnt in a first pass), plus a multiple of π; sin and cos
// of the sum are then expanded by the addition formulas, so sin(2x) = 2 sin x cos x and
// sin(x + π/2) = cos x. sin² = 1 − cos² is applied afterwards (reduce.ts).
import * as B from '../ir/build.ts';
import { param, unary, type Expr, type Param, type Unary } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import { gcdQ, isPositiveAtom, isPositiveRat, type Ctx } from './canon-context.ts';
import { laurent } from './canon-power.ts';
import { constValue, isRational, makeMono, monoPoly, sortedTerms, type Mono, type PowerFactor } from './poly.ts';
import { addRat, mulRat, negRat, powRat, ratAtom, ratConst, ratPoly, type Rational } from './rational.ts';

/** Multiples beyond this are not expanded (sin(100x) stays an atom of its own). */
const MAX_MULTIPLE = 8;

interface SinCos {
  readonly s: Rational;
  readonly c: Rational;
}

const ZERO_ANGLE: SinCos = { s: ratConst(Q.ZERO), c: ratConst(Q.ONE) };

function addAngles(a: SinCos, b: SinCos): SinCos {
  return {
    s: addRat(mulRat(a.s, b.c), mulRat(a.c, b.s)),
    c: addRat(mulRat(a.c, b.c), mulRat(a.s, b.s), Q.neg(Q.ONE)),
  };
}

function multiple(base: SinCos, n: number): SinCos {
  let out = ZERO_ANGLE;
  for (let i = 0; i < Math.abs(n); i++) out = addAngles(out, base);
  return n < 0 ? { s: negRat(out.s), c: out.c } : out;
}

/** The unit of a monomial's multiples and how many of them c is. */
function angleUnit(ctx: Ctx, mono: Mono, c: Q.Q): { unit: Q.Q; n: number } {
  const magnitude = Q.sign(c) < 0 ? Q.neg(c) : c;
  const seen = ctx.learned.angles.get(mono.key);
  ctx.learned.angles.set(mono.key, seen ? gcdQ(seen, magnitude) : magnitude);
  const unit = ctx.known.angles.get(mono.key);
  const n = unit && Q.div(c, unit);
  if (unit && n && Q.isInteger(n) && n.n <= BigInt(MAX_MULTIPLE) && n.n >= BigInt(-MAX_MULTIPLE)) return { unit, n: Number(n.n) };
  return { unit: magnitude, n: Q.sign(c) };
}

const isPi = (m: Mono): boolean => m.factors.length === 1 && m.factors[0]![0].kind === 'pi' && isRational(m.factors[0]![1]) && Q.eq(m.factors[0]![1] as Q.Q, Q.ONE);

/** sin and cos of the angle whose canonical form is r. */
export function sinCos(ctx: Ctx, r: Rational): SinCos {
  ctx.used.add('trigonometric');
  const p = laurent(r);
  if (!p) {
    const u = ctx.expr(r);
    return { s: ratAtom(B.sin(u)), c: ratAtom(B.cos(u)) };
  }
  let acc = ZERO_ANGLE;
  let halfTurns = Q.ZERO;
  for (const t of p.values()) {
    if (isPi(t.mono)) {
      const twice = Q.mul(t.coeff, Q.q(2n));
      if (Q.isInteger(twice)) {
        halfTurns = Q.add(halfTurns, twice);
        continue;
      }
    }
    const { unit, n } = angleUnit(ctx, t.mono, t.coeff);
    const theta = ctx.expr(ratPoly(monoPoly(t.mono, unit)));
    acc = addAngles(acc, multiple({ s: ratAtom(B.sin(theta)), c: ratAtom(B.cos(theta)) }, n));
  }
  // + kπ/2: each quarter turn maps (sin, cos) to (cos, −sin)
  const quarter = Number((((halfTurns.n % 4n) + 4n) % 4n));
  for (let i = 0; i < quarter; i++) acc = { s: acc.c, c: negRat(acc.s) };
  return acc;
}

/** The sign of r's leading coefficient c, r/c (leading 1) and r/|c| (same sign as r). */
function normalised(r: Rational): { sign: number; unit: Rational; magnitude: Rational } {
  const lead = sortedTerms(r.num)[0];
  if (!lead) return { sign: 0, unit: r, magnitude: r };
  const mag = Q.sign(lead.coeff) < 0 ? Q.neg(lead.coeff) : lead.coeff;
  const magnitude = mulRat(r, ratConst(Q.div(Q.ONE, mag)));
  return { sign: Q.sign(lead.coeff), unit: mulRat(r, ratConst(Q.div(Q.ONE, lead.coeff))), magnitude };
}

/** sign(u): multiplicative, 1 on what is known positive. */
export function signOf(ctx: Ctx, r: Rational): Rational {
  ctx.used.add('step-sign');
  const c = r.den.length ? undefined : constValue(r.num);
  if (c !== undefined) return ratConst(Q.q(BigInt(Q.sign(c))));
  if (isPositiveRat(ctx, r)) return ratConst(Q.ONE);
  if (isPositiveRat(ctx, negRat(r))) return ratConst(Q.neg(Q.ONE));
  const p = laurent(r);
  const t = p?.size === 1 ? p.values().next().value! : undefined;
  if (!t) {
    // sign(c·u) = sgn(c)·sign(u)
    const { sign, unit } = normalised(r);
    return mulRat(ratConst(Q.q(BigInt(sign))), ratAtom(B.sign(ctx.expr(unit))));
  }
  let out = ratConst(Q.q(BigInt(Q.sign(t.coeff))));
  for (const [a, k] of t.mono.factors) out = mulRat(out, signOfPower(ctx, a, k));
  return out;
}

function signOfPower(ctx: Ctx, a: Expr, k: PowerFactor[1]): Rational {
  if (isPositiveAtom(ctx, a)) return ratConst(Q.ONE);
  if (!isRational(k)) return ratAtom(B.sign(B.pow(a, ctx.expr(ratPoly(k)))));
  // a^{1/2} has a's sign (a ≥ 0); a^{−1/2} is > 0; sign(a^k) = sign(a)^k for integer k (sign(a) = ±1 if k < 0)
  if (!Q.isInteger(k)) return Q.sign(k) > 0 ? ratAtom(B.sign(a)) : ratConst(Q.ONE);
  return powRat(ratAtom(B.sign(a)), k.n % 2n === 0n ? 2 : 1);
}

/** step(u) = [u > 0]: 1 on what is known positive, unchanged by positive factors. */
export function stepOf(ctx: Ctx, r: Rational): Rational {
  ctx.used.add('step-sign');
  const c = r.den.length ? undefined : constValue(r.num);
  if (c !== undefined) return ratConst(Q.sign(c) > 0 ? Q.ONE : Q.ZERO);
  if (isPositiveRat(ctx, r)) return ratConst(Q.ONE);
  if (isPositiveRat(ctx, negRat(r))) return ratConst(Q.ZERO);
  const p = laurent(r);
  const t = p?.size === 1 ? p.values().next().value! : undefined;
  if (t) {
    const unknown = t.mono.factors.filter(([a]) => !isPositiveAtom(ctx, a));
    const arg = ratPoly(monoPoly(makeMono(unknown), Q.q(BigInt(Q.sign(t.coeff)))));
    return ratAtom(B.step(ctx.expr(arg)));
  }
  return ratAtom(B.step(ctx.expr(normalised(r).magnitude)));
}

/** An odd function (asin, atan): f(−u) = −f(u), so its argument leads with a positive coefficient. */
export function oddOf(ctx: Ctx, kind: 'asin' | 'atan', r: Rational): Rational {
  const { sign } = normalised(r);
  if (sign === 0) return ratConst(Q.ZERO);
  const f = ratAtom(unary(kind, ctx.expr(sign > 0 ? r : negRat(r))));
  return sign > 0 ? f : negRat(f);
}

/** Any other function: one atom over its canonical argument. */
export function opaque(ctx: Ctx, e: Unary | Param, r: Rational): Rational {
  const u = ctx.expr(r);
  return ratAtom(e.kind === 'leaky_relu' || e.kind === 'leaky_step' ? param(e.kind, u, (e as Param).alpha) : unary((e as Unary).kind, u));
}
