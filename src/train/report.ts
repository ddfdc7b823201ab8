// The text a training run prints after its epochs: the scores, the gradient-norm table
// (--report gradients), the files written, and the --json object.
import type { WeightBlock } from './gradients.ts';
import { reportedEpochs } from './gradients.ts';
import type { EpochReport } from './loop.ts';
import type { TrainMessages } from './messages.ts';
import type { WrittenFile } from './outputs.ts';
import type { Task } from './targets.ts';

export interface Scores {
  readonly task: Task;
  /** Accuracy for classifiers, mean squared error for regression; test is null without a test split. */
  readonly train: number;
  readonly test: number | null;
  /** J on the training set after the last epoch. */
  readonly loss: number;
  /** Epochs run (fewer than asked when early stopping stopped the run). */
  readonly epochs: number;
  /** With a validation split: J on it at the kept epoch, that epoch, and whether the run stopped early. */
  readonly validationLoss?: number;
  readonly bestEpoch?: number;
  readonly stoppedEarly?: boolean;
}

const fixed4 = (v: number): string => v.toFixed(4);

export function scoreLine(s: Scores, m: TrainMessages): string {
  return m.scores(s.task, m.decimal(fixed4(s.train)), s.test === null ? null : m.decimal(fixed4(s.test)));
}

export function fileLines(files: readonly WrittenFile[], m: TrainMessages): string[] {
  return files.map((f) => m.labelled(f.label, f.path));
}

/** The --json line's object (unchanged keys: trainAccuracy/testAccuracy or trainError/testError; test null without a test split). */
export function resultObject(s: Scores): Record<string, number | boolean | null> {
  const validation = s.validationLoss === undefined ? {} : { validationLoss: s.validationLoss, bestEpoch: s.bestEpoch!, stoppedEarly: s.stoppedEarly! };
  return s.task === 'regression'
    ? { trainError: s.train, testError: s.test, loss: s.loss, epochs: s.epochs, ...validation }
    : { trainAccuracy: s.train, testAccuracy: s.test, loss: s.loss, epochs: s.epochs, ...validation };
}

/**
 * One row per reported epoch: the norms in scientific notation, then first / last layer, the
 * ratio that shows vanishing (≪ 1) or exploding (≫ 1) gradients at a glance.
 */
export function gradientTable(reports: readonly EpochReport[], blocks: readonly WeightBlock[], m: TrainMessages): string[] {
  const first = blocks[0]?.name ?? 'W1';
  const last = blocks.at(-1)?.name ?? first;
  const header = [m.epochColumn.padStart(6), ...blocks.map((b) => b.name.padStart(9)), `${first}/${last}`.padStart(9)];
  const shown = reportedEpochs(reports.length);
  const listed = shown.length === reports.length ? null : `${shown.slice(0, 3).join(', ')}, …, ${shown.at(-1)}`;
  const rows = shown.map((k) => {
    const norms = reports[k - 1]?.gradientNorms ?? [];
    const ratio = (norms[0] ?? NaN) / (norms.at(-1) ?? NaN);
    return [String(k).padStart(6), ...norms.map((v) => m.decimal(v.toExponential(2)).padStart(9)), m.decimal(ratio.toExponential(2)).padStart(9)].join(' ');
  });
  return [m.gradientTable(listed), header.join(' '), ...rows];
}
