// The derivation sheet of a network, in the order a course teaches it (SHEET_SECTIONS):
// 1. the network: diagram, parameter count, a table of the layers' shapes;
// 2. the forward pass (unit by unit and/or in matrix form), marking what is stored;
// 3. the loss and its gradient with respect to the output (and the L2 term);
// 4. the gradients, each layer from the last to the first: ∂J/∂w as chains of local
//    derivatives, the shared products named δ, the δ recursion, the vector formulas;
// 5. the algorithm box; 6. the computational graph with each δ beside its node;
// 7. a worked example with numbers.
// One notation throughout: the letters and δ numbering come from notationOf(spec).
import type { Derivation, Gradient } from '../derivation/model.ts';
import { withPaths } from '../derivation/paths.ts';
import { layerOf } from '../derivation/numbering.ts';
import type { MatrixDelta, MatrixDerivation } from '../derive/matrix-backprop.ts';
import { MATRIX_RULES } from '../derive/matrix-rules.ts';
import { mfreeVars } from '../ir/matrix.ts';
import { symbolLatex } from '../naming.ts';
import { isWeightName, notationOf } from '../network/names.ts';
import { layerSizes, paramCount, slopeOf, type NetworkSpec } from '../network/spec.ts';
import { latex } from '../print/latex.ts';
import { matrixLatex } from '../print/matrix-latex.ts';
import { formatNumber } from '../print/number.ts';
import { inline, inlineAsMath, type Block, type Cell, type Inline } from './blocks.ts';
import { aligned, d, deltaBlock, eq, gradientBlock, heading, para, partialBlock } from './derivation-blocks.ts';
import { exampleSection } from './example-section.ts';
import { workedExample } from './example-numbers.ts';
import { SHEET_SECTIONS, type SheetOptions, type SheetSection } from './formats.ts';
import type { Messages } from './i18n/messages.ts';
import { figures } from './figures.ts';
import { activationLabel } from './svg/text.ts';

/** Expanded chains longer than this many paths are given through the deltas only. */
const MAX_SHOWN_PATHS = 2;

const grad = (wrt: string): string => `\\nabla_{${symbolLatex(wrt)}} J`;

function notes(message: string): string {
  return inlineAsMath(inline(`(${message})`));
}

/** What this sheet shows of the derivation. */
interface Shown {
  /** The unit-by-unit form (when the derivation has it and the form asks for it). */
  readonly index: boolean;
  readonly matrix: boolean;
}

function matrixDeltaBlock(delta: MatrixDelta, m: Messages): Block {
  const rows: [string, string?][] = [[matrixLatex(delta.product)], ...delta.steps.map((s): [string, string] => [matrixLatex(s.expr), notes(m.steps[s.rule])])];
  return eq(aligned(`${symbolLatex(delta.name)} = \\frac{\\partial J}{\\partial ${symbolLatex(delta.of)}}`, rows), delta.eq);
}

const dims = (rows: number, cols: number): string => `$${rows} \\times ${cols}$`;
const cell = (message: string): Cell => inline(message);

/** Layer, units, activation, the shapes of W_k, b_k, the layer's vectors and δ, parameters. */
function summaryTable(spec: NetworkSpec, m: Messages): Block {
  const sizes = layerSizes(spec);
  const n = notationOf(spec);
  const rows: Cell[][] = [[cell(m.inputLayer), cell(String(sizes[0])), [], [], [], cell(`$x \\colon ${sizes[0]} \\times 1$`), [], []]];
  spec.layers.forEach((layer, i) => {
    const k = i + 1;
    rows.push([
      cell(String(k)),
      cell(String(layer.units)),
      [{ kind: 'text', text: activationLabel(layer) }],
      cell(dims(layer.units, sizes[k - 1]!)),
      cell(dims(layer.units, 1)),
      cell(dims(layer.units, 1)),
      cell(`$${symbolLatex(`delta${n.deltaNumber(k)}`)} \\colon ${layer.units} \\times 1$`),
      cell(m.count(layer.units * (sizes[k - 1]! + 1))),
    ]);
  });
  rows.push([cell(m.total), [], [], [], [], [], [], cell(m.count(paramCount(spec)))]);
  return { kind: 'table', header: m.summaryHeader({ pre: n.pre, act: n.act }).map(cell), rows };
}

function networkSection(spec: NetworkSpec, m: Messages): Block[] {
  const sizes = layerSizes(spec);
  const weights = sizes.slice(1).reduce((acc, units, k) => acc + units * sizes[k]!, 0);
  const blocks: Block[] = [heading(2, inline(m.network)), figures.network(spec, m)];
  blocks.push(para(m.parameterCount(sizes, paramCount(spec), weights, paramCount(spec) - weights)));
  blocks.push(para(m.summaryIntro), summaryTable(spec, m));
  // One definition per slope, with the slope as its index: α is the learning rate on these sheets.
  const slopes = [...new Set(spec.layers.flatMap((l) => (l.activation === 'leaky_relu' ? [formatNumber(slopeOf(l))] : [])))];
  for (const s of slopes) blocks.push(para(m.leakyReluDefinition(s)));
  return blocks;
}

/** Names the backward pass reads: they are kept from the forward pass. */
function storedNames(md: MatrixDerivation): Set<string> {
  const used = [...md.deltas.map((x) => x.expr), ...md.gradients.map((g) => g.expr)];
  return new Set(used.flatMap((e) => mfreeVars(e).map((v) => v.name)));
}

function forwardSection(deriv: Derivation, md: MatrixDerivation, shown: Shown, m: Messages): Block[] {
  const blocks: Block[] = [heading(2, inline(m.forwardPass)), para(m.forwardIntro)];
  const unitByUnit = deriv.forward.filter((b) => b.role === 'forward');
  if (shown.index && unitByUnit.length) {
    if (shown.matrix) blocks.push(heading(3, inline(m.unitByUnit)));
    for (const b of unitByUnit) blocks.push(eq(`${symbolLatex(b.name)} = ${latex(b.expr)}`, b.eq));
  }
  if (shown.matrix) {
    const stored = storedNames(md);
    if (shown.index) blocks.push(heading(3, inline(m.matrixForm)));
    blocks.push(para(m.matrixIntro), para(m.storedNote));
    for (const b of md.forward.filter((x) => x.role === 'forward')) {
      const mark = stored.has(b.name) ? ` \\qquad ${notes(m.stored)}` : '';
      blocks.push(eq(`${symbolLatex(b.name)} = ${matrixLatex(b.expr)}${mark}`, b.eq));
    }
  }
  return blocks;
}

/** The L2 term as the loss holds it, with λ as the spec wrote it. */
export const l2Latex = (spec: NetworkSpec): string => `\\frac{${formatNumber(spec.l2)}}{2} \\sum_k \\lVert W_k \\rVert_F^2`;

function lossSection(deriv: Derivation, md: MatrixDerivation, spec: NetworkSpec, shown: Shown, m: Messages): Block[] {
  const loss = md.forward.find((b) => b.role === 'output')!;
  // With L2 the loss is defined once, with its term; the gradients below carry its + λW_k.
  const blocks: Block[] = [heading(2, inline(m.loss))];
  if (spec.l2 > 0) blocks.push(para(m.l2Term(formatNumber(spec.l2))), eq(`J = ${matrixLatex(loss.expr)} + ${l2Latex(spec)}`, loss.eq));
  else blocks.push(eq(`J = ${matrixLatex(loss.expr)}`, loss.eq));
  blocks.push(para(m.lossGradientIntro));
  const index = shown.index ? deriv.partials.filter((x) => x.of === deriv.output) : [];
  for (const p of index) blocks.push(partialBlock(p, m));
  // The vector form only when the index form is not there (or has several outputs).
  if (md.outputGradient && index.length !== 1) blocks.push(eq(`\\nabla_{${symbolLatex(md.outputGradient.wrt)}} J = ${matrixLatex(md.outputGradient.expr)}`));
  return blocks;
}

/** + λ w for a weight when the loss has an L2 term (biases are not regularised). */
const decay = (spec: NetworkSpec, wrt: string): string => (spec.l2 > 0 && isWeightName(wrt) ? ` + \\lambda ${symbolLatex(wrt)}` : '');

function layerSection(k: number, deriv: Derivation, md: MatrixDerivation, spec: NetworkSpec, shown: Shown, first: boolean, m: Messages): Block[] {
  const blocks: Block[] = [heading(2, inline(m.layer(k)))];
  const inLayer = (g: Gradient): boolean => layerOf(g.wrt) === k;
  if (shown.index) {
    const mine = deriv.gradients.filter(inLayer).map((g) => withPaths(deriv, g));
    const expanded = mine.filter((g) => g.paths.length <= MAX_SHOWN_PATHS && !g.truncated);
    if (expanded.length) blocks.push(para(m.expandedIntro), ...expanded.map((g) => gradientBlock(deriv.output, g, m)));
    if (expanded.length && spec.l2 > 0) blocks.push(para(m.l2Chains));
    if (expanded.length < mine.length) blocks.push(para(m.expandedOmitted));
    const deltas = deriv.deltas.filter((x) => layerOf(x.of) === k);
    if (deltas.length) {
      if (first && expanded.length) blocks.push(para(m.deltasObservation));
      blocks.push(...deltas.map((x) => deltaBlock(x, m)));
      // The same equation as a chain shown above, in δ form, is numbered n′; one not shown keeps n.
      const chains = new Set(expanded.map((g) => g.wrt));
      for (const g of deriv.gradients.filter(inLayer)) blocks.push({ kind: 'equation', latex: `${d(deriv.output, g.wrt)} = ${latex(g.deltaForm ?? g.result)}${decay(spec, g.wrt)}`, tag: chains.has(g.wrt) ? `${g.eq}'` : g.eq });
    }
  }
  if (shown.matrix) {
    if (shown.index) blocks.push(heading(3, inline(m.matrixForm)));
    for (const x of md.deltas.filter((x) => layerOf(x.of) === k)) blocks.push(matrixDeltaBlock(x, m));
    for (const g of md.gradients.filter((g) => layerOf(g.wrt) === k)) blocks.push(eq(`${grad(g.wrt)} = ${matrixLatex(g.expr)}${decay(spec, g.wrt)}`, g.eq));
  }
  return blocks;
}

function gradientsSection(deriv: Derivation, md: MatrixDerivation, spec: NetworkSpec, shown: Shown, m: Messages): Block[] {
  const blocks: Block[] = [];
  if (shown.index && deriv.partials.length) {
    blocks.push(heading(2, inline(m.localDerivatives)), para(m.localDerivativesIntro));
    for (const p of deriv.partials.filter((x) => x.of !== deriv.output)) blocks.push(partialBlock(p, m));
  }
  const L = spec.layers.length;
  for (let k = L; k >= 1; k--) {
    const layer = layerSection(k, deriv, md, spec, shown, k === L, m);
    if (k === L && spec.layers[L - 1]!.activation === 'softmax') {
      const why = [para(m.softmaxJacobian), eq(MATRIX_RULES.softmax.formula), ...(shown.index ? [para(m.softmaxLocal)] : [])];
      layer.splice(1, 0, ...why);
    }
    blocks.push(...layer);
  }
  return blocks;
}

/** δ of layer k in the algorithm box, in the sheet's numbering: δ_k, or δ_{L−k+1} from the output. */
function deltaWords(spec: NetworkSpec, md: MatrixDerivation): Pick<Parameters<Messages['algorithm']>[0], 'deltaOut' | 'outputDelta' | 'deltaK' | 'deltaNext' | 'hidden'> {
  const L = spec.layers.length;
  const fromOutput = notationOf(spec).fromOutput;
  const output = md.deltas.find((x) => layerOf(x.of) === L)!;
  return {
    deltaOut: symbolLatex(output.name),
    outputDelta: matrixLatex(output.expr),
    deltaK: fromOutput ? '\\delta_{L-k+1}' : '\\delta_{k}',
    deltaNext: fromOutput ? '\\delta_{L-k}' : '\\delta_{k+1}',
    hidden: L > 1,
  };
}

function algorithmSection(spec: NetworkSpec, md: MatrixDerivation, m: Messages): Block[] {
  const { pre, act } = notationOf(spec);
  const mean = spec.reduction === 'mean';
  const words = { pre, act, mean, l2: spec.l2 > 0 ? formatNumber(spec.l2) : undefined, ...deltaWords(spec, md) };
  const rows = md.gradients.map((g) => {
    const decay = g.wrt.startsWith('W') && spec.l2 > 0 ? ` + ${formatNumber(spec.l2)}\\, ${symbolLatex(g.wrt)}` : '';
    return `${grad(g.wrt)} &= ${mean ? '\\frac{1}{n} ' : ''}\\sum_{i=1}^{n} \\left(${matrixLatex(g.expr)}\\right)^{(i)}${decay}`;
  });
  return [
    heading(2, inline(m.algorithmTitle)),
    { kind: 'algorithm', title: inline(m.algorithmBox), lines: m.algorithm(words).map(inline) },
    para(m.matrixBatch),
    eq(`\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`),
  ];
}

function title(spec: NetworkSpec, options: SheetOptions, m: Messages): Inline[] {
  const own = options.title ?? spec.title;
  if (own !== undefined) return [{ kind: 'user', text: own }];
  return [...inline(m.networkTitle), { kind: 'text', text: ' ' }, { kind: 'user', text: spec.name }];
}

export function networkSheet(deriv: Derivation, spec: NetworkSpec, m: Messages, options: SheetOptions = {}): Block[] {
  const md = deriv.matrix!;
  const form = options.form ?? 'auto';
  // auto: one form, the index form where the derivation has it (small networks), else the matrix form.
  const hasIndex = deriv.partials.length > 0;
  const shown: Shown = { index: form !== 'matrix' && hasIndex, matrix: form === 'matrix' || form === 'both' || !hasIndex };
  const wanted = new Set<SheetSection>(options.sections ?? SHEET_SECTIONS);
  const sections: { readonly [S in SheetSection]: () => Block[] } = {
    network: () => networkSection(spec, m),
    forward: () => forwardSection(deriv, md, shown, m),
    loss: () => lossSection(deriv, md, spec, shown, m),
    gradients: () => gradientsSection(deriv, md, spec, shown, m),
    algorithm: () => algorithmSection(spec, md, m),
    graph: () => [heading(2, inline(m.graphTitle)), figures.graph(spec, m)],
    example: () => exampleSection(workedExample(spec), spec, md, m),
  };
  return [heading(1, title(spec, options, m)), ...SHEET_SECTIONS.filter((s) => wanted.has(s)).flatMap((s) => sections[s]())];
}
