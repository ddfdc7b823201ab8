// ConvDerivation -> the code view model of a convolutional network's module: every decision is
// made here (buffers, loops, comments), so templates/code/conv-network.ts.hbs only loops. Each
// layer's code comes from its rule entry (conv2d, maxpool, avgpool, flatten, dense, activation,
// head) and cites the derivation's equation numbers.
import type { ConvDerivation, ConvEquation, ConvLayerStep } from '../../derive/conv-backprop.ts';
import { shapeSize, type ConvNetLayer, type Shape, type Volume } from '../../network/conv-spec.ts';
import type { HelperOp } from '../../print/ts.ts';
import { oneLine } from '../../util/errors.ts';
import { PRELUDE } from '../prelude.ts';
import { convBackwardLines, convForwardLines, padLines, type ConvGeometry } from './conv-code.ts';
import { activationDeltaLines, activationForwardLines, denseBackwardLines, denseForwardLines, headLines, helpersOf, softmaxLines, type DenseGeometry } from './dense-code.ts';
import { planBuffers, type LayerPlan } from './plan.ts';
import { avgPoolBackwardLines, avgPoolForwardLines, maxPoolBackwardLines, maxPoolForwardLines, type PoolGeometry } from './pool-code.ts';

export interface ConvCodeView {
  readonly header: readonly string[];
  readonly inputShape: string;
  readonly layerSizes: string;
  readonly paramCount: number;
  readonly paramNames: string;
  readonly paramShapes: string;
  readonly blockShapes: string;
  readonly inputs: number;
  readonly outputs: number;
  readonly lossDoc: string;
  readonly helpers: readonly string[];
  readonly scratch: readonly string[];
  /** Per-example lines of forward() and of lossAndGrad(): forward, loss and δ^L, backward. */
  readonly forward: readonly string[];
  readonly storeOutputs: readonly string[];
  readonly trainForward: readonly string[];
  readonly backward: readonly string[];
  readonly finish: readonly string[];
}

export interface ConvCodegenInput {
  readonly derivation: ConvDerivation;
  readonly source: string;
  readonly command: string;
}

const volume = (s: Shape): Volume => {
  if (s.kind !== 'volume') throw new Error('conv codegen: a volume was expected');
  return s.volume;
};
const cite = (e: ConvEquation): string => `// (${e.eq}) ${oneLine(e.text)}`;
type WithActivation = Extract<ConvNetLayer, { activation: unknown }>;

/** θ offsets of layer k's weight (K or W) and bias. */
function offsets(d: ConvDerivation, k: number): { weightAt: number; biasAt: number } {
  const [w, b] = d.blocks.filter((x) => x.layer === k);
  return { weightAt: w!.offset, biasAt: b!.offset };
}

function convGeometry(d: ConvDerivation, step: ConvLayerStep): ConvGeometry {
  const o = offsets(d, step.k);
  return { layer: step.layer as Extract<ConvNetLayer, { type: 'conv2d' }>, input: volume(step.input), output: volume(step.output), kernelAt: o.weightAt, biasAt: o.biasAt };
}

function poolGeometry(step: ConvLayerStep): PoolGeometry {
  return { layer: step.layer as Extract<ConvNetLayer, { type: 'maxpool' | 'avgpool' }>, input: volume(step.input), output: volume(step.output) };
}

function denseGeometry(d: ConvDerivation, step: ConvLayerStep): DenseGeometry {
  return { inputs: shapeSize(step.input), units: shapeSize(step.output), ...offsets(d, step.k) };
}

/** One layer's forward lines; `training` also keeps what the backward pass reads (the softmax's lse). */
function forwardOf(d: ConvDerivation, step: ConvLayerStep, plan: LayerPlan, training: boolean): string[] {
  const [own, act] = [step.forward[0]!, step.forward[1]];
  const size = shapeSize(step.output);
  const activation = (layer: WithActivation): string[] => {
    if (layer.activation === 'softmax') return [cite(act!), ...softmaxLines(plan, size, training && d.spec.loss === 'cross_entropy')];
    const lines = activationForwardLines(plan, layer.activation, layer.alpha ?? 0, size);
    return [cite(act!), ...(lines.length === 0 ? [`// identity: ${plan.out.array} is ${plan.pre!} itself`] : lines)];
  };
  switch (step.layer.type) {
    case 'conv2d': {
      const g = convGeometry(d, step);
      const pad = padLines(plan, g);
      return [...(pad.length ? [`// h${step.k - 1} inside pad${step.k}'s zero border (padding ${g.layer.padding})`, ...pad] : []), cite(own), ...convForwardLines(plan, g), ...activation(step.layer)];
    }
    case 'maxpool':
      return [cite(own), ...maxPoolForwardLines(plan, poolGeometry(step))];
    case 'avgpool':
      return [cite(own), ...avgPoolForwardLines(plan, poolGeometry(step))];
    case 'flatten':
      return [`${cite(own)}: the channels-first layout already lists the volume in this order, so h${step.k} is h${step.k - 1}'s buffer`];
    case 'dense':
      return [cite(own), ...denseForwardLines(plan, denseGeometry(d, step)), ...activation(step.layer)];
  }
}

/** One layer's backward lines: its δ (when its own rule gives it), its gradients, the error it sends back. */
function backwardOf(d: ConvDerivation, step: ConvLayerStep, plan: LayerPlan): string[] {
  const L = d.spec.layers.length;
  const layer = step.layer;
  const size = shapeSize(step.output);
  const lines: string[] = [`// Layer ${step.k}: ${layer.type}.`];
  if (step.k === L && step.delta) {
    const out = layer as WithActivation;
    lines.push(cite(d.loss), cite(step.delta), ...headLines(plan, { activation: out.activation, alpha: out.alpha ?? 0, loss: d.spec.loss, size }));
  } else if (step.delta && (layer.type === 'conv2d' || layer.type === 'dense') && layer.activation !== 'softmax') {
    lines.push(cite(step.delta), ...activationDeltaLines(plan, layer.activation, layer.alpha ?? 0, size));
  }
  const cites = [...step.gradients, ...(step.sendsBack ? [step.sendsBack] : [])].map(cite);
  switch (layer.type) {
    case 'conv2d':
      return [...lines, ...cites, ...convBackwardLines(plan, convGeometry(d, step))];
    case 'maxpool':
      return [...lines, ...cites, ...maxPoolBackwardLines(plan, poolGeometry(step))];
    case 'avgpool':
      return [...lines, ...cites, ...avgPoolBackwardLines(plan, poolGeometry(step))];
    case 'flatten':
      return [...lines, ...cites.map((c) => `${c}: the same buffer`)];
    case 'dense':
      return [...lines, ...cites, ...denseBackwardLines(plan, denseGeometry(d, step))];
  }
}

/** grad ← grad/n (mean) + λ·θ on kernels and weights; the return value adds (λ/2)·Σθ². */
function finishLines(d: ConvDerivation, paramCount: number): string[] {
  const { l2, reduction } = d.spec;
  const weights = d.blocks.filter((b) => b.name.startsWith('K') || b.name.startsWith('W'));
  const [weight, bias] = d.total;
  const lines = [`// (${weight!.eq}), (${bias!.eq}) the batch's ${reduction}${l2 > 0 ? `, plus λ·θ on ${weights.map((w) => w.name).join(', ')}` : ''}`];
  lines.push(reduction === 'mean' ? 'const scale = 1 / n;' : 'const scale = 1;');
  if (reduction === 'mean') lines.push(`for (let q = 0; q < ${paramCount}; q++) grad[q]! *= scale;`);
  if (l2 === 0) return [...lines, 'return loss * scale;'];
  lines.push('let reg = 0;');
  for (const w of weights) lines.push(`for (let q = ${w.offset}; q < ${w.offset + w.size}; q++) {`, '  const w = theta[q]!;', '  reg += w * w;', `  grad[q]! += ${l2} * w;`, '}');
  lines.push(`return loss * scale + ${l2 / 2} * reg;`);
  return lines;
}

export function convCodeView({ derivation: d, source, command }: ConvCodegenInput): ConvCodeView {
  const spec = d.spec;
  const plan = planBuffers(d);
  const L = spec.layers.length;
  const sizes = d.shapes.map(shapeSize);
  const paramCount = d.blocks.reduce((n, b) => n + b.size, 0);
  const helpers = new Set<HelperOp>();
  for (const l of spec.layers) if (l.type === 'conv2d' || l.type === 'dense') for (const h of helpersOf(l.activation, l === spec.layers[L - 1] ? spec.loss : undefined)) helpers.add(h);
  const last = plan.layers[L - 1]!;
  const rowsCols = (shape: readonly number[]): string => `[${shape[0]}, ${shape.slice(1).reduce((a, b) => a * b, 1)}]`;
  const scale = spec.reduction === 'mean' ? '(1/n) Σ_e' : 'Σ_e';
  return {
    header: [
      `Generated by symprop from ${JSON.stringify(oneLine(source))} (network ${JSON.stringify(oneLine(spec.name))}). Do not edit.`,
      `Regenerate with: ${oneLine(command)}`,
      `Equation numbers (n) refer to the derivation of this spec (its ConvDerivation; the sheet numbers them alike).`,
    ],
    inputShape: `{ channels: ${spec.input.channels}, height: ${spec.input.height}, width: ${spec.input.width} }`,
    layerSizes: sizes.join(', '),
    paramCount,
    paramNames: `[${d.blocks.map((b) => JSON.stringify(b.name)).join(', ')}]`,
    paramShapes: `[${d.blocks.map((b) => rowsCols(b.shape)).join(', ')}]`,
    blockShapes: `[${d.blocks.map((b) => `[${b.shape.join(', ')}]`).join(', ')}]`,
    inputs: sizes[0]!,
    outputs: sizes[L]!,
    lossDoc: `J = ${scale} L(ŷ_e, y_e)${spec.l2 > 0 ? ` + (λ/2)(Σ‖K_k‖² + Σ‖W_k‖²) with λ = ${spec.l2}` : ''}, L = ${spec.loss} (${oneLine(d.objective.text)}).`,
    helpers: [...helpers].sort().map((h) => PRELUDE[h]),
    scratch: plan.scratch.map((b) => `const ${b.name} = new ${b.type}(${b.length}); // ${b.what}`),
    forward: d.layers.flatMap((s, i) => forwardOf(d, s, plan.layers[i]!, false)),
    storeOutputs: [`for (let i = 0; i < ${sizes[L]}; i++) out[oo + i] = ${entry0(last)};`],
    trainForward: d.layers.flatMap((s, i) => forwardOf(d, s, plan.layers[i]!, true)),
    backward: [...d.layers].reverse().flatMap((s) => backwardOf(d, s, plan.layers[s.k - 1]!)),
    finish: finishLines(d, paramCount),
  };
}

const entry0 = (p: LayerPlan): string => `${p.out.array}[i]!`;
