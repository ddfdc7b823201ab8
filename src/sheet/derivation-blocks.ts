// Derivation -> blocks: the pieces every sheet is made of (numbered equations, chains of
// local derivatives with their rules, deltas with their steps), and the sheet of a scalar
// expression as the Master 1 course writes it (decomposition, local derivatives, chain).
import type { Expr } from '../ir/expr.ts';
import type { ChainPath, Delta, Derivation, LocalPartial, Step } from '../derivation/model.ts';
import { withPaths, type PathedGradient } from '../derivation/paths.ts';
import { symbolLatex } from '../naming.ts';
import { latex } from '../print/latex.ts';
import { inline, inlineAsMath, type Block, type Inline } from './blocks.ts';
import type { Messages } from './i18n/messages.ts';

export const d = (of: string, wrt: string): string => `\\frac{\\partial ${symbolLatex(of)}}{\\partial ${symbolLatex(wrt)}}`;
export const heading = (level: 1 | 2 | 3, content: Inline[]): Block => ({ kind: 'heading', level, content });
export const para = (message: string): Block => ({ kind: 'paragraph', content: inline(message) });
export const eq = (tex: string, tag?: number): Block => (tag === undefined ? { kind: 'equation', latex: tex } : { kind: 'equation', latex: tex, tag });

/** A factor of a displayed product, bracketed when it is itself a sum or a negation. */
export function factor(e: Expr): string {
  const s = latex(e);
  return ['add', 'sub', 'neg'].includes(e.kind) || (e.kind === 'const' && e.value < 0) ? `\\left[${s}\\right]` : s;
}

export function aligned(lhs: string, rows: readonly (readonly [string, string?])[]): string {
  const body = rows.map(([rhs, note], i) => `${i === 0 ? lhs : ''} &= ${rhs}${note ? ` && ${note}` : ''}`);
  // A little air between rows: stacked fractions of consecutive rows must not touch.
  return rows.length === 1 ? `${lhs} = ${rows[0]![0]}` : `\\begin{aligned}\n${body.join(' \\\\[3pt]\n')}\n\\end{aligned}`;
}

export function stepRows(steps: readonly Step[], m: Messages): [string, string][] {
  return steps.map((s) => [latex(s.expr), inlineAsMath(inline(`(${m.steps[s.rule]})`))]);
}

/** Past this many characters the rules go on a line of their own: text in a formula cannot wrap. */
const RULES_INLINE = 48;

/** A line of rule names on its own row holds about this many characters before it runs off the page. */
const RULES_ROW = 72;

/** The rule names as rows of at most RULES_ROW characters, broken after a comma. */
function ruleRows(names: readonly string[]): string[] {
  const rows: string[] = [];
  for (const name of names) {
    const last = rows.at(-1);
    if (last !== undefined && last.length + name.length + 2 <= RULES_ROW) rows[rows.length - 1] = `${last}, ${name}`;
    else rows.push(name);
  }
  return rows.map((r, i) => `${i === 0 ? '(' : ''}${r}${i === rows.length - 1 ? ')' : ','}`);
}

export function partialBlock(p: LocalPartial, m: Messages): Block {
  const names = p.rules.map((r) => m.rules[r] ?? r);
  const rules = names.join(', ');
  const formula = `${d(p.of, p.wrt)} = ${latex(p.expr)}`;
  if (rules.length <= RULES_INLINE) return eq(`${formula} \\qquad ${inlineAsMath(inline(`(${rules})`))}`);
  return eq(`\\begin{gathered} ${formula} \\\\ ${ruleRows(names).map((r) => inlineAsMath(inline(r))).join(' \\\\ ')} \\end{gathered}`);
}

function chainSymbols(path: ChainPath): string {
  return path.names.slice(1).map((wrt, i) => d(path.names[i]!, wrt)).join(' \\cdot ');
}

function chainValues(path: ChainPath): string {
  // One factor needs no brackets: it is not multiplied by anything.
  if (path.factors.length === 1) return latex(path.factors[0]!);
  return path.factors.length ? path.factors.map(factor).join(' \\cdot ') : '1';
}

export function gradientBlock(out: string, g: PathedGradient, m: Messages): Block {
  const lhs = d(out, g.wrt);
  const rows: [string, string?][] = g.truncated
    ? [[`\\sum_{\\text{paths}} \\prod \\text{(${g.paths.length}+ paths)}`], ...stepRows(g.steps, m)]
    : [[g.paths.map(chainSymbols).join(' + ') || '0'], [g.paths.map(chainValues).join(' + ') || '0'], ...stepRows(g.steps, m)];
  // A one-step expression's chain is ∂z/∂x itself, and a row may repeat the one before: neither is shown.
  const shown = rows.filter((r, i) => r[0] !== lhs && (i === 0 || r[0] !== rows[i - 1]![0]));
  return eq(aligned(lhs, shown.length ? shown : rows.slice(-1)), g.eq);
}

export function deltaBlock(delta: Delta, m: Messages): Block {
  const lhs = `${symbolLatex(delta.name)} = ${d('J', delta.of)}`;
  if (delta.chain.length === 1) {
    // A sum over several parents: the product as computed, then its simplification.
    return eq(aligned(lhs, [[latex(delta.product)], ...stepRows(delta.steps, m)]), delta.eq);
  }
  const symbols = delta.chain.slice(1).map((wrt, i) => d(delta.chain[i]!, wrt));
  const fromDelta = delta.factors.length > symbols.length;
  const head = fromDelta ? [latex(delta.factors[0]!), ...symbols] : symbols;
  const rows: [string, string?][] = [[head.join(' \\cdot ')], [delta.factors.map(factor).join(' \\cdot ')], ...stepRows(delta.steps, m)];
  return eq(aligned(lhs, rows.filter((r, i) => i === 0 || r[0] !== rows[i - 1]![0])), delta.eq);
}

export function expressionBlocks(deriv: Derivation, f: Expr, m: Messages): Block[] {
  const out = deriv.output;
  const blocks: Block[] = [];
  const wrt = deriv.gradients.map((g) => symbolLatex(g.wrt)).join(', ');
  blocks.push(heading(1, inline(m.expressionTitle(latex(f), wrt))));
  blocks.push(heading(2, inline(m.decomposition)), para(m.decompositionIntro));
  for (const b of deriv.forward) blocks.push(eq(`${symbolLatex(b.name)} = ${latex(b.expr)}`, b.eq));
  blocks.push(heading(2, inline(m.localDerivatives)), para(m.localDerivativesIntro));
  for (const p of deriv.partials) blocks.push(partialBlock(p, m));
  blocks.push(heading(2, inline(m.chainRule)), para(m.chainIntro));
  for (const g of deriv.gradients) blocks.push(gradientBlock(out, withPaths(deriv, g), m));
  blocks.push(heading(2, inline(m.result)));
  for (const g of deriv.gradients) blocks.push(eq(`${d(out, g.wrt)} = ${latex(g.result)}`));
  return blocks;
}
