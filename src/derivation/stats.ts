// The size of a derivation: how many distinct IR nodes it holds (shared deltas count
// once, by hash-consing), and, for comparison, how large the gradients would be written
// out without naming the deltas (every δ substituted by its definition, as a tree).
import { children, substitute, topoOrder, variable, type Expr } from '../ir/expr.ts';
import { mtopo } from '../ir/matrix.ts';
import type { Derivation } from './model.ts';

export interface DerivationStats {
  /** Whether the index form was built (the other counts are then 0). */
  readonly indexForm: boolean;
  /** Distinct scalar IR nodes of every binding, delta and gradient (index form). */
  readonly nodes: number;
  /** Forward bindings plus deltas. */
  readonly bindings: number;
  readonly deltas: number;
  readonly gradients: number;
  /** Printed size (tree nodes) of all gradients with every δ expanded in place. */
  readonly expandedTreeSize: number;
  /** Distinct matrix-IR nodes of the matrix form, when there is one. */
  readonly matrixNodes?: number;
}

/** Tree size of a DAG without walking the tree: size(n) = 1 + Σ size(children). */
function treeSizeOf(e: Expr): number {
  const size = new Map<number, number>();
  for (const n of topoOrder([e])) size.set(n.id, 1 + children(n).reduce((s, c) => s + size.get(c.id)!, 0));
  return size.get(e.id)!;
}

export function derivationStats(d: Derivation): DerivationStats {
  const roots: Expr[] = [
    ...d.forward.map((b) => b.expr),
    ...d.deltas.map((x) => x.expr),
    ...d.gradients.map((g) => g.deltaForm ?? g.result),
  ];
  const defs = new Map<number, Expr>();
  for (const x of [...d.deltas].sort((a, b) => a.eq - b.eq)) defs.set(variable(x.name).id, substitute(x.expr, defs));
  const expanded = d.gradients.map((g) => substitute(g.deltaForm ?? g.result, defs));
  const stats: DerivationStats = {
    indexForm: d.forward.length > 0,
    nodes: topoOrder(roots).length,
    bindings: d.forward.length + d.deltas.length,
    deltas: d.deltas.length,
    gradients: d.gradients.length,
    expandedTreeSize: expanded.reduce((s, e) => s + treeSizeOf(e), 0),
  };
  if (!d.matrix) return stats;
  const m = d.matrix;
  const matrixRoots = [...m.forward.map((b) => b.expr), ...m.deltas.map((x) => x.expr), ...m.gradients.map((g) => g.expr)];
  return { ...stats, matrixNodes: mtopo(matrixRoots).length };
}
