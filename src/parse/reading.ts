// How a mathematician reads a formula, applied to mathjs text before mathjs parses it:
//   x^x (log x + 1)  ->  x^x * (log(x) + 1)   a name that is not a function, then "(", is a
//                                             product, and the power ends before the bracket
//                                             (mathjs alone reads x^(x(log x + 1)));
//   log x, sin 2x    ->  log(x), sin(2x)      a function name before an atom applies to it;
//   tanh^2(x), sec^2 x -> tanh(x)^2, sec(x)^2 a power written on the function name;
//   x/|x|            ->  x/abs(x)             bars are the absolute value;
//   (a)(b)           ->  (a) * (b);
//   2/x log x        ->  2/x * log x          after a division, a juxtaposed factor multiplies
//                                             the quotient, left to right as written (mathjs
//                                             alone reads 2/(x log x)); noted;
//   2xe^x            ->  2x*e^x               a run of letters that no name matches, but known
//                                             names spell (x, e), is their product (noted).
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
  /** Is this a name the reader knows (so it is never split)? */
  isKnown?(name: string): boolean;
  /** Names an unknown run of letters may be split into (x, e, pi), longest first. */
  readonly parts?: readonly string[];
}

type Token = { readonly kind: 'name' | 'number' | 'space' | 'other'; readonly text: string; readonly at: number };

const TOKEN = /([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(\s+)|([^])/gy;

function tokens(s: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m; m = TOKEN.exec(s)) {
    const kind = m[1] ? 'name' : m[2] ? 'number' : m[3] ? 'space' : 'other';
    // Every Unicode space (no-break, thin, U+2028 from a pasted PDF) reads as a plain one.
    out.push({ kind, text: kind === 'space' ? ' '.repeat(m[0].length) : m[0], at: m.index });
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

/** The index of the ")" matching the "(" at i, or -1. */
function matching(ts: readonly Token[], i: number): number {
  let depth = 0;
  for (let k = i; k < ts.length; k++) {
    if (ts[k]!.text === '(') depth++;
    else if (ts[k]!.text === ')' && --depth === 0) return k;
  }
  return -1;
}

/** Longer runs of letters are never split (the search backtracks). */
const MAX_SPLIT = 12;

/** `name` as a product of known parts (xe -> x, e), or undefined. */
function split(name: string, parts: readonly string[]): string[] | undefined {
  if (name === '') return [];
  for (const p of parts) {
    if (!name.startsWith(p)) continue;
    const rest = split(name.slice(p.length), parts);
    if (rest) return [p, ...rest];
  }
  return undefined;
}

/** The last token of the atom starting at i: a number, a name (a call or a function's atom), a group, then ^atom. */
function atomAt(ts: readonly Token[], i: number, rules: ReadingRules): number {
  const t = ts[i];
  if (!t) return -1;
  let end: number;
  if (t.text === '(') end = matching(ts, i);
  else if (t.kind === 'number') end = i;
  else if (t.kind === 'name') {
    if (rules.isFunction(t.text) && ts[i + 1]?.text === '(') end = matching(ts, i + 1);
    else if (rules.isFunction(t.text) && ts[i + 1]?.kind === 'space') end = atomEnd(ts, i + 2);
    else end = i;
  } else return -1;
  if (end < 0) return -1;
  if (ts[end + 1]?.text === '^') {
    const sign = ts[end + 2]?.text === '-' ? 1 : 0;
    const power = atomAt(ts, end + 2 + sign, rules);
    if (power >= 0) end = power;
  }
  return end;
}

/** Token indices before which a * goes: after the divisor of a / when a factor is juxtaposed to it. */
function productsAfterDivisions(ts: readonly Token[], rules: ReadingRules, notes: string[], source: string): Set<number> {
  const before = new Set<number>();
  for (let i = 0; i < ts.length; i++) {
    if (ts[i]!.text !== '/') continue;
    const start = ts[i + 1]?.kind === 'space' ? i + 2 : i + 1;
    const end = atomAt(ts, start, rules);
    if (end < 0) continue;
    const next = ts[end + 1]?.kind === 'space' ? end + 2 : end + 1;
    const f = ts[next];
    if (!f || !(f.kind === 'name' || f.kind === 'number' || f.text === '(')) continue;
    // 1/2x: mathjs already reads (1/2)·x, noted below; the rest is noted here.
    if (!(ts[start]!.kind === 'number' && next === end + 1 && f.kind === 'name')) {
      const from = ts[i]!.at;
      const factorEnd = atomAt(ts, next, rules);
      const to = factorEnd >= 0 ? ts[factorEnd]!.at + ts[factorEnd]!.text.length : f.at + f.text.length;
      notes.push(`"…${source.slice(from, to).trim()}" is read left to right: the factor after the denominator multiplies the quotient (write the denominator in brackets to divide by the product)`);
    }
    before.add(next);
  }
  return before;
}

export function readFormula(input: Mapped, rules: ReadingRules): Reading {
  const ts = tokens(input.text);
  const pos = (t: Token): number => input.pos[t.at] ?? 0;
  const out = new Frag();
  const notes: string[] = [];
  const next = (i: number): number => (ts[i + 1]?.kind === 'space' ? i + 2 : i + 1);
  const parts = [...(rules.parts ?? [])].sort((a, b) => b.length - a.length);
  const multiply = productsAfterDivisions(ts, rules, notes, input.text);
  let bars = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (multiply.has(i)) out.lit(' * ', pos(t));
    // |x| -> abs(x): outside bars a bar opens, inside one it closes (no nesting: |x| + |y|).
    if (t.text === '|') {
      const prev = [...ts.slice(0, i)].reverse().find((p) => p.kind !== 'space');
      const juxtaposed = prev !== undefined && (prev.kind === 'name' || prev.kind === 'number' || prev.text === ')');
      out.lit(bars === 0 ? (juxtaposed ? ' * abs(' : 'abs(') : ')', pos(t));
      bars = 1 - bars;
      continue;
    }
    // sec^2 x -> sec(x)^2
    if (t.kind === 'name' && rules.isFunction(t.text) && ts[i + 1]?.text === '^' && ts[i + 2]?.kind === 'number' && ts[i + 3]?.kind === 'space' && ts[i + 4]?.text !== '(') {
      const end = atomEnd(ts, i + 4);
      if (end >= 0) {
        out.lit(`${t.text}(`, pos(t));
        for (let k = i + 4; k <= end; k++) out.lit(ts[k]!.text, pos(ts[k]!));
        out.lit(`)^${ts[i + 2]!.text}`, pos(ts[i + 1]!));
        i = end;
        continue;
      }
    }
    // tanh^2(x) -> tanh(x)^2
    if (t.kind === 'name' && rules.isFunction(t.text) && ts[i + 1]?.text === '^' && ts[i + 2]?.kind === 'number' && ts[i + 3]?.text === '(') {
      const close = matching(ts, i + 3);
      if (close > 0) {
        out.lit(t.text, pos(t));
        for (let k = i + 3; k <= close; k++) out.lit(ts[k]!.text, pos(ts[k]!));
        out.lit(`^${ts[i + 2]!.text}`, pos(ts[i + 1]!));
        i = close;
        continue;
      }
    }
    const splittable = t.kind === 'name' && t.text.length <= MAX_SPLIT && parts.length > 0 && !rules.isFunction(t.text) && !rules.isKnown?.(t.text);
    const pieces = splittable ? split(t.text, parts) : undefined;
    if (pieces && pieces.length > 1) {
      notes.push(`${t.text} is read as the product ${pieces.join('·')}`);
      let at = t.at;
      for (const [k, piece] of pieces.entries()) {
        out.lit(`${k ? ' * ' : ''}${piece}`, input.pos[at] ?? 0);
        at += piece.length;
      }
    } else out.lit(t.text, pos(t));
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
