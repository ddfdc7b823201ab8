// From a --data name to the standardised training and test sets the network expects.
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import { closest } from '../util/suggest.ts';
import { fitStandardizer, makeCircles, makeMoons, makeXor, oneHot, readCsv, standardize, trainTestSplit, type Dataset } from './data.ts';

export const DATA_SETS = ['circles', 'xor', 'moons'] as const;

export type Task = 'binary' | 'multiclass' | 'regression';

/** Seed 004's sets: circles(200, factor 0.5, noise 0.08); XOR and moons at the same size. */
export function loadDataset(name: string, seed: number): Dataset {
  if (name === 'circles') return makeCircles(200, { factor: 0.5, noise: 0.08, seed });
  if (name === 'xor') return makeXor(200, { noise: 0.1, seed });
  if (name === 'moons') return makeMoons(200, { noise: 0.1, seed });
  if (name.endsWith('.csv')) return readCsv(name);
  const hint = closest(name, DATA_SETS);
  throw new UserError(`--data: unknown data set "${name}" (${hint ? `did you mean "${hint}"? ` : ''}${DATA_SETS.join(', ')} or a .csv file)`);
}

export function taskOf(spec: NetworkSpec): Task {
  if (spec.loss === 'bce') return 'binary';
  return spec.loss.startsWith('cross_entropy') ? 'multiclass' : 'regression';
}

/** The data shaped for the spec: one-hot targets for the cross-entropies; sizes checked. */
export function fitToSpec(spec: NetworkSpec, d: Dataset, source: string): Dataset {
  const outputs = spec.layers[spec.layers.length - 1]!.units;
  const shaped = taskOf(spec) === 'multiclass' && d.outputs === 1 ? oneHot(d, outputs) : d;
  if (shaped.inputs !== spec.input || shaped.outputs !== outputs) {
    throw new UserError(`--data: ${source} has ${shaped.inputs} inputs and ${shaped.outputs} targets per example, the network ${spec.input} and ${outputs}`);
  }
  return shaped;
}

export interface Prepared {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** Load, shape, split (seeded), and standardise both parts with the training part's statistics. */
export function prepareData(spec: NetworkSpec, data: string, testSplit: number, seed: number): Prepared {
  const split = trainTestSplit(fitToSpec(spec, loadDataset(data, seed), data), testSplit, seed);
  const scaler = fitStandardizer(split.train);
  return { train: standardize(split.train, scaler), test: standardize(split.test, scaler) };
}
