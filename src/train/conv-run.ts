// One training run of a convolutional network on images (`symprop train CNN --data shapes|DIR|CSV`):
// the output directory checked, the images loaded, split and scaled per channel, the module
// (conv-module.ts) and He initialisation, the same mini-batch loop as dense networks, scores,
// the confusion matrix, and the output files.
import type { NetworkModule } from '../codegen/load.ts';
import { convParamBlocks, type ConvNetSpec } from '../network/conv-spec.ts';
import { UserError } from '../util/errors.ts';
import { checkOutputDir, prepareOutputDir } from '../util/fs.ts';
import { confusionMatrix, type Confusion } from './confusion.ts';
import { convModule } from './conv-module.ts';
import { writeConvOutputs } from './conv-outputs.ts';
import { prepareImages, type ImageShape, type PreparedImages } from './conv-data.ts';
import type { WeightBlock } from './gradients.ts';
import { initConvTheta } from './init.ts';
import { evaluateModel, train as trainWithOutcome, type EpochReport, type TrainingOutcome } from './loop.ts';
import { TRAIN_MESSAGES, type TrainMessages } from './messages.ts';
import type { OptimizerOptions } from './optimizers.ts';
import type { WrittenFile } from './outputs.ts';
import { trainingProgress } from './progress.ts';
import type { Scores } from './report.ts';
import { stream } from './rng.ts';
import { CHANCE_MARGIN, majorityShare } from './warning.ts';
import type { RunOptions, RunProgress } from './run.ts';

/** A trained convolutional network with its data, as the outputs need it. */
export interface ConvTrainedRun extends PreparedImages {
  readonly spec: ConvNetSpec;
  /** The data's name for titles: shapes, or a directory's or file's base name. */
  readonly data: string;
  readonly net: NetworkModule;
  readonly theta: Float64Array;
  readonly reports: readonly EpochReport[];
  readonly blocks: readonly WeightBlock[];
  /** On the test split (on the training split without one). */
  readonly confusion: Confusion;
  /** Which split the confusion matrix counts. */
  readonly confusionSet: 'test' | 'train';
}

export interface ConvRunResult extends ConvTrainedRun {
  readonly scores: Scores;
  readonly warning?: string;
  readonly files: readonly WrittenFile[];
}

/** The kernels and matrices of θ, for --report gradients. */
export function convWeightBlocks(spec: ConvNetSpec): WeightBlock[] {
  return convParamBlocks(spec)
    .filter((b) => b.shape.length > 1)
    .map((b, i) => ({ layer: i + 1, name: b.name, offset: b.offset, size: b.size }));
}

const SILENT: RunProgress = { sink: { out: () => {} } };

const nameOf = (data: string): string => data.replace(/[/\\]+$/, '').split(/[/\\]/).at(-1) || data;

/** Did the run learn? The dense runs' rule (warning.ts): at chance level, or a loss that went up. */
function convWarning(run: ConvTrainedRun, accuracy: number, init: RunOptions['init'], m: TrainMessages): string | undefined {
  const w = m.notLearning;
  const num = (v: number, digits: number): string => m.decimal(v.toFixed(digits));
  const chance = majorityShare(run.train, run.task);
  const [first, last] = [run.reports[0]!.lossBefore, run.reports.at(-1)!.lossAfter];
  const atChance = chance < 1 && accuracy <= chance + CHANCE_MARGIN;
  if (!atChance && last < first) return undefined;
  if (!atChance) return m.labelled(w.wentUp(num(first, 4), num(last, 4)), w.lrTooHighShort);
  const flat = first - last < 0.05 * first;
  const cause = !(last < first) ? w.lrTooHigh(num(first, 4), num(last, 4)) : init === 'zeros' ? w.zeroInit : flat ? w.lrTooLow(num(first, 4), num(last, 4)) : w.other;
  return m.labelled(w.atChance(num(accuracy, 2), num(chance, 2)), cause);
}

/** `symprop train` for a convolutional spec; a non-finite loss throws TrainingDiverged. */
export async function runConvTraining(spec: ConvNetSpec, o: RunOptions, progress: RunProgress = SILENT): Promise<ConvRunResult> {
  const m = TRAIN_MESSAGES[o.lang];
  if (typeof o.data !== 'string') throw new UserError('data: a convolutional network trains on shapes, a directory of images or a CSV file, not arrays');
  if (o.shape?.factor !== undefined) throw new UserError('--factor: only for --data circles');
  if (o.out !== undefined) checkOutputDir(o.out);
  if (o.patience !== undefined && !(o.validationSplit! > 0)) throw new UserError('--patience: stops on the validation loss, so it needs --validation-split');
  const shape: ImageShape = { ...(o.shape?.samples === undefined ? {} : { samples: o.shape.samples }), ...(o.shape?.noise === undefined ? {} : { noise: o.shape.noise }) };
  const prepared = prepareImages(spec, o.data, o.testSplit, o.seed, shape, o.validationSplit ?? 0);
  if (o.out !== undefined) prepareOutputDir(o.out);
  const net = await convModule(spec);
  const blocks = convWeightBlocks(spec);
  const theta = initConvTheta(spec, o.init, stream(o.seed, 'init'));
  const optimizer = Object.fromEntries((['optimizer', 'momentum', 'beta1', 'beta2', 'eps'] as const).filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as OptimizerOptions;
  const { validation } = prepared;
  const options = { epochs: o.epochs, lr: o.lr, lrDecay: o.lrDecay, shuffle: o.shuffle, ...optimizer, ...(o.batch === undefined ? {} : { batch: o.batch }), ...(o.gradients ? { gradientBlocks: blocks } : {}), ...(validation.n ? { validation } : {}), ...(o.patience === undefined ? {} : { patience: o.patience }) };
  const bar = trainingProgress(progress.sink, o.epochs, m, progress.printed);
  let outcome: TrainingOutcome;
  try {
    outcome = trainWithOutcome(net, theta, prepared.train, options, stream(o.seed, 'shuffle'), bar.epoch);
  } finally {
    bar.stop();
  }
  const { reports } = outcome;
  const task = prepared.task;
  const confusionSet = prepared.test.n ? 'test' : 'train';
  const confusion = confusionMatrix(net, theta, prepared[confusionSet], prepared.classes.length);
  const scores: Scores = {
    task,
    train: evaluateModel(net, theta, prepared.train, task),
    test: prepared.test.n ? evaluateModel(net, theta, prepared.test, task) : null,
    loss: reports[outcome.bestEpoch - 1]?.lossAfter ?? reports.at(-1)!.lossAfter,
    epochs: reports.length,
    ...(validation.n ? { validationLoss: reports[outcome.bestEpoch - 1]?.validationLoss ?? reports.at(-1)!.validationLoss!, bestEpoch: outcome.bestEpoch, stoppedEarly: outcome.stoppedEarly } : {}),
  };
  const run: ConvTrainedRun = { ...prepared, spec, data: nameOf(o.data), net, theta, reports, blocks, confusion, confusionSet };
  const warning = convWarning(run, scores.train, o.init, m);
  const files = o.out === undefined ? [] : writeConvOutputs(run, o.out, m, [...(o.inputs ?? []), o.data]);
  return { ...run, scores, ...(warning === undefined ? {} : { warning }), files };
}
