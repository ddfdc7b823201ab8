// A display canonical form written back as a textbook writes it: numbers folded into one
// leading coefficient, powers of one base merged, e^a·e^b as e^{a+b}, x^{−2} under the bar,
// √ for the power ½, and (the factored form) the common monomial, the integer content and
// the polynomial factors taken out, (x + 1)(x − 1) and (e^x + 1)² recognised and cancelled.
import * as B from '../ir/build.ts';
import { children, isParam, isUnary, topoOrder, withChildren, type Expr, type OpNode } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import type { Ctx } from './canon-context.ts';
import { factorPoly, integerContent } from './factor.ts';
import { count } from './ops.ts';
import {
  addExponents, contentSplit, isRational, isZero, makeMono, polyKey, scalePoly, sortedTerms, type Exponent, type Mono, type Poly,
  type PowerFactor,
} from './poly.ts';
import { addRat, mulRat, ratConst, ratPoly, type Rational } from './rational.ts';

const HALF = Q.q(1n, 2n);

/** The smallest by operation count (the first of equals). */
export function smallest(candidates: readonly Expr[]): Expr {
  let best = candidates[0]!;
  let cost = count(best);
  for (const c of candidates.slice(1)) {
    const k = count(c);
    if (k < cost) [best, cost] = [c, k];
  }
  return best;
}

/** Factors of a product, split into what goes above and below the bar. */
interface Parts {
  readonly up: Expr[];
  readonly down: Expr[];
}

function powerParts(ctx: Ctx, a: Expr, k: PowerFactor[1], parts: Parts): void {
  if (!isRational(k)) {
    parts.up.push(B.pow(a, sumExpr(ctx, k)));
    return;
  }
  const negative = Q.sign(k) < 0;
  const m = negative ? Q.neg(k) : k;
  // x^{−2} and x^{−1/2} go below the bar; x^{−7/8} stays a power, as textbooks write it
  const below = negative && (Q.isInteger(m) || Q.eq(m, HALF));
  const magnitude = below ? m : k;
  const e = Q.eq(magnitude, HALF) ? B.sqrt(a) : B.pow(a, B.rational(magnitude));
  (below ? parts.down : parts.up).push(e);
}

/** Π a^k into the parts of a product; the exp factors merge into one exp of the sum of exponents. */
function monoParts(ctx: Ctx, mono: Mono, parts: Parts): void {
  let expArg: Rational | undefined;
  for (const [a, k] of mono.factors) {
    if (a.kind === 'exp' && isRational(k)) {
      const arg = mulRat(ctx.of(a.a), ratConst(k));
      expArg = expArg ? addRat(expArg, arg) : arg;
    } else powerParts(ctx, a, k, parts);
  }
  if (expArg) parts.up.push(B.exp(sumOf(ctx, expArg)));
}

/** c·Π a^k as an expression. */
export function termExpr(ctx: Ctx, coeff: Q.Q, mono: Mono): Expr {
  const parts: Parts = { up: [], down: [] };
  monoParts(ctx, mono, parts);
  return assemble(coeff, parts.up, parts.down);
}

/** The argument of a merged exp, in its shortest form: exp(−(x − m)²/(2s²)). */
function sumOf(ctx: Ctx, r: Rational): Expr {
  return smallest([...factoredExpr(ctx, r, 1), r.den.length === 0 ? sumExpr(ctx, r.num, 1) : ctx.expr(r)]);
}

/** c · Π up / Π down: (3/2)·x when nothing is below the bar, else 3x/(2y). */
function assemble(coeff: Q.Q, up: readonly Expr[], down: readonly Expr[]): Expr {
  const negative = Q.sign(coeff) < 0;
  const c = negative ? Q.neg(coeff) : coeff;
  const e = down.length === 0
    ? B.mul(B.rational(c), B.product(up))
    : B.div(B.mul(B.rational(Q.q(c.n)), B.product(up)), B.mul(B.rational(Q.q(c.d)), B.product(down)));
  return negative ? B.neg(e) : e;
}

/** A polynomial as a sum, positive terms first (ŷ − y), each term in display form. */
export function plainSum(ctx: Ctx, p: Poly): Expr {
  const terms = sortedTerms(p);
  const ordered = [...terms.filter((t) => Q.sign(t.coeff) > 0), ...terms.filter((t) => Q.sign(t.coeff) < 0)];
  let out: Expr | undefined;
  for (const t of ordered) {
    const negative = Q.sign(t.coeff) < 0;
    const mag = termExpr(ctx, negative ? Q.neg(t.coeff) : t.coeff, t.mono);
    out = out === undefined ? (negative ? B.neg(mag) : mag) : negative ? B.sub(out, mag) : B.add(out, mag);
  }
  return out ?? B.num(0);
}

/** A sum, with common factors of some of its terms collected when that reads shorter. */
export function sumExpr(ctx: Ctx, p: Poly, depth = 2): Expr {
  const plain = plainSum(ctx, p);
  if (depth === 0 || p.size < 3 || p.size > 12) return plain;
  const candidates = [plain];
  const atoms = new Map<number, Expr>();
  for (const t of p.values()) for (const [a] of t.mono.factors) atoms.set(a.id, a);
  for (const a of atoms.values()) {
    const withA = new Map([...p].filter(([, t]) => t.mono.factors.some(([b]) => b === a)));
    if (withA.size < 2 || withA.size === p.size) continue;
    const rest = new Map([...p].filter(([k]) => !withA.has(k)));
    candidates.push(B.add(factoredPoly(ctx, withA, depth - 1), sumExpr(ctx, rest, depth - 1)));
  }
  return smallest(candidates);
}

/** A polynomial with its common monomial and content taken out, and its factors found. */
export function factoredPoly(ctx: Ctx, p: Poly, depth = 2): Expr {
  return factoredExpr(ctx, ratPoly(p), depth)[0]!;
}

interface Factor {
  readonly poly: Poly;
  mult: Exponent;
}

/** The base of a composite atom ((x² + 1)^{1/2}: x² + 1) as ±(a primitive polynomial). */
function compositeBase(ctx: Ctx, a: Expr): { key: string; negated: boolean; poly: Poly } | undefined {
  const base = ctx.bases.get(a.id);
  if (!base || base.den.length) return undefined;
  const int = integerContent(base.num);
  if (!Q.eq(int.coeff, Q.ONE) && !Q.eq(int.coeff, Q.neg(Q.ONE))) return undefined;
  return { key: polyKey(int.poly), negated: Q.sign(int.coeff) < 0, poly: base.num };
}

/** f^k written out: below the bar for a negative integer or −½, √ for ½. */
function factorParts(ctx: Ctx, e: Expr, k: Exponent, parts: Parts): void {
  if (isRational(k) && Q.isInteger(k)) {
    if (Q.isZero(k)) return;
    (Q.sign(k) > 0 ? parts.up : parts.down).push(B.pow(e, B.rational(Q.sign(k) > 0 ? k : Q.neg(k))));
  } else powerParts(ctx, e, k, parts);
}

/**
 * The factored forms of r: coefficient · monomial · Π factor^mult (negative mult below the
 * bar), with integer coefficients inside or none taken out, and for symbolic powers the
 * largest common power as well.
 */
export function factoredExpr(ctx: Ctx, r: Rational, depth = 2): Expr[] {
  // x²(x cos 2x + (3/2) sin 2x) can be shorter than (1/2)x²(2x cos 2x + 3 sin 2x): both
  const integer = factoredWith(ctx, r, depth, true);
  if (r.num.size < 2) return integer;
  const symbolic = [...r.num.values()].some((t) => t.mono.factors.some(([, k]) => !isRational(k)));
  return [...integer, ...factoredWith(ctx, r, depth, false), ...(symbolic ? factoredWith(ctx, r, depth, true, true) : [])];
}

/** r = coeff · Π mono · Π factor^mult, as collected for writing. */
interface Factoring {
  coeff: Q.Q;
  readonly factors: Map<string, Factor>;
  readonly mono: PowerFactor[];
}

/** The factors of r: its content, monomial, numerator and denominator polynomials factored. */
function collect(ctx: Ctx, r: Rational, integerCoefficients: boolean, largest: boolean): Factoring {
  const split = contentSplit(r.num, largest);
  const content = integerCoefficients ? integerContent(split.primitive) : { coeff: Q.ONE, poly: scalePoly(split.primitive, split.coeff) };
  const out: Factoring = { coeff: integerCoefficients ? Q.mul(split.coeff, content.coeff) : Q.ONE, factors: new Map(), mono: [] };
  // a polynomial that is also the base of a composite power is kept whole, to merge with it
  const bases = new Set(split.mono.factors.map(([a]) => compositeBase(ctx, a)?.key).filter((k) => k !== undefined));
  const add = (p: Poly, mult: number): void => {
    const f = bases.has(polyKey(p)) ? { coeff: Q.ONE, factors: [{ poly: p, mult: 1 }] } : factorPoly(p);
    out.coeff = mult > 0 ? Q.mul(out.coeff, Q.powInt(f.coeff, mult)) : Q.div(out.coeff, Q.powInt(f.coeff, -mult));
    for (const g of f.factors) {
      const key = polyKey(g.poly);
      const prev = out.factors.get(key);
      const k = Q.q(BigInt(g.mult * mult));
      out.factors.set(key, { poly: g.poly, mult: prev ? addExponents(prev.mult, k) : k });
    }
  };
  if (integerCoefficients) add(content.poly, 1);
  else if (content.poly.size > 1) out.factors.set(polyKey(content.poly), { poly: content.poly, mult: Q.ONE });
  for (const d of r.den) {
    const int = integerContent(d.poly);
    out.coeff = Q.div(out.coeff, Q.powInt(int.coeff, d.mult));
    add(int.poly, -d.mult);
  }
  joinComposites(ctx, split.mono.factors, out);
  return out;
}

/** (x² + 1)^{1/2} / (x² + 1)² = (x² + 1)^{−3/2}: a composite power joins its polynomial factor. */
function joinComposites(ctx: Ctx, mono: readonly PowerFactor[], out: Factoring): void {
  for (const [a, k] of mono) {
    const base = compositeBase(ctx, a);
    const f = base && out.factors.get(base.key);
    if (f && base && (!base.negated || (isRational(f.mult) && Q.isInteger(f.mult)))) {
      // P^m·(−P)^k = (−1)^m (−P)^{m+k}
      if (base.negated && isRational(f.mult) && f.mult.n % 2n !== 0n) out.coeff = Q.neg(out.coeff);
      out.factors.set(base.key, { poly: base.poly, mult: addExponents(f.mult, k) });
    } else out.mono.push([a, k]);
  }
}

/** The factoring written out; `flip` names a factor written negated, its sign taken from c. */
function writeFactoring(ctx: Ctx, f: Factoring, c: Q.Q, depth: number, flip?: string): Expr {
  const parts: Parts = { up: [], down: [] };
  monoParts(ctx, makeMono(f.mono), parts);
  for (const [key, g] of f.factors) {
    const poly = key === flip ? scalePoly(g.poly, Q.neg(Q.ONE)) : g.poly;
    const e = g.poly.size === 1 ? termExpr(ctx, Q.ONE, sortedTerms(poly)[0]!.mono) : sumExpr(ctx, poly, depth);
    factorParts(ctx, e, g.mult, parts);
  }
  return assemble(c, parts.up, parts.down);
}

function factoredWith(ctx: Ctx, r: Rational, depth: number, integerCoefficients: boolean, largest = false): Expr[] {
  if (isZero(r.num)) return [B.num(0)];
  const f = collect(ctx, r, integerCoefficients, largest);
  const out = [writeFactoring(ctx, f, f.coeff, depth)];
  if (Q.sign(f.coeff) < 0) {
    // −(x − 1) or (1 − x): the sign may go into a factor of odd power
    for (const [key, g] of f.factors) {
      const odd = isRational(g.mult) && Q.isInteger(g.mult) && Q.sign(g.mult) > 0 && g.mult.n % 2n !== 0n;
      if (odd && g.poly.size > 1) out.push(writeFactoring(ctx, f, Q.neg(f.coeff), depth, key));
    }
  }
  return out;
}

/** The expanded form: the numerator as a sum over the denominator multiplied out. */
export function expandedExpr(ctx: Ctx, r: Rational): Expr {
  const num = plainSum(ctx, r.num);
  if (r.den.length === 0) return num;
  const den = r.den.map((f) => B.pow(plainSum(ctx, f.poly), B.num(f.mult)));
  return B.div(num, B.product(den));
}

/** The shortest written form of an expression by its display canonical form. */
function shortest(ctx: Ctx, e: Expr): Expr {
  if (e.kind === 'var' || e.kind === 'const' || e.kind === 'pi') return e;
  const r = ctx.of(e);
  // written forms first: on a tie 1/x + 1 is preferred to the canonical x^{−1} + 1
  return smallest([expandedExpr(ctx, r), ...factoredExpr(ctx, r, 1), e]);
}

/** e with the arguments of its functions and the bases and exponents of its powers written shortest. */
export function prettyArgs(ctx: Ctx, e: Expr): Expr {
  const memo = new Map<number, Expr>();
  for (const node of topoOrder([e])) {
    const kids = children(node).map((k) => memo.get(k.id)!);
    let out: Expr = kids.length === 0 ? node : withChildren(node as OpNode, kids);
    if (out.kind === 'pow') out = B.pow(shortest(ctx, out.a), shortest(ctx, out.b));
    else if ((isUnary(out) && out.kind !== 'neg') || isParam(out)) out = withChildren(out, [shortest(ctx, out.a)]);
    memo.set(node.id, out);
  }
  return memo.get(e.id)!;
}
