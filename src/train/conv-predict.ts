// `symprop predict` for a convolutional network's parameters file: the images read as train
// reads them (shapes from --seed, a directory of class folders, a CSV of C·H·W pixel columns
// with or without a class column), the saved per-channel standardisation, the generated
// module's forward, and the accuracy when the data have classes.
import { compileNetwork } from '../api.ts';
import { volumeSize } from '../network/conv-spec.ts';
import { UserError, oneLine } from '../util/errors.ts';
import { visible } from '../util/escape.ts';
import { inputName } from '../util/fs.ts';
import { basename } from 'node:path';
import { imagesFromCsvTable, isImageCsv, loadImages, scaleChannels, type ImageShape } from './conv-data.ts';
import type { ConvTrainedParams } from './conv-params.ts';
import { readCsvTable } from './data.ts';
import type { LabelledImages } from './image-dir.ts';
import { argmax } from './loop.ts';
import { MAX_SAMPLES } from './prepare.ts';

/** Images to classify: raw pixels (channels first), where each came from, and its class when known. */
export interface ConvPredictData {
  readonly X: Float64Array;
  readonly n: number;
  /** "shapes #k", the image's path, or "FILE.csv:LINE". */
  readonly sources: readonly string[];
  /** Class k of the network (params.classes[k]) for each image, when the data have classes. */
  readonly labels?: Int32Array;
}

/** A labelled set's classes as the network's: by name (shapes, a directory's folders). */
function byName(params: ConvTrainedParams, data: string, d: LabelledImages): Int32Array {
  const index = d.classes.map((c) => {
    const k = params.classes.indexOf(c);
    if (k < 0) {
      const known = params.classes.length <= 8 ? ` (${params.classes.map(visible).join(', ')})` : '';
      throw new UserError(oneLine(`--data: ${visible(data)}: class "${visible(c)}" is not one of the ${params.classes.length} classes the network was trained on${known}`));
    }
    return k;
  });
  return d.labels.map((l) => index[l]!);
}

/** A CSV of C·H·W pixel columns, with a class column (labelled images) or without. */
function csvImages(params: ConvTrainedParams, data: string): ConvPredictData | LabelledImages {
  const v = params.spec.input;
  const size = volumeSize(v);
  const name = inputName(data);
  const table = readCsvTable(data);
  const cols = table.header.length;
  if (cols === size + 1) return imagesFromCsvTable(table, name, v, params.classes.length);
  if (cols !== size) {
    throw new UserError(oneLine(`${name}:${table.headerLine}: ${cols} columns; the network takes ${v.channels} × ${v.height} × ${v.width} = ${size} pixel values (give ${size} columns in channels-first order, or ${size + 1} with a class column)`));
  }
  const n = table.lines.length;
  if (n > MAX_SAMPLES) throw new UserError(`${name}: ${n} rows, over the limit of ${MAX_SAMPLES}`);
  return { X: table.values.slice(0, n * size), n, sources: Array.from(table.lines, (l) => `${basename(name)}:${l}`) };
}

/** The images of --data, in the order train reads them (all of them: predict does not split). */
export function convPredictData(params: ConvTrainedParams, data: string, seed: number, shape: ImageShape = {}): ConvPredictData {
  if (data !== 'shapes' && isImageCsv(data)) {
    if (shape.samples !== undefined || shape.noise !== undefined) throw new UserError(`--${shape.samples !== undefined ? 'samples' : 'noise'}: only for --data shapes, not "${visible(data)}"`);
    const csv = csvImages(params, data);
    // A CSV's class column holds the network's class indices (checked against its outputs).
    return 'labels' in csv ? { X: csv.X, n: csv.labels.length, sources: csv.sources, labels: csv.labels } : csv;
  }
  const d = loadImages(params.spec, data, seed, shape, params.classes.length);
  return { X: d.X, n: d.labels.length, sources: d.sources, labels: byName(params, data, d) };
}

/** ŷ for each image, the predicted class, and the accuracy when the classes are known. */
export interface ConvPredictions {
  /** n × width, row-major: ŷ as forward computes it (softmax probabilities, or one sigmoid). */
  readonly outputs: Float64Array;
  readonly width: number;
  /** The predicted class: argmax of the softmax, or ŷ > 0.5 for one sigmoid (train's rule). */
  readonly labels: Int32Array;
  readonly score?: number;
}

export async function convPredict(params: ConvTrainedParams, data: ConvPredictData): Promise<ConvPredictions> {
  const { spec } = params;
  const last = spec.layers.at(-1)!;
  const width = last.type === 'dense' ? last.units : 0;
  const net = await compileNetwork(spec);
  const outputs = new Float64Array(data.n * width);
  if (data.n > 0) net.forward(params.theta, scaleChannels(data.X, params.standardize, spec.input), data.n, outputs);
  const labels = Int32Array.from({ length: data.n }, (_, e) => (width === 1 ? Number(outputs[e]! > 0.5) : argmax(outputs.subarray(e * width, (e + 1) * width))));
  if (!data.labels) return { outputs, width, labels };
  const right = labels.reduce((s, k, e) => s + Number(k === data.labels![e]), 0);
  return { outputs, width, labels, score: data.n ? right / data.n : 0 };
}

const num = (v: number): string => String(Number(v.toPrecision(10)));

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The predictions as CSV: source, ŷ (yhat, or yhat1..yhatK), the predicted class index (label) and its name (class). */
export function convPredictionsCsv(params: ConvTrainedParams, data: ConvPredictData, p: ConvPredictions): string {
  const yhat = p.width === 1 ? ['yhat'] : Array.from({ length: p.width }, (_, i) => `yhat${i + 1}`);
  const header = ['source', ...yhat, 'label', 'class'];
  const rows = Array.from({ length: data.n }, (_, e) => [
    field(data.sources[e]!),
    ...Array.from(p.outputs.subarray(e * p.width, (e + 1) * p.width), num),
    String(p.labels[e]),
    field(params.classes[p.labels[e]!]!),
  ].join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
