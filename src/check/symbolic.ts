// The symbolic half of the checker: inline every intermediate and delta name, then test
// claim − truth against the IR's rational normal form. Only ever confirms; a failure (an
// identity of the atoms, or an expression too large to expand) leaves the numeric verdict.
import type { Derivation } from '../derivation/model.ts';
import * as B from '../ir/build.ts';
import { children, substitute, topoOrder, variable, type Expr } from '../ir/expr.ts';
import { isWeightName } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { isIdenticallyZero } from '../simplify/rational.ts';

/** Expansion is tree-recursive: larger inlined expressions are not tried. */
const MAX_TREE_SIZE = 4000;

/** ∂J/∂param for one example: the derivation's result, plus λ·w for a weight when l2 > 0. */
export function regularisedTruth(spec: NetworkSpec, param: string, result: Expr): Expr {
  return spec.l2 > 0 && isWeightName(param) ? B.add(result, B.mul(B.num(spec.l2), variable(param))) : result;
}

/** Every binding name (forward, then deltas) mapped to its definition in the free variables. */
function inliner(d: Derivation): Map<number, Expr> {
  const map = new Map<number, Expr>();
  for (const b of [...d.forward, ...d.deltas]) map.set(variable(b.name).id, substitute(b.expr, map));
  return map;
}

/** Nodes of e counted as a tree (shared subexpressions counted each time), capped. */
function treeSize(e: Expr, cap: number): number {
  const size = new Map<number, number>();
  for (const n of topoOrder([e])) {
    const kids = children(n);
    size.set(n.id, Math.min(cap + 1, 1 + kids.reduce((s, k) => s + size.get(k.id)!, 0)));
  }
  return size.get(e.id)!;
}

export function confirmSymbolically(d: Derivation, claim: Expr, truth: Expr): boolean {
  const map = inliner(d);
  const difference = B.sub(substitute(claim, map), substitute(truth, map));
  if (treeSize(difference, MAX_TREE_SIZE) > MAX_TREE_SIZE) return false;
  try {
    return isIdenticallyZero(difference);
  } catch {
    return false; // TooLarge, or a division by an expression that is zero identically
  }
}
