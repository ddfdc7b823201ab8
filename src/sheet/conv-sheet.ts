// The derivation sheet of a convolutional network, from its ConvDerivation (derive/conv-backprop.ts)
// in the order the CNN courses teach it:
// 1. the network: the volumes figure, the parameter count, the layout, the terms, a table of shapes;
// 2. the forward pass, layer by layer, in index form; 3. the loss and the output's error term;
// 4. each layer from the last to the first: its δ, its gradients, the error it sends back, with
//    the max-pool routing picture and why the kernel is flipped (and, for a tiny network, every
//    ∂J/∂K written out unit by unit); 5. the algorithm box; 6. a layer graph; 7. a worked example.
// Every formula is the rule table's (CONV_RULES), instantiated with the layer's names and sizes.
import { hasParams, type ConvDerivation, type ConvEquation, type ConvLayerStep } from '../derive/conv-backprop.ts';
import { at } from '../derive/conv-names.ts';
import { CONV_RULES } from '../derive/conv-rules.ts';
import { MATRIX_RULES } from '../derive/matrix-rules.ts';
import { convParamCount, convShapes, shapeSize, type Conv2dLayer, type ConvNetLayer, type ConvNetSpec, type PoolLayer, type Shape } from '../network/conv-spec.ts';
import { inline, type Block, type Cell, type Inline } from './blocks.ts';
import { convWorkedExample, forwardWork, WORKED_EXAMPLE_WORK, type ConvWorkedExample } from './conv-example.ts';
import { eq, heading, para } from './derivation-blocks.ts';
import { SHEET_SECTIONS, type SheetOptions, type SheetSection } from './formats.ts';
import type { ConvMessages } from './i18n/conv-messages.ts';
import type { Messages } from './i18n/messages.ts';
import { matrixNumbers, numberLatex } from './numbers.ts';
import { drawingSvg } from './svg/drawing-svg.ts';
import type { Drawing } from './svg/drawing.ts';
import { routingDrawing, type RoutingGrids } from './svg/pool-routing.ts';
import { layerGraphDrawing } from './svg/conv-graph.ts';
import { volumeDrawing } from './svg/volumes.ts';

/** Networks up to this many parameters get every ∂J/∂K written out as a sum of products (the courses do so for dense networks). */
export const UNIT_BY_UNIT_LIMIT = 50;
/** …and conv layers of at most this many output positions (terms in each sum). */
const UNIT_BY_UNIT_POSITIONS = 36;
/** Terms per printed row of a written-out sum. */
const TERMS_PER_ROW = 4;

const figure = (name: string, drawing: Drawing, caption: string): Block => ({ kind: 'figure', name, drawing, svg: drawingSvg(drawing), caption: inline(caption) });
const cell = (message: string): Cell => inline(message);
/** Past this many characters of LaTeX a formula is broken into rows (a printed line holds about this much). */
const ONE_LINE = 110;

/** The positions of " = " outside braces: where a chain of equalities may break. */
function topLevelEquals(latex: string): number[] {
  const at: number[] = [];
  let depth = 0;
  for (let i = 0; i < latex.length; i++) {
    const ch = latex[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && latex.startsWith(' = ', i)) at.push(i);
  }
  return at;
}

/** A long formula as aligned rows: one per "= …" of its chain, and its range condition (\quad(…)) on a row of its own. */
function display(latex: string): string {
  if (latex.length <= ONE_LINE) return latex;
  const note = latex.lastIndexOf('\\quad(');
  const [body, cond] = note < 0 ? [latex, ''] : [latex.slice(0, note), latex.slice(note + '\\quad'.length)];
  const cuts = topLevelEquals(body);
  if (cuts.length === 0) return cond ? `\\begin{gathered} ${body} \\\\ ${cond} \\end{gathered}` : latex;
  const parts = [body.slice(0, cuts[0])];
  cuts.forEach((c, i) => parts.push(body.slice(c + 3, cuts[i + 1] ?? body.length)));
  const rows = parts.slice(1).map((p, i) => `${i === 0 ? parts[0] : ''} &= ${p}`);
  // A stride's range condition (divisibility, then bounds) takes two rows.
  const bounds = cond.indexOf(', 0 \\le');
  const condRows = cond.length > 60 && bounds > 0 ? [cond.slice(0, bounds + 1), cond.slice(bounds + 2)] : cond ? [cond] : [];
  return `\\begin{aligned}\n${[...rows, ...condRows.map((r) => `&\\qquad ${r}`)].join(' \\\\[3pt]\n')}\n\\end{aligned}`;
}
const numbered = (e: ConvEquation): Block => eq(display(e.latex), e.eq);

const shapeText = (s: Shape): string => (s.kind === 'vector' ? String(s.size) : `${s.volume.channels} \\times ${s.volume.height} \\times ${s.volume.width}`);

/** Does the sheet write every ∂J/∂K out (SheetOptions.form: auto up to the limit, index/both always, matrix never)? */
export function writesUnitByUnit(spec: ConvNetSpec, form: SheetOptions['form'] = 'auto'): boolean {
  if (form === 'matrix') return false;
  const small = spec.layers.every((l, i) => l.type !== 'conv2d' || positions(spec, i + 1) <= UNIT_BY_UNIT_POSITIONS);
  return form === 'auto' ? small && convParamCount(spec) <= UNIT_BY_UNIT_LIMIT : small;
}

/** Output positions (i, j) of layer k: the terms of each of its written-out sums. */
function positions(spec: ConvNetSpec, k: number): number {
  const s = convShapes(spec)[k]!;
  return s.kind === 'volume' ? s.volume.height * s.volume.width : 0;
}

// ---------------------------------------------------------------------------------------------
// 1. The network

function paramsOf(d: ConvDerivation): { kernels: number; weights: number; biases: number } {
  const sum = (p: (name: string) => boolean): number => d.blocks.filter((b) => p(b.name)).reduce((n, b) => n + b.size, 0);
  return { kernels: sum((n) => n.startsWith('K')), weights: sum((n) => n.startsWith('W')), biases: sum((n) => n.startsWith('b')) };
}

function shapeTable(d: ConvDerivation, c: ConvMessages, m: Messages): Block {
  const count = (n: number): Cell => cell(m.count(n));
  const rows: Cell[][] = [[cell(m.inputLayer), [], [], cell(`$${shapeText(d.shapes[0]!)}$`), count(shapeSize(d.shapes[0]!)), []]];
  d.spec.layers.forEach((layer, i) => {
    const k = i + 1;
    const params = d.blocks.filter((b) => b.layer === k).reduce((n, b) => n + b.size, 0);
    rows.push([cell(String(k)), cell(c.kind(layer)), cell(c.window(layer)), cell(`$${shapeText(d.shapes[k]!)}$`), count(shapeSize(d.shapes[k]!)), count(params)]);
  });
  rows.push([cell(m.total), [], [], [], [], count(convParamCount(d.spec))]);
  return { kind: 'table', header: c.shapeHeader.map(cell), rows };
}


function networkSection(d: ConvDerivation, c: ConvMessages, m: Messages): Block[] {
  const spec = d.spec;
  const p = paramsOf(d);
  const blocks: Block[] = [heading(2, inline(m.network)), figure('network', volumeDrawing(spec, c.figure), c.volumesCaption)];
  blocks.push(para(c.parameterCount({ total: m.count(convParamCount(spec)), kernels: m.count(p.kernels), weights: m.count(p.weights), biases: m.count(p.biases), hasDense: p.weights > 0 })));
  blocks.push(para(c.terms), para(c.layout));
  blocks.push(para(c.shapeIntro), shapeTable(d, c, m));
  // The output-size rule, worked on the first layer with a window.
  const i = spec.layers.findIndex((l) => l.type !== 'flatten' && l.type !== 'dense');
  const input = d.shapes[i];
  if (i >= 0 && input?.kind === 'volume') {
    const l = spec.layers[i] as Conv2dLayer | PoolLayer;
    const k = l.type === 'conv2d' ? l.kernel[0] : l.size;
    const out = d.shapes[i + 1]!;
    blocks.push(para(c.outputSize({ H: input.volume.height, p: l.padding, k, s: l.stride, out: out.kind === 'volume' ? out.volume.height : 0, layer: i + 1 })));
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// 2. The forward pass

function forwardSection(d: ConvDerivation, c: ConvMessages, m: Messages): Block[] {
  const blocks: Block[] = [heading(2, inline(m.forwardPass)), para(c.forwardIntro)];
  for (const step of d.layers) {
    blocks.push(para(c.forwardLayer(step.k, step.layer, shapeText(step.output))));
    blocks.push(...step.forward.map(numbered));
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// 3. The loss

function lossSection(d: ConvDerivation, c: ConvMessages, m: Messages): Block[] {
  const out = d.layers.at(-1)!;
  const blocks: Block[] = [heading(2, inline(m.loss)), para(c.lossIntro), numbered(d.loss), para(c.objectiveIntro), numbered(d.objective)];
  const head = out.layer.type === 'dense' ? out.layer : undefined;
  if (head?.activation === 'softmax' && d.spec.loss === 'cross_entropy') blocks.push(para(m.softmaxJacobian), eq(MATRIX_RULES.softmax.formula), para(c.softmaxDelta));
  else blocks.push(para(c.headDelta));
  if (out.delta) blocks.push(numbered(out.delta));
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// 4. The layers, from the output back

/** ∂J/∂K^k_{f,c,u,v} written out: Σ over the output positions (i, j) whose window reads an input cell. */
function unitByUnitKernel(d: ConvDerivation, step: ConvLayerStep): Block[] {
  const layer = step.layer as Conv2dLayer;
  const [input, output] = [step.input, step.output];
  if (input.kind !== 'volume' || output.kind !== 'volume') return [];
  const { channels: C, height: H, width: W } = input.volume;
  const { channels: F, height: Ho, width: Wo } = output.volume;
  const [kh, kw] = layer.kernel;
  const n = d.names;
  const [K, x, delta, b] = [n.param('K', step.k), n.act(step.k - 1), n.delta(step.k), n.param('b', step.k)];
  const rows = (terms: string[]): string =>
    terms.length <= TERMS_PER_ROW
      ? terms.join(' + ')
      : `\\begin{aligned} & ${Array.from({ length: Math.ceil(terms.length / TERMS_PER_ROW) }, (_, r) => terms.slice(r * TERMS_PER_ROW, (r + 1) * TERMS_PER_ROW).join(' + ')).join(' \\\\ & + ')} \\end{aligned}`;
  const out: Block[] = [];
  for (let f = 0; f < F; f++) {
    for (let ch = 0; ch < C; ch++) {
      for (let u = 0; u < kh; u++) {
        for (let v = 0; v < kw; v++) {
          const terms: string[] = [];
          for (let i = 0; i < Ho; i++) {
            for (let j = 0; j < Wo; j++) {
              const [r, t] = [layer.stride * i + u - layer.padding, layer.stride * j + v - layer.padding];
              if (r >= 0 && r < H && t >= 0 && t < W) terms.push(`${at(delta, f, i, j).latex}\\,${at(x, ch, r, t).latex}`);
            }
          }
          out.push(eq(`\\frac{\\partial J}{\\partial ${at(K, f, ch, u, v).latex}} = ${terms.length ? rows(terms) : '0'}`));
        }
      }
    }
    const all = Array.from({ length: Ho * Wo }, (_, q) => at(delta, f, Math.floor(q / Wo), q % Wo).latex);
    out.push(eq(`\\frac{\\partial J}{\\partial ${at(b, f).latex}} = ${rows(all)}`));
  }
  return out;
}

/** The input-gradient formula of the first conv layer: not computed (x has no parameters), shown for the flip. */
function firstConvInput(d: ConvDerivation, step: ConvLayerStep): string | undefined {
  const layer = step.layer as Conv2dLayer;
  const out = step.output;
  if (out.kind !== 'volume') return undefined;
  const n = d.names;
  const f = CONV_RULES.conv2d.adjoints({ x: n.act(step.k - 1), a: n.pre(step.k), delta: n.delta(step.k), K: n.param('K', step.k), b: n.param('b', step.k), kernel: layer.kernel, stride: layer.stride, padding: layer.padding, out: [out.volume.height, out.volume.width] });
  return f.input?.latex;
}

function layerSection(d: ConvDerivation, step: ConvLayerStep, ex: ConvWorkedExample | undefined, unitByUnit: boolean, c: ConvMessages, m: Messages): Block[] {
  const { k, layer } = step;
  const L = d.spec.layers.length;
  const blocks: Block[] = [heading(2, inline(c.layerHeading(k, c.kind(layer))))];
  if (step.delta && k < L) blocks.push(...(hasParams(layer) ? [para(c.deltaThroughActivation), numbered(step.delta)] : [para(c.deltaFromNext(step.delta.eq, k + 1))]));
  if (k === L && step.delta) blocks.push(para(c.outputDeltaAbove(step.delta.eq)));
  if (step.gradients.length) blocks.push(para(layer.type === 'conv2d' ? c.convGradients : c.denseGradients), ...step.gradients.map(numbered));
  if (layer.type === 'conv2d' && unitByUnit) blocks.push(para(c.unitByUnit), ...unitByUnitKernel(d, step));
  switch (layer.type) {
    case 'maxpool':
    case 'avgpool': {
      blocks.push(para(layer.type === 'maxpool' ? c.maxpoolRouting : c.avgpoolShare));
      if (step.sendsBack) blocks.push(numbered(step.sendsBack));
      const grids = ex ? routingGrids(step, ex) : undefined;
      if (grids) blocks.push(figure(`pool${k}`, routingDrawing(grids, c.routing(layer.type, k, m.decimal)), c.routingCaption(layer.type, grids.rows, grids.cols)));
      if (!step.sendsBack) blocks.push(para(c.nothingBefore));
      break;
    }
    case 'flatten':
      blocks.push(para(c.flattenBack));
      if (step.sendsBack) blocks.push(numbered(step.sendsBack));
      break;
    case 'conv2d': {
      if (step.sendsBack) blocks.push(para(c.sendsBack), numbered(step.sendsBack), para(c.kernelFlip(layer.stride)));
      else {
        const formula = firstConvInput(d, step);
        blocks.push(para(c.firstLayerInput(k === 1)));
        if (formula) blocks.push(eq(display(formula)), para(c.kernelFlip(layer.stride)));
      }
      break;
    }
    case 'dense':
      if (step.sendsBack) blocks.push(para(c.sendsBack), numbered(step.sendsBack));
      break;
  }
  return blocks;
}

/** The routing picture's numbers: the top-left corner of channel 0 covering 2 × 2 windows (or fewer). */
function routingGrids(step: ConvLayerStep, ex: ConvWorkedExample): RoutingGrids | undefined {
  const layer = step.layer as PoolLayer;
  const [input, output] = [step.input, step.output];
  if (input.kind !== 'volume' || output.kind !== 'volume' || layer.padding !== 0) return undefined;
  const { height: H, width: W } = input.volume;
  const { height: Ho, width: Wo } = output.volume;
  const windows: [number, number] = [Math.min(2, Ho), Math.min(2, Wo)];
  const rows = Math.min(H, (windows[0] - 1) * layer.stride + layer.size);
  const cols = Math.min(W, (windows[1] - 1) * layer.stride + layer.size);
  const values = step.k === 1 ? ex.x : ex.act[step.k - 2]!;
  const grads = step.k === 1 ? undefined : ex.actGrad[step.k - 2]!;
  const [out, outGrad] = [ex.act[step.k - 1]!, ex.actGrad[step.k - 1]!];
  if (!grads) return undefined;
  const corner = (a: ArrayLike<number>, w: number, r: number, c: number): number[] => Array.from({ length: r * c }, (_, q) => a[Math.floor(q / c) * w + (q % c)]!);
  return {
    kind: layer.type,
    size: layer.size,
    stride: layer.stride,
    rows,
    cols,
    input: corner(values, W, rows, cols),
    inputGrad: corner(grads, W, rows, cols),
    windows,
    output: corner(out, Wo, windows[0], windows[1]),
    outputGrad: corner(outGrad, Wo, windows[0], windows[1]),
  };
}

function gradientsSection(d: ConvDerivation, ex: ConvWorkedExample | undefined, unitByUnit: boolean, c: ConvMessages, m: Messages): Block[] {
  const blocks: Block[] = [];
  for (const step of [...d.layers].reverse()) {
    // Nothing to say below the first layer with parameters.
    if (!step.delta && step.gradients.length === 0 && !step.sendsBack) continue;
    blocks.push(...layerSection(d, step, ex, unitByUnit, c, m));
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// 5. The algorithm

function algorithmSection(d: ConvDerivation, c: ConvMessages, m: Messages): Block[] {
  const kinds = new Set(d.spec.layers.map((l) => l.type));
  return [
    heading(2, inline(m.algorithmTitle)),
    { kind: 'algorithm', title: inline(m.algorithmBox), lines: c.algorithm({ kinds, mean: d.spec.reduction === 'mean', l2: d.spec.l2 > 0 ? String(d.spec.l2) : undefined, stems: d.names.stems }).map(inline) },
    para(c.totalIntro),
    ...d.total.map(numbered),
  ];
}

// ---------------------------------------------------------------------------------------------
// 7. The worked example

/** A volume's values, one matrix per channel: x_{0} = (…), x_{1} = (…). */
function volumeNumbers(sym: { latex: string }, values: ArrayLike<number>, s: Shape, decimal: '.' | ',', channels = 3): string {
  if (s.kind === 'vector') return `${sym.latex} = ${matrixNumbers(values, s.size, 1, decimal)}`;
  const { channels: C, height: H, width: W } = s.volume;
  if (C === 1) return `${sym.latex} = ${matrixNumbers(values, H, W, decimal)}`;
  const shown = Array.from({ length: Math.min(C, channels) }, (_, ch) => `${sym.latex}_{${ch}} = ${matrixNumbers(Array.from(values).slice(ch * H * W, (ch + 1) * H * W), H, W, decimal)}`);
  return shown.join(',\\quad ') + (C > channels ? ',\\ \\dots' : '');
}

function exampleSection(d: ConvDerivation, ex: ConvWorkedExample, c: ConvMessages, m: Messages): Block[] {
  const n = d.names;
  const dec = m.decimal;
  const num = (v: number): string => numberLatex(v, dec);
  const full = convParamCount(d.spec) <= UNIT_BY_UNIT_LIMIT;
  const blocks: Block[] = [heading(2, inline(m.exampleTitle)), para(c.exampleIntro({ seed: ex.seed, lr: num(ex.lr), full, rounded: ex.rounded, trainLr: ex.trainLr }))];
  /** A block of θ (or of ∇J, `partial`) as numbers: K^k_{f,c} one kh × kw matrix each (the first only, past the limit), W^k, b^k. */
  const block = (name: string, values: Float64Array, partial: boolean): string => {
    const b = d.blocks.find((x) => x.name === name)!;
    const slice = values.subarray(b.offset, b.offset + b.size);
    const sym = n.param(name[0] as 'K' | 'W' | 'b', b.layer);
    const lhs = (s: string): string => (partial ? `\\frac{\\partial J}{\\partial ${s}}` : s);
    if (b.shape.length === 4) {
      const [F, C, kh, kw] = b.shape as [number, number, number, number];
      const shown = Array.from({ length: full ? F * C : 1 }, (_, q) => `${lhs(at(sym, Math.floor(q / C), q % C).latex)} = ${matrixNumbers(slice.subarray(q * kh * kw, (q + 1) * kh * kw), kh, kw, dec)}`);
      return shown.join(',\\quad ') + (F * C > shown.length ? ',\\ \\dots' : '');
    }
    return `${lhs(sym.latex)} = ${b.shape.length === 2 ? matrixNumbers(slice, b.shape[0]!, b.shape[1]!, dec) : matrixNumbers(slice, b.size, 1, dec)}`;
  };
  if (full) {
    blocks.push(para(m.exampleParameters), eq(volumeNumbers(n.act(0), ex.x, d.shapes[0]!, dec)), eq(`y = ${matrixNumbers(ex.y, ex.y.length, 1, dec)}`));
    for (const b of d.blocks) blocks.push(eq(block(b.name, ex.theta, false)));
    blocks.push(para(m.exampleForward));
    for (const step of d.layers) {
      const i = step.k - 1;
      if (ex.pre[i]) blocks.push(eq(volumeNumbers(n.pre(step.k), ex.pre[i]!, step.output, dec)));
      if (step.k < d.layers.length) blocks.push(eq(volumeNumbers(n.act(step.k), ex.act[i]!, step.output, dec)));
    }
  }
  blocks.push(eq(`${n.act(d.layers.length).latex} = ${matrixNumbers(ex.yhat, ex.yhat.length, 1, dec)}`), para(m.exampleLoss), eq(`J = ${num(ex.loss)}`));
  if (full) {
    blocks.push(para(m.exampleBackward));
    for (const step of [...d.layers].reverse()) {
      const i = step.k - 1;
      if (!step.delta) continue;
      const values = hasParams(step.layer) ? ex.delta[i]! : ex.actGrad[i]!;
      blocks.push(eq(volumeNumbers(n.delta(step.k), values, step.output, dec)));
    }
  }
  blocks.push(para(full ? m.exampleGradients : c.exampleSomeGradients));
  for (const b of d.blocks) {
    if (!full && b.size > 12 && b.shape.length !== 4) continue;
    blocks.push(eq(block(b.name, ex.grad, true)));
  }
  blocks.push(para(m.exampleAfter(num(ex.loss), num(ex.lossAfter), ex.lossAfter > ex.loss)));
  return blocks;
}

// ---------------------------------------------------------------------------------------------

function title(spec: ConvNetSpec, options: SheetOptions, c: ConvMessages): Inline[] {
  const own = options.title ?? spec.title;
  if (own !== undefined) return [{ kind: 'user', text: own }];
  return [...inline(c.title), { kind: 'text', text: ' ' }, { kind: 'user', text: spec.name }];
}

/** One worked example per spec: the sheet is rendered in several formats and languages from one derivation. */
const EXAMPLES = new WeakMap<ConvNetSpec, ConvWorkedExample>();
function workedExample(spec: ConvNetSpec): ConvWorkedExample {
  const known = EXAMPLES.get(spec);
  if (known) return known;
  const ex = convWorkedExample(spec);
  EXAMPLES.set(spec, ex);
  return ex;
}

export function convSheet(d: ConvDerivation, m: Messages, options: SheetOptions = {}): Block[] {
  const c = m.conv;
  const wanted = new Set<SheetSection>(options.sections ?? SHEET_SECTIONS);
  const small = forwardWork(d.spec) <= WORKED_EXAMPLE_WORK;
  const ex = small && (wanted.has('example') || wanted.has('gradients')) ? workedExample(d.spec) : undefined;
  const unitByUnit = writesUnitByUnit(d.spec, options.form);
  const sections: { readonly [S in SheetSection]: () => Block[] } = {
    network: () => networkSection(d, c, m),
    forward: () => forwardSection(d, c, m),
    loss: () => lossSection(d, c, m),
    gradients: () => gradientsSection(d, ex, unitByUnit, c, m),
    algorithm: () => algorithmSection(d, c, m),
    graph: () => [heading(2, inline(m.graphTitle)), figure('graph', layerGraphDrawing(d, c.graph), c.graphCaption)],
    example: () => (ex ? exampleSection(d, ex, c, m) : [heading(2, inline(m.exampleTitle)), para(c.exampleTooLarge(m.count(forwardWork(d.spec)), m.count(WORKED_EXAMPLE_WORK)))]),
  };
  return [heading(1, title(d.spec, options, c)), ...SHEET_SECTIONS.filter((s) => wanted.has(s)).flatMap((s) => sections[s]())];
}

