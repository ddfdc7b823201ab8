// From a --data name to the standardised training and test sets the network expects.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import { STDIN } from '../util/fs.ts';
import { closest } from '../util/suggest.ts';
import { fitStandardizer, makeCircles, makeMoons, makeXor, oneHot, readCsv, standardize, trainTestSplit, type Dataset, type Standardizer } from './data.ts';
import { subSeed } from './rng.ts';
import { checkFit, taskOf } from './targets.ts';

export { taskOf, type Task } from './targets.ts';

export const DATA_SETS = ['circles', 'xor', 'moons'] as const;

/** A name that can only mean a file: it has a directory part or a .csv extension (any case). */
const looksLikeFile = (name: string): boolean => /[/\\]/.test(name) || /\.csv$/i.test(name);
const exists = (path: string): boolean => statSync(path, { throwIfNoEntry: false }) !== undefined;

/** The shape of a generated set (--samples, --noise, --factor); each has CSI 4106's default. */
export interface DataShape {
  readonly samples?: number;
  readonly noise?: number;
  /** circles only: the inner circle's radius relative to the outer one. */
  readonly factor?: number;
}

/** Limits of a training run (README, "Limits"): a generated set of 10⁶ points is 16 MB of inputs. */
export const MAX_SAMPLES = 1_000_000;
export const MAX_EPOCHS = 1_000_000;

/** Seed 004's sets: circles(200, factor 0.5, noise 0.08); XOR and moons at the same size, noise 0.1. */
export const DATA_DEFAULTS = {
  samples: 200,
  noise: { circles: 0.08, xor: 0.1, moons: 0.1 },
  factor: 0.5,
} as const;

/**
 * A data set in memory (the library's alternative to a name or a CSV path): n examples,
 * X row-major (n × inputs), and Y one target per example as a CSV's last column holds it
 * (0/1 for a sigmoid output, the class index for softmax, the value for regression).
 */
export interface ArrayData {
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly inputs: number;
}

/** What a run trains on: circles, xor, moons, a CSV path (`-`: stdin), or arrays. */
export type DataSource = string | ArrayData;

/** How messages name the data. */
export const dataLabel = (data: DataSource): string => (typeof data === 'string' ? data : 'data');

function fromArrays(d: ArrayData): Dataset {
  const fail = (why: string): never => {
    throw new UserError(`data: ${why}`);
  };
  if (!(d.X instanceof Float64Array) || !(d.Y instanceof Float64Array)) fail('X and Y must be Float64Array');
  if (!Number.isInteger(d.inputs) || d.inputs < 1) fail(`inputs must be a positive integer, got ${d.inputs}`);
  const n = d.X.length / d.inputs;
  if (!Number.isInteger(n)) fail(`X has ${d.X.length} values, not a multiple of inputs = ${d.inputs}`);
  if (d.Y.length !== n) fail(`Y has ${d.Y.length} values for ${n} examples (one target per example)`);
  if (n === 0) fail('no examples');
  if (n > MAX_SAMPLES) fail(`${n} examples, over the limit of ${MAX_SAMPLES}`);
  const bad = (a: Float64Array): number => a.findIndex((v) => !Number.isFinite(v));
  if (bad(d.X) >= 0) fail(`X[${bad(d.X)}] is ${d.X[bad(d.X)]}, not a finite number`);
  if (bad(d.Y) >= 0) fail(`Y[${bad(d.Y)}] is ${d.Y[bad(d.Y)]}, not a finite number`);
  return { X: Float64Array.from(d.X), Y: Float64Array.from(d.Y), n, inputs: d.inputs, outputs: 1 };
}

/** A generated set with `shape` over DATA_DEFAULTS; any other existing path is read as CSV. */
export function loadDataset(source: DataSource, seed: number, shape: DataShape = {}): Dataset {
  if (typeof source !== 'string') {
    if (shape.samples !== undefined || shape.noise !== undefined || shape.factor !== undefined) throw new UserError('data: samples, noise and factor shape the generated sets only, not arrays');
    return fromArrays(source);
  }
  const name = source;
  const s = subSeed(seed, 'data');
  const n = shape.samples ?? DATA_DEFAULTS.samples;
  const noise = (set: keyof typeof DATA_DEFAULTS.noise): number => shape.noise ?? DATA_DEFAULTS.noise[set];
  if (name === 'circles') return makeCircles(n, { factor: shape.factor ?? DATA_DEFAULTS.factor, noise: noise('circles'), seed: s });
  if (shape.factor !== undefined) throw new UserError(`--factor: only for --data circles, not "${name}"`);
  if (name === 'xor') return makeXor(n, { noise: noise('xor'), seed: s });
  if (name === 'moons') return makeMoons(n, { noise: noise('moons'), seed: s });
  if (shape.samples !== undefined || shape.noise !== undefined) {
    throw new UserError(`--${shape.samples !== undefined ? 'samples' : 'noise'}: only for the generated data sets (${DATA_SETS.join(', ')}), not a CSV file`);
  }
  if (name === STDIN || looksLikeFile(name) || exists(name)) return readCsv(name);
  const hint = closest(name, DATA_SETS);
  throw new UserError(`--data: unknown data set "${name}" (${hint ? `did you mean "${hint}"? ` : ''}${DATA_SETS.join(', ')} or a CSV file)`);
}

/** The name plots show: a built-in set's, or a file's base name. */
export function dataName(data: DataSource): string {
  if (typeof data !== 'string') return 'data';
  return (DATA_SETS as readonly string[]).includes(data) ? data : data === STDIN ? 'stdin' : basename(data);
}

/** The data shaped for the spec: sizes and targets checked, one-hot targets for the cross-entropies. */
export function fitToSpec(spec: NetworkSpec, d: Dataset, source: string): Dataset {
  checkFit(spec, d, source);
  return taskOf(spec) === 'multiclass' ? oneHot(d, spec.layers[spec.layers.length - 1]!.units) : d;
}

export interface Prepared {
  readonly train: Dataset;
  readonly test: Dataset;
  /** Held out of the training split for validation (empty without a validation split). */
  readonly validation: Dataset;
  /** The training split's statistics, applied to both splits (and saved with θ). */
  readonly standardizer: Standardizer;
}

/** Load, shape, split (seeded), and standardise both parts with the training part's statistics. */
export function prepareData(spec: NetworkSpec, data: DataSource, testSplit: number, seed: number, shape: DataShape = {}, validationSplit = 0): Prepared {
  const all = fitToSpec(spec, loadDataset(data, seed, shape), dataLabel(data));
  const split = trainTestSplit(all, testSplit, subSeed(seed, 'split'));
  if (split.train.n === 0) {
    throw new UserError(`--test-split ${testSplit}: no training examples left (${dataLabel(data)} has ${all.n}, all held out for testing)`);
  }
  // The validation set comes out of the training split (its own seed stream), so the test
  // split is the same with or without one.
  const held = validationSplit > 0 ? trainTestSplit(split.train, validationSplit, subSeed(seed, 'validation')) : { train: split.train, test: { X: new Float64Array(0), Y: new Float64Array(0), n: 0, inputs: split.train.inputs, outputs: split.train.outputs } };
  if (validationSplit > 0 && (held.train.n === 0 || held.test.n === 0)) {
    throw new UserError(`--validation-split ${validationSplit}: ${split.train.n} training examples leave ${held.train.n} to train on and ${held.test.n} to validate with`);
  }
  const standardizer = fitStandardizer(held.train);
  return { train: standardize(held.train, standardizer), test: standardize(split.test, standardizer), validation: standardize(held.test, standardizer), standardizer };
}
