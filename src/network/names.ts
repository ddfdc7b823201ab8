// Names of a network's quantities in the spec's notation. Identifiers only (they become
// IR variables and TypeScript locals); naming.ts turns them into LaTeX.
//   notation "a-h" (seeds 000, 002): a_k pre-activation, h_k activation, δ_k = ∂J/∂a_k;
//   notation "z-a" (seed 004):       z_k pre-activation, a_k activation, and deltas
//                                    numbered from the output back (δ_1 = ∂J/∂z_L, eq. 9-10).
// A layer of one unit fed by one unit uses the seed's scalar names (w2, b2, z2).
import type { NetworkSpec } from './spec.ts';

export interface NetworkNames {
  input(j: number): string;
  target(i: number): string;
  weight(k: number, i: number, j: number): string;
  bias(k: number, i: number): string;
  pre(k: number, i: number): string;
  act(k: number, i: number): string;
  delta(k: number, i: number): string;
  readonly loss: string;
}

export function networkNames(spec: NetworkSpec): NetworkNames {
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const [preStem, actStem] = spec.notation === 'z-a' ? ['z', 'a'] : ['a', 'h'];
  const unit = (stem: string, k: number, i: number): string => (sizes[k] === 1 ? `${stem}${k}` : `${stem}${k}_${i}`);
  const vec = (stem: string, n: number, i: number): string => (n === 1 ? stem : `${stem}${i}`);
  return {
    input: (j) => vec('x', sizes[0]!, j),
    target: (i) => vec('y', sizes[L]!, i),
    weight: (k, i, j) => (sizes[k] === 1 && sizes[k - 1] === 1 ? `w${k}` : `W${k}_${i}_${j}`),
    bias: (k, i) => unit('b', k, i),
    pre: (k, i) => unit(preStem, k, i),
    act: (k, i) => (k === L ? vec('yhat', sizes[L]!, i) : unit(actStem, k, i)),
    delta: (k, i) => unit('delta', spec.notation === 'z-a' ? L - k + 1 : k, i),
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
