// What `train CNN --out DIR` writes: the trained θ with the per-channel scaling it expects and
// the class names (JSON), the loss curve, the confusion matrix, the first conv layer's filters
// and the misclassified test images (SVG). All made before the first is written, each written
// atomically, the bytes depending only on the run.
import { join } from 'node:path';
import { confusionSvg } from '../plot/confusion.ts';
import { filtersSvg } from '../plot/filters.ts';
import { imageGridSvg, type GridImage } from '../plot/image-grid.ts';
import { lossCurveSvg } from '../plot/loss.ts';
import { convParamBlocks } from '../network/conv-spec.ts';
import { fileStem, writeFilesAtomic } from '../util/fs.ts';
import type { ConvTrainedRun } from './conv-run.ts';
import type { TrainMessages } from './messages.ts';
import type { WrittenFile } from './outputs.ts';

/** Misclassified test images drawn at most (the caption says how many there were). */
export const MAX_SHOWN = 32;

function paramsJson(run: ConvTrainedRun): string {
  const standardize = { per: 'channel', mean: [...run.scaler.mean], std: [...run.scaler.std] };
  return `${JSON.stringify({ spec: run.spec, classes: run.classes, standardize, theta: [...run.theta] })}\n`;
}

function confusionPicture(run: ConvTrainedRun, m: TrainMessages): string {
  const { counts } = run.confusion;
  const n = counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const right = counts.reduce((s, row, i) => s + row[i]!, 0);
  return confusionSvg({
    title: m.images.confusionTitle(m.subject(run.spec.name, run.data)),
    counts,
    classes: run.classes,
    trueLabel: m.images.trueClass,
    predictedLabel: m.images.predictedClass,
    caption: m.images.confusionCaption(run.confusionSet, n, m.decimal((n ? right / n : 0).toFixed(4))),
  });
}

/** The first conv layer's kernel K_k, or undefined when the network has none. */
function filtersPicture(run: ConvTrainedRun, m: TrainMessages): string | undefined {
  const block = convParamBlocks(run.spec).find((b) => b.shape.length === 4);
  if (!block) return undefined;
  const [F, C, kh, kw] = block.shape as [number, number, number, number];
  return filtersSvg({
    title: m.images.filtersTitle(m.subject(run.spec.name, run.data), block.layer),
    kernel: run.theta.subarray(block.offset, block.offset + block.size),
    shape: [F, C, kh, kw],
    filterLabel: m.images.filter,
    channelLabels: C === 3 ? m.images.channels : Array.from({ length: C }, (_, c) => String(c + 1)),
    decimal: m.decimal,
  });
}

/** Pixels in [0, 1] for drawing: images are already; a CSV's values are stretched from their range over the test set. */
function toUnit(X: Float64Array): (pixels: Float64Array) => Float64Array {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of X) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (lo >= 0 && hi <= 1) return (p) => p;
  const span = hi > lo ? hi - lo : 1;
  return (p) => p.map((v) => (v - lo) / span);
}

function misclassifiedPicture(run: ConvTrainedRun, m: TrainMessages): string {
  const t = run.testImages;
  const v = run.spec.input;
  const size = v.channels * v.height * v.width;
  const unit = toUnit(t.X);
  const wrong: GridImage[] = [];
  let count = 0;
  const { predicted, actual } = run.confusion;
  if (run.confusionSet === 'test') {
    for (let e = 0; e < t.n; e++) {
      if (predicted[e] === actual[e]) continue;
      count++;
      if (wrong.length < MAX_SHOWN) wrong.push({ pixels: unit(t.X.subarray(e * size, (e + 1) * size)), caption: m.images.asPredicted(run.classes[actual[e]!]!, run.classes[predicted[e]!]!), source: t.sources[e]! });
    }
  }
  return imageGridSvg({
    title: m.images.misclassifiedTitle(m.subject(run.spec.name, run.data)),
    images: wrong,
    channels: v.channels,
    height: v.height,
    width: v.width,
    empty: m.images.noneMisclassified,
    caption: m.images.misclassifiedCaption(count, t.n, wrong.length),
  });
}

/** The files for this run (contents and paths), in the order they are printed. */
export function convOutputFiles(run: ConvTrainedRun, dir: string, m: TrainMessages): (WrittenFile & { readonly content: string })[] {
  const base = (suffix: string): string => join(dir, `${fileStem(run.spec.name)}.${suffix}`);
  const losses = [run.reports[0]?.lossBefore ?? NaN, ...run.reports.map((r) => r.lossAfter)];
  const validation = run.reports[0]?.validationLoss === undefined ? {} : { validation: { losses: run.reports.map((r) => r.validationLoss!), trainLabel: m.trainingLoss, validationLabel: m.validationLoss } };
  const loss = lossCurveSvg({ decimal: m.decimal, title: m.lossTitle(m.subject(run.spec.name, run.data)), losses, xLabel: m.epochAxis, yLabel: validation.validation ? m.lossAxisBoth : m.lossAxis, ...validation });
  const filters = filtersPicture(run, m);
  return [
    { label: m.files.params, path: base('params.json'), content: paramsJson(run) },
    { label: m.files.loss, path: base('loss.svg'), content: loss },
    { label: m.files.confusion, path: base('confusion.svg'), content: confusionPicture(run, m) },
    ...(filters === undefined ? [] : [{ label: m.files.filters, path: base('filters.svg'), content: filters }]),
    ...(run.testImages.n ? [{ label: m.files.misclassified, path: base('misclassified.svg'), content: misclassifiedPicture(run, m) }] : []),
  ];
}

/** All the run's files or none; never over an input. */
export function writeConvOutputs(run: ConvTrainedRun, dir: string, m: TrainMessages, inputs: readonly string[] = []): WrittenFile[] {
  const files = convOutputFiles(run, dir, m);
  writeFilesAtomic(files, inputs);
  return files.map(({ label, path }) => ({ label, path }));
}
