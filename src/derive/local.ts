// The local derivative of one binding with respect to one of its variables: the chain
// rule applied inside a small expression, in the textbook's forward shape
// (d(uv) = u'v + uv', d f(u) = f'(u) u'), so that ∂J/∂ŷ comes out as the course writes it:
// −(y/ŷ − (1 − y)/(1 − ŷ)).
import * as B from '../ir/build.ts';
import { children, substitute, type Expr, type OpNode } from '../ir/expr.ts';
import { localPartials, ruleOf } from './rules.ts';

export interface Local {
  readonly expr: Expr;
  /** Rule ids used, outermost first. */
  readonly rules: readonly string[];
}

/** d expr / d wrt, with every subexpression that some binding names replaced by that name. */
export function localDerivative(expr: Expr, wrt: string, names: ReadonlyMap<number, Expr>): Local {
  const rules: string[] = [];
  const memo = new Map<number, Expr>();
  const d = (e: Expr): Expr => {
    const hit = memo.get(e.id);
    if (hit) return hit;
    let out: Expr;
    if (e.kind === 'const' || e.kind === 'pi') out = B.num(0);
    else if (e.kind === 'var') out = B.num(e.name === wrt ? 1 : 0);
    else {
      const node = e as OpNode;
      const partials = localPartials(node);
      const terms = children(node)
        .map((child, i) => [partials[i]!, d(child)] as const)
        .filter(([, dc]) => !(dc.kind === 'const' && dc.value === 0))
        .map(([p, dc]) => B.mul(p, dc));
      if (terms.length) rules.push(ruleOf(node).id);
      out = B.sum(terms);
    }
    memo.set(e.id, out);
    return out;
  };
  const raw = d(expr);
  // Rules were recorded innermost first; the sheet names the outermost first.
  return { expr: substitute(raw, names), rules: [...new Set(rules.reverse())] };
}
