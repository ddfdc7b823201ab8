// Simplification shown as steps, as a teacher would write them on the board:
// common denominator, cancel common factors, expand, collect like terms. Each pass is a
// pure Expr -> Expr rewrite; the last step is always the normal form of rational.ts,
// so what the sheet shows ends where the algebra says it must.
import * as B from '../ir/build.ts';
import { children, topoOrder, withChildren, type Expr, type OpNode } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import { TooLarge } from './poly.ts';
import { rationalExpr, toRational } from './rational.ts';

export type StepRule = 'common-denominator' | 'cancel' | 'expand' | 'collect';
export interface SimplifyStep {
  readonly rule: StepRule;
  readonly expr: Expr;
}

/** Rebuild bottom-up, applying `f` to every node after its children. */
function bottomUp(e: Expr, f: (node: Expr) => Expr): Expr {
  const memo = new Map<number, Expr>();
  for (const node of topoOrder([e])) {
    const kids = children(node).map((k) => memo.get(k.id)!);
    const rebuilt = kids.length === 0 ? node : withChildren(node as OpNode, kids);
    memo.set(node.id, f(rebuilt));
  }
  return memo.get(e.id)!;
}

/** Tree size: what a reader sees (shared nodes count each time they are printed). */
export function treeSize(e: Expr, cap = 10_000): number {
  let n = 0;
  const stack = [e];
  while (stack.length && n < cap) {
    n++;
    stack.push(...children(stack.pop()!));
  }
  return n;
}

/** Reading cost: size, plus each variable occurrence again (so x + x costs more than 2x). */
function cost(e: Expr): number {
  let vars = 0;
  const stack = [e];
  while (stack.length && vars < 10_000) {
    const node = stack.pop()!;
    if (node.kind === 'var') vars++;
    stack.push(...children(node));
  }
  return treeSize(e) + vars;
}

// ---- common denominator: a/b ± c/d -> (a d ± c b) / (b d) -----------------------------

function asFraction(e: Expr): [Expr, Expr] {
  if (e.kind === 'div') return [e.a, e.b];
  if (e.kind === 'neg' && e.a.kind === 'div') return [B.neg(e.a.a), e.a.b];
  return [e, B.num(1)];
}

function combineNode(node: Expr): Expr {
  if (node.kind !== 'add' && node.kind !== 'sub') return node;
  const [na, da] = asFraction(node.a);
  const [nb, db] = asFraction(node.b);
  if (da.kind === 'const' && db.kind === 'const') return node;
  const op = node.kind === 'add' ? B.add : B.sub;
  if (da === db) return B.div(op(na, nb), da);
  return B.div(op(B.mul(na, db), B.mul(nb, da)), B.mul(da, db));
}

export const commonDenominator = (e: Expr): Expr => bottomUp(e, combineNode);

// ---- cancel: flatten each product/quotient, cancel identical factors -----------------

interface Flat {
  coeff: Q.Q;
  readonly bases: Map<number, [Expr, number]>;
}

function flatten(e: Expr, sign: number, out: Flat): void {
  if (e.kind === 'mul') {
    flatten(e.a, sign, out);
    flatten(e.b, sign, out);
  } else if (e.kind === 'div') {
    flatten(e.a, sign, out);
    flatten(e.b, -sign, out);
  } else if (e.kind === 'neg') {
    out.coeff = Q.neg(out.coeff);
    flatten(e.a, sign, out);
  } else if (e.kind === 'const' && sign > 0) {
    out.coeff = Q.mul(out.coeff, e.q);
  } else {
    const prev = out.bases.get(e.id);
    out.bases.set(e.id, [e, (prev?.[1] ?? 0) + sign]);
  }
}

function cancelNode(node: Expr): Expr {
  if (node.kind !== 'mul' && node.kind !== 'div') return node;
  const flat: Flat = { coeff: Q.ONE, bases: new Map() };
  flatten(node, 1, flat);
  const up = [...flat.bases.values()].filter(([, k]) => k > 0).map(([b, k]) => B.pow(b, B.num(k)));
  const down = [...flat.bases.values()].filter(([, k]) => k < 0).map(([b, k]) => B.pow(b, B.num(-k)));
  const negative = Q.sign(flat.coeff) < 0;
  const magnitude = B.div(B.mul(B.rational(negative ? Q.neg(flat.coeff) : flat.coeff), B.product(up)), B.product(down));
  return negative ? B.neg(magnitude) : magnitude;
}

export const cancelFactors = (e: Expr): Expr => bottomUp(e, cancelNode);

// ---- expand: distribute products over sums, without collecting -----------------------

interface ETerm {
  readonly coeff: Q.Q;
  readonly factors: readonly Expr[];
}
const MAX_EXPANDED = 64;

function times(xs: readonly ETerm[], ys: readonly ETerm[]): ETerm[] {
  const out: ETerm[] = [];
  for (const x of xs) for (const y of ys) out.push({ coeff: Q.mul(x.coeff, y.coeff), factors: [...x.factors, ...y.factors] });
  if (out.length > MAX_EXPANDED) throw new TooLarge();
  return out;
}

function expandTerms(e: Expr): ETerm[] {
  switch (e.kind) {
    case 'const':
      return [{ coeff: e.q, factors: [] }];
    case 'add':
      return [...expandTerms(e.a), ...expandTerms(e.b)];
    case 'sub':
      return [...expandTerms(e.a), ...expandTerms(e.b).map(negTerm)];
    case 'neg':
      return expandTerms(e.a).map(negTerm);
    case 'mul':
      return times(expandTerms(e.a), expandTerms(e.b));
    case 'div':
      return expandTerms(e.a).map((t) => ({ ...t, factors: [...t.factors, B.div(B.num(1), e.b)] }));
    case 'pow':
      if (e.b.kind === 'const' && Q.isInteger(e.b.q) && e.b.value > 1 && e.b.value <= 4) {
        let acc: ETerm[] = [{ coeff: Q.ONE, factors: [] }];
        for (let i = 0; i < e.b.value; i++) acc = times(acc, expandTerms(e.a));
        return acc;
      }
      return [{ coeff: Q.ONE, factors: [e] }];
    default:
      return [{ coeff: Q.ONE, factors: [e] }];
  }
}

const negTerm = (t: ETerm): ETerm => ({ ...t, coeff: Q.neg(t.coeff) });

function termExpr(t: ETerm): Expr {
  const c = Q.sign(t.coeff) < 0 ? Q.neg(t.coeff) : t.coeff;
  return cancelNode(B.mul(B.rational(c), B.product(t.factors)));
}

export function expand(e: Expr): Expr {
  const terms = expandTerms(e).filter((t) => !Q.isZero(t.coeff));
  let out: Expr | undefined;
  for (const t of terms) {
    const mag = termExpr(t);
    const negative = Q.sign(t.coeff) < 0;
    out = out === undefined ? (negative ? B.neg(mag) : mag) : negative ? B.sub(out, mag) : B.add(out, mag);
  }
  return out ?? B.num(0);
}

export const collect = (e: Expr): Expr => rationalExpr(toRational(e));

// ---- the pipeline ----------------------------------------------------------------------

const PASSES: readonly (readonly [StepRule, (e: Expr) => Expr])[] = [
  ['common-denominator', commonDenominator],
  ['cancel', cancelFactors],
  ['expand', expand],
  ['collect', collect],
];

/**
 * The steps from e to its simplest form; empty when the normal form is no simpler
 * (a product such as (ŷ − y)·a₁ reads better unexpanded).
 */
export function simplifySteps(e: Expr): SimplifyStep[] {
  let final: Expr;
  try {
    final = collect(e);
  } catch (err) {
    if (err instanceof TooLarge || err instanceof RangeError) return [];
    throw err;
  }
  if (final === e || cost(final) >= cost(e)) return [];
  const steps: SimplifyStep[] = [];
  let current = e;
  for (const [rule, pass] of PASSES) {
    let next: Expr;
    try {
      next = rule === 'collect' ? final : pass(current);
    } catch (err) {
      if (err instanceof TooLarge) continue;
      throw err;
    }
    if (next !== current) steps.push({ rule, expr: next });
    current = next;
  }
  return steps;
}

/** The simplest form found: the last step, or e itself. */
export function simplify(e: Expr): Expr {
  const steps = simplifySteps(e);
  return steps.length ? steps[steps.length - 1]!.expr : e;
}
