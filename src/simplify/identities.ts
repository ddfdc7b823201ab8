// Candidate final forms that use known identities, for textbook.ts to count and prove:
//   circular:   tan, sec, csc, cot through sin and cos; sin² + cos² = 1 either way round;
//               sin 2θ = 2 sin θ cos θ, cos 2θ = 2cos²θ − 1 = 1 − 2sin²θ; then sin/cos = tan...
//   hyperbolic: the same with cosh² − sinh² = 1, and σ(u) = (1 + tanh(u/2))/2, e^u = cosh u + sinh u
//   sigmoid:    e^u = σ(u)/(1 − σ(u)), so e^u/(1 + e^u) = σ(u) and e^{−u}/(1 + e^{−u})² = σ(u)(1 − σ(u)).
// Every rewrite is an identity; what a candidate is worth is decided by its count, what it
// is allowed to be by the proof in textbook.ts.
import * as B from '../ir/build.ts';
import { children, topoOrder, unary, withChildren, type Expr, type OpNode, type UnaryOp } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import type { Facts } from './canon-context.ts';
import { Canon } from './canon.ts';
import { CIRCULAR, HYPERBOLIC, contract } from './contract.ts';
import { expandedExpr, factoredExpr } from './display.ts';
import { isRational, makeMono, monoPoly, type Poly, type PowerFactor, type Term } from './poly.ts';
import { addRat, invRat, mulRat, powRat, ratAtom, ratConst, ratPoly, type Rational } from './rational.ts';

const HALF = B.rational(Q.q(1n, 2n));
const MINUS_ONE = Q.neg(Q.ONE);
const one = B.num(1);

/** e with `f` applied to every node after its children (f returns undefined: keep). */
function rewrite(e: Expr, f: (node: Expr) => Expr | undefined): Expr {
  const memo = new Map<number, Expr>();
  for (const node of topoOrder([e])) {
    const kids = children(node).map((k) => memo.get(k.id)!);
    const rebuilt = kids.length === 0 ? node : withChildren(node as OpNode, kids);
    memo.set(node.id, f(rebuilt) ?? rebuilt);
  }
  return memo.get(e.id)!;
}

const argOf = (e: Expr): Expr => (e as Extract<Expr, { a: Expr }>).a;

const CIRCULAR_BASIS: Partial<Record<string, (u: Expr) => Expr>> = {
  tan: (u) => B.div(B.sin(u), B.cos(u)), cot: (u) => B.div(B.cos(u), B.sin(u)),
  sec: (u) => B.div(one, B.cos(u)), csc: (u) => B.div(one, B.sin(u)),
};
const HYPERBOLIC_BASIS: Partial<Record<string, (u: Expr) => Expr>> = {
  tanh: (u) => B.div(B.sinh(u), B.cosh(u)), coth: (u) => B.div(B.cosh(u), B.sinh(u)),
  sech: (u) => B.div(one, B.cosh(u)), csch: (u) => B.div(one, B.sinh(u)),
  sigmoid: (u) => B.mul(HALF, B.add(one, B.div(B.sinh(B.mul(HALF, u)), B.cosh(B.mul(HALF, u))))),
};

/** r with each term of its numerator and denominator factors mapped (the factors then divide). */
function mapTerms(r: Rational, f: (t: Term) => Rational): Rational {
  const poly = (p: Poly): Rational => [...p.values()].reduce((acc, t) => addRat(acc, f(t)), ratConst(Q.ZERO));
  let out = poly(r.num);
  for (const d of r.den) out = mulRat(out, invRat(powRat(poly(d.poly), d.mult)));
  return out;
}

const termRat = (coeff: Q.Q, factors: readonly PowerFactor[]): Rational => ratPoly(monoPoly(makeMono(factors), coeff));

/** Substitute atoms of a rational: each a^k (integer k) for which `map` gives a form. */
function substituteAtoms(r: Rational, map: (a: Expr) => Rational | undefined): Rational {
  return mapTerms(r, (t) => {
    let term = ratConst(t.coeff);
    const kept: PowerFactor[] = [];
    for (const [a, k] of t.mono.factors) {
      const m = isRational(k) && Q.isInteger(k) && k.n >= -6n && k.n <= 6n ? map(a) : undefined;
      if (m) term = mulRat(term, powRat(m, Number((k as Q.Q).n)));
      else kept.push([a, k]);
    }
    return mulRat(term, termRat(Q.ONE, kept));
  });
}

/** A rewrite of a^k (k ≥ 2) into lower powers, or undefined. */
type Relation = (a: Expr, k: number) => Rational | undefined;

/** A relation applied to every term until none applies (sin^k = sin^{k−2}(1 − cos²), ...). */
function relate(r: Rational, rel: Relation): Rational {
  const once = (t: Term): Rational => {
    for (const [a, k] of t.mono.factors) {
      if (!isRational(k) || !Q.isInteger(k) || k.n < 2n || k.n > 12n) continue;
      const m = rel(a, Number(k.n));
      if (!m) continue;
      // the replacements are polynomials: apply again to what came out
      const replaced = mulRat(termRat(t.coeff, t.mono.factors.filter(([b]) => b !== a)), m);
      return relate(replaced, rel);
    }
    return termRat(t.coeff, t.mono.factors);
  };
  return mapTerms(r, once);
}

/** x^k → x^{k−2}·(rest) for x = f(θ): sin² = 1 − cos², cosh² = 1 + sinh², ... */
function square(of: UnaryOp, to: UnaryOp, constant: number, sign: number): Relation {
  return (a, k) => {
    if (a.kind !== of) return undefined;
    const other = ratAtom(unary(to, argOf(a)), Q.q(2n));
    return mulRat(ratAtom(a, Q.q(BigInt(k - 2))), addRat(ratConst(Q.q(BigInt(constant))), other, Q.q(BigInt(sign))));
  };
}

const twice = (canon: Canon, a: Expr): Expr => canon.expr(mulRat(canon.of(argOf(a)), ratConst(Q.q(2n))));

/** Squares as functions of 2θ: cos² = (1 + cos 2θ)/2, sin² = (1 − cos 2θ)/2, sinh² = (cosh 2θ − 1)/2. */
function doubleSquares(canon: Canon, r: Rational, hyperbolic: boolean): Rational {
  const [s, c] = hyperbolic ? (['sinh', 'cosh'] as const) : (['sin', 'cos'] as const);
  return relate(r, (a, k) => {
    if (a.kind !== s && a.kind !== c) return undefined;
    const double = ratAtom(unary(c, twice(canon, a)));
    const form = a.kind === c ? addRat(ratConst(Q.ONE), double) : hyperbolic ? addRat(double, ratConst(Q.ONE), MINUS_ONE) : addRat(ratConst(Q.ONE), double, MINUS_ONE);
    return mulRat(ratAtom(a, Q.q(BigInt(k - 2))), mulRat(ratConst(Q.q(1n, 2n)), form));
  });
}

/** sin θ·cos θ → sin(2θ)/2 in every term (and sinh θ·cosh θ → sinh(2θ)/2). */
function doubleProducts(canon: Canon, r: Rational, hyperbolic: boolean): Rational {
  const [s, c] = hyperbolic ? (['sinh', 'cosh'] as const) : (['sin', 'cos'] as const);
  return mapTerms(r, (t) => {
    let term: Rational = ratConst(t.coeff);
    const factors = [...t.mono.factors];
    for (const [a, k] of t.mono.factors) {
      if (a.kind !== s || !isRational(k) || !Q.isInteger(k)) continue;
      const j = factors.findIndex(([b]) => b.kind === c && argOf(b) === argOf(a));
      const kc = j >= 0 ? factors[j]![1] : undefined;
      if (!kc || !isRational(kc) || !Q.isInteger(kc)) continue;
      const m = Math.min(Number(k.n), Number(kc.n));
      if (m <= 0) continue;
      term = mulRat(term, powRat(mulRat(ratConst(Q.q(1n, 2n)), ratAtom(unary(s, twice(canon, a)))), m));
      const i = factors.findIndex(([b]) => b === a);
      factors[i] = [a, Q.q(BigInt(Number(k.n) - m))];
      factors[j] = [factors[j]![0], Q.q(BigInt(Number(kc.n) - m))];
    }
    return mulRat(term, termRat(Q.ONE, factors));
  });
}

/** The written forms of a rational, with the family's quotients named. */
function written(canon: Canon, r: Rational, family: typeof CIRCULAR | undefined): Expr[] {
  const forms = [...factoredExpr(canon, r), expandedExpr(canon, r)];
  return family ? forms.flatMap((e) => [e, contract(e, family)]) : forms;
}

function familyForms(e: Expr, facts: Facts, hyperbolic: boolean, basis: Partial<Record<string, (u: Expr) => Expr>>): Expr[] {
  const rewritten = rewrite(e, (n) => basis[n.kind]?.(argOf(n)));
  const canon = new Canon(facts, true);
  const form = canon.of(rewritten);
  const [s, c] = hyperbolic ? (['sinh', 'cosh'] as const) : (['sin', 'cos'] as const);
  const variants = hyperbolic
    ? [form, relate(form, square(s, c, -1, 1)), relate(form, square(c, s, 1, 1))]
    : [form, relate(form, square(s, c, 1, -1)), relate(form, square(c, s, 1, -1))];
  const doubled = variants.map((v) => doubleSquares(canon, doubleProducts(canon, v, hyperbolic), hyperbolic));
  const family = hyperbolic ? HYPERBOLIC : CIRCULAR;
  return [...variants, ...doubled].flatMap((v) => written(canon, v, family));
}

/** e^u = σ(u)/(1 − σ(u)) for every exp atom. */
function sigmoidForms(e: Expr, facts: Facts): Expr[] {
  const canon = new Canon(facts, true);
  const form = canon.of(e);
  const sub = substituteAtoms(form, (a) => {
    if (a.kind !== 'exp' || (argOf(a).kind === 'const')) return undefined;
    const s = canon.of(B.sigmoid(argOf(a)));
    return mulRat(s, invRat(addRat(ratConst(Q.ONE), s, Q.neg(Q.ONE))));
  });
  return written(canon, sub, undefined);
}

/** e^u = cosh u + sinh u for every exp atom, then the hyperbolic forms. */
function expHyperbolic(e: Expr): Expr {
  return rewrite(e, (n) => (n.kind === 'exp' && n.a.kind !== 'const' ? B.add(B.cosh(n.a), B.sinh(n.a)) : undefined));
}

const has = (e: Expr, kinds: ReadonlySet<string>): boolean => topoOrder([e]).some((n) => kinds.has(n.kind));
const CIRCULAR_KINDS = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot']);
const HYPERBOLIC_KINDS = new Set(['sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth', 'sigmoid']);

/** Candidate forms of e through the identities of its functions (may be empty). */
export function identityForms(e: Expr, facts: Facts): Expr[] {
  const out: Expr[] = [];
  if (has(e, CIRCULAR_KINDS)) out.push(...familyForms(e, facts, false, CIRCULAR_BASIS));
  if (has(e, HYPERBOLIC_KINDS)) out.push(...familyForms(e, facts, true, HYPERBOLIC_BASIS));
  if (has(e, new Set(['exp']))) {
    out.push(...sigmoidForms(e, facts));
    out.push(...familyForms(expHyperbolic(e), facts, true, HYPERBOLIC_BASIS));
  }
  return out;
}
