// What the canonical form knows while it rewrites: facts about the domain of the
// expression being canonicalised (log u is defined, so u > 0; 1/u is, so u ≠ 0), the
// angle units of its trigonometric arguments, and sign reasoning built on them. A fact is
// about an atom's VALUE at every point where the whole expression is defined, so facts
// learnt in one pass stay true in the next.
import type { Expr } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import { isRational, polyKey, type Exponent, type Poly } from './poly.ts';
import type { Rational } from './rational.ts';

export interface Facts {
  /** Atom ids known > 0 on the domain. */
  readonly positive: Set<number>;
  /** polyKeys of polynomials known > 0 on the domain (log(1 + x) is defined). */
  readonly positivePolys: Set<string>;
  /** Atom ids known ≠ 0 on the domain (they divide). */
  readonly nonzero: Set<number>;
  /** For a monomial key, the unit its trigonometric multiples are counted in (gcd of the coefficients). */
  readonly angles: Map<string, Q.Q>;
}

export const emptyFacts = (): Facts => ({ positive: new Set(), positivePolys: new Set(), nonzero: new Set(), angles: new Map() });

/** gcd of two rationals: the largest r with a/r and b/r integers. */
export function gcdQ(a: Q.Q, b: Q.Q): Q.Q {
  let x = a.n * b.d;
  let y = b.n * a.d;
  if (x < 0n) x = -x;
  if (y < 0n) y = -y;
  while (y) [x, y] = [y, x % y];
  return Q.q(x, a.d * b.d);
}

/** Did `next` learn anything `prev` did not know? */
export function learnedMore(prev: Facts, next: Facts): boolean {
  const grew = <T>(a: Set<T>, b: Set<T>): boolean => [...b].some((x) => !a.has(x));
  return grew(prev.positive, next.positive) || grew(prev.positivePolys, next.positivePolys) || grew(prev.nonzero, next.nonzero) ||
    [...next.angles].some(([k, g]) => !prev.angles.has(k) || !Q.eq(prev.angles.get(k)!, g));
}

/** Identities used, for the checker to name its proof. */
export type Method = 'rational' | 'exp-log' | 'powers' | 'trigonometric' | 'step-sign';

/** The canonicaliser as its helper modules see it. */
export interface Ctx {
  readonly known: Facts;
  readonly learned: Facts;
  readonly used: Set<Method>;
  /** Canonical form of an expression (memoised). */
  of(e: Expr): Rational;
  /** The canonical expression of a canonical form (atoms' arguments are written this way). */
  expr(r: Rational): Expr;
  /** Display mode: functions stay as written (σ, tanh, exp(u) one atom), only notation is normalised. */
  readonly display: boolean;
  /** exp(u) from the canonical form of u, in the current mode. */
  exp(r: Rational): Rational;
  /** Composite bases of powers ((1 + x²)^{1/2}): the atom's expression -> its canonical form. */
  readonly bases: Map<number, Rational>;
}

/** Is the atom > 0 wherever the expression is defined? */
export function isPositiveAtom(ctx: Ctx, a: Expr): boolean {
  if (a.kind === 'exp' || a.kind === 'pi') return true;
  if (a.kind === 'const') return a.value > 0;
  if (ctx.known.positive.has(a.id)) return true;
  const base = ctx.bases.get(a.id);
  return base !== undefined && isPositiveRat(ctx, base);
}

type Sign = 'positive' | 'nonnegative' | 'unknown';

/** The sign of a^k: k even makes it ≥ 0; a non-integer k means a ≥ 0 on the domain (x^{1/2}). */
export function factorSign(ctx: Ctx, a: Expr, k: Exponent): Sign {
  if (isPositiveAtom(ctx, a)) return 'positive';
  if (!isRational(k)) return 'unknown';
  if (!Q.isInteger(k) || k.n % 2n === 0n) return 'nonnegative';
  return 'unknown';
}

/** Is the polynomial > 0 on the domain: positive coefficients on monomials ≥ 0, one of them > 0? */
export function isPositivePoly(ctx: Ctx, p: Poly): boolean {
  if (p.size === 0) return false;
  if (ctx.known.positivePolys.has(polyKey(p))) return true;
  let strict = false;
  for (const t of p.values()) {
    if (Q.sign(t.coeff) <= 0) return false;
    const signs = t.mono.factors.map(([a, k]) => factorSign(ctx, a, k));
    if (signs.includes('unknown')) return false;
    if (signs.every((s) => s === 'positive')) strict = true;
  }
  return strict;
}

/** Is the rational function > 0 on the domain? (Its denominator factors are ≠ 0 there.) */
export function isPositiveRat(ctx: Ctx, r: Rational): boolean {
  return isPositivePoly(ctx, r.num) && r.den.every((f) => f.mult % 2 === 0 || isPositivePoly(ctx, f.poly));
}
