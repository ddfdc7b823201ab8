// `derive --json` and `derive --stats` for a convolutional network: the ConvDerivation's
// numbered equations as one JSON object for tools, each with its layer, its role and the id of
// the rule-table entry it instantiates (derive/conv-rules.ts), as text and LaTeX.
import type { ConvDerivation, ConvEquation } from '../derive/conv-backprop.ts';
import { convParamCount, type Shape } from '../network/conv-spec.ts';

export interface ConvJsonEquation {
  readonly eq: number;
  /** The layer (1-based), absent for the loss and the batch objective. */
  readonly layer?: number;
  readonly step: 'forward' | 'delta' | 'gradient' | 'sends-back' | 'loss' | 'objective' | 'total';
  /** The rule entry's formula id: conv2d.kernel, maxpool.input, head.delta, … */
  readonly rule: string;
  readonly text: string;
  readonly latex: string;
}

export interface ConvDerivationJson {
  readonly kind: 'conv';
  readonly network: string;
  /** The input's shape, then each layer's: [C, H, W] or [N]. */
  readonly shapes: readonly (readonly number[])[];
  readonly parameters: number;
  /** θ's blocks in order: name, layer, shape, offset. */
  readonly blocks: readonly { readonly name: string; readonly layer: number; readonly shape: readonly number[]; readonly offset: number }[];
  /** Every equation, in the order of their numbers. */
  readonly equations: readonly ConvJsonEquation[];
}

const dims = (s: Shape): number[] => (s.kind === 'vector' ? [s.size] : [s.volume.channels, s.volume.height, s.volume.width]);

export function convDerivationJson(d: ConvDerivation): ConvDerivationJson {
  const one = (e: ConvEquation, step: ConvJsonEquation['step'], layer?: number): ConvJsonEquation => ({ eq: e.eq, ...(layer === undefined ? {} : { layer }), step, rule: e.id, text: e.text, latex: e.latex });
  const equations: ConvJsonEquation[] = [one(d.loss, 'loss'), one(d.objective, 'objective'), ...d.total.map((e) => one(e, 'total'))];
  for (const s of d.layers) {
    equations.push(...s.forward.map((e) => one(e, 'forward', s.k)), ...s.gradients.map((e) => one(e, 'gradient', s.k)));
    // A δ that is the error the next layer sent back is listed once, under that layer.
    if (s.delta && !d.layers.some((o) => o.sendsBack?.eq === s.delta!.eq)) equations.push(one(s.delta, 'delta', s.k));
    if (s.sendsBack) equations.push(one(s.sendsBack, 'sends-back', s.k));
  }
  return {
    kind: 'conv',
    network: d.spec.name,
    shapes: d.shapes.map(dims),
    parameters: convParamCount(d.spec),
    blocks: d.blocks.map((b) => ({ name: b.name, layer: b.layer, shape: b.shape, offset: b.offset })),
    equations: equations.sort((a, b) => a.eq - b.eq),
  };
}

/** `derive --stats`: how big the derivation is (it grows with the number of layers, not their sizes). */
export function convDerivationStats(d: ConvDerivation): { readonly kind: 'conv'; readonly layers: number; readonly equations: number; readonly parameters: number } {
  return { kind: 'conv', layers: d.layers.length, equations: convDerivationJson(d).equations.length, parameters: convParamCount(d.spec) };
}
