// An exact structural key for atoms. ir/key.ts's sortKey writes a constant by its float,
// so 1/3 and 0.3333333333333333 (= 3333333333333333/10^16) share a key; here they must
// not, or two different atoms would collect as one. Ordinary constants get sortKey's
// text, so display orders do not move.
import { children, isParam, type Expr } from '../ir/expr.ts';
import { fromNumber, text } from '../ir/q.ts';

const memo = new Map<number, string>();

function constKey(e: Extract<Expr, { kind: 'const' }>): string {
  const shortest = fromNumber(e.value);
  const exact = shortest.n === e.q.n && shortest.d === e.q.d;
  return exact ? `0:${e.value}` : `0:${e.value}=${text(e.q)}`;
}

export function atomKey(e: Expr): string {
  const hit = memo.get(e.id);
  if (hit !== undefined) return hit;
  let key: string;
  if (e.kind === 'const') key = constKey(e);
  else if (e.kind === 'var') key = `1:${e.name}`;
  else {
    const extra = isParam(e) ? `;${e.alpha}` : '';
    key = `2:${e.kind}${extra}(${children(e).map(atomKey).join(',')})`;
  }
  memo.set(e.id, key);
  return key;
}

export function compareAtoms(a: Expr, b: Expr): number {
  if (a === b) return 0;
  const ka = atomKey(a);
  const kb = atomKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
