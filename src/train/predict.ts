// Predictions of a trained network (symprop predict): the parameters file `train --out`
// writes (spec, the training split's standardisation, θ), inputs from a CSV (with or without
// the target column) or a generated set, the generated module's forward, and the score when
// targets are there.
import { compileNetwork } from '../api.ts';
import { paramCount, type NetworkSpec } from '../network/spec.ts';
import { validateSpec } from '../network/validate.ts';
import { isConvSpec } from '../network/any-spec.ts';
import { isConvJson } from '../network/conv-spec.ts';
import { UserError, oneLine } from '../util/errors.ts';
import { visible } from '../util/escape.ts';
import { inputName } from '../util/fs.ts';
import { convParams, type ConvTrainedParams } from './conv-params.ts';
import { readCsvTable, standardize, type Dataset, type Standardizer } from './data.ts';
import { argmax, evaluateModel } from './loop.ts';
import { DATA_SETS, fitToSpec, loadDataset, type DataShape } from './prepare.ts';
import { readParamsFile, type ParamsFile } from './params-file.ts';
import { taskOf, type Task } from './targets.ts';

/** What `train --out` saves as NAME.params.json. */
export interface TrainedParams {
  readonly spec: NetworkSpec;
  readonly standardize: Standardizer;
  readonly theta: Float64Array;
}

/** Read and check a parameters file: its spec, a mean and std per input, θ of the spec's size, all finite. */
export function loadParams(path: string): TrainedParams {
  return denseParams(readParamsFile(path));
}

function denseParams(file: ParamsFile): TrainedParams {
  const { json, numbers, positive } = file;
  const spec = validateSpec(json.spec, `${file.name}: spec`);
  const mean = numbers('standardize.mean', json.standardize?.mean, spec.input);
  const std = positive('standardize.std', numbers('standardize.std', json.standardize?.std, spec.input));
  const theta = numbers('theta', json.theta, paramCount(spec));
  return { spec, standardize: { mean, std }, theta };
}

/** A parameters file of either kind: a dense network's, or a convolutional one's (conv-params.ts). */
export type AnyTrainedParams = TrainedParams | ConvTrainedParams;

export const isConvParams = (p: AnyTrainedParams): p is ConvTrainedParams => isConvSpec(p.spec);

/** Read and check a parameters file of either kind, told apart by its spec. */
export function loadAnyParams(path: string): AnyTrainedParams {
  const file = readParamsFile(path);
  return isConvJson(file.json.spec) ? convParams(file) : denseParams(file);
}

/** Inputs to predict, with their targets when the data has them. */
export interface PredictData {
  readonly X: Float64Array;
  readonly n: number;
  /** One target per example (a CSV's last column), when present. */
  readonly Y?: Float64Array;
  /** Column names for the output file: the CSV's header, or x1, x2, …. */
  readonly columns: readonly string[];
}

/**
 * A generated set (all of it, seeded like train's), or a CSV with either the network's input
 * columns only, or those and the target column.
 */
export function predictData(spec: NetworkSpec, data: string, seed: number, shape: DataShape = {}): PredictData {
  const columns = Array.from({ length: spec.input }, (_, i) => `x${i + 1}`);
  if ((DATA_SETS as readonly string[]).includes(data)) {
    const d = loadDataset(data, seed, shape);
    if (d.inputs !== spec.input) throw new UserError(`--data: ${data} has ${d.inputs} inputs; the network takes ${spec.input}`);
    return { X: d.X, n: d.n, Y: d.Y, columns };
  }
  const flag = (['samples', 'noise', 'factor'] as const).find((k) => shape[k] !== undefined);
  if (flag) throw new UserError(oneLine(`--${flag}: only for a generated set (${DATA_SETS.join(', ')}), not the CSV file "${visible(data)}"`));
  const t = readCsvTable(data);
  const name = inputName(data);
  const cols = t.header.length;
  if (cols !== spec.input && cols !== spec.input + 1) {
    throw new UserError(oneLine(`${name}:${t.headerLine}: ${cols} columns; the network takes ${spec.input} inputs (give ${spec.input} columns, or ${spec.input + 1} with the target last)`));
  }
  const n = t.lines.length;
  const X = new Float64Array(n * spec.input);
  for (let r = 0; r < n; r++) X.set(t.values.subarray(r * cols, r * cols + spec.input), r * spec.input);
  if (cols === spec.input) return { X, n, columns: t.header };
  const Y = Float64Array.from({ length: n }, (_, r) => t.values[r * cols + spec.input]!);
  return { X, n, Y, columns: t.header.slice(0, spec.input) };
}

export interface Predictions {
  readonly task: Task;
  /** n × outputs, row-major: ŷ as forward computes it. */
  readonly outputs: Float64Array;
  readonly width: number;
  /** Classifiers: the predicted class (0/1 for a sigmoid, argmax for softmax). */
  readonly labels?: Int32Array;
  /** With targets: accuracy (classifiers) or mean squared error (regression). */
  readonly score?: number;
}

/** forward of the generated module on the standardised inputs; the score when there are targets. */
export async function predict(params: TrainedParams, data: PredictData): Promise<Predictions> {
  const { spec } = params;
  const task = taskOf(spec);
  const width = spec.layers[spec.layers.length - 1]!.units;
  const x = standardize({ X: data.X, Y: new Float64Array(0), n: data.n, inputs: spec.input, outputs: 0 }, params.standardize);
  const net = await compileNetwork(spec);
  const outputs = new Float64Array(data.n * width);
  net.forward(params.theta, x.X, data.n, outputs);
  const labels = task === 'regression' ? undefined : Int32Array.from({ length: data.n }, (_, e) => (task === 'binary' ? Number(outputs[e]! > 0.5) : argmax(outputs.subarray(e * width, (e + 1) * width))));
  if (!data.Y) return { task, outputs, width, ...(labels ? { labels } : {}) };
  // The same checks and one-hot encoding as training's data get.
  const scored: Dataset = fitToSpec(spec, { X: x.X, Y: data.Y, n: data.n, inputs: spec.input, outputs: 1 }, 'data');
  return { task, outputs, width, ...(labels ? { labels } : {}), score: evaluateModel(net, params.theta, scored, task) };
}

const num = (v: number): string => String(Number(v.toPrecision(10)));

/** The predictions as CSV: the inputs as given, ŷ (yhat, or yhat1..yhatK), and the label for classifiers. */
export function predictionsCsv(data: PredictData, p: Predictions): string {
  const yhat = p.width === 1 ? ['yhat'] : Array.from({ length: p.width }, (_, i) => `yhat${i + 1}`);
  const header = [...data.columns, ...yhat, ...(p.labels ? ['label'] : [])];
  const inputs = data.columns.length;
  const rows = Array.from({ length: data.n }, (_, e) => [
    ...Array.from(data.X.subarray(e * inputs, (e + 1) * inputs), num),
    ...Array.from(p.outputs.subarray(e * p.width, (e + 1) * p.width), num),
    ...(p.labels ? [String(p.labels[e])] : []),
  ].join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
