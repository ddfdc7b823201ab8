// A scalar expression as a binding graph, decomposed as seed 000 does: one named
// intermediate per operation (v = xy, w = log v), then the output z = w.
import { children, freeVars, topoOrder, variable, withChildren, type Expr, type OpNode } from '../ir/expr.ts';
import { intermediateNames, outputName } from '../naming.ts';
import type { Derivation } from '../derivation/model.ts';
import { UserError } from '../util/errors.ts';
import { derive, type BindingGraph } from './backprop.ts';

/** Does the node compute anything from a variable (not a leaf, not constant-only)? */
const isStep = (e: Expr, hasVar: ReadonlySet<number>): boolean => children(e).length > 0 && hasVar.has(e.id);

export function expressionGraph(expr: Expr, wrt: readonly string[], source: string): BindingGraph {
  const vars = new Set(freeVars(expr));
  const order = topoOrder([expr]);
  const hasVar = new Set<number>();
  for (const n of order) if (n.kind === 'var' || children(n).some((c) => hasVar.has(c.id))) hasVar.add(n.id);

  const steps = order.filter((n) => isStep(n, hasVar));
  const names = intermediateNames(steps.length, vars);
  const out = outputName(new Set([...vars, ...names]));
  const nameOf = new Map<number, Expr>();
  const bindings: BindingGraph['bindings'][number][] = steps.map((node, i) => {
    const rhs = withChildren(node as OpNode, children(node).map((c) => nameOf.get(c.id) ?? c));
    nameOf.set(node.id, variable(names[i]!));
    return { name: names[i]!, expr: rhs, role: 'forward' };
  });
  const last = steps.length ? variable(names[steps.length - 1]!) : expr;
  bindings.push({ name: out, expr: last, role: 'output' });
  return { subject: { kind: 'expression', expr }, source, bindings, wrt, inlineIntermediates: true };
}

/** Step-by-step derivative of an expression with respect to each of `wrt`. */
export function deriveExpressionIR(expr: Expr, wrt: readonly string[], source: string): Derivation {
  const vars = new Set(freeVars(expr));
  for (const v of wrt) {
    if (!vars.has(v)) {
      const known = [...vars].join(', ') || 'none';
      throw new UserError(`--wrt: the expression has no variable "${v}" (its variables: ${known})`);
    }
  }
  return derive(expressionGraph(expr, wrt, source));
}
