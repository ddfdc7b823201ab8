// Factoring polynomials as far as a textbook result needs: integer content out
// (2x + 2 = 2(x + 1)), rational roots of a polynomial in one atom (x² − 1 = (x − 1)(x + 1),
// e^{2x} + 2e^x + 1 = (e^x + 1)²), and perfect squares in several atoms
// (x² + 2xy + y² = (x + y)²). Exact: a factor is kept only when the product is p again.
import type { Expr } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import {
  addPoly, atomPoly, constPoly, isRational, isZero, makeMono, monoPoly, mulMono, mulPoly, scalePoly, sortedTerms,
  type Poly, type Term,
} from './poly.ts';

export interface PolyFactor {
  readonly poly: Poly;
  readonly mult: number;
}

const MINUS_ONE = Q.neg(Q.ONE);
/** Root candidates come from divisors of coefficients at most this large. */
const MAX_DIVISOR_BASE = 1_000_000n;

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y) [x, y] = [y, x % y];
  return x;
}

/** p = c·p' with p' of integer coefficients, content 1, a positive leading coefficient. */
export function integerContent(p: Poly): { coeff: Q.Q; poly: Poly } {
  const terms = sortedTerms(p);
  if (terms.length === 0) return { coeff: Q.ZERO, poly: p };
  let num = 0n;
  let den = 1n;
  for (const t of terms) {
    num = gcd(num, t.coeff.n);
    den = (den * t.coeff.d) / gcd(den, t.coeff.d);
  }
  const sign = Q.sign(terms[0]!.coeff) < 0 ? -1n : 1n;
  const coeff = Q.q(sign * num, den);
  return { coeff, poly: scalePoly(p, Q.div(Q.ONE, coeff)) };
}

/** p as a polynomial in one atom with non-negative integer exponents: coefficients by degree. */
function univariate(p: Poly): { atom: Expr; coeffs: Q.Q[] } | undefined {
  let atom: Expr | undefined;
  const byDegree = new Map<number, Q.Q>();
  for (const t of p.values()) {
    if (t.mono.factors.length > 1) return undefined;
    const f = t.mono.factors[0];
    if (f) {
      const [a, k] = f;
      if (!isRational(k) || !Q.isInteger(k) || Q.sign(k) < 0 || k.n > 12n || (atom && atom !== a)) return undefined;
      atom = a;
      byDegree.set(Number(k.n), t.coeff);
    } else byDegree.set(0, t.coeff);
  }
  if (!atom) return undefined;
  const n = Math.max(...byDegree.keys());
  return { atom, coeffs: Array.from({ length: n + 1 }, (_, i) => byDegree.get(i) ?? Q.ZERO) };
}

function divisors(n: bigint): bigint[] {
  const m = n < 0n ? -n : n;
  if (m === 0n || m > MAX_DIVISOR_BASE) return [];
  const out: bigint[] = [];
  for (let d = 1n; d * d <= m; d++) if (m % d === 0n) out.push(d, m / d);
  return out;
}

/** coeffs / (t − r) when r is a root (synthetic division), else undefined. */
function divideRoot(coeffs: readonly Q.Q[], r: Q.Q): Q.Q[] | undefined {
  const out: Q.Q[] = [];
  let acc = Q.ZERO;
  for (let i = coeffs.length - 1; i >= 0; i--) {
    acc = Q.add(Q.mul(acc, r), coeffs[i]!);
    out.push(acc);
  }
  if (!Q.isZero(out.pop()!)) return undefined;
  return out.reverse();
}

function fromCoeffs(atom: Expr, coeffs: readonly Q.Q[]): Poly {
  let p: Poly = new Map();
  coeffs.forEach((c, i) => (p = addPoly(p, i === 0 ? constPoly(c) : scalePoly(atomPoly(atom, Q.q(BigInt(i))), c))));
  return p;
}

/** Rational roots r = a/b of an integer polynomial, as factors b·t − a. */
function rootFactors(atom: Expr, coeffs: Q.Q[]): { factors: PolyFactor[]; rest: Q.Q[] } {
  const factors = new Map<string, { poly: Poly; mult: number }>();
  let rest = coeffs;
  for (let guard = 0; rest.length > 1 && guard < 12; guard++) {
    const int = integerContent(fromCoeffs(atom, rest));
    const lead = int.poly.get(makeMono([[atom, Q.q(BigInt(rest.length - 1))]]).key)?.coeff.n ?? 0n;
    const constant = int.poly.get(makeMono([]).key)?.coeff.n ?? 0n;
    let found = false;
    for (const a of divisors(constant)) {
      for (const b of divisors(lead)) {
        for (const r of [Q.q(a, b), Q.q(-a, b)]) {
          const q = divideRoot(rest, r);
          if (!q) continue;
          const f = addPoly(scalePoly(atomPoly(atom), Q.q(r.d)), constPoly(Q.q(-r.n)));
          const key = `${r.n}/${r.d}`;
          factors.set(key, { poly: f, mult: (factors.get(key)?.mult ?? 0) + 1 });
          rest = q.map((c) => Q.mul(c, Q.q(1n, r.d)));
          found = true;
          break;
        }
        if (found) break;
      }
      if (found) break;
    }
    if (!found) break;
  }
  return { factors: [...factors.values()], rest };
}

/** √p when p is the square of a polynomial (leading-term recurrence), else undefined. */
export function polySqrt(p: Poly): Poly | undefined {
  const terms = sortedTerms(p);
  const lead = terms[0];
  if (!lead || Q.sign(lead.coeff) < 0) return undefined;
  const root = sqrtTerm(lead);
  if (!root) return undefined;
  let q = root;
  for (let i = 0; i <= terms.length; i++) {
    const rest = addPoly(p, mulPoly(q, q), MINUS_ONE);
    if (isZero(rest)) return q;
    const r = sortedTerms(rest)[0]!;
    const qLead = sortedTerms(q)[0]!;
    const mono = mulMono(r.mono, qLead.mono, MINUS_ONE);
    if (mono.factors.some(([, k]) => !isRational(k) || Q.sign(k) < 0)) return undefined;
    q = addPoly(q, monoPoly(mono, Q.div(r.coeff, Q.mul(Q.q(2n), qLead.coeff))));
  }
  return undefined;
}

function sqrtTerm(t: Term): Poly | undefined {
  const n = isqrt(t.coeff.n);
  const d = isqrt(t.coeff.d);
  if (n === undefined || d === undefined) return undefined;
  const factors = t.mono.factors.map(([a, k]) => [a, isRational(k) ? Q.div(k, Q.q(2n)) : undefined] as const);
  if (factors.some(([, k]) => k === undefined || !Q.isInteger(k))) return undefined;
  return monoPoly(makeMono(factors.map(([a, k]) => [a, k!])), Q.q(n, d));
}

function isqrt(n: bigint): bigint | undefined {
  if (n < 0n) return undefined;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x * x === n ? x : undefined;
}

/** p = coeff · Π factor^mult, each factor with integer coefficients and a positive leading one. */
export function factorPoly(p: Poly): { coeff: Q.Q; factors: PolyFactor[] } {
  const uni = univariate(p);
  const factors: PolyFactor[] = [];
  let coeff = Q.ONE;
  let rest = p;
  if (uni && uni.coeffs.length > 2) {
    const roots = rootFactors(uni.atom, uni.coeffs);
    factors.push(...roots.factors);
    rest = fromCoeffs(uni.atom, roots.rest);
  }
  const content = integerContent(rest);
  coeff = Q.mul(coeff, content.coeff);
  rest = content.poly;
  if (rest.size <= 1) {
    const t = rest.values().next().value;
    if (!t || t.mono.factors.length === 0) return { coeff: Q.mul(coeff, t?.coeff ?? Q.ONE), factors };
    return { coeff: Q.mul(coeff, t.coeff), factors: [...factors, { poly: monoPoly(t.mono), mult: 1 }] };
  }
  const root = polySqrt(rest);
  if (root) {
    const inner = factorPoly(root);
    return { coeff: Q.mul(coeff, Q.mul(inner.coeff, inner.coeff)), factors: [...factors, ...inner.factors.map((f) => ({ poly: f.poly, mult: f.mult * 2 }))] };
  }
  return { coeff, factors: [...factors, { poly: rest, mult: 1 }] };
}
