// The shape of a message catalog. Every word a sheet prints comes from a catalog, so a
// language is added by adding one file that satisfies this interface (and listing it in
// index.ts); the compiler then checks that nothing is missing.
import type { Step } from '../../derivation/model.ts';
import type { MatrixStepRule } from '../../derive/matrix-simplify.ts';

export interface Messages {
  readonly expressionTitle: (f: string, wrt: string) => string;
  readonly networkTitle: string;
  readonly decomposition: string;
  readonly decompositionIntro: string;
  readonly localDerivatives: string;
  readonly localDerivativesIntro: string;
  readonly chainRule: string;
  readonly chainIntro: string;
  readonly result: string;
  readonly forwardPass: string;
  readonly forwardIntro: string;
  readonly expandedGradients: string;
  readonly expandedIntro: string;
  readonly deltas: string;
  /** Seed 004's "Observation 2": the leading products recur, so they get a name. */
  readonly deltasObservation: string;
  readonly deltaGradients: string;
  readonly deltaGradientsIntro: string;
  readonly batchNote: (mean: boolean, l2: string | undefined) => string;
  /** Rule names by rule id (derive/rules.ts), plus 'identity'. */
  readonly rules: Readonly<Record<string, string>>;
  readonly steps: { readonly [K in Step['rule'] | MatrixStepRule]: string };
  readonly matrixForm: string;
  readonly matrixIntro: string;
  readonly matrixBackward: string;
  readonly matrixBackwardIntro: string;
  /** Before the two cases of the softmax Jacobian (seed 003, eq. 7 and 9). */
  readonly softmaxJacobian: string;
  readonly matrixGradients: string;
  readonly matrixBatch: string;
}
