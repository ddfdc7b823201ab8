// The IR's own normal form: an expression as a rational function N / (f_1^m_1 ... f_k^m_k)
// over atoms, with N expanded and collected, every coefficient an exact rational, and every
// denominator factor f_i that divides N cancelled. Two expressions with the same normal
// form are equal; the converse fails only where equality needs identities of the atoms
// (sin² + cos² = 1), which prove.ts adds on top of these operations.
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import {
  addPoly, atomPoly, constPoly, constValue, contentSplit, divExact, isRational, isZero, makeMono, monoPoly,
  mulPoly, polyKey, powPoly, scalePoly, sortedTerms, type Exponent, type Mono, type Poly, type PowerFactor,
} from './poly.ts';

export interface DenFactor {
  readonly poly: Poly;
  readonly key: string;
  readonly mult: number;
}
export interface Rational {
  readonly num: Poly;
  readonly den: readonly DenFactor[];
}

/** Integer powers expanded at most this far; beyond, x^k stays an atom. */
export const MAX_POWER = 8;
const MINUS_ONE = Q.neg(Q.ONE);

export const ratConst = (c: Q.Q): Rational => ({ num: constPoly(c), den: [] });
export const ratAtom = (a: Expr, k: Exponent = Q.ONE): Rational => ({ num: atomPoly(a, k), den: [] });
export const ratPoly = (p: Poly): Rational => ({ num: p, den: [] });

function cancel(num: Poly, den: readonly DenFactor[]): Rational {
  let n = num;
  const kept: DenFactor[] = [];
  for (const f of den) {
    let mult = f.mult;
    for (let q = divExact(n, f.poly); mult > 0 && q; q = mult > 0 ? divExact(n, f.poly) : undefined) {
      n = q;
      mult--;
    }
    if (mult > 0) kept.push({ ...f, mult });
  }
  return { num: n, den: isZero(n) ? [] : kept };
}

const denFactor = (poly: Poly, mult: number): DenFactor => ({ poly, key: polyKey(poly), mult });

/**
 * 1 / p as a rational: the constant and the common monomial split off, so that single atoms
 * can cancel. Throws RangeError for p = 0. Exponents that are not positive integers
 * (x^{1/2}, x^x) stay in the numerator, negated.
 */
function reciprocal(p: Poly): Rational {
  const c = constValue(p);
  if (c !== undefined) {
    if (Q.isZero(c)) throw new RangeError('division by zero');
    return ratConst(Q.div(Q.ONE, c));
  }
  const { coeff, mono, primitive } = contentSplit(p);
  const den: DenFactor[] = [];
  const up: PowerFactor[] = [];
  for (const [a, k] of mono.factors) {
    if (isRational(k) && Q.isInteger(k) && Q.sign(k) > 0 && k.n <= BigInt(MAX_POWER * 8)) den.push(denFactor(atomPoly(a), Number(k.n)));
    else up.push([a, isRational(k) ? Q.neg(k) : scalePoly(k, MINUS_ONE)]);
  }
  if (constValue(primitive) === undefined) den.push(denFactor(primitive, 1));
  return { num: monoPoly(makeMono(up), Q.div(Q.ONE, coeff)), den };
}

function mergeDen(a: readonly DenFactor[], b: readonly DenFactor[], combine: (x: number, y: number) => number): DenFactor[] {
  const out = new Map<string, DenFactor>();
  // a repeated key within one list is one factor to the total multiplicity
  for (const f of a) {
    const prev = out.get(f.key);
    out.set(f.key, prev ? { ...f, mult: prev.mult + f.mult } : f);
  }
  for (const f of b) {
    const prev = out.get(f.key);
    out.set(f.key, prev ? { ...f, mult: combine(prev.mult, f.mult) } : f);
  }
  return [...out.values()];
}

/** The product of the factors, each to its multiplicity less `except`'s. */
export function denPoly(den: readonly DenFactor[], except: ReadonlyMap<string, number> = new Map()): Poly {
  let p = constPoly(Q.ONE);
  for (const f of den) p = mulPoly(p, powPoly(f.poly, f.mult - (except.get(f.key) ?? 0)));
  return p;
}

/** r + scale·s */
export function addRat(r: Rational, s: Rational, sScale: Q.Q = Q.ONE): Rational {
  const lcd = mergeDen(r.den, s.den, Math.max);
  const rMult = new Map(r.den.map((f) => [f.key, f.mult]));
  const sMult = new Map(s.den.map((f) => [f.key, f.mult]));
  const rDen = new Map(lcd.map((f) => [f.key, rMult.get(f.key) ?? 0]));
  const sDen = new Map(lcd.map((f) => [f.key, sMult.get(f.key) ?? 0]));
  const num = addPoly(mulPoly(r.num, denPoly(lcd, rDen)), mulPoly(s.num, denPoly(lcd, sDen)), sScale);
  return cancel(num, lcd);
}

export function negRat(r: Rational): Rational {
  return { ...r, num: scalePoly(r.num, MINUS_ONE) };
}

export function mulRat(r: Rational, s: Rational): Rational {
  return cancel(mulPoly(r.num, s.num), mergeDen(r.den, s.den, (x, y) => x + y));
}

export function invRat(r: Rational): Rational {
  return mulRat(ratPoly(denPoly(r.den)), reciprocal(r.num));
}

/** r^k for an integer k (|k| ≤ MAX_POWER, checked by the callers). */
export function powRat(r: Rational, k: number): Rational {
  const m = Math.abs(k);
  const out: Rational = { num: powPoly(r.num, m), den: r.den.map((f) => ({ ...f, mult: f.mult * m })) };
  return k >= 0 ? out : invRat(out);
}

/** The monomial of a rational that is one term over no denominator, with its coefficient. */
export function asMonomial(r: Rational): { coeff: Q.Q; mono: Mono } | undefined {
  if (r.den.length || r.num.size !== 1) return undefined;
  return r.num.values().next().value;
}

/** Normal form of e with every non-arithmetic node an atom; throws TooLarge when expansion would blow up. */
export function toRational(e: Expr): Rational {
  switch (e.kind) {
    case 'const':
      return ratConst(e.q);
    case 'add':
      return addRat(toRational(e.a), toRational(e.b));
    case 'sub':
      return addRat(toRational(e.a), toRational(e.b), MINUS_ONE);
    case 'neg':
      return negRat(toRational(e.a));
    case 'mul':
      return mulRat(toRational(e.a), toRational(e.b));
    case 'div':
      return mulRat(toRational(e.a), invRat(toRational(e.b)));
    case 'pow': {
      const k = e.b.kind === 'const' && Q.isInteger(e.b.q) ? Number(e.b.q.n) : NaN;
      if (!Number.isInteger(k) || Math.abs(k) > MAX_POWER) return ratAtom(e);
      return powRat(toRational(e.a), k);
    }
    default:
      return ratAtom(e);
  }
}

// ---- back to an expression, in display order ------------------------------------------

const exponentExpr = (k: Exponent): Expr => (isRational(k) ? B.rational(k) : polyExpr(k));

export function monoExpr(factors: readonly PowerFactor[]): Expr {
  return B.product(factors.map(([a, k]) => B.pow(a, exponentExpr(k))));
}

/** A polynomial as a sum, positive terms first so that ŷ − y reads as the course writes it. */
export function polyExpr(p: Poly): Expr {
  const terms = sortedTerms(p);
  const ordered = [...terms.filter((t) => Q.sign(t.coeff) > 0), ...terms.filter((t) => Q.sign(t.coeff) < 0)];
  let out: Expr | undefined;
  for (const t of ordered) {
    const negative = Q.sign(t.coeff) < 0;
    const mag = B.mul(B.rational(negative ? Q.neg(t.coeff) : t.coeff), monoExpr(t.mono.factors));
    out = out === undefined ? (negative ? B.neg(mag) : mag) : negative ? B.sub(out, mag) : B.add(out, mag);
  }
  return out ?? B.num(0);
}

export function rationalExpr(r: Rational): Expr {
  const numExpr = polyExpr(r.num);
  if (r.den.length === 0) return numExpr;
  const denExpr = B.product(r.den.map((f) => B.pow(polyExpr(f.poly), B.num(f.mult))));
  return B.div(numExpr, denExpr);
}

/** Is e identically zero as a rational function of its atoms (exactly: no tolerance)? */
export function isIdenticallyZero(e: Expr): boolean {
  return isZero(toRational(e).num);
}
