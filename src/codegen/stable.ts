// Rewrites that make the generated loss numerically stable; the derivation keeps the
// textbook form. With ŷ = σ(a): log ŷ = −softplus(−a) and log(1 − ŷ) = −softplus(a),
// so BCE after a sigmoid is computed from the logit and never takes log(0).
import * as B from '../ir/build.ts';
import { substitute, type Expr } from '../ir/expr.ts';
import { topoOrder } from '../ir/expr.ts';
import type { Binding } from '../derivation/model.ts';

export function stableLoss(loss: Expr, forward: readonly Binding[]): Expr {
  const sigmoidArg = new Map<string, Expr>();
  for (const b of forward) if (b.expr.kind === 'sigmoid') sigmoidArg.set(b.name, b.expr.a);
  const replace = new Map<number, Expr>();
  for (const node of topoOrder([loss])) {
    if (node.kind !== 'log') continue;
    const arg = node.a;
    if (arg.kind === 'var' && sigmoidArg.has(arg.name)) {
      replace.set(node.id, B.neg(B.softplus(B.neg(sigmoidArg.get(arg.name)!))));
    } else if (arg.kind === 'sub' && arg.a.kind === 'const' && arg.a.value === 1 && arg.b.kind === 'var' && sigmoidArg.has(arg.b.name)) {
      replace.set(node.id, B.neg(B.softplus(sigmoidArg.get(arg.b.name)!)));
    }
  }
  return substitute(loss, replace);
}
