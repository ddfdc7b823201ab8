// The first half of the canonical form: every function written in a small basis (exp, log,
// sin, cos, powers, step, sign, asin, atan), so that σ(x) and 1/(1 + e^{−x}) become the
// same expression. Each rewrite is an identity on the whole domain of its left side:
// tan u = sin u / cos u is undefined exactly where tan is, σ(u) = 1/(1 + e^{−u}) everywhere.
import * as B from '../ir/build.ts';
import { children, isParam, topoOrder, withChildren, type Expr, type OpNode } from '../ir/expr.ts';
import { fromNumber, q } from '../ir/q.ts';

const HALF = B.rational(q(1n, 2n));
const one = B.num(1);
const two = B.num(2);

const ePlus = (u: Expr): Expr => B.add(B.exp(u), B.exp(B.neg(u)));
const eMinus = (u: Expr): Expr => B.sub(B.exp(u), B.exp(B.neg(u)));

/** α + (1 − α)·step(u): the leaky ReLU's slope, exactly as the decimal α was written. */
function leakySlope(u: Expr, alpha: number): Expr {
  const a = B.rational(fromNumber(alpha));
  return B.add(a, B.mul(B.sub(one, a), B.step(u)));
}

/** One node, its argument already rewritten. */
function rewrite(node: Expr): Expr {
  if (isParam(node)) {
    const u = node.a;
    return node.kind === 'leaky_relu' ? B.mul(u, leakySlope(u, node.alpha)) : leakySlope(u, node.alpha);
  }
  if (node.kind === 'sqrt') return B.pow(node.a, HALF);
  if (!('a' in node) || 'b' in node) return node;
  const u = node.a;
  switch (node.kind) {
    case 'sigmoid': return B.div(one, B.add(one, B.exp(B.neg(u))));
    case 'softplus': return B.log(B.add(one, B.exp(u)));
    case 'tanh': return B.div(eMinus(u), ePlus(u));
    case 'sinh': return B.div(eMinus(u), two);
    case 'cosh': return B.div(ePlus(u), two);
    case 'sech': return B.div(two, ePlus(u));
    case 'csch': return B.div(two, eMinus(u));
    case 'coth': return B.div(ePlus(u), eMinus(u));
    case 'tan': return B.div(B.sin(u), B.cos(u));
    case 'sec': return B.div(one, B.cos(u));
    case 'csc': return B.div(one, B.sin(u));
    case 'cot': return B.div(B.cos(u), B.sin(u));
    case 'acos': return B.sub(B.mul(HALF, B.pi()), B.asin(u)); // on [−1, 1], as acos is
    case 'relu': return B.mul(u, B.step(u));
    case 'abs': return B.mul(u, B.sign(u));
    default: return node;
  }
}

/** e with every function in the basis (bottom-up, shared nodes rewritten once). */
export function toBasis(e: Expr): Expr {
  const memo = new Map<number, Expr>();
  for (const node of topoOrder([e])) {
    const kids = children(node).map((k) => memo.get(k.id)!);
    const rebuilt = kids.length === 0 ? node : withChildren(node as OpNode, kids);
    memo.set(node.id, rewrite(rebuilt));
  }
  return memo.get(e.id)!;
}
