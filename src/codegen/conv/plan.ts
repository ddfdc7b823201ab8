// Where each value of a convolutional network lives in the generated module. The module runs
// one example at a time through the whole network: every layer's buffers then hold one
// example (the course's 48 × 48 × 8 volume is 147 KB, a block of 32 would be 4.7 MB and fall
// out of the cache), are allocated once when the module loads, and are reused by every call.
//
//   a<k>     pre-activation of a conv or dense layer (the same buffer as h<k> for identity)
//   h<k>     output of layer k; the input is X at offset xo; flatten reuses its input's buffer
//   d<k>     ∂J/∂h<k>, turned into δ<k> in place by the activation's derivative
//   pad<k>   a conv layer's input with its zero border (the border is written once, at load)
//   dpad<k>  the error sent back by a padded conv layer, before its border is cut off
//   arg<k>   a max-pooling layer's argmax, per output cell
import type { ConvDerivation } from '../../derive/conv-backprop.ts';
import { shapeSize, type ConvNetLayer, type Shape } from '../../network/conv-spec.ts';

/** Entry q of a per-example vector is `array[base + q]`. */
export interface Place {
  readonly array: string;
  readonly base: string;
}

export const entry = (p: Place, q: string): string => `${p.array}[${p.base === '0' ? q : `${p.base} + ${q}`}]`;

export interface LayerPlan {
  readonly k: number;
  readonly layer: ConvNetLayer;
  readonly input: Shape;
  readonly output: Shape;
  /** Where h^{k−1} is read. */
  readonly source: Place;
  /** Where h^k is written. */
  readonly out: Place;
  readonly pre?: string;
  /** ∂J/∂h^{k−1} (and δ^{k−1}), written by this layer's backward pass when the layers below need it. */
  readonly sendTo?: string;
  /** This layer's δ buffer (when it needs one). */
  readonly delta?: string;
  readonly pad?: string;
  readonly dpad?: string;
  readonly arg?: string;
}

export interface Plan {
  readonly layers: readonly LayerPlan[];
  /** Module-level buffers: name, element type, length. */
  readonly scratch: readonly { readonly name: string; readonly type: 'Float64Array' | 'Int32Array'; readonly length: number; readonly what: string }[];
}

export function planBuffers(d: ConvDerivation): Plan {
  const scratch: Plan['scratch'][number][] = [];
  const buffer = (name: string, length: number, what: string, type: 'Float64Array' | 'Int32Array' = 'Float64Array'): string => {
    scratch.push({ name, type, length, what });
    return name;
  };
  const layers: LayerPlan[] = [];
  let source: Place = { array: 'X', base: 'xo' };
  const errors = new Map<number, string>();
  // δ buffers first, from the derivation: layer k has one when it has a δ; a flatten's δ is its input's, in one buffer.
  for (const step of d.layers) {
    if (!step.delta) continue;
    const flattenedFrom = step.layer.type === 'flatten' ? errors.get(step.k - 1) : undefined;
    errors.set(step.k, flattenedFrom ?? buffer(`d${step.k}`, shapeSize(step.output), `∂J/∂h${step.k}, then δ${step.k}`));
  }
  for (const step of d.layers) {
    const { k, layer } = step;
    const size = shapeSize(step.output);
    const error = step.sendsBack ? errors.get(k - 1) : undefined;
    const common = { k, layer, input: step.input, output: step.output, source, ...(error ? { sendTo: error } : {}), ...(errors.has(k) ? { delta: errors.get(k)! } : {}) };
    let plan: LayerPlan;
    switch (layer.type) {
      case 'conv2d':
      case 'dense': {
        const pre = buffer(`a${k}`, size, `a${k}, the pre-activation`);
        const identity = layer.activation === 'identity';
        const out: Place = { array: identity ? pre : buffer(`h${k}`, size, `h${k}`), base: '0' };
        const padded = layer.type === 'conv2d' && layer.padding > 0;
        const v = step.input.kind === 'volume' ? step.input.volume : undefined;
        const padSize = padded && v ? v.channels * (v.height + 2 * layer.padding) * (v.width + 2 * layer.padding) : 0;
        plan = {
          ...common, out, pre,
          ...(padded ? { pad: buffer(`pad${k}`, padSize, `h${k - 1} with its zero border`) } : {}),
          ...(padded && error ? { dpad: buffer(`dpad${k}`, padSize, `∂J/∂h${k - 1} with its border`) } : {}),
        };
        break;
      }
      case 'maxpool':
        plan = { ...common, out: { array: buffer(`h${k}`, size, `h${k}`), base: '0' }, ...(error ? { arg: buffer(`arg${k}`, size, `the argmax of each window of layer ${k}`, 'Int32Array') } : {}) };
        break;
      case 'avgpool':
        plan = { ...common, out: { array: buffer(`h${k}`, size, `h${k}`), base: '0' } };
        break;
      case 'flatten':
        plan = { ...common, out: source };
        break;
    }
    layers.push(plan);
    source = plan.out;
  }
  return { layers, scratch };
}
