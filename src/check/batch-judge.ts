// Judge a batch claim (one using n or sum(...)): probe batches of n = 3 examples, compare
// with the engine's gradient for the batch, and name the batch mistakes: a missing or extra
// 1/n, a missing λw. Numeric only: the symbolic check works on one example.
import type { Derivation } from '../derivation/model.ts';
import { isWeightName } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import { BATCH_N, batchDomain, batchKinks, checkBatchNames, evaluateBatch, type BatchSample } from './batch.ts';
import type { BatchClaim } from './claim.ts';
import type { JudgeOptions, Judgement } from './judge.ts';
import { close, seededRng } from './probe.ts';

const DRAWS_PER_POINT = 20;
const sig4 = (v: number): number => Number(v.toPrecision(4));

interface BatchPoint extends BatchSample {
  readonly claim: number;
}

export function judgeBatchClaim(spec: NetworkSpec, derivation: Derivation, param: string, claim: BatchClaim, options: JudgeOptions = {}): Judgement {
  const gradient = derivation.gradients.find((g) => g.wrt === param);
  if (!gradient || derivation.forward.length === 0) {
    return { verdict: 'undecided', method: 'none', probes: 0, reason: `the derivation has no index form for ${param}: derive it with indexForm 'always'` };
  }
  const domain = batchDomain(spec, derivation, param);
  if (!domain.params.includes(param)) throw new UserError(`unknown parameter ${param} (known: ${domain.params.join(', ')})`);
  checkBatchNames(claim, domain);
  const wanted = options.probes ?? 64;
  const deadline = Date.now() + (options.budgetMs ?? 2000);
  const rng = seededRng(options.seed ?? 1);
  const kinks = batchKinks(claim);
  const points: BatchPoint[] = [];
  for (let draws = 0; points.length < wanted; draws++) {
    const stop = Date.now() >= deadline ? `time budget exhausted after ${points.length} of ${wanted} probes` : draws >= wanted * DRAWS_PER_POINT ? `too few valid points: only ${points.length} of ${wanted} probes` : undefined;
    if (stop) return { verdict: 'undecided', method: 'none', probes: points.length, reason: stop };
    const sample = domain.draw(rng);
    if (!sample) continue;
    let value: number;
    try {
      value = evaluateBatch(claim, sample, kinks);
    } catch (e) {
      return { verdict: 'undecided', method: 'none', probes: points.length, reason: `the claim cannot be evaluated: ${(e as Error).message}` };
    }
    if (Number.isFinite(value)) points.push({ ...sample, claim: value });
  }
  const scale = Math.max(0, ...points.map((p) => Math.abs(p.truth)));
  const numeric = `numeric probing at ${points.length} batches of n = ${BATCH_N} examples`;
  const bad = points
    .filter((p) => !close(p.claim, p.truth, scale))
    .reduce<BatchPoint | undefined>((best, p) => (best && Math.abs(best.claim - best.truth) >= Math.abs(p.claim - p.truth) ? best : p), undefined);
  if (!bad) return { verdict: 'equivalent', method: `${numeric} (numeric only: batch claims are not checked symbolically)`, probes: points.length };
  const point: Record<string, number> = Object.fromEntries(domain.params.map((p) => [p, sig4(bad.params[p]!)]));
  bad.examples.forEach((ex, e) => domain.coordinates.forEach((c) => (point[`${c}(${e + 1})`] = sig4(ex[c]!))));
  const diagnosis = diagnoseBatch(spec, param, gradient.eq, points, scale);
  return {
    verdict: 'not equivalent', method: numeric, probes: points.length,
    counterexample: { point, claim: bad.claim, truth: bad.truth }, ...(diagnosis ? { diagnosis } : {}),
  };
}

/** The batch mistakes: the claim is a fixed transform of the truth at every point. */
function diagnoseBatch(spec: NetworkSpec, param: string, eq: number, points: readonly BatchPoint[], scale: number): string | undefined {
  const n = BATCH_N;
  const cite = `∂J/∂${param} (eq. ${eq})`;
  const lambda = spec.l2 > 0 && isWeightName(param) ? spec.l2 : 0;
  const reg = (p: BatchPoint): number => lambda * p.params[param]!;
  const mean = spec.reduction !== 'sum';
  const candidates: [string, (p: BatchPoint) => number][] = [[`sign error: the claim is the negative of ${cite}`, (p) => -p.truth]];
  if (mean) {
    const msg = `missing batch mean 1/n: the spec averages over the batch (reduction "mean"), so ${cite} has a factor 1/n`;
    candidates.push([msg, (p) => n * p.truth]);
    // Σ g + λw instead of (1/n) Σ g + λw.
    if (lambda) candidates.push([msg, (p) => n * (p.truth - reg(p)) + reg(p)]);
  } else {
    const msg = `extra 1/n: the spec sums over the batch (reduction "sum"), so ${cite} has no factor 1/n`;
    candidates.push([msg, (p) => p.truth / n]);
    if (lambda) candidates.push([msg, (p) => (p.truth - reg(p)) / n + reg(p)]);
  }
  if (lambda) {
    const term = `regularisation term λ·${param} (λ = ${spec.l2}): ${cite} includes λ·${param} from the l2 penalty`;
    candidates.push([`missing ${term}`, (p) => p.truth - reg(p)]);
    if (mean) candidates.push([`missing batch mean 1/n and missing ${term}`, (p) => n * (p.truth - reg(p))]);
    candidates.push([`λ·${param} counted once per example: ${cite} has the l2 penalty's λ·${param} (λ = ${spec.l2}) once per batch`, (p) => p.truth + (n - 1) * reg(p)]);
  }
  return candidates.find(([, f]) => points.every((p) => close(p.claim, f(p), scale)))?.[0];
}
