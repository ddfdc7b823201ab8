// The derivation sheet of a network, in the order a course teaches it:
// 1. the network (diagram, parameter count, equations unit by unit);
// 2. the forward pass, marking what is stored for the backward pass;
// 3. the loss and its gradient with respect to the output;
// 4. each layer from the last to the first (a new printed page each): ∂J/∂w as chains of
//    local derivatives, the shared products named δ, the δ recursion, the vector formulas;
// 5. the algorithm box; 6. the computational graph with each δ beside its node.
import type { Derivation, Gradient } from '../derivation/model.ts';
import { withPaths } from '../derivation/paths.ts';
import { layerOf } from '../derivation/numbering.ts';
import type { MatrixDelta, MatrixDerivation } from '../derive/matrix-backprop.ts';
import { MATRIX_RULES } from '../derive/matrix-rules.ts';
import { mfreeVars } from '../ir/matrix.ts';
import { symbolLatex } from '../naming.ts';
import { layerSizes, paramCount, type NetworkSpec } from '../network/spec.ts';
import { latex } from '../print/latex.ts';
import { matrixLatex } from '../print/matrix-latex.ts';
import { formatNumber } from '../print/number.ts';
import { inline, inlineAsMath, type Block, type Inline } from './blocks.ts';
import { aligned, d, deltaBlock, eq, gradientBlock, heading, para, partialBlock } from './derivation-blocks.ts';
import type { Messages } from './i18n/messages.ts';
import { figures } from './figures.ts';

/** Expanded chains longer than this many paths are given through the deltas only. */
const MAX_SHOWN_PATHS = 2;

const grad = (wrt: string): string => `\\nabla_{${symbolLatex(wrt)}} J`;

function notes(message: string): string {
  return inlineAsMath(inline(`(${message})`));
}

function matrixDeltaBlock(delta: MatrixDelta, m: Messages): Block {
  const rows: [string, string?][] = [[matrixLatex(delta.product)], ...delta.steps.map((s): [string, string] => [matrixLatex(s.expr), notes(m.steps[s.rule])])];
  return eq(aligned(`${symbolLatex(delta.name)} = \\frac{\\partial J}{\\partial ${symbolLatex(delta.of)}}`, rows), delta.eq);
}

function networkSection(deriv: Derivation, spec: NetworkSpec, m: Messages): Block[] {
  const sizes = layerSizes(spec);
  const weights = sizes.slice(1).reduce((acc, n, k) => acc + n * sizes[k]!, 0);
  const blocks: Block[] = [heading(2, inline(m.network)), figures.network(spec, m)];
  blocks.push(para(m.parameterCount(sizes, paramCount(spec), weights, paramCount(spec) - weights)));
  const forward = deriv.forward.filter((b) => b.role === 'forward');
  if (forward.length) {
    blocks.push(heading(3, inline(m.unitByUnit)));
    for (const b of forward) blocks.push(eq(`${symbolLatex(b.name)} = ${latex(b.expr)}`, b.eq));
  }
  return blocks;
}

/** Names the backward pass reads: they are kept from the forward pass. */
function storedNames(md: MatrixDerivation): Set<string> {
  const used = [...md.deltas.map((x) => x.expr), ...md.gradients.map((g) => g.expr)];
  return new Set(used.flatMap((e) => mfreeVars(e).map((v) => v.name)));
}

function forwardSection(md: MatrixDerivation, m: Messages): Block[] {
  const stored = storedNames(md);
  const blocks: Block[] = [heading(2, inline(m.forwardPass)), para(m.forwardIntro), para(m.matrixIntro), para(m.storedNote)];
  for (const b of md.forward.filter((x) => x.role === 'forward')) {
    const mark = stored.has(b.name) ? ` \\qquad ${notes(m.stored)}` : '';
    blocks.push(eq(`${symbolLatex(b.name)} = ${matrixLatex(b.expr)}${mark}`, b.eq));
  }
  return blocks;
}

function lossSection(deriv: Derivation, md: MatrixDerivation, m: Messages): Block[] {
  const loss = md.forward.find((b) => b.role === 'output')!;
  const blocks: Block[] = [heading(2, inline(m.loss)), eq(`J = ${matrixLatex(loss.expr)}`, loss.eq), para(m.lossGradientIntro)];
  const index = deriv.partials.filter((x) => x.of === deriv.output);
  for (const p of index) blocks.push(partialBlock(p, m));
  // The vector form only when the index form is not there (or has several outputs).
  if (md.outputGradient && index.length !== 1) blocks.push(eq(`\\nabla_{${symbolLatex(md.outputGradient.wrt)}} J = ${matrixLatex(md.outputGradient.expr)}`));
  return blocks;
}

function layerSection(k: number, deriv: Derivation, md: MatrixDerivation, first: boolean, m: Messages): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, content: inline(m.layer(k)), pageBreak: true }];
  const inLayer = (g: Gradient): boolean => layerOf(g.wrt) === k;
  const mine = deriv.gradients.filter(inLayer).map((g) => withPaths(deriv, g));
  const shown = mine.filter((g) => g.paths.length <= MAX_SHOWN_PATHS && !g.truncated);
  if (shown.length) blocks.push(para(m.expandedIntro), ...shown.map((g) => gradientBlock(deriv.output, g, m)));
  if (shown.length < mine.length) blocks.push(para(m.expandedOmitted));
  const deltas = deriv.deltas.filter((x) => layerOf(x.of) === k);
  if (deltas.length) {
    if (first) blocks.push(para(m.deltasObservation));
    blocks.push(...deltas.map((x) => deltaBlock(x, m)));
    // The same equation as the chain above, in δ form: numbered n′.
    for (const g of deriv.gradients.filter(inLayer)) blocks.push({ kind: 'equation', latex: `${d(deriv.output, g.wrt)} = ${latex(g.deltaForm ?? g.result)}`, tag: `${g.eq}'` });
  }
  blocks.push(heading(3, inline(m.matrixForm)));
  for (const x of md.deltas.filter((x) => layerOf(x.of) === k)) blocks.push(matrixDeltaBlock(x, m));
  for (const g of md.gradients.filter((g) => layerOf(g.wrt) === k)) blocks.push(eq(`${grad(g.wrt)} = ${matrixLatex(g.expr)}`, g.eq));
  return blocks;
}

function algorithmSection(spec: NetworkSpec, md: MatrixDerivation, m: Messages): Block[] {
  const [pre, act] = spec.notation === 'z-a' ? ['z', 'a'] : ['a', 'h'];
  const mean = spec.reduction === 'mean';
  const lines = m.algorithm({ pre, act, mean, l2: spec.l2 > 0 ? formatNumber(spec.l2) : undefined }).map(inline);
  const rows = md.gradients.map((g) => {
    const decay = g.wrt.startsWith('W') && spec.l2 > 0 ? ` + ${formatNumber(spec.l2)}\\, ${symbolLatex(g.wrt)}` : '';
    return `${grad(g.wrt)} &= ${mean ? '\\frac{1}{n} ' : ''}\\sum_{i=1}^{n} \\left(${matrixLatex(g.expr)}\\right)^{(i)}${decay}`;
  });
  return [
    heading(2, inline(m.algorithmTitle)),
    { kind: 'algorithm', title: inline(m.algorithmBox), lines },
    para(m.matrixBatch),
    eq(`\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`),
  ];
}

export function networkSheet(deriv: Derivation, spec: NetworkSpec, m: Messages): Block[] {
  const md = deriv.matrix!;
  const title: Inline[] = [...inline(m.networkTitle), { kind: 'text', text: ' ' }, { kind: 'user', text: spec.name }];
  const blocks: Block[] = [heading(1, title), ...networkSection(deriv, spec, m), ...forwardSection(md, m)];
  blocks.push(...lossSection(deriv, md, m));
  if (deriv.partials.length) {
    blocks.push(heading(2, inline(m.localDerivatives)), para(m.localDerivativesIntro));
    for (const p of deriv.partials.filter((x) => x.of !== deriv.output)) blocks.push(partialBlock(p, m));
  }
  const L = spec.layers.length;
  for (let k = L; k >= 1; k--) blocks.push(...layerSection(k, deriv, md, k === L, m));
  if (spec.layers[L - 1]!.activation === 'softmax') {
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.pageBreak);
    blocks.splice(at + 1, 0, para(m.softmaxJacobian), eq(MATRIX_RULES.softmax.formula));
  }
  blocks.push(...algorithmSection(spec, md, m));
  blocks.push(heading(2, inline(m.graphTitle)), figures.graph(spec, m));
  return blocks;
}
