// The data of a convolutional network: `--data shapes` (the built-in figures at the spec's
// input size), a directory of class folders, or a CSV of C·H·W pixel columns and a class
// column; split (seeded) and scaled per channel with the training split's statistics:
//   x_{c,r,t} ← (x_{c,r,t} − μ_c) / σ_c, μ_c and σ_c over every pixel of channel c of every
//   training image.
// Per channel, never per pixel (a border pixel constant over the training set would divide by
// zero); a channel constant over the whole training split gets σ_c = 1.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ConvNetSpec, Volume } from '../network/conv-spec.ts';
import { UserError, oneLine } from '../util/errors.ts';
import { visible } from '../util/escape.ts';
import { inputName } from '../util/fs.ts';
import { readCsvTable, type CsvTable, type Dataset } from './data.ts';
import { checkImageValues, readImageDirectory, type LabelledImages } from './image-dir.ts';
import { MAX_SAMPLES } from './prepare.ts';
import { mulberry32, shuffleInPlace, stream, subSeed } from './rng.ts';
import { SHAPE_CLASSES, shapesDataset } from './shapes.ts';

/** `--samples` and `--noise` of the shapes set. */
export interface ImageShape {
  readonly samples?: number;
  readonly noise?: number;
}

/** 1600 figures (400 a class), pixel noise σ = 0.1: the 16 × 16 cnn-shapes net reaches 0.95 on the test split with 800 only on some seeds. */
export const SHAPES_DEFAULTS = { samples: 1600, noise: 0.1 } as const;

/** Per channel mean and standard deviation of the training split (C values each). */
export interface ChannelScaler {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** What an image classifier learns: softmax over K classes, or one sigmoid output for two. */
export type ImageTask = 'multiclass' | 'binary';

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
const exists = (path: string): boolean => statSync(path, { throwIfNoEntry: false }) !== undefined;

/** A UserError unless the spec classifies: softmax + a cross-entropy, or one sigmoid + bce. */
export function imageTask(spec: ConvNetSpec): ImageTask {
  if (spec.loss.startsWith('cross_entropy')) return 'multiclass';
  if (spec.loss === 'bce') return 'binary';
  throw new UserError(`${spec.name}: image data sets are classified, so the network must end in softmax with cross_entropy (or one sigmoid with bce for two classes), not ${spec.loss}`);
}

/** The network's outputs. */
const outputsOf = (spec: ConvNetSpec): number => {
  const last = spec.layers.at(-1)!;
  return last.type === 'dense' ? last.units : 0;
};

/** The classes the network tells apart: its outputs for softmax, 2 for one sigmoid. */
export const classCount = (spec: ConvNetSpec, task: ImageTask): number => (task === 'multiclass' ? outputsOf(spec) : 2);

/** Is `data` (not shapes) read as a CSV: named .csv, an existing file that is not a directory, or stdin? */
export const isImageCsv = (data: string): boolean => !isDirectory(data) && (/\.csv$/i.test(data) || exists(data) || data === '-');

/** The images of `data` at the spec's input size: shapes, a directory of class folders, or a CSV (class indices 0..classes−1). */
export function loadImages(spec: ConvNetSpec, data: string, seed: number, shape: ImageShape = {}, classes = classCount(spec, imageTask(spec))): LabelledImages {
  const v = spec.input;
  if (data === 'shapes') {
    const samples = shape.samples ?? SHAPES_DEFAULTS.samples;
    checkImageValues('shapes', samples, v);
    if (classes > SHAPE_CLASSES.length) throw new UserError(oneLine(`--data: shapes has at most ${SHAPE_CLASSES.length} classes (${SHAPE_CLASSES.join(', ')}); ${spec.name} tells ${classes} apart`));
    const set = shapesDataset({ samples, channels: v.channels, height: v.height, width: v.width, noise: shape.noise ?? SHAPES_DEFAULTS.noise, classes: Math.max(2, classes) }, stream(seed, 'data'));
    return { ...set, sources: Array.from({ length: samples }, (_, i) => `shapes #${i + 1}`) };
  }
  if (shape.samples !== undefined || shape.noise !== undefined) throw new UserError(`--${shape.samples !== undefined ? 'samples' : 'noise'}: only for --data shapes, not "${visible(data)}"`);
  if (isDirectory(data)) return readImageDirectory(data, v);
  if (isImageCsv(data)) return readImageCsv(data, v, classes);
  throw new UserError(oneLine(`--data: "${visible(data)}" is neither shapes, a directory of class folders, nor a CSV file (${spec.name} is a convolutional network)`));
}

/** The class column: a header named label or class (any case), else the last column. */
export function classColumn(header: readonly string[]): number {
  const named = header.findIndex((h) => /^(label|class)$/i.test(h));
  return named >= 0 ? named : header.length - 1;
}

/** A CSV of pixel values (C·H·W columns in channels-first order) and one class column (an index 0..classes−1). */
export function readImageCsv(path: string, v: Volume, classes: number): LabelledImages {
  return imagesFromCsvTable(readCsvTable(path), inputName(path), v, classes);
}

/** readImageCsv on a table already read (`name` for messages). */
export function imagesFromCsvTable(table: CsvTable, name: string, v: Volume, classes: number): LabelledImages {
  const cols = table.header.length;
  const size = v.channels * v.height * v.width;
  const target = classColumn(table.header);
  if (cols !== size + 1) {
    throw new UserError(oneLine(`${name}:${table.headerLine}: ${cols - 1} pixel columns besides the class column "${visible(table.header[target]!)}"; the network takes ${v.channels} × ${v.height} × ${v.width} = ${size}`));
  }
  const n = table.lines.length;
  if (n > MAX_SAMPLES) throw new UserError(`${name}: ${n} rows, over the limit of ${MAX_SAMPLES}`);
  const X = new Float64Array(n * size);
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const row = table.values.subarray(r * cols, (r + 1) * cols);
    const k = row[target]!;
    if (!Number.isInteger(k) || k < 0 || k >= classes) {
      throw new UserError(oneLine(`${name}:${table.lines[r]}: class ${k} in column "${visible(table.header[target]!)}" is not a class index 0..${classes - 1} (the network tells ${classes} classes apart)`));
    }
    labels[r] = k;
    for (let j = 0, o = r * size; j < cols; j++) if (j !== target) X[o++] = row[j]!;
  }
  return { X, labels, classes: Array.from({ length: classes }, (_, k) => String(k)), sources: Array.from(table.lines, (l) => `${basename(name)}:${l}`) };
}

/** μ_c and σ_c (population) of each channel over n examples; σ_c = 1 for a constant channel. */
export function fitChannelScaler(X: Float64Array, n: number, v: Volume): ChannelScaler {
  const plane = v.height * v.width;
  const mean = new Float64Array(v.channels);
  const std = new Float64Array(v.channels);
  const count = n * plane;
  for (let e = 0; e < n; e++) for (let c = 0; c < v.channels; c++) for (let p = 0, o = (e * v.channels + c) * plane; p < plane; p++) mean[c]! += X[o + p]! / count;
  for (let e = 0; e < n; e++) for (let c = 0; c < v.channels; c++) for (let p = 0, o = (e * v.channels + c) * plane; p < plane; p++) std[c]! += (X[o + p]! - mean[c]!) ** 2 / count;
  for (let c = 0; c < v.channels; c++) std[c] = std[c]! > 1e-24 ? Math.sqrt(std[c]!) : 1;
  return { mean, std };
}

/** A copy of X with (x − μ_c)/σ_c applied channel by channel. */
export function scaleChannels(X: Float64Array, s: ChannelScaler, v: Volume): Float64Array {
  const plane = v.height * v.width;
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    const c = Math.floor(i / plane) % v.channels;
    out[i] = (X[i]! - s.mean[c]!) / s.std[c]!;
  }
  return out;
}

/** A split of labelled images: its raw pixels, classes and sources, by example index. */
export interface ImageSplit {
  readonly X: Float64Array;
  readonly labels: Int32Array;
  readonly sources: readonly string[];
  readonly n: number;
}

function pick(d: LabelledImages, rows: ArrayLike<number>, size: number): ImageSplit {
  const X = new Float64Array(rows.length * size);
  const labels = new Int32Array(rows.length);
  const sources: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const e = rows[r]!;
    X.set(d.X.subarray(e * size, (e + 1) * size), r * size);
    labels[r] = d.labels[e]!;
    sources.push(d.sources[e]!);
  }
  return { X, labels, sources, n: rows.length };
}

/** A seeded split as trainTestSplit makes it: the test part is the first round(n·f) of a shuffled order. */
export function splitImages(d: LabelledImages, fraction: number, seed: number, size: number): { train: ImageSplit; test: ImageSplit } {
  const n = d.labels.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, mulberry32(seed));
  const nTest = Math.round(n * fraction);
  return { train: pick(d, order.subarray(nTest), size), test: pick(d, order.subarray(0, nTest), size) };
}

/** The network's inputs and targets: scaled pixels, one-hot rows (softmax) or 0/1 (one sigmoid). */
export function toDataset(s: ImageSplit, scaler: ChannelScaler, v: Volume, task: ImageTask, classes: number): Dataset {
  const outputs = task === 'multiclass' ? classes : 1;
  const Y = new Float64Array(s.n * outputs);
  for (let e = 0; e < s.n; e++) {
    if (task === 'multiclass') Y[e * outputs + s.labels[e]!] = 1;
    else Y[e] = s.labels[e]!;
  }
  return { X: scaleChannels(s.X, scaler, v), Y, n: s.n, inputs: v.channels * v.height * v.width, outputs };
}

export interface PreparedImages {
  readonly classes: readonly string[];
  readonly task: ImageTask;
  readonly scaler: ChannelScaler;
  readonly train: Dataset;
  readonly test: Dataset;
  readonly validation: Dataset;
  /** The test split's raw pixels (in the data's own range), classes and sources. */
  readonly testImages: ImageSplit;
}

/** A UserError unless the data's classes match the network's outputs. */
function checkClasses(spec: ConvNetSpec, data: string, d: LabelledImages, task: ImageTask): void {
  const outputs = outputsOf(spec);
  const want = task === 'multiclass' ? outputs : 2;
  if (d.classes.length === want) return;
  const listed = d.classes.length <= 6 ? ` (${d.classes.map(visible).join(', ')})` : '';
  const network = task === 'multiclass' ? `${outputs} outputs` : 'one sigmoid output (2 classes)';
  throw new UserError(oneLine(`--data: ${visible(data)} has ${d.classes.length} class${d.classes.length === 1 ? '' : 'es'}${listed}; the network has ${network}`));
}

/** Load, check, split (test, then validation out of the training part) and scale per channel. */
export function prepareImages(spec: ConvNetSpec, data: string, testSplit: number, seed: number, shape: ImageShape = {}, validationSplit = 0): PreparedImages {
  const task = imageTask(spec);
  const v = spec.input;
  const size = v.channels * v.height * v.width;
  const classes = loadImages(spec, data, seed, shape, classCount(spec, task));
  checkClasses(spec, data, classes, task);
  const split = splitImages(classes, testSplit, subSeed(seed, 'split'), size);
  if (split.train.n === 0) throw new UserError(`--test-split ${testSplit}: no training examples left (${visible(data)} has ${classes.labels.length}, all held out for testing)`);
  const held = validationSplit > 0 ? splitImages({ ...classes, ...split.train }, validationSplit, subSeed(seed, 'validation'), size) : { train: split.train, test: pick(classes, [], size) };
  if (validationSplit > 0 && (held.train.n === 0 || held.test.n === 0)) {
    throw new UserError(`--validation-split ${validationSplit}: ${split.train.n} training examples leave ${held.train.n} to train on and ${held.test.n} to validate with`);
  }
  const scaler = fitChannelScaler(held.train.X, held.train.n, v);
  const k = classes.classes.length;
  const dataset = (s: ImageSplit): Dataset => toDataset(s, scaler, v, task, k);
  return { classes: classes.classes, task, scaler, train: dataset(held.train), test: dataset(split.test), validation: dataset(held.test), testImages: split.test };
}
