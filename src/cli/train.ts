// symprop train SPEC --data circles|xor|moons|FILE.csv [--samples n] [--noise σ] [--factor f]
//   (a convolutional SPEC: --data shapes|DIR|FILE.csv, with CONV_DEFAULTS for the flags left out)
//   [--epochs N] [--batch B] [--lr α]
//   [--lr-decay d] [--l2 λ] [--init he|xavier|normal|zeros] [--seed s] [--no-shuffle]
//   [--test-split f] [--report gradients] [--lang en|fr] [--out DIR] [--json]
// Trains with code generated from the spec and loaded in memory, never the generic engine.
// A run whose loss becomes NaN or ∞ is not bad input but a failed run: exit 1, nothing written.
import { Command, Option } from 'commander';
import type { ConvNetSpec } from '../network/conv-spec.ts';
import { LANGS, type Lang } from '../sheet/i18n/index.ts';
import { INITS, type Init } from '../train/init.ts';
import { TRAIN_MESSAGES, type TrainMessages } from '../train/messages.ts';
import { DATA_DEFAULTS, MAX_EPOCHS, MAX_SAMPLES, type DataShape } from '../train/prepare.ts';
import { fileLines, gradientTable, resultObject, scoreLine } from '../train/report.ts';
import { DECIMAL } from '../train/data.ts';
import { TRAIN_DEFAULTS } from '../train/defaults.ts';
import { OPTIMIZER_DEFAULTS, OPTIMIZERS, type Optimizer, type OptimizerOptions } from '../train/optimizers.ts';
import type { NetworkSpec } from '../network/spec.ts';
import type { RunOptions, RunProgress, RunResult } from '../train/run.ts';
import type { ConvRunResult } from '../train/conv-run.ts';
import { UserError } from '../util/errors.ts';
import type { Io } from './io.ts';
import { load } from './lazy.ts';

export const REPORTS = ['gradients'] as const;

interface TrainCliOptions {
  data: string;
  optimizer: Optimizer;
  momentum?: string;
  beta1?: string;
  beta2?: string;
  eps?: string;
  epochs: string;
  batch?: string;
  lr: string;
  lrDecay: string;
  l2?: string;
  init: Init;
  seed: string;
  shuffle: boolean;
  testSplit: string;
  validationSplit?: string;
  patience?: string;
  report?: (typeof REPORTS)[number];
  lang: Lang;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  samples?: string;
  noise?: string;
  factor?: string;
}

/** A flag's number, decimal as a CSV cell is (Number() alone also takes 0x10, 0b1 and ""). */
function number(flag: string, text: string, check: (v: number) => boolean, what: string): number {
  const v = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(v) || !check(v)) throw new UserError(`${flag}: must be ${what}, got "${text}"`);
  return v;
}

const positiveInteger = (v: number): boolean => Number.isInteger(v) && v > 0;

/** The flags as numbers, each checked, or a UserError naming the flag. */
function runOptions(o: TrainCliOptions): RunOptions {
  return {
    data: o.data,
    epochs: number('--epochs', o.epochs, (v) => positiveInteger(v) && v <= MAX_EPOCHS, `a positive integer, at most ${MAX_EPOCHS} (the limit)`),
    ...(o.batch === undefined ? {} : { batch: number('--batch', o.batch, positiveInteger, 'a positive integer') }),
    lr: number('--lr', o.lr, (v) => v > 0, 'a positive number'),
    lrDecay: number('--lr-decay', o.lrDecay, (v) => v > 0 && v <= 1, 'in (0, 1]'),
    testSplit: number('--test-split', o.testSplit, (v) => v >= 0 && v < 1, 'in [0, 1)'),
    seed: number('--seed', o.seed, (v) => Number.isInteger(v), 'an integer'),
    ...(o.validationSplit === undefined ? {} : { validationSplit: number('--validation-split', o.validationSplit, (v) => v > 0 && v < 1, 'in (0, 1)') }),
    ...(o.patience === undefined ? {} : { patience: number('--patience', o.patience, positiveInteger, 'a positive integer') }),
    init: o.init,
    shuffle: o.shuffle,
    gradients: o.report === 'gradients',
    lang: o.lang,
    ...(o.out === undefined ? {} : { out: o.out }),
    shape: dataShape(o),
    ...optimizerOptions(o),
  };
}

/** --optimizer and its hyper-parameters, each checked; a hyper-parameter of another optimiser is an error. */
function optimizerOptions(o: TrainCliOptions): OptimizerOptions {
  const own = { momentum: ['momentum'], adam: ['beta1', 'beta2', 'eps'], sgd: [] as string[] }[o.optimizer];
  for (const k of ['momentum', 'beta1', 'beta2', 'eps'] as const) {
    if (o[k] !== undefined && !own.includes(k)) throw new UserError(`--${k}: only with --optimizer ${k === 'momentum' ? 'momentum' : 'adam'}, not ${o.optimizer}`);
  }
  const inUnit = (v: number): boolean => v >= 0 && v < 1;
  return {
    optimizer: o.optimizer,
    ...(o.momentum === undefined ? {} : { momentum: number('--momentum', o.momentum, inUnit, 'in [0, 1)') }),
    ...(o.beta1 === undefined ? {} : { beta1: number('--beta1', o.beta1, inUnit, 'in [0, 1)') }),
    ...(o.beta2 === undefined ? {} : { beta2: number('--beta2', o.beta2, inUnit, 'in [0, 1)') }),
    ...(o.eps === undefined ? {} : { eps: number('--eps', o.eps, (v) => v > 0, 'a positive number') }),
  };
}

/** --samples, --noise and --factor, each checked; absent ones keep CSI 4106's values (predict reads them too). */
export function dataShape(o: Pick<TrainCliOptions, 'samples' | 'noise' | 'factor'>): DataShape {
  return {
    ...(o.samples === undefined ? {} : { samples: number('--samples', o.samples, (v) => Number.isInteger(v) && v >= 2 && v <= MAX_SAMPLES, `an integer from 2 to ${MAX_SAMPLES} (the limit)`) }),
    ...(o.noise === undefined ? {} : { noise: number('--noise', o.noise, (v) => v >= 0, 'a number >= 0') }),
    ...(o.factor === undefined ? {} : { factor: number('--factor', o.factor, (v) => v > 0 && v < 1, 'in (0, 1)') }),
  };
}

export const EXIT_DIVERGED = 1;

/** With a validation split: where early stopping stopped, or which epoch's parameters were kept. */
function validationLines(s: RunResult['scores'], patience: number | undefined, m: TrainMessages): string[] {
  if (s.validationLoss === undefined || patience === undefined) return [];
  const loss = m.decimal(s.validationLoss.toFixed(4));
  return [s.stoppedEarly ? m.stoppedEarly(s.epochs, patience, s.bestEpoch!, loss) : m.keptBest(s.bestEpoch!, loss)];
}

/**
 * How training shows its progress: a bar on a terminal; elsewhere (a log, a pipe) a line
 * every 10 % of the epochs and at the last one; nothing with --quiet.
 */
export function progressFor(io: Io, epochs: number, quiet: boolean): RunProgress {
  if (quiet) return { sink: { out: io.out }, printed: () => false };
  const every = Math.max(1, Math.floor(epochs / 10));
  return { sink: io, printed: (k) => k === epochs || k % every === 0 };
}

/** runTraining, or undefined after reporting a diverged run (with `hint`) on stderr and exit code 1. */
export async function trainOrReport(io: Io, setExit: (code: number) => void, hint: string, spec: NetworkSpec, options: RunOptions, progress?: RunProgress): Promise<RunResult | undefined> {
  const { runTraining, TrainingDiverged } = await load();
  try {
    return await runTraining(spec, options, progress);
  } catch (e) {
    if (!(e instanceof TrainingDiverged)) throw e;
    io.err(`symprop: ${e.message}: ${hint}\n`);
    setExit(EXIT_DIVERGED);
    return undefined;
  }
}

import { CONV_DEFAULTS } from '../train/defaults.ts';
export { CONV_DEFAULTS };

type Sourced = (key: string) => string | undefined;

/** The flags with CONV_DEFAULTS in place of the dense defaults that were not given. */
function convCliOptions(o: TrainCliOptions, source: Sourced): TrainCliOptions {
  const given = (k: string): boolean => source(k) !== 'default' && source(k) !== undefined;
  const c = CONV_DEFAULTS;
  return {
    ...o,
    ...(given('epochs') ? {} : { epochs: String(c.epochs) }),
    ...(given('lr') ? {} : { lr: String(c.lr) }),
    ...(given('batch') ? {} : { batch: String(c.batch) }),
    ...(given('optimizer') ? {} : { optimizer: c.optimizer }),
  };
}

/** train on a convolutional spec: images in, the confusion matrix and the pictures out. */
async function trainConv(io: Io, setExit: (code: number) => void, specPath: string, base: ConvNetSpec, cli: TrainCliOptions): Promise<void> {
  const { runConvTraining, TrainingDiverged } = await load();
  const spec = cli.l2 === undefined ? base : { ...base, l2: number('--l2', cli.l2, (v) => v >= 0, 'a number >= 0') };
  const options = { ...runOptions(cli), inputs: [specPath] };
  let run: ConvRunResult;
  try {
    run = await runConvTraining(spec, options, progressFor(io, options.epochs, cli.quiet === true));
  } catch (e) {
    if (!(e instanceof TrainingDiverged)) throw e;
    io.err(`symprop: ${e.message}: try a smaller --lr\n`);
    setExit(EXIT_DIVERGED);
    return;
  }
  const m = TRAIN_MESSAGES[cli.lang];
  const json = { ...resultObject(run.scores), classes: run.classes, confusion: run.confusion.counts, confusionSet: run.confusionSet, ...(run.warning === undefined ? {} : { warning: run.warning }) };
  const lines = [
    ...(options.gradients ? gradientTable(run.reports, run.blocks, m) : []),
    ...validationLines(run.scores, options.patience, m),
    scoreLine(run.scores, m),
    ...fileLines(run.files, m),
    ...(cli.json ? [JSON.stringify(json)] : []),
  ];
  io.out(lines.map((l) => `${l}\n`).join(''));
  if (run.warning !== undefined) io.err(`symprop: ${m.labelled(m.warning, run.warning)}\n`);
}

export function trainCommand(io: Io, setExit: (code: number) => void): Command {
  const d = TRAIN_DEFAULTS;
  return new Command('train')
    .description('train a network with its generated code on a data set')
    .argument('<spec>', 'network spec (JSON)')
    .requiredOption('--data <name>', 'circles, xor, moons or a CSV file (header row, last column the target); for a convolutional network: shapes, a directory of class folders of PNG/JPEG images, or a CSV of pixels and a class column')
    .option('--samples <n>', `points in a generated data set (default ${DATA_DEFAULTS.samples})`)
    .option('--noise <sigma>', `standard deviation of the noise of a generated set (circles ${DATA_DEFAULTS.noise.circles}, xor ${DATA_DEFAULTS.noise.xor}, moons ${DATA_DEFAULTS.noise.moons})`)
    .option('--factor <f>', `circles: inner radius relative to the outer one (default ${DATA_DEFAULTS.factor})`)
    .option('--epochs <n>', `epochs (a convolutional network: ${CONV_DEFAULTS.epochs})`, String(d.epochs))
    .option('--batch <b>', `mini-batch size (default: the whole training set; a convolutional network: ${CONV_DEFAULTS.batch})`)
    .option('--lr <alpha>', `learning rate (a convolutional network: ${CONV_DEFAULTS.lr})`, String(d.lr))
    .addOption(new Option('--optimizer <name>', `the update rule: plain SGD, SGD with momentum, or Adam (with bias correction); a convolutional network: ${CONV_DEFAULTS.optimizer}`).choices(OPTIMIZERS).default('sgd'))
    .option('--momentum <mu>', `with --optimizer momentum: μ (default ${OPTIMIZER_DEFAULTS.momentum})`)
    .option('--beta1 <b1>', `with --optimizer adam: β₁ (default ${OPTIMIZER_DEFAULTS.beta1})`)
    .option('--beta2 <b2>', `with --optimizer adam: β₂ (default ${OPTIMIZER_DEFAULTS.beta2})`)
    .option('--eps <e>', `with --optimizer adam: ε (default ${OPTIMIZER_DEFAULTS.eps})`)
    .option('--lr-decay <d>', 'learning rate multiplied by d after each epoch', String(d.lrDecay))
    .option('--l2 <lambda>', "L2 regularisation (overrides the spec's l2)")
    .addOption(new Option('--init <scheme>', 'weight initialisation (normal: N(0, 1))').choices(INITS).default(d.init))
    .option('--seed <s>', 'seed of data, initialisation and shuffling', String(d.seed))
    .option('--no-shuffle', 'keep the examples in order')
    .option('--test-split <f>', 'fraction of the data held out for testing', String(d.testSplit))
    .option('--validation-split <f>', 'fraction of the training split held out to validate with after each epoch (plotted beside the training loss)')
    .option('--patience <n>', 'with --validation-split: stop after n epochs without a lower validation loss, keeping the best parameters')
    .addOption(new Option('--report <what>', "print (and with --out, plot) each layer's gradient norm per epoch").choices(REPORTS))
    .addOption(new Option('--lang <lang>', 'language of the output and the plots').choices(LANGS).default(d.lang))
    .option('--out <dir>', 'write the trained parameters (JSON) and the plots (SVG) there')
    .option('--json', 'print one JSON object with the results as the last line')
    .option('-q, --quiet', 'no progress (bar or epoch lines): only the results')
    .action(async (specPath: string, o: TrainCliOptions, command: Command) => {
      const { loadAnySpec, isConvSpec } = await load();
      const any = loadAnySpec(specPath);
      if (isConvSpec(any)) return trainConv(io, setExit, specPath, any, convCliOptions(o, (k) => command.getOptionValueSource(k)));
      const base = any;
      const spec = o.l2 === undefined ? base : { ...base, l2: number('--l2', o.l2, (v) => v >= 0, 'a number >= 0') };
      const options = { ...runOptions(o), inputs: [specPath] };
      const run = await trainOrReport(io, setExit, 'try a smaller --lr', spec, options, progressFor(io, options.epochs, o.quiet === true));
      if (!run) return;
      const m = TRAIN_MESSAGES[o.lang];
      const lines = [
        ...(options.gradients ? gradientTable(run.reports, run.blocks, m) : []),
        ...validationLines(run.scores, options.patience, m),
        scoreLine(run.scores, m),
        ...fileLines(run.files, m),
        ...(o.json ? [JSON.stringify({ ...resultObject(run.scores), ...(run.warning === undefined ? {} : { warning: run.warning }) })] : []),
      ];
      io.out(lines.map((l) => `${l}\n`).join(''));
      if (run.warning !== undefined) io.err(`symprop: ${m.labelled(m.warning, run.warning)}\n`);
    });
}
