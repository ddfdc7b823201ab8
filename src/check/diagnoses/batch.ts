// Diagnoses of a batch claim (one using n or sum): the claim is a fixed transform of the
// truth at every probe batch. The judge (batch-judge.ts) calls diagnoseBatch with its points.
import type { Derivation } from '../../derivation/model.ts';
import { isWeightName } from '../../network/names.ts';
import type { NetworkSpec } from '../../network/spec.ts';
import { BATCH_N } from '../batch.ts';
import type { Diagnosis, Lang } from '../diagnose.ts';
import { DIAGNOSIS_CATALOGS, type DiagnosisMessages } from '../messages/index.ts';
import { close } from '../probe.ts';
import { pretty } from '../words.ts';
import type { MistakeKind } from './candidate.ts';

/** One probe batch; batch-judge's points have this shape. */
export interface BatchPoint {
  /** The shared parameters' values. */
  readonly params: Readonly<Record<string, number>>;
  /** The batch's examples (only their number is read; BATCH_N without them). */
  readonly examples?: readonly unknown[];
  /** ∂J/∂param for the batch, from the engine (1/n and λ·w included). */
  readonly truth: number;
  readonly claim: number;
}

type Mistake = readonly [MistakeKind, (m: DiagnosisMessages) => string, (p: BatchPoint) => number];

/** The batch mistakes in the order they are tried: a sign, the 1/n of the mean, the l2 term. */
function mistakes(spec: NetworkSpec, param: string, eq: number | undefined): Mistake[] {
  const g = { what: `∂J/∂${pretty(param)}`, eq };
  const name = pretty(param);
  const { l2 } = spec;
  const lambda = l2 > 0 && isWeightName(param) ? l2 : 0;
  const reg = (p: BatchPoint): number => lambda * p.params[param]!;
  const n = (p: BatchPoint): number => p.examples?.length ?? BATCH_N;
  const list: Mistake[] = [['sign', (m) => m.sign(g), (p) => -p.truth]];
  if (spec.reduction !== 'sum') {
    list.push(['missing-batch-mean', (m) => m.missingBatchMean(g), (p) => n(p) * p.truth]);
    // Σ g + λw instead of (1/n) Σ g + λw.
    if (lambda) list.push(['missing-batch-mean', (m) => m.missingBatchMean(g), (p) => n(p) * (p.truth - reg(p)) + reg(p)]);
  } else {
    list.push(['extra-batch-mean', (m) => m.extraBatchMean(g), (p) => p.truth / n(p)]);
    if (lambda) list.push(['extra-batch-mean', (m) => m.extraBatchMean(g), (p) => (p.truth - reg(p)) / n(p) + reg(p)]);
  }
  if (l2 > 0 && !isWeightName(param)) list.push(['lambda-on-bias', (m) => m.lambdaOnBias(name, l2, g), (p) => p.truth + l2 * p.params[param]!]);
  if (lambda) {
    list.push(['double-lambda', (m) => m.doubleLambda(name, l2, g), (p) => p.truth + reg(p)]);
    list.push(['missing-lambda', (m) => m.missingLambda(name, l2, g), (p) => p.truth - reg(p)]);
    if (spec.reduction !== 'sum') {
      list.push(['missing-batch-mean', (m) => `${m.missingBatchMean(g)}; ${m.missingLambda(name, l2, g)}`, (p) => n(p) * (p.truth - reg(p))]);
    }
    list.push(['double-lambda', (m) => m.lambdaPerExample(name, l2, g), (p) => p.truth + (n(p) - 1) * reg(p)]);
  }
  return list;
}

/** The mistake in a batch claim, citing ∂J/∂param's equation, in `lang`. */
export function diagnoseBatch(
  spec: NetworkSpec,
  derivation: Derivation,
  param: string,
  points: readonly BatchPoint[],
  scale: number,
  lang: Lang = 'en',
): Diagnosis | undefined {
  const eq = derivation.gradients.find((x) => x.wrt === param)?.eq;
  const m = DIAGNOSIS_CATALOGS[lang];
  const found = mistakes(spec, param, eq).find(([, , f]) => points.every((p) => close(p.claim, f(p), scale)));
  return found && { kind: found[0], message: m.finish(found[1](m)) };
}
