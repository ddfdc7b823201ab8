// Name the mistake in a wrong claim. Each candidate is a common error of a hand derivation;
// it "fits" when it matches the claim at every probe point. Candidates are tried from the
// most specific to the most general, so the first that fits is the most helpful: a chain
// stopped at the output's δ before a missing factor, the softmax's Jacobian before a factor
// of it, a function for its derivative before a missing (1 − a). The message cites the
// sheet's equation number and is written in the asked language (messages/).
import type { Problem } from './judge.ts';
import { DIAGNOSIS_CATALOGS } from './messages/index.ts';
import { candidate, setting, type Candidate, type ProbePoint, type Setting } from './diagnoses/candidate.ts';
import { activationOfWrongQuantity, functionForDerivative, wholeFunction, wrongActivation } from './diagnoses/activations.ts';
import { constantFactor, factorCandidates, linearOutputFactor } from './diagnoses/factors.ts';
import { otherParameter, otherVariable, swappedIndices, wrongInput } from './diagnoses/indices.ts';
import { lambdaCandidates, missingHiddenChain, wrongDelta } from './diagnoses/network.ts';
import { missingProductTerm } from './diagnoses/product.ts';
import { softmaxCandidates } from './diagnoses/softmax.ts';

export type { ProbePoint } from './diagnoses/candidate.ts';
export { MISTAKE_KINDS, type MistakeKind } from './diagnoses/candidate.ts';
export { diagnoseMatrix, diagnoseNonConforming, diagnoseShape, type MatrixParam, type MatrixPoint } from './diagnoses/matrix.ts';
export { diagnoseBatch, type BatchPoint } from './diagnoses/batch.ts';

/** The language of a diagnosis. */
export type Lang = 'en' | 'fr';

/** A named mistake: its kind (stable, for tools: `--json`'s "mistake") and one sentence in the asked language. */
export interface Diagnosis {
  readonly kind: string;
  readonly message: string;
}

export function diagnose(problem: Problem, points: readonly ProbePoint[], scale: number, lang: Lang = 'en'): Diagnosis | undefined {
  for (const c of candidates(setting(problem))) {
    if (points.every((p) => c.fits(p, scale))) return named(c, lang);
  }
  return undefined;
}

/** The winning candidate's sentence in `lang`. */
export function named(c: Candidate, lang: Lang): Diagnosis {
  const m = DIAGNOSIS_CATALOGS[lang];
  return { kind: c.kind, message: m.finish(c.message(m)) };
}

/** Lazily, in the order they are tried. */
function* candidates(s: Setting): Generator<Candidate> {
  yield candidate('sign', (m) => m.sign(s.cite), (p) => -p.truth);
  yield* missingHiddenChain(s);
  yield* softmaxCandidates(s);
  yield* lambdaCandidates(s);
  yield* functionForDerivative(s);
  yield* wrongActivation(s);
  yield* activationOfWrongQuantity(s);
  yield* factorCandidates(s);
  yield* linearOutputFactor(s);
  yield* constantFactor(s);
  yield* missingProductTerm(s);
  yield* swappedIndices(s);
  yield* otherParameter(s);
  yield* wrongDelta(s);
  yield* wrongInput(s);
  yield* otherVariable(s);
  yield* wholeFunction(s);
}
