// A run that did not learn says so, with the likely cause (issue 12: `--lr 50` on circles
// ended at 49 % with no word). Not learning: a classifier no better than always answering the
// majority class, or a loss that went up overall. The causes, tried in order, each from what
// the run can measure: the loss went up (learning rate too high); zero initialisation (every
// unit of a layer stays the same); a hidden ReLU layer whose weights get no gradient at all
// (dead ReLUs); a loss that barely moved (learning rate too low).
import type { NetworkModule } from '../codegen/load.ts';
import type { NetworkSpec } from '../network/spec.ts';
import type { Dataset } from './data.ts';
import { layerNorms, weightBlocks } from './gradients.ts';
import type { Init } from './init.ts';
import type { EpochReport } from './loop.ts';
import type { TrainMessages } from './messages.ts';
import type { Task } from './targets.ts';

/** Within this of the majority class's share, a classifier counts as at chance level. */
export const CHANCE_MARGIN = 0.02;
/** A loss that fell by less than this fraction of its start barely moved. */
const FLAT = 0.05;

export interface LearningFacts {
  readonly spec: NetworkSpec;
  readonly task: Task;
  readonly net: NetworkModule;
  readonly theta: Float64Array;
  readonly train: Dataset;
  readonly reports: readonly EpochReport[];
  readonly accuracy: number;
  readonly init: Init;
  readonly m: TrainMessages;
}

/** The share of the most frequent class (what always answering it scores). */
export function majorityShare(d: Dataset, task: Task): number {
  if (d.n === 0) return 1;
  if (task === 'binary') {
    let ones = 0;
    for (let e = 0; e < d.n; e++) ones += d.Y[e]!;
    return Math.max(ones, d.n - ones) / d.n;
  }
  const counts = new Float64Array(d.outputs);
  for (let e = 0; e < d.n; e++) for (let k = 0; k < d.outputs; k++) counts[k]! += d.Y[e * d.outputs + k]!;
  return Math.max(...counts) / d.n;
}

/** One sentence when the run did not learn, else undefined. */
export function learningWarning(f: LearningFacts): string | undefined {
  const w = f.m.notLearning;
  const num = (v: number, digits: number): string => f.m.decimal(v.toFixed(digits));
  const first = f.reports[0]!.lossBefore;
  const last = f.reports.at(-1)!.lossAfter;
  const chance = f.task === 'regression' ? undefined : majorityShare(f.train, f.task);
  // A training set of one class is learnt by answering it: never "chance level".
  const atChance = chance !== undefined && chance < 1 && f.accuracy <= chance + CHANCE_MARGIN;
  const wentUp = !(last < first);
  if (!atChance && !wentUp) return undefined;
  const what = atChance ? w.atChance(num(f.accuracy, 2), num(chance!, 2)) : w.wentUp(num(first, 4), num(last, 4));
  // When the loss going up is what was seen, the cause does not repeat its numbers.
  return f.m.labelled(what, atChance ? cause(f, first, last, num) : w.lrTooHighShort);
}

function cause(f: LearningFacts, first: number, last: number, num: (v: number, digits: number) => string): string {
  const w = f.m.notLearning;
  if (!(last < first)) return w.lrTooHigh(num(first, 4), num(last, 4));
  if (f.init === 'zeros') return w.zeroInit;
  const grad = new Float64Array(f.net.paramCount);
  f.net.lossAndGrad(f.theta, f.train.X, f.train.Y, f.train.n, grad);
  const norms = layerNorms(grad, weightBlocks(f.net));
  const dead = f.spec.layers.findIndex((l, k) => k < f.spec.layers.length - 1 && l.activation === 'relu' && norms[k] === 0);
  if (dead >= 0) return w.deadRelu(dead + 1);
  if (first - last < FLAT * first) return w.lrTooLow(num(first, 4), num(last, 4));
  return w.other;
}
