// The IR's own normal form: an expression as a rational function N / (f_1^m_1 ... f_k^m_k)
// over atoms, with N expanded and collected and every denominator factor f_i that
// divides N cancelled. Two expressions with the same normal form are equal; the
// converse fails only where equality needs identities of the atoms (sin² + cos² = 1).
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import {
  addPoly, atomPoly, constPoly, constValue, contentSplit, divExact, isZero, mulPoly,
  powPoly, scalePoly, sortedTerms, type Poly,
} from './poly.ts';

interface Factor {
  readonly poly: Poly;
  readonly key: string;
  readonly mult: number;
}
export interface Rational {
  readonly num: Poly;
  readonly den: readonly Factor[];
}

const MAX_POWER = 8;

function polyKey(p: Poly): string {
  return sortedTerms(p)
    .map((t) => `${t.coeff}${t.mono.key}`)
    .join('+');
}

function cancel(num: Poly, den: readonly Factor[]): Rational {
  let n = num;
  const kept: Factor[] = [];
  for (const f of den) {
    let mult = f.mult;
    for (let q = divExact(n, f.poly); mult > 0 && q; q = divExact(n, f.poly)) {
      n = q;
      mult--;
    }
    if (mult > 0) kept.push({ ...f, mult });
  }
  return { num: n, den: isZero(n) ? [] : kept };
}

/** 1 / p as a rational: constants and monomials split off so single atoms can cancel. */
function reciprocal(p: Poly): Rational {
  const c = constValue(p);
  if (c !== undefined) {
    if (c === 0) throw new RangeError('division by zero');
    return { num: constPoly(1 / c), den: [] };
  }
  const { coeff, mono, primitive } = contentSplit(p);
  const den: Factor[] = mono.factors.map(([a, k]) => ({ poly: atomPoly(a), key: polyKey(atomPoly(a)), mult: k }));
  if (constValue(primitive) === undefined) den.push({ poly: primitive, key: polyKey(primitive), mult: 1 });
  return { num: constPoly(1 / coeff), den };
}

function mergeDen(a: readonly Factor[], b: readonly Factor[], combine: (x: number, y: number) => number): Factor[] {
  const out = new Map<string, Factor>();
  for (const f of a) out.set(f.key, f);
  for (const f of b) {
    const prev = out.get(f.key);
    out.set(f.key, prev ? { ...f, mult: combine(prev.mult, f.mult) } : f);
  }
  return [...out.values()];
}

function denPoly(den: readonly Factor[], except: ReadonlyMap<string, number> = new Map()): Poly {
  let p = constPoly(1);
  for (const f of den) p = mulPoly(p, powPoly(f.poly, f.mult - (except.get(f.key) ?? 0)));
  return p;
}

export function addRat(r: Rational, s: Rational, sScale = 1): Rational {
  const lcd = mergeDen(r.den, s.den, Math.max);
  const rMult = new Map(r.den.map((f) => [f.key, f.mult]));
  const sMult = new Map(s.den.map((f) => [f.key, f.mult]));
  const rDen = new Map(lcd.map((f) => [f.key, rMult.get(f.key) ?? 0]));
  const sDen = new Map(lcd.map((f) => [f.key, sMult.get(f.key) ?? 0]));
  const num = addPoly(mulPoly(r.num, denPoly(lcd, rDen)), mulPoly(s.num, denPoly(lcd, sDen)), sScale);
  return cancel(num, lcd);
}

export function mulRat(r: Rational, s: Rational): Rational {
  return cancel(mulPoly(r.num, s.num), mergeDen(r.den, s.den, (x, y) => x + y));
}

function invRat(r: Rational): Rational {
  const inv = reciprocal(r.num);
  return mulRat({ num: denPoly(r.den), den: [] }, inv);
}

const atom = (e: Expr): Rational => ({ num: atomPoly(e), den: [] });

/** Normal form of e; throws TooLarge when expansion would blow up. */
export function toRational(e: Expr): Rational {
  switch (e.kind) {
    case 'const':
      return { num: constPoly(e.value), den: [] };
    case 'add':
      return addRat(toRational(e.a), toRational(e.b));
    case 'sub':
      return addRat(toRational(e.a), toRational(e.b), -1);
    case 'neg':
      return { ...toRational(e.a), num: scalePoly(toRational(e.a).num, -1) };
    case 'mul':
      return mulRat(toRational(e.a), toRational(e.b));
    case 'div':
      return mulRat(toRational(e.a), invRat(toRational(e.b)));
    case 'pow': {
      const k = e.b.kind === 'const' ? e.b.value : NaN;
      if (!Number.isInteger(k) || Math.abs(k) > MAX_POWER) return atom(e);
      const base = toRational(e.a);
      const r: Rational = { num: powPoly(base.num, Math.abs(k)), den: base.den.map((f) => ({ ...f, mult: f.mult * Math.abs(k) })) };
      return k >= 0 ? r : invRat(r);
    }
    default:
      return atom(e);
  }
}

// ---- back to an expression, in display order ------------------------------------------

function monoExpr(factors: readonly (readonly [Expr, number])[]): Expr {
  return B.product(factors.map(([a, k]) => B.pow(a, B.num(k))));
}

/** A polynomial as a sum, positive terms first so that ŷ − y reads as the course writes it. */
export function polyExpr(p: Poly): Expr {
  const terms = sortedTerms(p);
  const ordered = [...terms.filter((t) => t.coeff > 0), ...terms.filter((t) => t.coeff < 0)];
  let out: Expr | undefined;
  for (const t of ordered) {
    const mag = B.mul(B.num(Math.abs(t.coeff)), monoExpr(t.mono.factors));
    out = out === undefined ? (t.coeff < 0 ? B.neg(mag) : mag) : t.coeff < 0 ? B.sub(out, mag) : B.add(out, mag);
  }
  return out ?? B.num(0);
}

export function rationalExpr(r: Rational): Expr {
  const numExpr = polyExpr(r.num);
  if (r.den.length === 0) return numExpr;
  const denExpr = B.product(r.den.map((f) => B.pow(polyExpr(f.poly), B.num(f.mult))));
  return B.div(numExpr, denExpr);
}

/** Is e identically zero as a rational function of its atoms? */
export function isIdenticallyZero(e: Expr): boolean {
  return isZero(toRational(e).num);
}
