// Sparse multivariate polynomials over "atoms" (variables and any non-polynomial
// subexpression such as σ(z) or log v), with EXACT rational coefficients: two terms cancel
// only when they are equal, never because a float difference fell under an epsilon.
// Exponents are rationals, or polynomials themselves (x·x^{x−1} = x^x merges as x^{1+(x−1)}),
// and may be negative (Laurent monomials, x^{−7/8}); which exponents arise is decided by the
// callers (rational.ts, canon.ts), where the domain conditions are argued.
import type { Expr } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import { compareAtoms } from './atom-key.ts';

/** An exponent: a rational, or (x^x, x^{sin x}) a non-constant polynomial. */
export type Exponent = Q.Q | Poly;
export type PowerFactor = readonly [Expr, Exponent];
/** atom^exponent factors sorted by atom, no zero exponent; `key` identifies it exactly. */
export interface Mono {
  readonly factors: readonly PowerFactor[];
  readonly key: string;
}
export interface Term {
  readonly coeff: Q.Q;
  readonly mono: Mono;
}
export type Poly = ReadonlyMap<string, Term>;

/** Beyond this many terms an expansion is not a simplification; callers give up. */
export const MAX_TERMS = 256;
/** Digits of a coefficient (numerator and denominator together) beyond which callers give up. */
export const MAX_DIGITS = 160;
export class TooLarge extends Error {}

export const isRational = (k: Exponent): k is Q.Q => !(k instanceof Map);

function guardCoeff(c: Q.Q): Q.Q {
  if (Q.size(c) > MAX_DIGITS) throw new TooLarge(`a coefficient of more than ${MAX_DIGITS} digits`);
  return c;
}

// ---- exponents ------------------------------------------------------------------------

export function exponentKey(k: Exponent): string {
  return isRational(k) ? Q.text(k) : `(${polyKey(k)})`;
}
const asPoly = (k: Exponent): Poly => (isRational(k) ? constPoly(k) : k);
/** A polynomial exponent that turned out constant becomes a rational again. */
const normalExponent = (p: Poly): Exponent => constValue(p) ?? p;
export const toExponent = normalExponent;
export const exponentPoly = asPoly;

/** a·b: rationals scale, two polynomial exponents multiply. */
export function mulExponents(a: Exponent, b: Exponent): Exponent {
  if (isRational(a)) return scaleExponent(b, a);
  if (isRational(b)) return scaleExponent(a, b);
  return normalExponent(mulPoly(a, b));
}

export function addExponents(a: Exponent, b: Exponent, scale: Q.Q = Q.ONE): Exponent {
  if (isRational(a) && isRational(b)) return Q.add(a, Q.mul(scale, b));
  return normalExponent(addPoly(asPoly(a), asPoly(b), scale));
}
export const scaleExponent = (k: Exponent, c: Q.Q): Exponent => (isRational(k) ? Q.mul(k, c) : normalExponent(scalePoly(k, c)));
const isZeroExponent = (k: Exponent): boolean => isRational(k) && Q.isZero(k);

function compareExponents(a: Exponent, b: Exponent): number {
  if (isRational(a) && isRational(b)) return Q.cmp(a, b);
  const d = addExponents(a, b, Q.neg(Q.ONE));
  if (isRational(d)) return Q.sign(d);
  const ka = exponentKey(a);
  const kb = exponentKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

// ---- monomials ------------------------------------------------------------------------

export function makeMono(factors: readonly PowerFactor[]): Mono {
  const kept = factors.filter(([, k]) => !isZeroExponent(k)).sort((x, y) => compareAtoms(x[0], y[0]));
  return { factors: kept, key: kept.map(([a, k]) => `${a.id}^${exponentKey(k)}`).join('*') };
}

export const UNIT: Mono = makeMono([]);

/** m · n^scale (scale −1 divides, in the Laurent sense: exponents may go negative). */
export function mulMono(m: Mono, n: Mono, scale: Q.Q = Q.ONE): Mono {
  if (n.factors.length === 0) return m;
  const exps = new Map<number, [Expr, Exponent]>(m.factors.map(([a, k]) => [a.id, [a, k]]));
  for (const [a, k] of n.factors) {
    const prev = exps.get(a.id);
    exps.set(a.id, [a, prev ? addExponents(prev[1], k, scale) : scaleExponent(k, scale)]);
  }
  return makeMono([...exps.values()]);
}

/** The exponent of atom a in m (0 if absent). */
export function exponentOf(m: Mono, a: Expr): Exponent {
  return m.factors.find(([b]) => b === a)?.[1] ?? Q.ZERO;
}

/** m / n when every exponent of the quotient is a rational ≥ 0 (ordinary divisibility). */
function divMono(m: Mono, n: Mono): Mono | undefined {
  const out = mulMono(m, n, Q.neg(Q.ONE));
  return out.factors.every(([, k]) => isRational(k) && Q.sign(k) > 0) ? out : undefined;
}

// ---- polynomials ----------------------------------------------------------------------

export function constPoly(c: Q.Q): Poly {
  return Q.isZero(c) ? new Map() : new Map([[UNIT.key, { coeff: guardCoeff(c), mono: UNIT }]]);
}

export function atomPoly(a: Expr, k: Exponent = Q.ONE): Poly {
  return monoPoly(makeMono([[a, k]]));
}

export function monoPoly(mono: Mono, coeff: Q.Q = Q.ONE): Poly {
  return Q.isZero(coeff) ? new Map() : new Map([[mono.key, { coeff: guardCoeff(coeff), mono }]]);
}

function addTerm(acc: Map<string, Term>, coeff: Q.Q, mono: Mono): void {
  const prev = acc.get(mono.key);
  const c = prev ? Q.add(prev.coeff, coeff) : coeff;
  if (Q.isZero(c)) acc.delete(mono.key);
  else acc.set(mono.key, { coeff: guardCoeff(c), mono });
  if (acc.size > MAX_TERMS) throw new TooLarge(`more than ${MAX_TERMS} terms`);
}

/** p + scale·q */
export function addPoly(p: Poly, q: Poly, scale: Q.Q = Q.ONE): Poly {
  const acc = new Map(p);
  for (const t of q.values()) addTerm(acc, Q.mul(scale, t.coeff), t.mono);
  return acc;
}

export function scalePoly(p: Poly, c: Q.Q): Poly {
  return addPoly(new Map(), p, c);
}

export function mulPoly(p: Poly, q: Poly): Poly {
  const acc = new Map<string, Term>();
  for (const s of p.values()) for (const t of q.values()) addTerm(acc, Q.mul(s.coeff, t.coeff), mulMono(s.mono, t.mono));
  return acc;
}

/** p · m^scale for a monomial m. */
export function mulPolyMono(p: Poly, m: Mono, scale: Q.Q = Q.ONE): Poly {
  const acc = new Map<string, Term>();
  for (const t of p.values()) addTerm(acc, t.coeff, mulMono(t.mono, m, scale));
  return acc;
}

export function powPoly(p: Poly, k: number): Poly {
  let out = constPoly(Q.ONE);
  for (let i = 0; i < k; i++) out = mulPoly(out, p);
  return out;
}

export function isZero(p: Poly): boolean {
  return p.size === 0;
}

/** The constant value of p, or undefined if p is not constant. */
export function constValue(p: Poly): Q.Q | undefined {
  if (p.size === 0) return Q.ZERO;
  if (p.size === 1 && p.has(UNIT.key)) return p.get(UNIT.key)!.coeff;
  return undefined;
}

/** The only term of p, when it has exactly one. */
export function singleTerm(p: Poly): Term | undefined {
  return p.size === 1 ? p.values().next().value : undefined;
}

/** Lexicographic monomial order over atoms sorted by structural key. */
function compareMono(m: Mono, n: Mono): number {
  for (let i = 0; i < m.factors.length || i < n.factors.length; i++) {
    const fm = m.factors[i];
    const fn = n.factors[i];
    if (!fm) return -1;
    if (!fn) return 1;
    const c = compareAtoms(fm[0], fn[0]);
    if (c !== 0) return c < 0 ? 1 : -1; // m has an earlier atom that n lacks
    const k = compareExponents(fm[1], fn[1]);
    if (k !== 0) return k;
  }
  return 0;
}

export function sortedTerms(p: Poly): Term[] {
  return [...p.values()].sort((s, t) => compareMono(t.mono, s.mono));
}

/** A key identifying p exactly (coefficients as exact fractions). */
export function polyKey(p: Poly): string {
  return sortedTerms(p)
    .map((t) => `${Q.text(t.coeff)}*${t.mono.key}`)
    .join('+');
}

/** Per atom with rational exponents, the span max − min of its exponents over the terms. */
function spans(p: Poly): Map<number, Q.Q> | undefined {
  const lo = new Map<number, Q.Q>();
  const hi = new Map<number, Q.Q>();
  const atoms = new Set<number>();
  for (const t of p.values()) for (const [a] of t.mono.factors) atoms.add(a.id);
  for (const t of p.values()) {
    for (const id of atoms) {
      const k = t.mono.factors.find(([a]) => a.id === id)?.[1] ?? Q.ZERO;
      if (!isRational(k)) return undefined;
      if (!lo.has(id) || Q.cmp(k, lo.get(id)!) < 0) lo.set(id, k);
      if (!hi.has(id) || Q.cmp(k, hi.get(id)!) > 0) hi.set(id, k);
    }
  }
  return new Map([...atoms].map((id) => [id, Q.sub(hi.get(id)!, lo.get(id)!)]));
}

/**
 * Cheap necessary conditions for f | p: the last terms divide as the first do (a monomial
 * order is multiplicative), and no atom's exponents spread wider in f than in p.
 */
function mayDivide(p: Poly, f: Poly): boolean {
  const tp = sortedTerms(p);
  const tf = sortedTerms(f);
  if (!divMono(tp[tp.length - 1]!.mono, tf[tf.length - 1]!.mono) && !(tp[tp.length - 1]!.mono.key === tf[tf.length - 1]!.mono.key)) return false;
  const sp = spans(p);
  const sf = spans(f);
  if (!sp || !sf) return true;
  for (const [id, span] of sf) if (Q.cmp(span, sp.get(id) ?? Q.ZERO) > 0) return false;
  return true;
}

/** p / f when f divides p exactly, else undefined (multivariate division, one divisor). */
export function divExact(p: Poly, f: Poly): Poly | undefined {
  if (isZero(f)) return undefined;
  if (f.size > 1 && !isZero(p) && !mayDivide(p, f)) return undefined;
  const lf = sortedTerms(f)[0]!;
  let rest: Poly = p;
  let quotient: Poly = new Map();
  for (let guard = 0; !isZero(rest); guard++) {
    if (guard > MAX_TERMS) return undefined;
    const lr = sortedTerms(rest)[0]!;
    const m = divMono(lr.mono, lf.mono);
    if (!m) return undefined;
    const q = monoPoly(m, Q.div(lr.coeff, lf.coeff));
    quotient = addPoly(quotient, q);
    rest = addPoly(rest, mulPoly(q, f), Q.neg(Q.ONE));
  }
  return quotient;
}

/**
 * Split p = c · m · p' with c the leading coefficient and m the monomial common to every
 * term (per atom the least exponent, where the terms' exponents differ by constants).
 */
export function contentSplit(p: Poly, largest = false): { coeff: Q.Q; mono: Mono; primitive: Poly } {
  const terms = sortedTerms(p);
  const lead = terms[0]!;
  const common: PowerFactor[] = [];
  const atoms = new Map<number, Expr>();
  for (const t of terms) for (const [a] of t.mono.factors) atoms.set(a.id, a);
  for (const a of atoms.values()) {
    // `largest`: the greatest exponent instead, for atoms in every term with a symbolic
    // exponent (x^{sin x}(cos x log x + sin(x)/x) rather than x^{sin x − 1}(...))
    if (largest && !terms.every((t) => t.mono.factors.some(([b, k]) => b === a && !isRational(k)))) continue;
    let least: Exponent | undefined = exponentOf(lead.mono, a);
    for (const t of terms) {
      const k = exponentOf(t.mono, a);
      const d = addExponents(k, least, Q.neg(Q.ONE));
      if (!isRational(d)) {
        least = undefined;
        break;
      }
      if (Q.sign(d) * (largest ? -1 : 1) < 0) least = k;
    }
    if (least !== undefined) common.push([a, least]);
  }
  const mono = makeMono(common);
  const primitive = mulPolyMono(scalePoly(p, Q.div(Q.ONE, lead.coeff)), mono, Q.neg(Q.ONE));
  return { coeff: lead.coeff, mono, primitive };
}
