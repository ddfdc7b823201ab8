// Powers, exp and log in the canonical form. Which law is used where is the whole point:
//   b^s·b^t = b^{s+t}        always (merging two powers that are defined)
//   (PQ)^s = P^s Q^s          when P > 0, so positive factors split off any power
//   (a^k)^s = a^{ks}          when a > 0, or k odd or non-integer (a^k then has a's sign)
//   exp(Σ c_i m_i) = Π exp(m_i)^{c_i}   exp(m·log a) = a^m   (log a defined: a > 0)
//   log(Π parts) = Σ log(parts)   only for parts known > 0; what is left is one log atom.
// Anything else stays one atom with canonical arguments: sound, only less complete.
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import { isPositiveAtom, isPositivePoly, isPositiveRat, type Ctx } from './canon-context.ts';
import { integerContent } from './factor.ts';
import {
  TooLarge, constPoly, contentSplit, exponentPoly, isRational, makeMono, monoPoly, mulExponents, mulMono, mulPolyMono,
  UNIT, polyKey, sortedTerms, toExponent, type Exponent, type Poly, type PowerFactor,
} from './poly.ts';
import { MAX_POWER, addRat, monoExpr, mulRat, powRat, ratAtom, ratConst, ratPoly, type Rational } from './rational.ts';

const MINUS_ONE = Q.neg(Q.ONE);
/** Integer parts folded into a coefficient at most this large (2^400 is refused). */
const MAX_FOLD = 400n;

/** ⌊k⌋ of a rational. */
export function floorQ(k: Q.Q): bigint {
  return k.n >= 0n ? k.n / k.d : -((-k.n + k.d - 1n) / k.d);
}
const isOddInteger = (k: Q.Q): boolean => Q.isInteger(k) && k.n % 2n !== 0n;

/** r as a Laurent polynomial when its denominator is a product of atoms (1/x = x^{−1}). */
export function laurent(r: Rational): Poly | undefined {
  let p = r.num;
  for (const f of r.den) {
    const t = f.poly.size === 1 ? f.poly.values().next().value! : undefined;
    if (!t || !Q.eq(t.coeff, Q.ONE)) return undefined;
    p = mulPolyMono(p, t.mono, Q.q(BigInt(-f.mult)));
  }
  return p;
}

/** Prime factors of n > 0 by trial division; a large cofactor left counts as one base. */
function factorInt(n: bigint): Map<bigint, number> {
  const out = new Map<bigint, number>();
  let m = n < 0n ? -n : n;
  for (let p = 2n; p <= 1000n && p * p <= m; p++) {
    while (m % p === 0n) {
      out.set(p, (out.get(p) ?? 0) + 1);
      m /= p;
    }
  }
  if (m > 1n) out.set(m, (out.get(m) ?? 0) + 1);
  return out;
}

function primePowers(c: Q.Q): [bigint, number][] {
  return [...factorInt(c.n)].concat([...factorInt(c.d)].map(([p, e]) => [p, -e]));
}

/** c^s for a rational c > 0: prime atoms to the power s, integer parts folded into the coefficient. */
export function constPow(c: Q.Q, s: Exponent): Rational {
  let coeff = Q.ONE;
  const factors: PowerFactor[] = [];
  for (const [p, e] of primePowers(c)) {
    const k = mulExponents(Q.q(BigInt(e)), s);
    if (!isRational(k)) {
      factors.push([B.rational(Q.q(p)), k]);
      continue;
    }
    const n = floorQ(k);
    if (n > MAX_FOLD || n < -MAX_FOLD) throw new TooLarge('a constant power too large to fold');
    coeff = Q.mul(coeff, Q.powInt(Q.q(p), Number(n)));
    const f = Q.sub(k, Q.q(n));
    if (!Q.isZero(f)) factors.push([B.rational(Q.q(p)), f]);
  }
  return ratPoly(monoPoly(makeMono(factors), coeff));
}

const asRat = (k: Exponent): Rational => ratPoly(exponentPoly(k));

/** a^k for an atom a > 0: exp atoms keep rational exponents (exp(m)^s = exp(m·s) otherwise). */
function positivePower(ctx: Ctx, a: Expr, k: Exponent): Rational {
  if (a.kind === 'exp' && !isRational(k)) return ctx.exp(mulRat(ctx.of(a.a), asRat(k)));
  return ratAtom(a, k);
}

/** A power whose base is one composite atom: (1 + x²)^{5/2} = (1 + x²)²·(1 + x²)^{1/2}. */
function compositePow(ctx: Ctx, rb: Rational, s: Exponent): Rational {
  // (c·P)^s = |c|^s·(±P)^s: the constant content splits off (c ≠ 0), P keeps the sign
  const signed = rb.num.size > 1 ? integerContent(rb.num).coeff : Q.ONE;
  const content = Q.sign(signed) < 0 ? Q.neg(signed) : signed;
  if (!Q.eq(content, Q.ONE)) return mulRat(constPow(content, s), compositePow(ctx, mulRat(rb, ratConst(Q.div(Q.ONE, content))), s));
  const base = ctx.expr(rb);
  ctx.bases.set(base.id, rb);
  // Splitting off an integer part needs b ≥ 0: true for a non-integer rational power
  // (defined only there), and for a symbolic one when b > 0 is known.
  const c0 = isRational(s) ? s : s.get(UNIT.key)?.coeff ?? Q.ZERO;
  const splits = isRational(s) ? !Q.isInteger(s) : isPositiveRat(ctx, rb);
  const n = floorQ(c0);
  if (!splits || n === 0n || n > BigInt(MAX_POWER) || n < BigInt(-MAX_POWER)) return ratAtom(base, s);
  const rest = isRational(s) ? Q.sub(s, Q.q(n)) : addConst(s, Q.q(-n));
  return mulRat(powRat(rb, Number(n)), ratAtom(base, rest));
}

function addConst(p: Poly, c: Q.Q): Exponent {
  const out = new Map(p);
  const key = UNIT.key;
  const v = Q.add(out.get(key)?.coeff ?? Q.ZERO, c);
  if (Q.isZero(v)) out.delete(key);
  else out.set(key, { coeff: v, mono: UNIT });
  return toExponent(out);
}

/** (c · Π a_i^{k_i})^s for a non-integer or symbolic s. */
function monomialPow(ctx: Ctx, coeff: Q.Q, factors: readonly PowerFactor[], s: Exponent): Rational {
  if (Q.isZero(coeff)) {
    if (!isRational(s)) return ratAtom(B.pow(B.num(0), ctx.expr(asRat(s))));
    if (Q.sign(s) > 0) return ratConst(Q.ZERO);
    throw new RangeError('0 to a negative power');
  }
  // (c·P)^s = |c|^s·(±P)^s: |c| > 0 splits off, its sign stays with the rest
  const negative = Q.sign(coeff) < 0;
  let out = constPow(negative ? Q.neg(coeff) : coeff, s);
  const unknown: PowerFactor[] = [];
  for (const [a, k] of factors) {
    if (isPositiveAtom(ctx, a)) out = mulRat(out, positivePower(ctx, a, mulExponents(k, s)));
    else unknown.push([a, k]);
  }
  if (unknown.length === 0 && !negative) return out;
  if (unknown.length === 1 && !negative) {
    const [a, k] = unknown[0]!;
    if (isRational(k) && (isOddInteger(k) || !Q.isInteger(k))) return mulRat(out, ratAtom(a, mulExponents(k, s)));
    const ks = isRational(k) ? mulExponents(k, s) : undefined;
    if (ks && isRational(ks) && Q.isInteger(ks)) {
      // k even and k·s = n an integer: (a^k)^s = |a|^n = a^n·sign(a)^n
      const n = Number(ks.n);
      if (n % 2 === 0) return mulRat(out, ratAtom(a, ks)); // |a|^n = a^n for n even
      if (ctx.display) return mulRat(out, ratAtom(B.abs(a), ks));
      return mulRat(out, mulRat(ratAtom(a, ks), powRat(ctx.of(B.sign(a)), Math.abs(n) % 2 === 0 ? 2 : 1)));
    }
  }
  const rest = ratPoly(monoPoly(makeMono(unknown), negative ? MINUS_ONE : Q.ONE));
  return mulRat(out, compositePow(ctx, rest, s));
}

/** b^s from the canonical forms of b and s. */
export function power(ctx: Ctx, rb: Rational, s: Exponent): Rational {
  if (isRational(s) && Q.isInteger(s) && s.n <= BigInt(MAX_POWER) && s.n >= BigInt(-MAX_POWER)) return powRat(rb, Number(s.n));
  ctx.used.add('powers');
  const p = laurent(rb);
  if (p && p.size <= 1) {
    const t = p.values().next().value;
    return monomialPow(ctx, t?.coeff ?? Q.ZERO, t?.mono.factors ?? [], s);
  }
  return compositePow(ctx, rb, s);
}

/** A canonical form as an exponent, when it is a (Laurent) polynomial. */
export function asExponent(r: Rational): Exponent | undefined {
  const p = laurent(r);
  return p && toExponent(p);
}

/** exp(u) from the canonical form of u. */
export function expOf(ctx: Ctx, r: Rational): Rational {
  ctx.used.add('exp-log');
  const p = laurent(r);
  if (!p) {
    // exp(c·u) = exp(u)^c for the leading coefficient c, so exp(−u), exp(2u) share exp(u)'s atom
    const c = sortedTerms(r.num)[0]!.coeff;
    return ratAtom(B.exp(ctx.expr(mulRat(r, ratConst(Q.div(Q.ONE, c))))), c);
  }
  let out = ratConst(Q.ONE);
  for (const t of p.values()) {
    if (t.mono.factors.length === 0) {
      out = mulRat(out, ratAtom(B.exp(B.num(1)), t.coeff));
      continue;
    }
    const lg = t.mono.factors.find(([a, k]) => a.kind === 'log' && isRational(k) && Q.isInteger(k) && Q.sign(k) > 0);
    if (lg) {
      // exp(c·m·log a) = a^{c·m}: log a is defined, so a > 0
      const s = toExponent(monoPoly(mulMono(t.mono, makeMono([[lg[0], Q.ONE]]), MINUS_ONE), t.coeff));
      out = mulRat(out, power(ctx, ctx.of((lg[0] as Extract<Expr, { a: Expr }>).a), s));
    } else {
      out = mulRat(out, ratAtom(B.exp(monoExpr(t.mono.factors)), t.coeff));
    }
  }
  return out;
}

/** log c for a rational c > 0: Σ e_p log p over its primes. */
function logConst(c: Q.Q): Rational {
  let out = ratConst(Q.ZERO);
  for (const [p, e] of primePowers(c)) out = addRat(out, ratAtom(B.log(B.rational(Q.q(p)))), Q.q(BigInt(e)));
  return out;
}

/** log(a^k) = k log a for an atom a > 0. */
function logPositivePower(ctx: Ctx, a: Expr, k: Exponent): Rational {
  if (a.kind === 'exp') return mulRat(ctx.of(a.a), asRat(k));
  const lg = a.kind === 'const' ? logConst(a.q) : ratAtom(B.log(a));
  return mulRat(lg, asRat(k));
}

/** log u from the canonical form of u (> 0 wherever log u is defined). */
export function logOf(ctx: Ctx, r: Rational): Rational {
  ctx.used.add('exp-log');
  if (r.num.size === 0) throw new RangeError('log of 0');
  const { coeff, mono, primitive } = contentSplit(r.num);
  for (const [a, k] of mono.factors) if (isRational(k)) ctx.learned.nonzero.add(a.id);
  let out = logConst(Q.sign(coeff) < 0 ? Q.neg(coeff) : coeff);
  const unknown: PowerFactor[] = [];
  for (const [a, k] of mono.factors) {
    if (isPositiveAtom(ctx, a)) out = addRat(out, logPositivePower(ctx, a, k));
    else unknown.push([a, k]);
  }
  let rest: Rational = ratPoly(monoPoly(makeMono(unknown), Q.sign(coeff) < 0 ? MINUS_ONE : Q.ONE));
  const primitiveConst = primitive.size === 1 && primitive.has(UNIT.key);
  if (!primitiveConst) {
    if (isPositivePoly(ctx, primitive)) out = addRat(out, ratAtom(B.log(ctx.expr(ratPoly(primitive)))));
    else rest = mulRat(rest, ratPoly(primitive));
  }
  for (const f of r.den) {
    if (isPositivePoly(ctx, f.poly)) out = addRat(out, ratAtom(B.log(ctx.expr(ratPoly(f.poly)))), Q.q(BigInt(-f.mult)));
    else rest = mulRat(rest, { num: constPoly(Q.ONE), den: [f] });
  }
  return addRat(out, logRest(ctx, rest));
}

/** The log of what has no known sign: one atom, or k log a when that is a's own sign. */
function logRest(ctx: Ctx, rest: Rational): Rational {
  const p = rest.den.length === 0 ? rest.num : undefined;
  const t = p?.size === 1 ? p.values().next().value! : undefined;
  if (t && t.mono.factors.length === 0) return ratConst(Q.ZERO); // rest is 1
  if (t && Q.eq(t.coeff, Q.ONE) && t.mono.factors.length === 1) {
    const [a, k] = t.mono.factors[0]!;
    if (isRational(k) && (isOddInteger(k) || !Q.isInteger(k))) {
      ctx.learned.positive.add(a.id); // a^k > 0 with k odd or non-integer: a > 0
      return mulRat(ratAtom(B.log(a)), ratConst(k));
    }
    if (isRational(k)) {
      // k even: log(a^k) = k log|a|, |a| written a·sign(a) as abs is
      const abs = mulRat(ratAtom(a), ctx.of(B.sign(a)));
      return mulRat(ratAtom(B.log(ctx.expr(abs))), ratConst(k));
    }
  }
  if (p) ctx.learned.positivePolys.add(polyKey(p));
  return ratAtom(B.log(ctx.expr(rest)));
}
