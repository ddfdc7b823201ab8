// A structural sort key for nodes: the same expression gets the same key in every run,
// whatever order nodes were interned in. Used wherever output order must be
// deterministic (terms of a sum, factors of a product, atoms of a polynomial).
import { children, isParam, type Expr } from './expr.ts';

const memo = new Map<number, string>();

export function sortKey(e: Expr): string {
  const hit = memo.get(e.id);
  if (hit !== undefined) return hit;
  let key: string;
  // Exact: 2 and 2.0000000000000000001 share a float but never a key.
  if (e.kind === 'const') key = `0:${e.value}:${e.q.n}/${e.q.d}`;
  else if (e.kind === 'pi') key = '0:pi';
  else if (e.kind === 'var') key = `1:${e.name}`;
  else {
    const extra = isParam(e) ? `;${e.alpha}` : '';
    key = `2:${e.kind}${extra}(${children(e).map(sortKey).join(',')})`;
  }
  memo.set(e.id, key);
  return key;
}

export function compareExpr(a: Expr, b: Expr): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
