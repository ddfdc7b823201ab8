// The convolutional network spec (issue 14): an input volume, then conv2d, maxpool, avgpool,
// flatten and dense layers (README, "Convolutional networks"). Layout, fixed: channels first as
// PyTorch and ONNX, an example is C·H·W values, entry (c·H + r)·W + t; flatten keeps that order.
// θ holds, layer by layer, a conv layer's kernel K_k (F × C × kh × kw, row-major) then its bias
// b_k (F), and a dense layer's W_k (N_k × N_{k−1}) then b_k, as for dense networks.
import type { Activation, LossName, Notation, Reduction } from './spec.ts';

/** C × H × W, channels first. */
export interface Volume {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

export interface Conv2dLayer {
  readonly type: 'conv2d';
  readonly filters: number;
  /** [kh, kw]. */
  readonly kernel: readonly [number, number];
  readonly stride: number;
  /** Zero rows above and below, zero columns left and right ("same" resolved: (k − 1)/2). */
  readonly padding: number;
  readonly activation: Activation;
  readonly alpha?: number;
}

export interface PoolLayer {
  readonly type: 'maxpool' | 'avgpool';
  readonly size: number;
  readonly stride: number;
  readonly padding: number;
}

export interface FlattenLayer {
  readonly type: 'flatten';
}

export interface DenseLayer {
  readonly type: 'dense';
  readonly units: number;
  readonly activation: Activation;
  readonly alpha?: number;
}

export type ConvNetLayer = Conv2dLayer | PoolLayer | FlattenLayer | DenseLayer;

/** A validated convolutional network spec, every default filled in. */
export interface ConvNetSpec {
  readonly kind: 'conv';
  readonly name: string;
  readonly notation: Notation;
  readonly title?: string;
  readonly input: Volume;
  readonly layers: readonly ConvNetLayer[];
  readonly loss: LossName;
  readonly l2: number;
  readonly reduction: Reduction;
}

/** What flows between layers: a volume before flatten, a vector after. */
export type Shape = { readonly kind: 'volume'; readonly volume: Volume } | { readonly kind: 'vector'; readonly size: number };

export const volumeSize = (v: Volume): number => v.channels * v.height * v.width;
export const shapeSize = (s: Shape): number => (s.kind === 'volume' ? volumeSize(s.volume) : s.size);

/** ⌊(n + 2p − k)/s⌋ + 1: the positions of a window of k, stride s, on n cells padded by p on each side. */
export function outputSize(n: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((n + 2 * padding - kernel) / stride) + 1;
}

/** A layer's output shape from its input's (validation has checked that it fits). */
export function layerOutput(layer: ConvNetLayer, input: Shape): Shape {
  switch (layer.type) {
    case 'conv2d': {
      const v = (input as Extract<Shape, { kind: 'volume' }>).volume;
      const [kh, kw] = layer.kernel;
      const p = layer.padding;
      return { kind: 'volume', volume: { channels: layer.filters, height: outputSize(v.height, kh, layer.stride, p), width: outputSize(v.width, kw, layer.stride, p) } };
    }
    case 'maxpool':
    case 'avgpool': {
      const v = (input as Extract<Shape, { kind: 'volume' }>).volume;
      return { kind: 'volume', volume: { channels: v.channels, height: outputSize(v.height, layer.size, layer.stride, layer.padding), width: outputSize(v.width, layer.size, layer.stride, layer.padding) } };
    }
    case 'flatten':
      return { kind: 'vector', size: shapeSize(input) };
    case 'dense':
      return { kind: 'vector', size: layer.units };
  }
}

/** The shape of the input, then of each layer's output. */
export function convShapes(spec: Pick<ConvNetSpec, 'input' | 'layers'>): Shape[] {
  const shapes: Shape[] = [{ kind: 'volume', volume: spec.input }];
  for (const layer of spec.layers) shapes.push(layerOutput(layer, shapes.at(-1)!));
  return shapes;
}

/** One block of θ: a kernel, a bias or a weight matrix, with its shape and offset. */
export interface ConvParamBlock {
  /** K1, b1, W4, b4: the block's letter and its layer (1-based, counting every layer). */
  readonly name: string;
  readonly layer: number;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/** θ's blocks in order: for each conv layer K_k then b_k, for each dense layer W_k then b_k. */
export function convParamBlocks(spec: Pick<ConvNetSpec, 'input' | 'layers'>): ConvParamBlock[] {
  const shapes = convShapes(spec);
  const blocks: ConvParamBlock[] = [];
  let offset = 0;
  const push = (name: string, layer: number, shape: readonly number[]): void => {
    const size = shape.reduce((a, b) => a * b, 1);
    blocks.push({ name, layer, shape, offset, size });
    offset += size;
  };
  spec.layers.forEach((layer, i) => {
    const k = i + 1;
    const input = shapes[i]!;
    if (layer.type === 'conv2d') {
      const c = (input as Extract<Shape, { kind: 'volume' }>).volume.channels;
      push(`K${k}`, k, [layer.filters, c, layer.kernel[0], layer.kernel[1]]);
      push(`b${k}`, k, [layer.filters]);
    } else if (layer.type === 'dense') {
      push(`W${k}`, k, [layer.units, shapeSize(input)]);
      push(`b${k}`, k, [layer.units]);
    }
  });
  return blocks;
}

export function convParamCount(spec: Pick<ConvNetSpec, 'input' | 'layers'>): number {
  return convParamBlocks(spec).reduce((n, b) => n + b.size, 0);
}

/** Is this JSON a convolutional spec: an input volume, or a conv, pool or flatten layer? */
export function isConvJson(json: unknown): boolean {
  if (json === null || typeof json !== 'object') return false;
  const o = json as { input?: unknown; layers?: unknown };
  if (o.input !== null && typeof o.input === 'object') return true;
  return Array.isArray(o.layers) && o.layers.some((l) => l !== null && typeof l === 'object' && ['conv2d', 'maxpool', 'avgpool', 'flatten'].includes(String((l as { type?: unknown }).type)));
}
