// The confusion matrix of a classifier on a set: counts[true][predicted], the prediction being
// the argmax of the outputs (softmax) or ŷ > 0.5 (one sigmoid output), and the misclassified
// examples in the set's order.
import type { NetworkModule } from '../codegen/load.ts';
import type { Dataset } from './data.ts';
import { argmax } from './loop.ts';

export interface Confusion {
  /** counts[i][j]: examples of class i predicted as class j. */
  readonly counts: number[][];
  /** Each example's predicted class. */
  readonly predicted: Int32Array;
  /** Each example's true class. */
  readonly actual: Int32Array;
}

/** The class of each row of outputs (n × k) or targets: argmax, or ≥ 0.5 against 1 for one column. */
export function classesOf(values: Float64Array, n: number, k: number): Int32Array {
  return Int32Array.from({ length: n }, (_, e) => (k === 1 ? Number(values[e]! > 0.5) : argmax(values.subarray(e * k, (e + 1) * k))));
}

/** Counts of (true, predicted) over the set, from the module's forward pass. */
export function confusionMatrix(net: NetworkModule, theta: Float64Array, d: Dataset, classes: number): Confusion {
  const out = new Float64Array(d.n * d.outputs);
  if (d.n > 0) net.forward(theta, d.X, d.n, out);
  const predicted = classesOf(out, d.n, d.outputs);
  const actual = classesOf(d.Y, d.n, d.outputs);
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let e = 0; e < d.n; e++) counts[actual[e]!]![predicted[e]!]!++;
  return { counts, predicted, actual };
}
