// Reverse mode over the matrix-form bindings: the δ recursion of the courses,
// δ_L from the loss, δ_k = (W_{k+1}ᵀ δ_{k+1}) ⊙ g_k'(a_k), ∇W_k = δ_k h_{k−1}ᵀ, ∇b_k = δ_k,
// found by applying the matrix rules to the graph, never written down as a formula.
import { mconst, plus } from '../ir/matrix-build.ts';
import { mchildren, mtopo, mvar, type MExpr, type MVar } from '../ir/matrix.ts';
import type { MatrixBinding, MatrixGraph } from '../network/matrix-graph.ts';
import { matrixAdjoints } from './matrix-rules.ts';
import { nameValues, simplifyMatrix, type MatrixStep } from './matrix-simplify.ts';

export interface MatrixDelta {
  readonly name: string;
  /** The pre-activation whose adjoint it is. */
  readonly of: string;
  /** The adjoint as the rules give it, stored values named. */
  readonly product: MExpr;
  readonly steps: readonly MatrixStep[];
  readonly expr: MExpr;
  readonly eq: number;
}

export interface MatrixGradient {
  readonly wrt: string;
  readonly expr: MExpr;
  readonly eq: number;
}

export interface MatrixDerivation {
  readonly forward: readonly (MatrixBinding & { readonly eq: number })[];
  readonly deltas: readonly MatrixDelta[];
  readonly gradients: readonly MatrixGradient[];
  /** ∇_ŷ J, the loss's gradient with respect to the network output (when the loss reads ŷ). */
  readonly outputGradient?: { readonly wrt: string; readonly expr: MExpr };
}

/** Adjoints of the variables of one binding, given the adjoint of its value. */
function bindingAdjoints(expr: MExpr, cbar: MExpr): Map<string, MExpr> {
  const adj = new Map<number, MExpr>([[expr.id, cbar]]);
  const out = new Map<string, MExpr>();
  for (const node of mtopo([expr]).reverse()) {
    const c = adj.get(node.id);
    if (!c) continue;
    if (node.kind === 'mvar') {
      out.set(node.name, c);
      continue;
    }
    const parts = matrixAdjoints(node, c);
    mchildren(node).forEach((child, i) => {
      const prev = adj.get(child.id);
      adj.set(child.id, prev ? plus(prev, parts[i]!) : parts[i]!);
    });
  }
  return out;
}

export function deriveMatrix(graph: MatrixGraph, firstEq = 1): MatrixDerivation {
  let eq = firstEq - 1;
  const forward = graph.bindings.map((b) => ({ ...b, eq: ++eq }));
  const named = graph.bindings.filter((b) => b.expr.kind !== 'mvar');
  const adj = new Map<string, MExpr>([[forward[forward.length - 1]!.name, mconst(1)]]);
  const deltas: MatrixDelta[] = [];
  let outputGradient: MatrixDerivation['outputGradient'];
  for (const b of [...forward].reverse()) {
    let a = adj.get(b.name);
    if (!a) continue;
    if (b.name === 'yhat') outputGradient = { wrt: b.name, expr: nameValues(a, named) };
    const dName = graph.deltaOf.get(b.name);
    if (dName) {
      const product = nameValues(a, named);
      const steps = simplifyMatrix(product, graph.oneHotTarget);
      const expr = steps.at(-1)?.expr ?? product;
      deltas.push({ name: dName, of: b.name, product, steps, expr, eq: ++eq });
      a = mvar(dName, b.expr.shape[0], b.expr.shape[1]);
    }
    for (const [v, contribution] of bindingAdjoints(b.expr, a)) {
      const prev = adj.get(v);
      adj.set(v, prev ? plus(prev, contribution) : contribution);
    }
  }
  // Last layer first, in the order backprop reaches them (W_L, b_L, ..., W_1, b_1).
  const order = graph.params.map((_, i, all) => all[all.length - 2 - (i - (i % 2)) + (i % 2)]!);
  const gradients = order.map((p: MVar) => ({ wrt: p.name, expr: nameValues(adj.get(p.name) ?? mconst(0), named), eq: ++eq }));
  return outputGradient ? { forward, deltas, gradients, outputGradient } : { forward, deltas, gradients };
}
