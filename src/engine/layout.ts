// Where each layer's parameters sit in the flat vector θ, and the shape checks shared by
// the tensor and scalar references.
// θ = W_1, b_1, W_2, b_2, …, W_L, b_L; W_k is N_k × N_{k−1} row-major, so w_ij^k (from node j
// of layer k−1 to node i of layer k) is θ[w + i·N_{k−1} + j], and b_i^k is θ[b + i].
import { layerSizes, paramCount, type NetworkSpec } from '../network/spec.ts';

export interface LayerSlots {
  /** N_k: units of this layer, the rows of W_k. */
  readonly rows: number;
  /** N_{k−1}: units feeding it, the columns of W_k. */
  readonly cols: number;
  /** Offset of W_k in θ. */
  readonly w: number;
  /** Offset of b_k in θ (right after W_k). */
  readonly b: number;
}

export function paramLayout(spec: NetworkSpec): LayerSlots[] {
  const sizes = layerSizes(spec);
  const slots: LayerSlots[] = [];
  let offset = 0;
  for (let k = 1; k < sizes.length; k++) {
    const [rows, cols] = [sizes[k]!, sizes[k - 1]!];
    slots.push({ rows, cols, w: offset, b: offset + rows * cols });
    offset += rows * (cols + 1);
  }
  return slots;
}

/** Throw (a programming error, not user input) unless θ, X and Y fit the spec and n. */
export function checkShapes(spec: NetworkSpec, theta: Float64Array, X: Float64Array, n: number, Y?: Float64Array): void {
  const sizes = layerSizes(spec);
  const nOut = sizes[sizes.length - 1]!;
  const problems = [
    theta.length !== paramCount(spec) && `θ has ${theta.length} entries, the spec needs ${paramCount(spec)}`,
    !(Number.isInteger(n) && n > 0) && `n must be a positive integer, got ${n}`,
    X.length !== n * spec.input && `X has ${X.length} entries, expected n × N_0 = ${n * spec.input}`,
    Y !== undefined && Y.length !== n * nOut && `Y has ${Y.length} entries, expected n × N_L = ${n * nOut}`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new Error(`${spec.name}: ${problems.join('; ')}`);
}
