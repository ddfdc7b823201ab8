// What `train --out DIR` writes: the trained θ with the standardisation it expects (JSON), the
// loss curve, the decision boundary for two inputs, and the gradient norms when they were
// recorded. Every file's content is made before the first is written, each is written
// atomically, and the bytes depend only on the run (no dates, fixed number formats).
import { join } from 'node:path';
import type { NetworkModule } from '../codegen/load.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { decisionBoundarySvg, type Grid, type PointSet } from '../plot/boundary.ts';
import { gradientNormsSvg } from '../plot/gradients.ts';
import { lossCurveSvg, type LossPlot } from '../plot/loss.ts';
import { extent, type Range } from '../plot/scale.ts';
import { symbol } from '../sheet/svg/text.ts';
import { fileStem, writeFilesAtomic } from '../util/fs.ts';
import type { Dataset, Standardizer } from './data.ts';
import type { WeightBlock } from './gradients.ts';
import { argmax, type EpochReport } from './loop.ts';
import type { TrainMessages } from './messages.ts';
import type { Task } from './targets.ts';

/** Cells per side of the decision-boundary grid: 50 × 50 forward passes, 8 px cells in the plot. */
export const GRID_CELLS = 50;

export interface TrainedRun {
  readonly spec: NetworkSpec;
  /** The data set's name for titles: circles, or a CSV file's base name. */
  readonly data: string;
  readonly task: Task;
  readonly standardizer: Standardizer;
  readonly net: NetworkModule;
  readonly theta: Float64Array;
  readonly train: Dataset;
  readonly test: Dataset;
  readonly reports: readonly EpochReport[];
  readonly blocks: readonly WeightBlock[];
}

export interface WrittenFile {
  readonly label: string;
  readonly path: string;
}

/** Column j of X (n × inputs) over both sets, widened by 10 % of its span on each side. */
function paddedRange(sets: readonly Dataset[], j: number): Range {
  const values = sets.flatMap((d) => Array.from({ length: d.n }, (_, e) => d.X[e * d.inputs + j]!));
  const r = extent(values) ?? { min: -1, max: 1 };
  const pad = Math.max(0.1 * (r.max - r.min), 0.5);
  return { min: r.min - pad, max: r.max + pad };
}

/**
 * The network's first output (or with `classes`, the index of the largest output) at the
 * centres of n × n cells covering both sets' inputs (two inputs).
 */
export function outputGrid(net: NetworkModule, theta: Float64Array, sets: readonly Dataset[], n = GRID_CELLS, classes = false): Grid {
  const [x, y] = [paddedRange(sets, 0), paddedRange(sets, 1)];
  const X = new Float64Array(n * n * 2);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      X[2 * (j * n + i)] = x.min + ((i + 0.5) / n) * (x.max - x.min);
      X[2 * (j * n + i) + 1] = y.min + ((j + 0.5) / n) * (y.max - y.min);
    }
  }
  const outputs = net.layerSizes[net.layerSizes.length - 1]!;
  const out = new Float64Array(n * n * outputs);
  net.forward(theta, X, n * n, out);
  const values = Float64Array.from({ length: n * n }, (_, c) => (classes ? argmax(out.subarray(c * outputs, (c + 1) * outputs)) : out[c * outputs]!));
  return { nx: n, ny: n, x, y, values };
}

/** A plane to draw for two inputs: one sigmoid output, softmax classes, or a one-output regression. */
function hasBoundary(run: TrainedRun): boolean {
  return run.spec.input === 2 && (run.task === 'multiclass' || run.train.outputs === 1);
}

/** The points with their class index: a one-hot row becomes the index of its 1. */
function pointSet(d: Dataset, task: Task): PointSet {
  if (task !== 'multiclass') return d;
  return { X: d.X, Y: Array.from({ length: d.n }, (_, e) => argmax(d.Y.subarray(e * d.outputs, (e + 1) * d.outputs))) };
}

function boundarySvg(run: TrainedRun, m: TrainMessages): string {
  const subject = m.subject(run.spec.name, run.data);
  const titles = { binary: m.boundaryTitle, multiclass: m.regionsTitle, regression: m.outputTitle } as const;
  return decisionBoundarySvg({
    decimal: m.decimal,
    title: titles[run.task](subject),
    kind: run.task,
    grid: outputGrid(run.net, run.theta, [run.train, run.test], GRID_CELLS, run.task === 'multiclass'),
    ...(run.task === 'multiclass' ? { classes: run.train.outputs } : {}),
    train: pointSet(run.train, run.task),
    test: pointSet(run.test, run.task),
    labels: { x: m.inputAxis(1), y: m.inputAxis(2), train: m.trainPoints, test: m.testPoints, boundary: 'ŷ = 0.5', classLabel: m.classLabel, trainSet: m.trainSet, testSet: m.testSet },
  });
}

/** The validation loss per epoch, when the run had a validation set. */
function validationCurve(run: TrainedRun, m: TrainMessages): { validation?: NonNullable<LossPlot['validation']> } {
  if (run.reports[0]?.validationLoss === undefined) return {};
  return { validation: { losses: run.reports.map((r) => r.validationLoss!), trainLabel: m.trainingLoss, validationLabel: m.validationLoss } };
}

function paramsJson(run: TrainedRun): string {
  const standardize = { mean: [...run.standardizer.mean], std: [...run.standardizer.std] };
  return `${JSON.stringify({ spec: run.spec, standardize, theta: [...run.theta] })}\n`;
}

function gradientsSvg(run: TrainedRun, m: TrainMessages): string {
  const series = run.blocks.map((b, k) => ({ label: symbol(b.name), values: run.reports.map((r) => r.gradientNorms?.[k] ?? NaN) }));
  const epochs = run.reports.map((r) => r.epoch);
  return gradientNormsSvg({ decimal: m.decimal, title: m.gradientsTitle(m.subject(run.spec.name, run.data)), epochs, series, xLabel: m.epochAxis, yLabel: m.gradientAxis });
}

/** The files for this run (contents and paths), in the order they are printed. */
export function outputFiles(run: TrainedRun, dir: string, m: TrainMessages): (WrittenFile & { readonly content: string })[] {
  const base = (suffix: string): string => join(dir, `${fileStem(run.spec.name)}.${suffix}`);
  const losses = [run.reports[0]?.lossBefore ?? NaN, ...run.reports.map((r) => r.lossAfter)];
  const files = [
    { label: m.files.params, path: base('params.json'), content: paramsJson(run) },
    { label: m.files.loss, path: base('loss.svg'), content: lossCurveSvg({ decimal: m.decimal, title: m.lossTitle(m.subject(run.spec.name, run.data)), losses, xLabel: m.epochAxis, yLabel: run.reports[0]?.validationLoss === undefined ? m.lossAxis : m.lossAxisBoth, ...validationCurve(run, m) }) },
  ];
  if (hasBoundary(run)) files.push({ label: m.files.boundary, path: base('boundary.svg'), content: boundarySvg(run, m) });
  if (run.reports.some((r) => r.gradientNorms)) files.push({ label: m.files.gradients, path: base('gradients.svg'), content: gradientsSvg(run, m) });
  return files;
}

/** All the run's files or none (a full disk leaves none of them half-written or missing); never over an input. */
export function writeOutputs(run: TrainedRun, dir: string, m: TrainMessages, inputs: readonly string[] = []): WrittenFile[] {
  const files = outputFiles(run, dir, m);
  writeFilesAtomic(files, inputs);
  return files.map(({ label, path }) => ({ label, path }));
}
