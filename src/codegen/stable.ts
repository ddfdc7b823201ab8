// Rewrites that make the generated code numerically stable; the derivation keeps the
// textbook form. Everything here is exact algebra, so the code computes the same values:
// - BCE after a sigmoid: with ŷ = σ(a), log ŷ = −softplus(−a) and log(1 − ŷ) = −softplus(a),
//   so the loss comes from the logit and never takes log(0);
// - softmax and log-sum-exp: with m = max_j u_j, the code keeps S' = Σ_j e^{u_j − m}
//   = S·e^{−m} (between 1 and K, never overflows) in S's place, and
//   ŷ_i = e^{u_i − m}/S', log ŷ_i = u_i − m − log S', log S = m + log S'.
import * as B from '../ir/build.ts';
import { substitute, topoOrder, variable, type Expr, type Unary } from '../ir/expr.ts';
import type { Binding } from '../derivation/model.ts';

export interface StableNames {
  /** The softmax normaliser S = Σ_j e^{u_j}. */
  readonly normaliser: string;
  /** The shift m = max_j u_j. */
  readonly logitMax: string;
}

export interface StableCode {
  /** The forward bindings as the code computes them (softmax exponents shifted by m). */
  readonly forward: readonly Binding[];
  /** m = max of these arguments, computed just before the normaliser. */
  readonly shift?: { readonly before: string; readonly args: readonly Expr[] };
  /** The per-example loss, from logits where it can. */
  readonly loss: Expr;
  /** Nodes that must not appear in the backward code (S is stored scaled by e^{−m}). */
  readonly unsafe: ReadonlySet<number>;
}

/** log ŷ and log(1 − ŷ) of a sigmoid output, from its logit. */
function sigmoidLogs(forward: readonly Binding[], replace: Map<number, Expr>): void {
  const one = B.num(1);
  for (const b of forward) {
    if (b.expr.kind !== 'sigmoid') continue;
    const a = b.expr.a;
    const yhat = variable(b.name);
    replace.set(B.log(yhat).id, B.neg(B.softplus(B.neg(a))));
    replace.set(B.log(B.sub(one, yhat)).id, B.neg(B.softplus(a)));
  }
}

/** The loss with BCE's logs of sigmoid outputs taken from the logits (also used by loops.ts). */
export function stableLoss(loss: Expr, forward: readonly Binding[]): Expr {
  const logs = new Map<number, Expr>();
  sigmoidLogs(forward, logs);
  return substitute(loss, logs);
}

/** log ŷ_i of a softmax output and log S, in terms of the shifted normaliser. */
function softmaxLogs(forward: readonly Binding[], S: Expr, m: Expr, replace: Map<number, Expr>): void {
  replace.set(B.log(S).id, B.add(m, B.log(S)));
  for (const b of forward) {
    if (b.expr.kind === 'div' && b.expr.a.kind === 'exp' && b.expr.b === S) {
      replace.set(B.log(variable(b.name)).id, B.sub(B.sub(b.expr.a.a, m), B.log(S)));
    }
  }
}

export function stableCode(forward: readonly Binding[], loss: Expr, names: StableNames): StableCode {
  const normaliser = forward.find((b) => b.name === names.normaliser && b.role === 'forward');
  if (!normaliser) return { forward, loss: stableLoss(loss, forward), unsafe: new Set() };
  const logs = new Map<number, Expr>();
  sigmoidLogs(forward, logs);
  const S = variable(names.normaliser);
  const m = variable(names.logitMax);
  const exps = topoOrder([normaliser.expr]).filter((e): e is Unary<'exp'> => e.kind === 'exp');
  const shifted = new Map(exps.map((e) => [e.id, B.exp(B.sub(e.a, m))] as const));
  softmaxLogs(forward, S, m, logs);
  return {
    forward: forward.map((b) => (b.role === 'forward' ? { ...b, expr: substitute(b.expr, shifted) } : b)),
    shift: { before: normaliser.name, args: exps.map((e) => e.a) },
    loss: substitute(loss, logs),
    unsafe: new Set([S.id, ...exps.map((e) => e.id)]),
  };
}

/** Does e use a value the stable code does not keep as the derivation defines it? */
export function usesUnsafe(e: Expr, unsafe: ReadonlySet<number>): boolean {
  return unsafe.size > 0 && topoOrder([e]).some((node) => unsafe.has(node.id));
}
