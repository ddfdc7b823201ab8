// The format-neutral document: headings, paragraphs and numbered display equations.
// Messages carry inline math between $...$; user text (a spec's name) is its own kind
// so that every writer escapes it and never reads it as markup.
import { visible } from '../util/escape.ts';
import type { Drawing } from './svg/drawing.ts';
import { table } from '../util/table.ts';

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'math'; readonly latex: string }
  | { readonly kind: 'user'; readonly text: string };

export type Block =
  /** `pageBreak`: printed sheets start this section on a new page (one per layer). */
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly content: readonly Inline[]; readonly pageBreak?: boolean; readonly id?: string }
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  /** Display math; `tag` is the equation number. */
  | { readonly kind: 'equation'; readonly latex: string; readonly tag?: number | string }
  /**
   * A figure: its drawing (sheet/svg), the same as SVG markup (built and escaped there), and a
   * caption; `name` names its file beside a Markdown sheet.
   */
  | { readonly kind: 'figure'; readonly name: string; readonly drawing: Drawing; readonly svg: string; readonly caption: readonly Inline[] }
  /** The algorithm box: a title and numbered lines, each a line of text and math. */
  | { readonly kind: 'algorithm'; readonly title: readonly Inline[]; readonly lines: readonly (readonly Inline[])[] }
  /** A table with a header row; every cell is a line of text and math. */
  | { readonly kind: 'table'; readonly header: readonly Cell[]; readonly rows: readonly (readonly Cell[])[] }
  /** The table of contents: the sections (level-2 headings) with the ids that link to them. */
  | { readonly kind: 'toc'; readonly title: readonly Inline[]; readonly entries: readonly { readonly id: string; readonly content: readonly Inline[] }[] };

export type Cell = readonly Inline[];

/**
 * The sheet with a table of contents after its title: every section heading gets an id
 * (sec-1, sec-2, ...) that the contents link to.
 */
export function withContents(blocks: readonly Block[], title: readonly Inline[]): Block[] {
  let n = 0;
  const numbered = blocks.map((b): Block => (b.kind === 'heading' && b.level === 2 ? { ...b, id: `sec-${++n}` } : b));
  const entries = numbered.flatMap((b) => (b.kind === 'heading' && b.id ? [{ id: b.id, content: b.content }] : []));
  if (entries.length < 2) return numbered;
  const at = numbered.findIndex((b) => b.kind === 'heading' && b.level === 1) + 1;
  return [...numbered.slice(0, at), { kind: 'toc', title, entries }, ...numbered.slice(at)];
}

/** Split a catalog message into text and $math$ segments. */
export function inline(message: string): Inline[] {
  return message
    .split('$')
    .map((part, i): Inline => (i % 2 === 1 ? { kind: 'math', latex: part } : { kind: 'text', text: part }))
    .filter((s) => s.kind === 'math' || s.text !== '');
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = table({
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '$': '\\$', '&': '\\&', '#': '\\#',
  '%': '\\%', '_': '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}',
  // Without T1 encoding, OT1 sets < and > as ¡ and ¿.
  '<': '\\textless{}', '>': '\\textgreater{}',
});

/** Text for LaTeX text mode, with every special character escaped. */
export function escapeTexText(s: string): string {
  const escaped = visible(s).replace(/[\\{}$&#%_^~<>]/g, (c) => TEXT_ESCAPES[c]!);
  return [...escaped].map(texChar).join('');
}

/** Symbols a title may hold that inputenc cannot set in text: set as math. */
const TEXT_SYMBOLS: Readonly<Record<string, string>> = table({
  '→': '\\rightarrow', '←': '\\leftarrow', '≥': '\\geq', '≤': '\\leq', '≠': '\\neq', '≈': '\\approx',
  '×': '\\times', '·': '\\cdot', '∂': '\\partial', '∇': '\\nabla', '∑': '\\sum', '√': '\\surd', '∞': '\\infty',
  '±': '\\pm', '⊙': '\\odot', '‖': '\\|',
});

/** Punctuation utf8 inputenc sets in text: dashes, quotes, ellipsis, bullet. */
const INPUTENC_PUNCTUATION = new Set([...'–—‘’“”…•']);

const GREEK_TEX: Readonly<Record<string, string>> = Object.fromEntries(
  [...'αβγδεζηθικλμνξπρστυφχψω'].map((c, i) => [c, ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'][i]!]),
);

/**
 * A character pdflatex can set with inputenc: ASCII and the Latin letters as they are, Greek
 * as math, anything else (an emoji, a CJK character) as its code point, so the document
 * always compiles and the name stays recognisable.
 */
function texChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x80 || (code >= 0xa0 && code <= 0x17f) || INPUTENC_PUNCTUATION.has(c)) return c;
  if (c === '−') return '-';
  const symbol = TEXT_SYMBOLS[c];
  if (symbol) return `\\ensuremath{${symbol}}`;
  const greek = GREEK_TEX[c];
  if (greek) return `$\\${greek}$`;
  return `\\texttt{U+${code.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** Inline content as math-mode LaTeX (for notes inside an aligned environment). */
export function inlineAsMath(content: readonly Inline[]): string {
  return content.map((s) => (s.kind === 'math' ? s.latex : `\\text{${escapeTexText(s.text)}}`)).join('');
}
