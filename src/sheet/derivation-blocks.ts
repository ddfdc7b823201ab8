// Derivation -> blocks: the derivation written out as the courses do. Seed 000 for an
// expression (decomposition, local derivatives, chain); seed 004 for a network (forward
// pass, expanded chains simplified, the deltas named, the gradients through them).
import type { Expr } from '../ir/expr.ts';
import type { ChainPath, Delta, Derivation, Gradient, LocalPartial, Step } from '../derivation/model.ts';
import { symbolLatex } from '../naming.ts';
import type { MatrixDelta, MatrixDerivation } from '../derive/matrix-backprop.ts';
import { MATRIX_RULES } from '../derive/matrix-rules.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { latex } from '../print/latex.ts';
import { matrixLatex } from '../print/matrix-latex.ts';
import { formatNumber } from '../print/number.ts';
import { inline, inlineAsMath, type Block, type Inline } from './blocks.ts';
import type { Messages } from './i18n/messages.ts';

const d = (of: string, wrt: string): string => `\\frac{\\partial ${symbolLatex(of)}}{\\partial ${symbolLatex(wrt)}}`;
const heading = (level: 1 | 2, content: Inline[]): Block => ({ kind: 'heading', level, content });
const para = (message: string): Block => ({ kind: 'paragraph', content: inline(message) });
const eq = (tex: string, tag?: number): Block => (tag === undefined ? { kind: 'equation', latex: tex } : { kind: 'equation', latex: tex, tag });

/** A factor of a displayed product, bracketed when it is itself a sum or a negation. */
function factor(e: Expr): string {
  const s = latex(e);
  return ['add', 'sub', 'neg'].includes(e.kind) || (e.kind === 'const' && e.value < 0) ? `\\left[${s}\\right]` : s;
}

function aligned(lhs: string, rows: readonly (readonly [string, string?])[]): string {
  const body = rows.map(([rhs, note], i) => `${i === 0 ? lhs : ''} &= ${rhs}${note ? ` && ${note}` : ''}`);
  return rows.length === 1 ? `${lhs} = ${rows[0]![0]}` : `\\begin{aligned}\n${body.join(' \\\\\n')}\n\\end{aligned}`;
}

function stepRows(steps: readonly Step[], m: Messages): [string, string][] {
  return steps.map((s) => [latex(s.expr), inlineAsMath(inline(`(${m.steps[s.rule]})`))]);
}

function partialBlock(p: LocalPartial, m: Messages): Block {
  const rules = p.rules.map((r) => m.rules[r] ?? r).join(', ');
  return eq(`${d(p.of, p.wrt)} = ${latex(p.expr)} \\qquad ${inlineAsMath(inline(`(${rules})`))}`);
}

function chainSymbols(path: ChainPath): string {
  return path.names.slice(1).map((wrt, i) => d(path.names[i]!, wrt)).join(' \\cdot ');
}

function chainValues(path: ChainPath): string {
  return path.factors.length ? path.factors.map(factor).join(' \\cdot ') : '1';
}

function gradientBlock(out: string, g: Gradient, m: Messages): Block {
  const rows: [string, string?][] = g.truncated
    ? [[`\\sum_{\\text{paths}} \\prod \\text{(${g.paths.length}+ paths)}`], ...stepRows(g.steps, m)]
    : [[g.paths.map(chainSymbols).join(' + ') || '0'], [g.paths.map(chainValues).join(' + ') || '0'], ...stepRows(g.steps, m)];
  return eq(aligned(d(out, g.wrt), rows), g.eq);
}

function deltaBlock(delta: Delta, m: Messages): Block {
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
  for (const g of deriv.gradients) blocks.push(gradientBlock(out, g, m));
  blocks.push(heading(2, inline(m.result)));
  for (const g of deriv.gradients) blocks.push(eq(`${d(out, g.wrt)} = ${latex(g.result)}`));
  return blocks;
}

const grad = (wrt: string): string => `\\nabla_{${symbolLatex(wrt)}} J`;

function matrixDeltaBlock(delta: MatrixDelta, m: Messages): Block {
  const rows: [string, string?][] = [[matrixLatex(delta.product)], ...delta.steps.map((s): [string, string] => [matrixLatex(s.expr), inlineAsMath(inline(`(${m.steps[s.rule]})`))])];
  return eq(aligned(`${symbolLatex(delta.name)} = \\frac{\\partial J}{\\partial ${symbolLatex(delta.of)}}`, rows), delta.eq);
}

/** The matrix form: forward pass, δ recursion, layer gradients, batch mean and L2. */
export function matrixBlocks(md: MatrixDerivation, spec: NetworkSpec, m: Messages): Block[] {
  const blocks: Block[] = [heading(2, inline(m.matrixForm)), para(m.matrixIntro)];
  for (const b of md.forward) blocks.push(eq(`${symbolLatex(b.name)} = ${matrixLatex(b.expr)}`, b.eq));
  blocks.push(heading(2, inline(m.matrixBackward)), para(m.matrixBackwardIntro));
  if (spec.layers[spec.layers.length - 1]!.activation === 'softmax') {
    blocks.push(para(m.softmaxJacobian), eq(MATRIX_RULES.softmax.formula));
  }
  for (const delta of md.deltas) blocks.push(matrixDeltaBlock(delta, m));
  blocks.push(heading(2, inline(m.matrixGradients)));
  for (const g of md.gradients) blocks.push(eq(`${grad(g.wrt)} = ${matrixLatex(g.expr)}`, g.eq));
  blocks.push(para(m.matrixBatch));
  const mean = spec.reduction === 'mean' ? '\\frac{1}{n} ' : '';
  const rows = md.gradients.map((g): [string] => {
    const decay = g.wrt.startsWith('W') && spec.l2 > 0 ? ` + ${formatNumber(spec.l2)}\\, ${symbolLatex(g.wrt)}` : '';
    return [`${grad(g.wrt)} &= ${mean}\\sum_{i=1}^{n} \\left(${matrixLatex(g.expr)}\\right)^{(i)}${decay}`];
  });
  blocks.push(eq(`\\begin{aligned}\n${rows.map((r) => r[0]).join(' \\\\\n')}\n\\end{aligned}`));
  return blocks;
}

export function networkBlocks(deriv: Derivation, name: string, batch: Inline[], m: Messages): Block[] {
  const blocks: Block[] = [heading(1, [...inline(m.networkTitle), { kind: 'text', text: ' ' }, { kind: 'user', text: name }])];
  blocks.push(heading(2, inline(m.forwardPass)), para(m.forwardIntro));
  for (const b of deriv.forward) blocks.push(eq(`${symbolLatex(b.name)} = ${latex(b.expr)}`, b.eq));
  blocks.push(heading(2, inline(m.localDerivatives)), para(m.localDerivativesIntro));
  for (const p of deriv.partials) blocks.push(partialBlock(p, m));
  blocks.push(heading(2, inline(m.expandedGradients)), para(m.expandedIntro));
  for (const g of deriv.gradients) blocks.push(gradientBlock(deriv.output, g, m));
  blocks.push(heading(2, inline(m.deltas)), para(m.deltasObservation));
  for (const delta of deriv.deltas) blocks.push(deltaBlock(delta, m));
  blocks.push(heading(2, inline(m.deltaGradients)), para(m.deltaGradientsIntro));
  for (const g of deriv.gradients) {
    blocks.push(eq(`${d(deriv.output, g.wrt)} = ${latex(g.deltaForm ?? g.result)}`, g.eq));
  }
  blocks.push({ kind: 'paragraph', content: batch });
  return blocks;
}

/** A network's sheet: the index form when the derivation has one, then the matrix form. */
export function networkSheet(deriv: Derivation, spec: NetworkSpec, batch: Inline[], m: Messages): Block[] {
  const title = heading(1, [...inline(m.networkTitle), { kind: 'text', text: ' ' }, { kind: 'user', text: spec.name }]);
  const index = deriv.forward.length ? networkBlocks(deriv, spec.name, batch, m).slice(1) : [];
  const matrix = deriv.matrix ? matrixBlocks(deriv.matrix, spec, m) : [];
  return [title, ...index, ...matrix];
}
