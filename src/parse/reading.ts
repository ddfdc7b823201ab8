// How a mathematician reads a formula, applied to mathjs text before mathjs parses it:
//   x^x (log x + 1)  ->  x^x * (log(x) + 1)   a name that is not a function, then "(", is a
//                                             product, and the power ends before the bracket
//                                             (mathjs alone reads x^(x(log x + 1)));
//   log x, sin 2x    ->  log(x), sin(2x)      a function name before an atom applies to it;
//   (a)(b)           ->  (a) * (b).
// Readings that a reader could take two ways are returned as notes ("1/2x" is (1/2)·x), so
// the echo of a claim can say so. Every output character keeps its input position.
import { Frag, type Mapped } from './mapped.ts';

export interface Reading {
  readonly text: Mapped;
  /** Genuinely ambiguous spots, with the reading chosen. */
  readonly notes: readonly string[];
}

export interface ReadingRules {
  /** Names that are functions (a following "(" or atom is their argument). */
  isFunction(name: string): boolean;
  /** Names that read as a factor when "(" follows (x(1 − x) = x·(1 − x)). */
  isFactor(name: string): boolean;
}

type Token = { readonly kind: 'name' | 'number' | 'space' | 'other'; readonly text: string; readonly at: number };

const TOKEN = /([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(\s+)|([^])/gy;

function tokens(s: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m; m = TOKEN.exec(s)) {
    const kind = m[1] ? 'name' : m[2] ? 'number' : m[3] ? 'space' : 'other';
    out.push({ kind, text: m[0], at: m.index });
  }
  return out;
}

/** The atom a bare function name applies to: a name or number, a number times a name (2x), then ^atom. */
function atomEnd(ts: readonly Token[], i: number): number {
  let j = i;
  if (ts[j]?.kind === 'number' && ts[j + 1]?.kind === 'name') j++;
  if (ts[j]?.kind !== 'name' && ts[j]?.kind !== 'number') return -1;
  if (ts[j + 1]?.text === '^' && (ts[j + 2]?.kind === 'name' || ts[j + 2]?.kind === 'number')) j += 2;
  return j;
}

export function readFormula(input: Mapped, rules: ReadingRules): Reading {
  const ts = tokens(input.text);
  const pos = (t: Token): number => input.pos[t.at] ?? 0;
  const out = new Frag();
  const notes: string[] = [];
  const next = (i: number): number => (ts[i + 1]?.kind === 'space' ? i + 2 : i + 1);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    out.lit(t.text, pos(t));
    const j = next(i);
    const after = ts[j];
    if (t.kind === 'name' && rules.isFunction(t.text) && ts[i + 1]?.kind === 'space' && after && after.text !== '(') {
      const end = atomEnd(ts, j);
      if (end >= 0) {
        out.lit('(', pos(after));
        for (let k = j; k <= end; k++) out.lit(ts[k]!.text, pos(ts[k]!));
        out.lit(')', pos(ts[end]!));
        i = end;
      }
    } else if (after?.text === '(' && ((t.kind === 'name' && rules.isFactor(t.text)) || t.text === ')')) {
      out.lit(' *', pos(after));
    } else if (t.text === '/' && ts[j]?.kind === 'number' && ts[j + 1]?.kind === 'name' && !rules.isFunction(ts[j + 1]!.text)) {
      const [num, name] = [ts[j]!.text, ts[j + 1]!.text];
      const prev = ts[i - 1]?.kind === 'space' ? ts[i - 2] : ts[i - 1];
      notes.push(`${prev?.text ?? ''}/${num}${name} is read as (${prev?.text ?? ''}/${num})·${name}; write ${prev?.text ?? ''}/(${num}${name}) for the other reading`);
    }
  }
  return { text: out.done(input.pos[input.text.length] ?? input.text.length), notes };
}

/** Plain text as a Mapped (each character at its own position). */
export const mapped = (text: string): Mapped => ({ text, pos: [...Array(text.length + 1).keys()] });
