// The shape of a message catalog. Every word a sheet prints comes from a catalog, so a
// language is added by adding one file that satisfies this interface (and listing it in
// index.ts); the compiler then checks that nothing is missing.
import type { Step } from '../../derivation/model.ts';
import type { MatrixStepRule } from '../../derive/matrix-simplify.ts';
import type { ConvMessages } from './conv-messages.ts';

export interface AlgorithmWords {
  readonly pre: string;
  readonly act: string;
  readonly mean: boolean;
  readonly l2: string | undefined;
  readonly deltaOut: string;
  readonly outputDelta: string;
  readonly deltaK: string;
  readonly deltaNext: string;
  /** Are there hidden layers (a recursion to write)? */
  readonly hidden: boolean;
}

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
  readonly expandedIntro: string;
  /** CSI 4106's "Observation 2": the leading products recur, so they get a name. */
  readonly deltasObservation: string;
  /** Rule names by rule id (derive/rules.ts), plus 'identity'. */
  readonly rules: Readonly<Record<string, string>>;
  readonly steps: { readonly [K in Step['rule'] | MatrixStepRule]: string };
  readonly matrixForm: string;
  readonly matrixIntro: string;
  /** Before the two cases of the softmax Jacobian (the CNN backpropagation note, eq. 7 and 9). */
  readonly softmaxJacobian: string;
  readonly matrixBatch: string;
  readonly network: string;
  readonly parameterCount: (sizes: readonly number[], total: number, weights: number, biases: number) => string;
  readonly unitByUnit: string;
  readonly storedNote: string;
  /** Beside a forward equation whose value the backward pass reads. */
  readonly stored: string;
  readonly loss: string;
  readonly lossGradientIntro: string;
  readonly layer: (k: number) => string;
  readonly expandedOmitted: string;
  readonly algorithmTitle: string;
  readonly algorithmBox: string;
  /**
   * The algorithm box, one line each (the Master 1 course and the slides): pre/act are the
   * notation's letters; the δ names follow the sheet's numbering (δ_L or δ_1 at the output,
   * δ_k or δ_{L−k+1} for layer k), and outputDelta is what the derivation derived for it.
   */
  readonly algorithm: (o: AlgorithmWords) => string[];
  readonly contents: string;
  readonly summaryIntro: string;
  /** Column heads of the per-layer table (math between $...$). */
  readonly summaryHeader: (o: { pre: string; act: string }) => string[];
  readonly inputLayer: string;
  readonly total: string;
  /** Defines lrelu_s where a leaky ReLU layer appears, for its slope s as the spec wrote it (α is the learning rate). */
  readonly leakyReluDefinition: (slope: string) => string;
  /** With L2: the chains are of the data term; the weights' gradients add λw. */
  readonly l2Chains: string;
  /** Why the index form's ∂ŷ_i/∂a_i = ŷ_i is not the whole softmax derivative (S is its own node). */
  readonly softmaxLocal: string;
  /** The L2 term of the loss, after J of one example. */
  readonly l2Term: (lambda: string) => string;
  readonly exampleTitle: string;
  readonly exampleIntro: (o: { drawn: boolean; seed: number | undefined; lr: string }) => string;
  readonly exampleParameters: string;
  readonly exampleForward: string;
  readonly exampleLoss: string;
  readonly exampleBackward: string;
  readonly exampleGradients: string;
  readonly exampleUpdate: string;
  /** `rose`: the step increased the loss (the learning rate overshoots on this example). */
  readonly exampleAfter: (before: string, after: string, rose: boolean) => string;
  /** A count as the language writes it (101770, or 101 770 in French). */
  readonly count: (n: number) => string;
  /** The decimal mark of the language, in the worked example's numbers. */
  readonly decimal: '.' | ',';
  readonly graphTitle: string;
  readonly diagramCaption: string;
  readonly graphCaption: string;
  /** A convolutional network's sheet. */
  readonly conv: ConvMessages;
  /** Words inside the figures. */
  readonly figure: { readonly input: string; readonly output: string; readonly layer: (k: number) => string; readonly units: (n: number) => string; readonly forward: string; readonly backward: string; readonly loss: string; readonly titled?: (name: string, what: string) => string };
}
