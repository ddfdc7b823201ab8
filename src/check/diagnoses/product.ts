// A dropped term of the chain rule's sum over paths: for z = u·v, (u·v)′ = u′v + uv′ is the
// sum of the path through u and the path through v, and a claim that keeps one of them
// forgot the product rule's other term.
import { findBinding, type ChainPath } from '../../derivation/model.ts';
import { variable, type Expr } from '../../ir/expr.ts';
import { inline, label } from '../words.ts';
import { candidate, type Candidate, type Setting } from './candidate.ts';
import { pathsOnly } from './chain.ts';

/** A path's product as the student writes it: inlined, sign and constants first, compound factors in parentheses. */
function termText(s: Setting, path: ChainPath): string {
  let sign = 1;
  let constant = 1;
  const rest: Expr[] = [];
  const collect = (e: Expr): void => {
    if (e.kind === 'mul') [e.a, e.b].forEach(collect);
    else if (e.kind === 'neg') {
      sign = -sign;
      collect(e.a);
    } else if (e.kind === 'const') constant *= e.value;
    else rest.push(e);
  };
  path.factors.forEach((f) => collect(inline(s.d, f)));
  const text = (f: Expr): string => (['add', 'sub', 'div'].includes(f.kind) && rest.length > 1 ? `(${label(s.d, f)})` : label(s.d, f));
  const shown = [...(constant === 1 && rest.length ? [] : [String(Math.abs(constant))]), ...rest.map(text)];
  return `${sign * Math.sign(constant) < 0 ? '−' : ''}${shown.join('·')}`;
}

/** The index of the last name `path` shares with the start of any other path: where it leaves them. */
function splitIndex(path: ChainPath, others: readonly ChainPath[]): number {
  let best = 0;
  for (const o of others) {
    let i = 0;
    while (i < path.names.length && o.names[i] === path.names[i]) i++;
    best = Math.max(best, i - 1);
  }
  return best;
}

export function* missingProductTerm(s: Setting): Generator<Candidate> {
  const { d, g } = s;
  if (d.subject.kind !== 'expression' || g.truncated || g.paths.length < 2) return;
  for (const dropped of g.paths) {
    const kept = g.paths.filter((p) => p !== dropped);
    const variant = pathsOnly(s, (p) => p !== dropped);
    if (!variant) continue;
    const at = splitIndex(dropped, kept);
    const def = findBinding(d, dropped.names[at]!)?.expr;
    const droppedText = termText(s, dropped);
    const only = kept.length === 1 ? kept[0] : undefined;
    if (def?.kind === 'mul' && only) {
      const [u, v] = [label(d, def.a), label(d, def.b)];
      yield candidate('missing-product-term', (m) => m.missingProductTerm(u, v, termText(s, only), droppedText, s.cite), variant);
    } else {
      const via = label(d, variable(dropped.names[at + 1]!));
      yield candidate('missing-product-term', (m) => m.missingPathTerm(g.paths.length, via, droppedText, s.cite), variant);
    }
  }
}
