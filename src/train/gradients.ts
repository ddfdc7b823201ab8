// Per-layer gradient norms ‖∂J/∂W_k‖_F, the measure of Glorot and Bengio's (2010)
// vanishing-gradient experiment that CSI 4106 retells: with sigmoid layers and N(0, 1)
// weights, the first layers' gradients are orders of magnitude below the last layer's.
// The gradient comes from the generated module's lossAndGrad, split by its θ layout.
import type { NetworkModule } from '../codegen/load.ts';
import { isWeightName } from '../network/names.ts';
import type { Dataset } from './data.ts';

/** Where W_k sits in θ (and in the gradient, which has θ's layout). */
export interface WeightBlock {
  /** 1-based layer number. */
  readonly layer: number;
  /** W1, or w1 for a one-unit layer fed by one unit (the module's paramNames). */
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

export type Layout = Pick<NetworkModule, 'paramNames' | 'paramShapes'>;

export function weightBlocks(net: Layout): WeightBlock[] {
  const blocks: WeightBlock[] = [];
  let offset = 0;
  net.paramNames.forEach((name, b) => {
    const [rows, cols] = net.paramShapes[b]!;
    if (isWeightName(name)) blocks.push({ layer: blocks.length + 1, name, offset, size: rows * cols });
    offset += rows * cols;
  });
  return blocks;
}

/** Frobenius norm of each weight block of a gradient. */
export function layerNorms(grad: ArrayLike<number>, blocks: readonly WeightBlock[]): number[] {
  return blocks.map((b) => {
    let s = 0;
    for (let i = b.offset; i < b.offset + b.size; i++) s += grad[i]! ** 2;
    return Math.sqrt(s);
  });
}

/** ‖∂J/∂W_k‖ for k = 1..L at θ, J over the whole data set. */
export function gradientNorms(net: NetworkModule, theta: Float64Array, data: Dataset): number[] {
  const grad = new Float64Array(net.paramCount);
  net.lossAndGrad(theta, data.X, data.Y, data.n, grad);
  return layerNorms(grad, weightBlocks(net));
}

/** The epochs a table shows: all up to 20, else about ten evenly spaced from 1, and the last. */
export function reportedEpochs(epochs: number): number[] {
  if (epochs <= 20) return Array.from({ length: epochs }, (_, i) => i + 1);
  const step = Math.ceil(epochs / 10);
  const shown: number[] = [];
  for (let e = 1; e < epochs; e += step) shown.push(e);
  return [...shown, epochs];
}
