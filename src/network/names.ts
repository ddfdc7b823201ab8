// Names of a network's quantities in the spec's notation. Identifiers only (they become
// IR variables and TypeScript locals, and the claim checker reads them back); naming.ts
// turns them into LaTeX and Unicode.
//   notation "a-h" (seeds 000, 002): a_k pre-activation, h_k activation, δ_k = ∂J/∂a_k;
//   notation "z-a" (CSI 4106):       z_k pre-activation, a_k activation, and deltas
//                                    numbered from the output back (δ_1 = ∂J/∂z_L, eq. 9-10);
//   "deltas": "from-input" | "from-output" overrides the numbering.
// Unit i of layer k is `{stem}{k}_{i}` and weight w_ij^k is `W{k}_{i}_{j}`. A layer of one
// unit fed by one unit uses CSI 4106's scalar names for all its quantities (w2, b2, z2,
// delta1). Inputs, targets and outputs are vectors: x / x{j}, y / y{i}, yhat / yhat{i}.
import type { NetworkSpec } from './spec.ts';

/** The letters of the spec's notation and the way its deltas are numbered. */
export interface NotationLetters {
  /** Pre-activation stem: a ("a-h") or z ("z-a"). */
  readonly pre: 'a' | 'z';
  /** Activation stem: h ("a-h") or a ("z-a"). */
  readonly act: 'h' | 'a';
  /** Deltas numbered from the output back (δ_1 = ∂J/∂z_L, CSI 4106) rather than from the input. */
  readonly fromOutput: boolean;
  /** The number in the name of layer k's delta. */
  deltaNumber(k: number): number;
  /** The layer whose delta carries this number. */
  deltaLayer(number: number): number;
}

/**
 * One place for the notation: the sheet, the graph, the generated code's comments and the
 * checker all read it from here, so a sheet never mixes two conventions. `deltas` overrides the
 * notation's own numbering ("z-a" counts from the output, "a-h" from the input).
 */
export function notationOf(spec: Pick<NetworkSpec, 'notation' | 'layers'> & { readonly deltas?: NetworkSpec['deltas'] }): NotationLetters {
  const L = spec.layers.length;
  const fromOutput = (spec.deltas ?? (spec.notation === 'z-a' ? 'from-output' : 'from-input')) === 'from-output';
  const flip = (k: number): number => (fromOutput ? L - k + 1 : k);
  return spec.notation === 'z-a'
    ? { pre: 'z', act: 'a', fromOutput, deltaNumber: flip, deltaLayer: flip }
    : { pre: 'a', act: 'h', fromOutput, deltaNumber: flip, deltaLayer: flip };
}

export interface NetworkNames {
  input(j: number): string;
  target(i: number): string;
  weight(k: number, i: number, j: number): string;
  bias(k: number, i: number): string;
  pre(k: number, i: number): string;
  act(k: number, i: number): string;
  delta(k: number, i: number): string;
  /** Softmax probabilities p_i computed from logits (cross_entropy_with_logits). */
  prob(i: number): string;
  /** The softmax normaliser S = Σ_j e^{a_j} (the CNN note's "Sum"). */
  readonly normaliser: string;
  /** The generated code's shift m = max_j a_j for a stable softmax (code only, never on a sheet). */
  readonly logitMax: string;
  readonly loss: string;
}

export function networkNames(spec: NetworkSpec): NetworkNames {
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const { pre: preStem, act: actStem, deltaNumber } = notationOf(spec);
  const scalar = (k: number): boolean => sizes[k] === 1 && sizes[k - 1] === 1;
  // `number` is the index in the name (deltas in z-a count from the output back).
  const unit = (stem: string, k: number, i: number, number = k): string => (scalar(k) ? `${stem}${number}` : `${stem}${number}_${i}`);
  const vec = (stem: string, n: number, i: number): string => (n === 1 ? stem : `${stem}${i}`);
  return {
    input: (j) => vec('x', sizes[0]!, j),
    target: (i) => vec('y', sizes[L]!, i),
    weight: (k, i, j) => (scalar(k) ? `w${k}` : `W${k}_${i}_${j}`),
    bias: (k, i) => unit('b', k, i),
    pre: (k, i) => unit(preStem, k, i),
    act: (k, i) => (k === L ? vec('yhat', sizes[L]!, i) : unit(actStem, k, i)),
    delta: (k, i) => unit('delta', k, i, deltaNumber(k)),
    prob: (i) => vec('p', sizes[L]!, i),
    normaliser: 'S',
    logitMax: 'm',
    loss: 'J',
  };
}

/** Parameter names in θ order: W_1 (row-major), b_1, ..., W_L, b_L. */
export function flatParams(spec: NetworkSpec): string[] {
  const n = networkNames(spec);
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const out: string[] = [];
  for (let k = 1; k < sizes.length; k++) {
    for (let i = 1; i <= sizes[k]!; i++) for (let j = 1; j <= sizes[k - 1]!; j++) out.push(n.weight(k, i, j));
    for (let i = 1; i <= sizes[k]!; i++) out.push(n.bias(k, i));
  }
  return out;
}

/** Is this θ entry a weight (regularised) rather than a bias? */
export function isWeightName(name: string): boolean {
  return /^[wW]\d/.test(name);
}

export interface ParamBlock {
  /** w1/b1 for a one-unit layer fed by one unit (CSI 4106), W1/b1 otherwise. */
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly offset: number;
}

/** θ as blocks, in order: W_1 (N_1 × N_0, row-major), b_1 (N_1 × 1), ..., W_L, b_L. */
export function paramBlocks(spec: NetworkSpec): ParamBlock[] {
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const blocks: ParamBlock[] = [];
  let offset = 0;
  for (let k = 1; k < sizes.length; k++) {
    const [rows, cols] = [sizes[k]!, sizes[k - 1]!];
    const scalar = rows === 1 && cols === 1;
    blocks.push({ name: scalar ? `w${k}` : `W${k}`, rows, cols, offset });
    offset += rows * cols;
    blocks.push({ name: `b${k}`, rows, cols: 1, offset });
    offset += rows;
  }
  return blocks;
}
