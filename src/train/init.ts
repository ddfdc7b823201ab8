// Initial parameters (CSI 4106: zero initialisation keeps the hidden units identical;
// N(0, 1) makes sigmoid networks' gradients vanish; He and Xavier keep their scale).
import { convParamBlocks, type ConvNetSpec } from '../network/conv-spec.ts';
import { paramBlocks } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { normal, type Rng } from './rng.ts';

export const INITS = ['he', 'xavier', 'normal', 'zeros'] as const;
export type Init = (typeof INITS)[number];

/** Standard deviation of the weights of a layer with these fan-in and fan-out. */
function scale(init: Init, fanIn: number, fanOut: number): number {
  switch (init) {
    case 'he':
      return Math.sqrt(2 / fanIn); // He et al. 2015, for ReLU
    case 'xavier':
      return Math.sqrt(2 / (fanIn + fanOut)); // Glorot and Bengio 2010
    case 'normal':
      return 1;
    case 'zeros':
      return 0;
  }
}

/** θ with weights drawn N(0, σ²) by `init` and biases 0. */
export function initTheta(spec: NetworkSpec, init: Init, rng: Rng): Float64Array {
  const blocks = paramBlocks(spec);
  const theta = new Float64Array(blocks.reduce((n, b) => n + b.rows * b.cols, 0));
  for (const [i, b] of blocks.entries()) {
    if (i % 2 === 1) continue; // biases stay 0
    const s = scale(init, b.cols, b.rows);
    for (let k = 0; k < b.rows * b.cols; k++) theta[b.offset + k] = s === 0 ? 0 : s * normal(rng);
  }
  return theta;
}

/**
 * θ of a convolutional network: kernels and matrices N(0, σ²) by `init`, biases 0. A kernel
 * F × C × kh × kw has fan-in C·kh·kw (the inputs of one output unit) and fan-out F·kh·kw (He
 * et al. 2015, eq. 10 and its backward counterpart).
 */
export function initConvTheta(spec: Pick<ConvNetSpec, 'input' | 'layers'>, init: Init, rng: Rng): Float64Array {
  const blocks = convParamBlocks(spec);
  const theta = new Float64Array(blocks.reduce((n, b) => n + b.size, 0));
  for (const b of blocks) {
    if (b.shape.length === 1) continue; // biases stay 0
    const [rows, ...rest] = b.shape as [number, ...number[]];
    const cols = rest.reduce((a, x) => a * x, 1);
    const taps = b.shape.length === 4 ? b.shape[2]! * b.shape[3]! : 1;
    const s = scale(init, cols, rows * taps);
    for (let k = 0; k < b.size; k++) theta[b.offset + k] = s === 0 ? 0 : s * normal(rng);
  }
  return theta;
}
