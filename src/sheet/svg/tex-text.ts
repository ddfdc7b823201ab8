// A figure's Unicode text (text.ts) as LaTeX that pdflatex sets with the sheets' preambles:
// w²₁₃ -> $w^{2}_{13}$, ŷ -> $\hat{y}$, "z₁ = W₁x + b₁" -> $z_{1} = W_{1}x + b_{1}$,
// "leaky ReLU, α = 0.01" -> $\text{leaky}\ \text{ReLU}, \alpha = 0.01$. Symbols are single
// letters with their indices, Greek, ½ ‖ − × ∂ ⋮; words (« entrée » with its accent) are text.
import { escapeTexText } from '../blocks.ts';
import { table } from '../../util/table.ts';

const GREEK_NAMES = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi o pi rho varsigma sigma tau upsilon phi chi psi omega';
const CAPITALS: Readonly<Record<string, string>> = { Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega' };

/** Math-mode LaTeX of each symbol the figures print (α..ω is U+03B1..U+03C9, ο and ς included). */
const SYMBOLS: Readonly<Record<string, string>> = table({
  ...Object.fromEntries(GREEK_NAMES.split(' ').map((name, i) => [String.fromCodePoint(0x3b1 + i), name === 'o' ? 'o' : `\\${name} `])),
  ...Object.fromEntries(Object.entries(CAPITALS).map(([c, name]) => [c, `\\${name} `])),
  '½': '\\frac{1}{2}',
  '‖': '\\|',
  '−': '-',
  '×': '\\times ',
  '∂': '\\partial ',
  '⋮': '\\vdots ',
  '→': '\\to ',
  '′': "'",
});

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const INDEX_LETTERS: Readonly<Record<string, string>> = table({ 'ₖ': 'k', 'ᵢ': 'i', 'ⱼ': 'j', 'ₙ': 'n' });
const indexDigits = (s: string): string =>
  [...s].map((c) => (SUP.includes(c) ? String(SUP.indexOf(c)) : SUB.includes(c) ? String(SUB.indexOf(c)) : (INDEX_LETTERS[c] ?? c))).join('');

/** A piece of the text: a symbol (math), a word or character for text mode, or either. */
type Token = { readonly kind: 'math' | 'text' | 'either'; readonly src: string };

// Latin letters, accented ones included (not × and ÷, nor the index letters such as ₖ).
const LETTER = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';
const TOKEN = new RegExp(
  [
    `(?<sup>[${SUP}]+)`,
    `(?<sub>[${SUB}ₖᵢⱼₙ]+(?:,[${SUB}ₖᵢⱼₙ]+)*)`,
    // A letter alone (not inside a word), with its circumflex if any: a symbol.
    `(?<letter>(?<![${LETTER}])[${LETTER}]\\u0302?(?![${LETTER}]))`,
    `(?<word>[${LETTER}\\p{M}]+)`,
    `(?<either>[ 0-9=+/(),.:;-])`,
    `(?<other>[^])`,
  ].join('|'),
  'gu',
);

/** A lone letter: a symbol when it is x, ŷ, J (an ASCII letter, maybe hatted); « à » is a word. */
function letterToken(c: string): Token {
  const [base, mark] = [...c.normalize('NFD')];
  if (!/^[A-Za-z]$/.test(base ?? '') || (mark !== undefined && mark !== '\u0302')) return { kind: 'text', src: c };
  return { kind: 'math', src: mark ? `\\hat{${base}}` : base! };
}

function tokens(s: string): Token[] {
  return [...s.normalize('NFC').matchAll(TOKEN)].map((m): Token => {
    const g = m.groups!;
    if (g['sup'] !== undefined) return { kind: 'math', src: `^{${indexDigits(g['sup'])}}` };
    if (g['sub'] !== undefined) return { kind: 'math', src: `_{${indexDigits(g['sub'])}}` };
    if (g['letter'] !== undefined) return letterToken(g['letter']);
    if (g['word'] !== undefined) return { kind: 'text', src: g['word'] };
    if (g['either'] !== undefined) return { kind: 'either', src: g['either'] };
    const symbol = SYMBOLS[m[0]];
    return symbol ? { kind: 'math', src: symbol } : { kind: 'text', src: m[0] };
  });
}

const OPERATOR = /^[=+\-/]$|^\\times $|^\\to $/;

/** In math a space is TeX's to set next to an operator (= + − ×) or after a comma; elsewhere ("W₁ (4 × 4)") it is kept. */
function mathSpace(run: readonly Token[], i: number): string {
  const [before, after] = [run[i - 1]?.src ?? '', run[i + 1]?.src ?? ''];
  return OPERATOR.test(before) || OPERATOR.test(after) || before === ',' ? ' ' : '\\ ';
}

/**
 * A line of figure text as LaTeX for text mode. A line without symbols is escaped text (so a
 * bold header stays bold); a line with symbols is one formula, its words in \text{}, so that
 * its digits and its spacing around = and + are TeX's.
 */
export function figureTextTex(s: string): string {
  const ts = tokens(s);
  if (!ts.some((t) => t.kind === 'math')) return escapeTexText(s);
  const math = ts.map((t, i) => (t.kind === 'text' ? `\\text{${escapeTexText(t.src)}}` : t.src === ' ' ? mathSpace(ts, i) : t.src));
  // A French decimal (−0,24) is braced, or TeX spaces its comma as punctuation; w²₁,₁₂'s comma is a list.
  const body = math.join('').trim();
  return `$${/^-?\d+,\d+$/.test(body) ? body.replace(',', '{,}') : body}$`;
}
