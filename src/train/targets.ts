// Does a data set fit the network? The input count must match, and each target must be one
// the loss can read: 0 or 1 for bce (a probability's label), a class index 0..K−1 for the
// cross-entropies (one-hot encoded afterwards), any number for regression.
import type { NetworkSpec } from '../network/spec.ts';
import { UserError, oneLine } from '../util/errors.ts';
import type { Dataset } from './data.ts';

export type Task = 'binary' | 'multiclass' | 'regression';

export function taskOf(spec: NetworkSpec): Task {
  if (spec.loss === 'bce') return 'binary';
  return spec.loss.startsWith('cross_entropy') ? 'multiclass' : 'regression';
}

const outputsOf = (spec: NetworkSpec): number => spec.layers[spec.layers.length - 1]!.units;
const count = (n: number, word: string, plural = `${word}s`): string => `${n} ${n === 1 ? word : plural}`;

/** "circles has 2 inputs and 2 classes; the network takes 4 inputs and has 3 outputs", or undefined when the sizes fit. */
function sizeProblem(spec: NetworkSpec, d: Dataset, source: string): string | undefined {
  const outputs = outputsOf(spec);
  // A class index is one target column but one output per class: count classes, not columns.
  const targets = taskOf(spec) === 'multiclass' ? count(new Set(d.Y).size, 'class', 'classes') : count(d.outputs, 'target');
  const fits = d.inputs === spec.input && (taskOf(spec) === 'multiclass' || d.outputs === outputs);
  if (fits) return undefined;
  return `--data: ${source} has ${count(d.inputs, 'input')} and ${targets}; the network takes ${count(spec.input, 'input')} and has ${count(outputs, 'output')}`;
}

/** Why target t cannot train this network, or undefined when it can. */
function targetProblem(spec: NetworkSpec, t: number): string | undefined {
  const task = taskOf(spec);
  if (task === 'binary') return t === 0 || t === 1 ? undefined : `target ${t} is not 0 or 1 (the network ends in a sigmoid with bce)`;
  if (task === 'regression') return undefined;
  const k = outputsOf(spec);
  return Number.isInteger(t) && t >= 0 && t < k ? undefined : `target ${t} is not a class index 0..${k - 1} (${spec.loss} over the network's ${k} outputs)`;
}

/** A UserError for the first example that does not fit the network, at its CSV line (FILE:LINE) when known. */
export function checkFit(spec: NetworkSpec, d: Dataset, source: string): void {
  const size = sizeProblem(spec, d, source);
  if (size) throw new UserError(oneLine(size));
  for (let e = 0; e < d.n; e++) {
    const problem = targetProblem(spec, d.Y[e]!);
    if (problem) throw new UserError(oneLine(`${d.lines ? `${source}:${d.lines[e]}` : `${source}: example ${e + 1}`}: ${problem}`));
  }
}
