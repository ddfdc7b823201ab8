// A scalar expression as a binding graph, decomposed as the Master 1 course does: one named
// intermediate per operation (v = xy), the last one being the output (z = log v). The
// course then writes z = w, a renaming with derivative 1; we leave that step out.
import { children, freeVars, topoOrder, variable, withChildren, type Expr, type OpNode } from '../ir/expr.ts';
import { IDENTIFIER, intermediateNames, outputName } from '../naming.ts';
import type { Derivation } from '../derivation/model.ts';
import { chainPaths } from '../derivation/paths.ts';
import { treeSize } from '../simplify/steps.ts';
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
  // Also around the --wrt names: d/dz of x² must not meet an intermediate called z.
  const taken = new Set([...vars, ...wrt]);
  const names = intermediateNames(Math.max(0, steps.length - 1), taken);
  const out = outputName(new Set([...taken, ...names]));
  names.push(out);
  const nameOf = new Map<number, Expr>();
  const bindings: BindingGraph['bindings'][number][] = steps.map((node, i) => {
    const rhs = withChildren(node as OpNode, children(node).map((c) => nameOf.get(c.id) ?? c));
    nameOf.set(node.id, variable(names[i]!));
    return { name: names[i]!, expr: rhs, role: i === steps.length - 1 ? 'output' : 'forward' };
  });
  // A bare variable or a constant: z = x, z = 1.
  if (steps.length === 0) bindings.push({ name: out, expr, role: 'output' });
  return { subject: { kind: 'expression', expr }, source, bindings, wrt, inlineIntermediates: true };
}

/** Variables of `wrt` that the expression does not contain (its derivative by them is 0). */
export function absentVariables(expr: Expr, wrt: readonly string[]): string[] {
  const vars = new Set(freeVars(expr));
  return wrt.filter((v) => !vars.has(v));
}

/**
 * Step-by-step derivative of an expression with respect to each of `wrt`. A variable the
 * expression does not contain (or that cancelled, as in x/x) has derivative 0.
 */
export function deriveExpressionIR(expr: Expr, wrt: readonly string[], source: string): Derivation {
  for (const v of wrt) if (!IDENTIFIER.test(v)) throw new UserError(`--wrt: "${v}" is not a variable name (letters, digits and _)`);
  const derivation = derive(expressionGraph(expr, wrt, source));
  const printed = printedSize(derivation);
  if (printed > MAX_PRINTED_NODES) {
    throw new UserError(`${source}: the derivation would print more than ${MAX_PRINTED_NODES} operations written out (the limit)`);
  }
  return derivation;
}

/** A derivation printed with more operations than this is refused rather than written (hundreds of MB). */
export const MAX_PRINTED_NODES = 50_000;

/** Operations the sheet prints, counted as trees (shared nodes each time), stopping past the limit. */
function printedSize(d: Derivation): number {
  let total = 0;
  const add = (e: Expr): void => {
    if (total <= MAX_PRINTED_NODES) total += treeSize(e, MAX_PRINTED_NODES + 1 - total);
  };
  for (const b of d.forward) add(b.expr);
  for (const p of d.partials) add(p.expr);
  for (const g of d.gradients) {
    const { expanded, paths } = chainPaths(d, g.wrt);
    add(expanded);
    for (const s of g.steps) add(s.expr);
    for (const path of paths) path.factors.forEach(add);
  }
  return total;
}
