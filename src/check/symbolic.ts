// The symbolic half of the checker: inline every intermediate and delta name, then ask
// simplify/prove.ts for a sound, exact proof that claim − truth is 0 (a canonical form over
// exact rationals; the laws of exp, log and powers only where they hold). Only ever proves; a
// failure (an identity it does not know, an expression too large) leaves the numeric verdict,
// which then says it is numeric.
import type { Derivation } from '../derivation/model.ts';
import * as B from '../ir/build.ts';
import { substitute, variable, type Expr } from '../ir/expr.ts';
import { treeSize } from '../simplify/steps.ts';
import { isWeightName } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { proveZero } from '../simplify/prove.ts';
import { isIdenticallyZero } from '../simplify/rational.ts';

/** Expansion is tree-recursive: larger inlined expressions are not tried. */
const MAX_TREE_SIZE = 4000;

/** The method text of an exact proof. */
export const SYMBOLIC_METHOD = 'proved symbolically (exact normal form)';

/** ∂J/∂param for one example: the derivation's result, plus λ·w for a weight when l2 > 0. */
export function regularisedTruth(spec: NetworkSpec, param: string, result: Expr): Expr {
  return spec.l2 > 0 && isWeightName(param) ? B.add(result, B.mul(B.num(spec.l2), variable(param))) : result;
}

const inliners = new WeakMap<Derivation, Map<number, Expr>>();

/** Every binding name (forward, then deltas) mapped to its definition in the free variables. */
export function inliner(d: Derivation): Map<number, Expr> {
  let map = inliners.get(d);
  if (map) return map;
  map = new Map<number, Expr>();
  for (const b of [...d.forward, ...d.deltas]) map.set(variable(b.name).id, substitute(b.expr, map));
  inliners.set(d, map);
  return map;
}


/**
 * Is e = 0 proved exactly? First the rational normal form over the atoms (exact rational
 * coefficients; about ten times cheaper), then prove.ts, which also knows the identities of
 * the atoms (exp, log, powers, trigonometry). Both are sound; false when neither can tell.
 */
export function provesZero(e: Expr): boolean {
  try {
    if (isIdenticallyZero(e)) return true;
  } catch {
    // too large, or a division by an expression that is identically 0: let prove.ts decide
  }
  try {
    return proveZero(e);
  } catch {
    return false; // an expression too large to put in canonical form
  }
}

/** Is claim = truth proved exactly, every name of the derivation inlined? */
export function proveSymbolically(d: Derivation, claim: Expr, truth: Expr): boolean {
  const map = inliner(d);
  const difference = B.sub(substitute(claim, map), substitute(truth, map));
  if (treeSize(difference, MAX_TREE_SIZE + 1) > MAX_TREE_SIZE) return false;
  return provesZero(difference);
}
