// How many operations a reader sees: SymPy's count_ops (sympy/core/function.py), on the
// shape SymPy would hold the expression in. Sums and products are flattened (n terms: n − 1
// ADD/SUB; n factors: n − 1 MUL), a product with a denominator costs one DIV and its
// numerator and denominator are counted on their own (x/y is 1, 3x/2 is 2), a negative
// coefficient one NEG, x^−1 one DIV, any other power one POW plus its exponent (√x = x^{1/2}
// is 2), a rational constant NEG if negative and DIV if not an integer, e = exp(1) one, and
// every function application one (σ, softplus, relu count as one, as SymPy counts any named
// function). The final forms are chosen by this count.
import * as B from '../ir/build.ts';
import { children, type Expr } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';

/** A factor of a flattened product: in the numerator or the denominator, with the cost of its power. */
interface Factor {
  readonly inDen: boolean;
  /** A sum, to the power 1: a number times it alone is distributed. */
  readonly sum?: Expr;
  /** Operations of the factor once in its place (a POW and its exponent, the base). */
  readonly ops: number;
}
interface Product {
  coeff: Q.Q;
  readonly factors: Factor[];
}

/** The cost of base^k with k > 0 (k = 1: the base alone). */
const powerCost = (base: Expr, k: Q.Q): number => (Q.eq(k, Q.ONE) ? count(base) : 1 + constOps(k) + count(base));

function pushPower(base: Expr, k: Q.Q, up: boolean, out: Product): void {
  // an integer power of a power is one power, as SymPy evaluates it: (x²)³ = x⁶, √x³ = x^{3/2}
  if (Q.isInteger(k) && base.kind === 'pow' && base.b.kind === 'const') return pushPower(base.a, Q.mul(k, base.b.q), up, out);
  if (Q.isInteger(k) && base.kind === 'sqrt') return pushPower(base.a, Q.mul(k, Q.q(1n, 2n)), up, out);
  // and of a product, each factor: (xy)² = x²y²
  if (Q.isInteger(k) && (base.kind === 'mul' || base.kind === 'div' || base.kind === 'neg' || base.kind === 'const')) {
    if (base.kind !== 'const') {
      const sub: Product = { coeff: Q.ONE, factors: [] };
      flatten(base, true, sub);
      if (sub.factors.length > 1 || !Q.eq(sub.coeff, Q.ONE)) {
        out.coeff = Q.isZero(sub.coeff) ? out.coeff : Q.mul(out.coeff, Q.powInt(sub.coeff, Number(up ? k.n : -k.n)));
        factorsOf(base).forEach(([b, kb]) => pushPower(b, Q.mul(k, kb), up, out));
        return;
      }
    }
  }
  const negative = Q.sign(k) < 0;
  out.factors.push({ inDen: up === negative, ops: powerCost(base, negative ? Q.neg(k) : k) });
}

/** Flatten a product (mul, div, neg, constants) into a coefficient and factors. */
function flatten(e: Expr, up: boolean, out: Product): void {
  if (e.kind === 'mul' && e.a.kind === 'const' && (e.b.kind === 'add' || e.b.kind === 'sub') && !Q.eq(e.a.q, Q.ONE)) {
    // built bottom-up, SymPy distributes 2·(x − y) before anything multiplies it
    out.factors.push({ inDen: !up, ops: distributedOps(e.a.q, e.b) });
  } else if (e.kind === 'mul') {
    flatten(e.a, up, out);
    flatten(e.b, up, out);
  } else if (e.kind === 'div') {
    flatten(e.a, up, out);
    flatten(e.b, !up, out);
  } else if (e.kind === 'neg') {
    out.coeff = Q.neg(out.coeff);
    flatten(e.a, up, out);
  } else if (e.kind === 'const') {
    out.coeff = up ? Q.mul(out.coeff, e.q) : Q.isZero(e.q) ? out.coeff : Q.div(out.coeff, e.q);
  } else if (e.kind === 'pow' && e.b.kind === 'const') {
    pushPower(e.a, e.b.q, up, out);
  } else if (e.kind === 'sqrt') {
    pushPower(e.a, Q.q(1n, 2n), up, out);
  } else if (e.kind === 'exp' && !isOne(e.a)) {
    // exp(−u) sits in SymPy's denominator, as exp(u)
    const negative = isNegativeTerm(e.a);
    out.factors.push({ inDen: up === negative, ops: 1 + count(e.a) - (negative ? 1 : 0) });
  } else {
    out.factors.push({ inDen: !up, ops: count(e), ...(e.kind === 'add' || e.kind === 'sub' ? { sum: e } : {}) });
  }
}

/** The non-constant factors of a product with their exponents (x/y: x¹, y⁻¹). */
function factorsOf(e: Expr, k: Q.Q = Q.ONE): [Expr, Q.Q][] {
  if (e.kind === 'mul') return [...factorsOf(e.a, k), ...factorsOf(e.b, k)];
  if (e.kind === 'div') return [...factorsOf(e.a, k), ...factorsOf(e.b, Q.neg(k))];
  if (e.kind === 'neg') return factorsOf(e.a, k);
  if (e.kind === 'const') return [];
  return [[e, k]];
}

const isOne = (e: Expr): boolean => e.kind === 'const' && Q.eq(e.q, Q.ONE);

/** Terms of a flattened sum, each with its sign. */
function terms(e: Expr, sign: 1 | -1, out: [Expr, 1 | -1][]): void {
  if (e.kind === 'add') {
    terms(e.a, sign, out);
    terms(e.b, sign, out);
  } else if (e.kind === 'sub') {
    terms(e.a, sign, out);
    terms(e.b, sign === 1 ? -1 : 1, out);
  } else if (e.kind === 'neg' && (e.a.kind === 'add' || e.a.kind === 'sub')) {
    terms(e.a, sign === 1 ? -1 : 1, out); // a number times a sum is distributed
  } else {
    out.push([e, sign]);
  }
}

function negatedTerms(e: Expr): Expr[] {
  const ts: [Expr, 1 | -1][] = [];
  terms(e, -1, ts);
  return ts.map(([t, s]) => (s < 0 ? B.neg(t) : t));
}

function constOps(c: Q.Q): number {
  return (Q.sign(c) < 0 ? 1 : 0) + (c.d !== 1n ? 1 : 0);
}

/** c·(a ± b ...) counted as c·a ± c·b ... */
function distributedOps(c: Q.Q, sum: Expr): number {
  const ts: [Expr, 1 | -1][] = [];
  terms(sum, 1, ts);
  return count(B.sum(ts.map(([t, s]) => B.mul(B.rational(s < 0 ? Q.neg(c) : c), t))));
}

function productOps(e: Expr): number {
  const p: Product = { coeff: Q.ONE, factors: [] };
  flatten(e, true, p);
  const negative = Q.sign(p.coeff) < 0;
  const c = negative ? Q.neg(p.coeff) : p.coeff;
  const up = p.factors.filter((f) => !f.inDen);
  const down = p.factors.filter((f) => f.inDen);
  const den = down.length + (c.d !== 1n ? 1 : 0);
  return (negative ? 1 : 0) + (den > 0 ? 1 : 0) + sideOps(c.n, up) + sideOps(c.d, down);
}

/** One side of the bar: n·Π factors, n times a lone sum distributed (SymPy rebuilds each side). */
function sideOps(n: bigint, factors: readonly Factor[]): number {
  const lone = factors.length === 1 ? factors[0]!.sum : undefined;
  if (lone && n !== 1n) return distributedOps(Q.q(n), lone);
  const k = factors.length + (n !== 1n ? 1 : 0);
  return Math.max(0, k - 1) + factors.reduce((acc, f) => acc + f.ops, 0);
}

/** count_ops(e), as SymPy counts the expression once in its own shape. */
export function count(e: Expr): number {
  switch (e.kind) {
    case 'const':
      return constOps(e.q);
    case 'var':
    case 'pi':
      return 0;
    case 'add':
    case 'sub': {
      const all: [Expr, 1 | -1][] = [];
      terms(e, 1, all);
      // numbers add up into one term (or none)
      const numbers = all.filter(([t]) => t.kind === 'const');
      const total = numbers.reduce((acc, [t, s]) => Q.add(acc, s < 0 ? Q.neg((t as Extract<Expr, { kind: 'const' }>).q) : (t as Extract<Expr, { kind: 'const' }>).q), Q.ZERO);
      const ts = all.filter(([t]) => t.kind !== 'const');
      if (!Q.isZero(total) || ts.length === 0) ts.push([B.rational(total), 1]);
      let ops = ts.length - 1;
      // each term counted without its sign; one NEG when every term is negative
      if (ts.every(([t, s]) => (s < 0) !== isNegativeTerm(t))) ops++;
      for (const [t] of ts) ops += isNegativeTerm(t) ? count(t) - 1 : count(t);
      return ops;
    }
    case 'neg':
      return e.a.kind === 'add' || e.a.kind === 'sub' ? count(B.sum(negatedTerms(e.a))) : productOps(e);
    case 'mul':
    case 'div':
    case 'sqrt':
      return productOps(e);
    case 'pow':
      return e.b.kind === 'const' ? productOps(e) : 1 + count(e.a) + count(e.b);
    case 'exp':
      return isOne(e.a) ? 1 : isNegativeTerm(e.a) ? productOps(e) : 1 + count(e.a);
    default:
      return 1 + children(e).reduce((n, k) => n + count(k), 0);
  }
}

/** Does the term print with a leading minus (−x, −2x, x·(−1))? */
function isNegativeTerm(t: Expr): boolean {
  if (t.kind === 'neg') return true;
  if (t.kind === 'const') return t.value < 0;
  if (t.kind === 'mul' || t.kind === 'div') return isNegativeTerm(t.a);
  return false;
}
