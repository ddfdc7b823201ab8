// Sparse multivariate polynomials over "atoms" (variables and any non-polynomial
// subexpression such as σ(z) or log v), with floating coefficients. Enough algebra for
// the simplifications a derivation sheet needs: expand, collect, and exact division
// (to cancel a factor shared by a numerator and a denominator).
import type { Expr } from '../ir/expr.ts';
import { sortKey } from '../ir/key.ts';

/** atom^exponent factors, sorted by the atom's structural key; exponents > 0. */
export interface Mono {
  readonly factors: readonly (readonly [Expr, number])[];
  readonly key: string;
}
export interface Term {
  readonly coeff: number;
  readonly mono: Mono;
}
export type Poly = ReadonlyMap<string, Term>;

/** Beyond this many terms an expansion is not a simplification; callers give up. */
export const MAX_TERMS = 256;
export class TooLarge extends Error {}

const EPS = 1e-12;

function makeMono(factors: (readonly [Expr, number])[]): Mono {
  factors.sort((x, y) => (sortKey(x[0]) < sortKey(y[0]) ? -1 : 1));
  return { factors, key: factors.map(([a, k]) => `${sortKey(a)}^${k}`).join('*') };
}

const UNIT: Mono = makeMono([]);

export function constPoly(c: number): Poly {
  return Math.abs(c) < EPS ? new Map() : new Map([[UNIT.key, { coeff: c, mono: UNIT }]]);
}

export function atomPoly(a: Expr): Poly {
  const mono = makeMono([[a, 1]]);
  return new Map([[mono.key, { coeff: 1, mono }]]);
}

function addTerm(acc: Map<string, Term>, coeff: number, mono: Mono): void {
  const prev = acc.get(mono.key);
  const c = (prev?.coeff ?? 0) + coeff;
  if (Math.abs(c) < EPS * Math.max(1, Math.abs(coeff))) acc.delete(mono.key);
  else acc.set(mono.key, { coeff: c, mono });
  if (acc.size > MAX_TERMS) throw new TooLarge();
}

export function addPoly(p: Poly, q: Poly, qScale = 1): Poly {
  const acc = new Map(p);
  for (const t of q.values()) addTerm(acc, qScale * t.coeff, t.mono);
  return acc;
}

export function scalePoly(p: Poly, c: number): Poly {
  return addPoly(new Map(), p, c);
}

function mulMono(m: Mono, n: Mono): Mono {
  const exps = new Map<string, [Expr, number]>();
  for (const [a, k] of [...m.factors, ...n.factors]) {
    const key = sortKey(a);
    const prev = exps.get(key);
    exps.set(key, [a, (prev?.[1] ?? 0) + k]);
  }
  return makeMono([...exps.values()]);
}

export function mulPoly(p: Poly, q: Poly): Poly {
  const acc = new Map<string, Term>();
  for (const s of p.values()) for (const t of q.values()) addTerm(acc, s.coeff * t.coeff, mulMono(s.mono, t.mono));
  return acc;
}

export function powPoly(p: Poly, k: number): Poly {
  let out = constPoly(1);
  for (let i = 0; i < k; i++) out = mulPoly(out, p);
  return out;
}

export function isZero(p: Poly): boolean {
  return p.size === 0;
}

/** The constant value of p, or undefined if p is not constant. */
export function constValue(p: Poly): number | undefined {
  if (p.size === 0) return 0;
  if (p.size === 1 && p.has(UNIT.key)) return p.get(UNIT.key)!.coeff;
  return undefined;
}

/** Lexicographic monomial order over atoms sorted by structural key. */
function compareMono(m: Mono, n: Mono): number {
  let i = 0;
  let j = 0;
  while (i < m.factors.length || j < n.factors.length) {
    const fm = m.factors[i];
    const fn = n.factors[j];
    if (!fm) return -1;
    if (!fn) return 1;
    const km = sortKey(fm[0]);
    const kn = sortKey(fn[0]);
    if (km < kn) return 1; // m has an earlier atom that n lacks
    if (km > kn) return -1;
    if (fm[1] !== fn[1]) return fm[1] - fn[1];
    i++;
    j++;
  }
  return 0;
}

export function sortedTerms(p: Poly): Term[] {
  return [...p.values()].sort((s, t) => compareMono(t.mono, s.mono));
}

function leading(p: Poly): Term {
  return sortedTerms(p)[0]!;
}

/** m / n when n divides m, else undefined. */
function divMono(m: Mono, n: Mono): Mono | undefined {
  const exps = new Map<string, [Expr, number]>(m.factors.map(([a, k]) => [sortKey(a), [a, k]]));
  for (const [a, k] of n.factors) {
    const prev = exps.get(sortKey(a));
    if (!prev || prev[1] < k) return undefined;
    if (prev[1] === k) exps.delete(sortKey(a));
    else exps.set(sortKey(a), [a, prev[1] - k]);
  }
  return makeMono([...exps.values()]);
}

/** p / f when f divides p exactly, else undefined (multivariate division, one divisor). */
export function divExact(p: Poly, f: Poly): Poly | undefined {
  if (isZero(f)) return undefined;
  const lf = leading(f);
  let rest: Poly = p;
  let quotient: Poly = new Map();
  for (let guard = 0; !isZero(rest); guard++) {
    if (guard > MAX_TERMS) return undefined;
    const lr = leading(rest);
    const m = divMono(lr.mono, lf.mono);
    if (!m) return undefined;
    const q: Poly = new Map([[m.key, { coeff: lr.coeff / lf.coeff, mono: m }]]);
    quotient = addPoly(quotient, q);
    rest = addPoly(rest, mulPoly(q, f), -1);
  }
  return quotient;
}

/** Split p = c · x^m · p' with c the leading coefficient and x^m the common monomial factor. */
export function contentSplit(p: Poly): { coeff: number; mono: Mono; primitive: Poly } {
  const terms = sortedTerms(p);
  const lead = terms[0]!;
  let common = lead.mono.factors.map(([a, k]) => [a, k] as [Expr, number]);
  for (const t of terms.slice(1)) {
    common = common
      .map(([a, k]) => {
        const match = t.mono.factors.find(([b]) => b === a);
        return [a, Math.min(k, match?.[1] ?? 0)] as [Expr, number];
      })
      .filter(([, k]) => k > 0);
  }
  const mono = makeMono(common);
  const primitive = new Map<string, Term>();
  for (const t of terms) addTerm(primitive, t.coeff / lead.coeff, divMono(t.mono, mono)!);
  return { coeff: lead.coeff, mono, primitive };
}
