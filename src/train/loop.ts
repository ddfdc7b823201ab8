// Mini-batch gradient descent with the generated module (never the generic engine):
// shuffled batches copied into buffers allocated once, one step of the chosen optimiser
// (trainStep, momentumStep or adamStep) per batch, the
// learning rate decayed per epoch as CSI 4106's SimpleMLP does (α_e = α·d^(e−1)).
import type { NetworkModule } from '../codegen/load.ts';
import type { Dataset } from './data.ts';
import { layerNorms, type WeightBlock } from './gradients.ts';
import { UserError } from '../util/errors.ts';
import { OPTIMIZER_DEFAULTS, OPTIMIZERS, type OptimizerOptions } from './optimizers.ts';
import { shuffleInPlace, type Rng } from './rng.ts';

export interface TrainOptions extends OptimizerOptions {
  readonly epochs: number;
  /** Examples per batch; the whole set when undefined (CSI 4106's default). */
  readonly batch?: number;
  readonly lr: number;
  /** Multiplicative decay per epoch; 1 keeps the rate. */
  readonly lrDecay: number;
  readonly shuffle: boolean;
  /** When given, each report carries ‖∂J/∂W_k‖ of these blocks at the epoch's start. */
  readonly gradientBlocks?: readonly WeightBlock[];
  /** When given (n > 0), each report carries J on it after the epoch. */
  readonly validation?: Dataset;
  /** With a validation set: stop after this many epochs without a lower validation loss, and keep the best θ. */
  readonly patience?: number;
}

export interface EpochReport {
  readonly epoch: number;
  /** J on the whole training set before and after the epoch. */
  readonly lossBefore: number;
  readonly lossAfter: number;
  readonly lr: number;
  /** ‖∂J/∂W_k‖_F for k = 1..L on the whole training set, before the epoch's first step. */
  readonly gradientNorms?: readonly number[];
  /** J on the validation set after the epoch (with a validation set). */
  readonly validationLoss?: number;
}

/** How a run ended: all its epochs, or stopped early with θ rolled back to the best epoch. */
export interface TrainingOutcome {
  readonly reports: EpochReport[];
  /** The epoch whose θ is kept (the last one, unless early stopping rolled back). */
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
}

/** J became NaN or ±∞: every later step would be too, and θ is no longer worth saving. */
export class TrainingDiverged extends Error {
  override readonly name = 'TrainingDiverged';
  constructor(
    readonly epoch: number,
    readonly loss: number,
  ) {
    super(`training diverged at epoch ${epoch} (loss = ${loss})`);
  }
}

/** One training step of the chosen optimiser, its state allocated once here (steps allocate nothing). */
function stepper(net: NetworkModule, o: OptimizerOptions): (theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number) => void {
  const d = OPTIMIZER_DEFAULTS;
  if (o.optimizer !== undefined && !(OPTIMIZERS as readonly string[]).includes(o.optimizer)) {
    throw new UserError(`optimizer: unknown "${String(o.optimizer)}" (${OPTIMIZERS.join(', ')})`);
  }
  switch (o.optimizer ?? 'sgd') {
    case 'sgd':
      return (theta, X, Y, n, lr) => void net.trainStep(theta, X, Y, n, lr);
    case 'momentum': {
      const velocity = new Float64Array(net.momentumStateSize);
      const mu = o.momentum ?? d.momentum;
      return (theta, X, Y, n, lr) => void net.momentumStep(theta, velocity, X, Y, n, lr, mu);
    }
    case 'adam': {
      const state = new Float64Array(net.adamStateSize);
      const [b1, b2, eps] = [o.beta1 ?? d.beta1, o.beta2 ?? d.beta2, o.eps ?? d.eps];
      let t = 0;
      return (theta, X, Y, n, lr) => void net.adamStep(theta, state, X, Y, n, lr, ++t, b1, b2, eps);
    }
  }
}

/** Runs the epochs, reporting each; throws TrainingDiverged after the first epoch that ends with a non-finite loss. */
export function trainNetwork(
  net: NetworkModule,
  theta: Float64Array,
  data: Dataset,
  o: TrainOptions,
  rng: Rng,
  onEpoch: (r: EpochReport) => void = () => {},
): EpochReport[] {
  return train(net, theta, data, o, rng, onEpoch).reports;
}

/** trainNetwork, with validation and early stopping: the reports and how the run ended. */
export function train(
  net: NetworkModule,
  theta: Float64Array,
  data: Dataset,
  o: TrainOptions,
  rng: Rng,
  onEpoch: (r: EpochReport) => void = () => {},
): TrainingOutcome {
  const validation = o.validation && o.validation.n > 0 ? o.validation : undefined;
  // The best θ so far, for early stopping: copied on improvement, allocated once.
  const best = validation && o.patience !== undefined ? new Float64Array(theta.length) : undefined;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  const B = Math.min(o.batch ?? data.n, data.n);
  const Xb = new Float64Array(B * data.inputs);
  const Yb = new Float64Array(B * data.outputs);
  const grad = new Float64Array(net.paramCount);
  const order = Array.from({ length: data.n }, (_, i) => i);
  const reports: EpochReport[] = [];
  const step = stepper(net, o);
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    if (o.shuffle) shuffleInPlace(order, rng);
    const lr = o.lr * o.lrDecay ** (epoch - 1);
    const lossBefore = net.lossAndGrad(theta, data.X, data.Y, data.n, grad);
    const norms = o.gradientBlocks ? { gradientNorms: layerNorms(grad, o.gradientBlocks) } : {};
    for (let start = 0; start < data.n; start += B) {
      const m = Math.min(B, data.n - start);
      for (let r = 0; r < m; r++) {
        const src = order[start + r]!;
        Xb.set(data.X.subarray(src * data.inputs, (src + 1) * data.inputs), r * data.inputs);
        Yb.set(data.Y.subarray(src * data.outputs, (src + 1) * data.outputs), r * data.outputs);
      }
      step(theta, Xb, Yb, m, lr);
    }
    const lossAfter = net.lossAndGrad(theta, data.X, data.Y, data.n, grad);
    const validated = validation ? { validationLoss: net.lossAndGrad(theta, validation.X, validation.Y, validation.n, grad) } : {};
    const report: EpochReport = { epoch, lossBefore, lossAfter, lr, ...norms, ...validated };
    reports.push(report);
    onEpoch(report);
    if (!Number.isFinite(report.lossAfter)) throw new TrainingDiverged(epoch, report.lossAfter);
    const v = report.validationLoss;
    if (v !== undefined && v < bestLoss) {
      bestLoss = v;
      bestEpoch = epoch;
      best?.set(theta);
    } else if (best && epoch - bestEpoch >= o.patience!) {
      theta.set(best);
      return { reports, bestEpoch, stoppedEarly: true };
    }
  }
  if (best && bestEpoch < o.epochs) theta.set(best);
  return { reports, bestEpoch: best ? bestEpoch : o.epochs, stoppedEarly: false };
}

/** Accuracy for classifiers (sigmoid: ŷ > 0.5; several outputs: argmax), or the mean squared error. */
export function evaluateModel(net: NetworkModule, theta: Float64Array, data: Dataset, kind: 'binary' | 'multiclass' | 'regression'): number {
  const out = new Float64Array(data.n * data.outputs);
  net.forward(theta, data.X, data.n, out);
  let score = 0;
  for (let e = 0; e < data.n; e++) {
    const row = out.subarray(e * data.outputs, (e + 1) * data.outputs);
    const target = data.Y.subarray(e * data.outputs, (e + 1) * data.outputs);
    if (kind === 'binary') score += Number(row[0]! > 0.5) === target[0] ? 1 : 0;
    else if (kind === 'multiclass') score += target[argmax(row)] === 1 ? 1 : 0;
    else for (let i = 0; i < data.outputs; i++) score += (row[i]! - target[i]!) ** 2 / data.outputs;
  }
  return score / data.n;
}

/** The index of the largest entry (the first, on ties). */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}
