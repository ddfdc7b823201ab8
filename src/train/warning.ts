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
import type { Task } from './targets.ts';

/** Within this of the majority class's share, a classifier counts as at chance level. */
const CHANCE_MARGIN = 0.02;
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

const f2 = (v: number): string => v.toFixed(2);
const f4 = (v: number): string => v.toFixed(4);

/** One sentence when the run did not learn, else undefined. */
export function learningWarning(f: LearningFacts): string | undefined {
  const first = f.reports[0]!.lossBefore;
  const last = f.reports.at(-1)!.lossAfter;
  const chance = f.task === 'regression' ? undefined : majorityShare(f.train, f.task);
  const atChance = chance !== undefined && f.accuracy <= chance + CHANCE_MARGIN;
  const wentUp = !(last < first);
  if (!atChance && !wentUp) return undefined;
  const what = atChance ? `train accuracy ${f2(f.accuracy)} is at chance level (always answering the majority class scores ${f2(chance!)})` : `the training loss went up (${f4(first)} → ${f4(last)})`;
  return `${what}: ${cause(f, first, last)}`;
}

function cause(f: LearningFacts, first: number, last: number): string {
  if (!(last < first)) return `the loss went up (${f4(first)} → ${f4(last)}), so the learning rate is likely too high: try a smaller --lr`;
  if (f.init === 'zeros') return 'zero initialisation keeps every unit of a layer identical, so the layer acts as one unit: use --init he or xavier';
  const grad = new Float64Array(f.net.paramCount);
  f.net.lossAndGrad(f.theta, f.train.X, f.train.Y, f.train.n, grad);
  const norms = layerNorms(grad, weightBlocks(f.net));
  const dead = f.spec.layers.findIndex((l, k) => k < f.spec.layers.length - 1 && (l.activation === 'relu') && norms[k] === 0);
  if (dead >= 0) return `layer ${dead + 1}'s ReLUs are dead (its weights get no gradient: every unit is ≤ 0 on every example), often after too large a step: try a smaller --lr or another --seed`;
  if (first - last < FLAT * first) return `the loss barely moved (${f4(first)} → ${f4(last)}): the learning rate may be too low (try a larger --lr or more --epochs)`;
  return 'the network may be too small for the data, or need more --epochs';
}
