// One training run from a spec and options, as `symprop train` and `symprop start` both do it:
// the output directory checked, data (seeded, split, standardised), the generated module
// compiled in memory, seeded initialisation, mini-batch descent with progress, scores, and the
// output files. Bad input fails before the first epoch; a diverged run writes nothing.
import { compileNetwork } from '../api.ts';
import type { NetworkSpec } from '../network/spec.ts';
import type { Lang } from '../sheet/i18n/index.ts';
import { UserError } from '../util/errors.ts';
import { learningWarning } from './warning.ts';
import { weightBlocks } from './gradients.ts';
import { initTheta, type Init } from './init.ts';
import { evaluateModel, train as trainWithOutcome, type TrainingOutcome } from './loop.ts';
import type { OptimizerOptions } from './optimizers.ts';
import { checkOutputDir, prepareOutputDir } from '../util/fs.ts';
import { TRAIN_MESSAGES } from './messages.ts';
import { writeOutputs, type TrainedRun, type WrittenFile } from './outputs.ts';
import { dataName, prepareData, taskOf, type DataShape, type DataSource } from './prepare.ts';
import { trainingProgress, type ProgressSink } from './progress.ts';
import type { Scores } from './report.ts';
import { stream } from './rng.ts';

/** A training run's settings (the flags of `symprop train`); the optimiser is plain SGD unless `optimizer` says otherwise. */
export interface RunOptions extends OptimizerOptions {
  /** circles, xor, moons, a CSV file's path (`-`: stdin), or arrays in memory. */
  readonly data: DataSource;
  /** The generated set's size, noise and (circles) factor; CSI 4106's values when absent. */
  readonly shape?: DataShape;
  readonly epochs: number;
  /** Examples per mini-batch; the whole training set when absent. */
  readonly batch?: number;
  readonly lr: number;
  readonly lrDecay: number;
  readonly init: Init;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly testSplit: number;
  /** Record ‖∂J/∂W_k‖ at the start of every epoch (--report gradients). */
  readonly gradients: boolean;
  /** Write the parameters and the plots there (created if needed, before training). */
  readonly out?: string;
  /** Fraction of the training split held out to validate with after every epoch (default 0: none). */
  readonly validationSplit?: number;
  /** With a validation split: stop after this many epochs without a lower validation loss, keeping the best θ. */
  readonly patience?: number;
  /** Files the outputs must never overwrite (the CLI passes the spec: `train n.params.json --out .`). */
  readonly inputs?: readonly string[];
  readonly lang: Lang;
}

export { TRAIN_DEFAULTS } from './defaults.ts';

/** A finished run: the trained θ and module, the scores, and the files written. */
export interface RunResult extends TrainedRun {
  readonly scores: Scores;
  /** When the run did not learn (chance-level accuracy, or a loss that went up): why, likely. */
  readonly warning?: string;
  readonly files: readonly WrittenFile[];
}

/** Where epochs are reported: a terminal gets a bar; elsewhere `printed(k)` picks the epochs that get a line. */
export interface RunProgress {
  readonly sink: ProgressSink;
  readonly printed?: (epoch: number) => boolean;
}

const SILENT: RunProgress = { sink: { out: () => {} } };

/**
 * What `symprop train` does: the data (a built-in set, a CSV or arrays), seeded initialisation,
 * descent with the generated module, the scores, and with `out` the parameters and plots.
 * A non-finite loss throws TrainingDiverged.
 */
export async function runTraining(spec: NetworkSpec, o: RunOptions, progress: RunProgress = SILENT): Promise<RunResult> {
  const m = TRAIN_MESSAGES[o.lang];
  if (o.out !== undefined) checkOutputDir(o.out);
  if (o.patience !== undefined && !(o.validationSplit! > 0)) throw new UserError('--patience: stops on the validation loss, so it needs --validation-split');
  const { train, test, validation, standardizer } = prepareData(spec, o.data, o.testSplit, o.seed, o.shape, o.validationSplit ?? 0);
  // Created only once the data fit, so bad input leaves no directory behind.
  if (o.out !== undefined) prepareOutputDir(o.out);
  const net = await compileNetwork(spec);
  const blocks = weightBlocks(net);
  const theta = initTheta(spec, o.init, stream(o.seed, 'init'));
  const optimizer = Object.fromEntries((['optimizer', 'momentum', 'beta1', 'beta2', 'eps'] as const).filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as OptimizerOptions;
  const options = { epochs: o.epochs, lr: o.lr, lrDecay: o.lrDecay, shuffle: o.shuffle, ...optimizer, ...(o.batch === undefined ? {} : { batch: o.batch }), ...(o.gradients ? { gradientBlocks: blocks } : {}), ...(validation.n ? { validation } : {}), ...(o.patience === undefined ? {} : { patience: o.patience }) };
  const bar = trainingProgress(progress.sink, o.epochs, m, progress.printed);
  let outcome: TrainingOutcome;
  try {
    outcome = trainWithOutcome(net, theta, train, options, stream(o.seed, 'shuffle'), bar.epoch);
  } finally {
    bar.stop(); // also when training throws: the bar's redraw timer would keep the process alive
  }
  const { reports } = outcome;
  const task = taskOf(spec);
  const scores: Scores = {
    task,
    train: evaluateModel(net, theta, train, task),
    test: test.n ? evaluateModel(net, theta, test, task) : null,
    loss: reports[outcome.bestEpoch - 1]?.lossAfter ?? reports.at(-1)!.lossAfter,
    epochs: reports.length,
    ...(validation.n ? { validationLoss: reports[outcome.bestEpoch - 1]?.validationLoss ?? reports.at(-1)!.validationLoss!, bestEpoch: outcome.bestEpoch, stoppedEarly: outcome.stoppedEarly } : {}),
  };
  const run: TrainedRun = { spec, data: dataName(o.data), task, standardizer, net, theta, train, test, reports, blocks };
  const warning = learningWarning({ spec, task, net, theta, train, reports, accuracy: scores.train, init: o.init, m });
  return { ...run, scores, ...(warning === undefined ? {} : { warning }), files: o.out === undefined ? [] : writeOutputs(run, o.out, m, [...(o.inputs ?? []), ...(typeof o.data === 'string' ? [o.data] : [])]) };
}
