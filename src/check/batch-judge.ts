// Judge a batch claim (one using n or sum(...)): probe batches of n = 3 examples over the
// whole domain and beside the breakpoints, compare with the batch truth in ball arithmetic
// (batch-model.ts), and name the batch mistakes (diagnoses/batch.ts): a missing or extra 1/n, a missing λw.
// Numeric only: the exact proof works on one example.
import type { Derivation } from '../derivation/model.ts';
import { dagSize } from '../ir/expr.ts';
import { flatParams } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import { BATCH_N, checkBatchNames } from './batch.ts';
import { batchComparand, batchCrossCheck, batchNames, batchSubject } from './batch-model.ts';
import type { BatchClaim } from './claim.ts';
import { compareAll, toNumber, type Tally } from './compare.ts';
import { diagnoseBatch, type BatchPoint } from './diagnose.ts';
import { guarded, MAX_CLAIM_NODES, undecided, type JudgeOptions, type Judgement } from './judge.ts';
import { settingsFor } from './precision.ts';
import { close } from './probe.ts';
import { breakpointPoints, drawnPoints } from './subject.ts';
import { counterexampleOf, differenceText, enoughPoints, equivalentText, faultOf, pickPoint, shownPoint } from './verdict.ts';

const UNIT = `batches of n = ${BATCH_N} examples`;

export function judgeBatchClaim(spec: NetworkSpec, derivation: Derivation, param: string, claim: BatchClaim, options: JudgeOptions = {}): Judgement {
  const gradient = derivation.gradients.find((g) => g.wrt === param);
  if (!gradient || derivation.forward.length === 0) return undecided(`the derivation has no index form for ${param}: derive it with indexForm 'always'`);
  const params = flatParams(spec);
  if (!params.includes(param)) throw new UserError(`unknown parameter ${param} (known: ${params.join(', ')})`);
  const subject = batchSubject(spec, derivation);
  checkBatchNames(claim, { params, names: subject.model.names, coordinates: [], draw: () => undefined });
  const exprs = [claim.outer, ...claim.sums.map((s) => s.expr)];
  const size = dagSize(exprs);
  if (size > MAX_CLAIM_NODES) return undecided(`the claim has ${size} distinct nodes, more than the ${MAX_CLAIM_NODES} the checker evaluates`);
  return guarded(options, (work) => {
    const wanted = Math.max(1, options.probes ?? 64);
    const base = drawnPoints(subject, [gradient.result], wanted, options.seed ?? 1, work);
    if (base.length < wanted) return undecided(`too few valid points: only ${base.length} of ${wanted} probes`);
    const internal = batchCrossCheck(subject, spec, param, params.indexOf(param), gradient.result, base, work);
    if (internal) return undecided(internal);
    const settings = settingsFor([...exprs, gradient.result]);
    const comparand = batchComparand(subject, spec, param, gradient.result, claim);
    const tally = compareAll(comparand, base, breakpointPoints(subject, base, exprs, [gradient.result], work), settings, work);
    const probes = tally.compared.length;
    const wrong = pickPoint(tally, 'differ') ?? pickPoint(tally, 'undefined');
    if (wrong) {
      const shown = shownPoint(wrong, comparand, settings, subject.model.scannable, work);
      const counterexample = counterexampleOf(shown, batchNames(spec, subject));
      const method = differenceText(tally, settings, shown, UNIT);
      if (shown.outcome === 'undefined') return { verdict: 'not equivalent', method, probes, proof: 'numeric', counterexample, reason: `the claim cannot be evaluated for the counterexample's batch (${faultOf(shown)})` };
      const points = batchPoints(tally, params);
      const scale = Math.max(0, ...points.map((p) => Math.abs(p.truth)));
      // A difference below what floats resolve fits any candidate equal to the truth: none is named.
      const resolved = points.some((p) => !close(p.claim, p.truth, scale));
      const diagnosis = resolved ? diagnoseBatch(spec, derivation, param, points, scale, options.lang ?? 'en') : undefined;
      return { verdict: 'not equivalent', method, probes, proof: 'numeric', counterexample, ...(diagnosis ? { diagnosis: diagnosis.message, mistake: diagnosis.kind } : {}) };
    }
    if (!enoughPoints(tally, wanted)) return undecided(`only ${tally.drawn} of ${wanted} drawn batches could be compared`, probes);
    return { verdict: 'equivalent', method: `${equivalentText(tally, settings, UNIT)}; batch claims are not proved symbolically`, probes, proof: 'numeric' };
  });
}

/** The compared batches in floats (the moderate ones when one of them shows the mistake). */
function batchPoints(tally: Tally, params: readonly string[]): BatchPoint[] {
  const finite = tally.compared.filter((r) => Number.isFinite(toNumber(r.values?.claim[0])) && Number.isFinite(toNumber(r.values?.truth[0])));
  const chosen = finite.some((r) => r.moderate && r.outcome === 'differ') ? finite.filter((r) => r.moderate) : finite;
  return chosen.map((r) => ({
    params: Object.fromEntries(params.map((p, i) => [p, r.x[i]!])),
    claim: toNumber(r.values!.claim[0]),
    truth: toNumber(r.values!.truth[0]),
  }));
}
