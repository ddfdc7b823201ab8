// The numbers of the sheet's worked example: one input through the network, its loss, each δ,
// each gradient and one update. The output, the loss, the gradient and the update come from
// the generated module itself (the code a user would run); the layers' values come from the
// independent engine, and the two must agree or the sheet is not written.
import { generateCode } from '../api.ts';
import { loadModuleSync, type NetworkModule } from '../codegen/load.ts';
import { engineTrace } from '../engine/network.ts';
import { layerSizes, type NetworkSpec } from '../network/spec.ts';
import { initTheta } from '../train/init.ts';
import { TRAIN_DEFAULTS } from '../train/defaults.ts';
import { stream } from '../train/rng.ts';
import { InternalError } from '../util/errors.ts';

/** The seed of the default draw ("seed:1"). */
export const EXAMPLE_SEED = 1;

/** A drawn number as a teacher would write it on the board: two decimals. */
const round2 = (v: number): number => Math.round(v * 100) / 100 + 0;

/** What the generated module computes for one example, and one step of gradient descent. */
export interface StepNumbers {
  readonly yhat: Float64Array;
  readonly loss: number;
  readonly grad: Float64Array;
  readonly lr: number;
  /** θ − lr·∇J, and J there. */
  readonly updated: Float64Array;
  readonly lossAfter: number;
}

export interface WorkedExample extends StepNumbers {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** θ in flat order (README, "Generated module"). */
  readonly theta: Float64Array;
  /** Where θ came from: the spec's list, or the seed of the draw. */
  readonly thetaSource: { readonly kind: 'given' } | { readonly kind: 'seed'; readonly seed: number };
  /** Were x and y drawn (no "example" in the spec)? */
  readonly drawnInput: boolean;
  /** Layer k's pre-activation, activation and δ (k = 1..L, numbered from the input). */
  readonly pre: readonly Float64Array[];
  readonly act: readonly Float64Array[];
  readonly delta: readonly Float64Array[];
}

/** Targets a loss reads well: probabilities for bce, one-hot class 1 for cross-entropy. */
function drawnTarget(spec: NetworkSpec, rng: () => number): number[] {
  const n = layerSizes(spec).at(-1)!;
  if (spec.loss === 'bce') return Array.from({ length: n }, () => 1);
  if (spec.loss === 'cross_entropy' || spec.loss === 'cross_entropy_with_logits') return Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0));
  return Array.from({ length: n }, () => round2(2 * rng() - 1));
}

/**
 * The documented draw (README, "Worked example"): x in [−1, 1] and θ by He initialisation with
 * the seed (training's first θ for `--seed N`), both rounded to two decimals; biases 0.
 */
function inputs(spec: NetworkSpec): Pick<WorkedExample, 'x' | 'y' | 'theta' | 'thetaSource' | 'drawnInput'> {
  const ex = spec.example;
  const given = Array.isArray(ex?.theta) ? (ex.theta as readonly number[]) : undefined;
  const seed = typeof ex?.theta === 'string' ? Number(ex.theta.slice('seed:'.length)) : EXAMPLE_SEED;
  const theta = given ? Float64Array.from(given) : initTheta(spec, 'he', stream(seed, 'init')).map(round2);
  const data = stream(seed, 'data');
  const x = ex ? Float64Array.from(ex.x) : Float64Array.from({ length: spec.input }, () => round2(2 * data() - 1));
  const y = ex ? Float64Array.from(ex.y) : Float64Array.from(drawnTarget(spec, data));
  return { x, y, theta, thetaSource: given ? { kind: 'given' } : { kind: 'seed', seed }, drawnInput: !ex };
}

/** Relative agreement of the generated code and the engine (both in float64, different orders). */
const AGREE = 1e-9;

/** The generated module's numbers for one example: ŷ, J, ∇J, one step of θ − lr·∇J, and J there. */
export function moduleNumbers(net: NetworkModule, theta: Float64Array, x: Float64Array, y: Float64Array, lr: number): StepNumbers {
  const yhat = new Float64Array(y.length);
  net.forward(theta, x, 1, yhat);
  const grad = new Float64Array(net.paramCount);
  const loss = net.lossAndGrad(theta, x, y, 1, grad);
  const updated = Float64Array.from(theta);
  net.trainStep(updated, x, y, 1, lr);
  const lossAfter = net.lossAndGrad(updated, x, y, 1, new Float64Array(grad.length));
  return { yhat, loss, grad, lr, updated, lossAfter };
}

/** Throws unless the generated code and the engine agree on every entry (the sheet is then not written). */
export function agree(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    const [u, v] = [a[i]!, b[i]!];
    if (!(Math.abs(u - v) <= AGREE * Math.max(1, Math.abs(u), Math.abs(v)))) {
      throw new InternalError(`worked example: the generated code and the engine disagree on ${what}[${i}]: ${u} vs ${v}`);
    }
  }
}

export function workedExample(spec: NetworkSpec): WorkedExample {
  const { x, y, theta, thetaSource, drawnInput } = inputs(spec);
  const lr = spec.example?.lr ?? TRAIN_DEFAULTS.lr;
  const { yhat, loss, grad, updated, lossAfter } = moduleNumbers(loadModuleSync(generateCode(spec)), theta, x, y, lr);
  const ref = engineTrace(spec, theta, x, y);
  agree('ŷ', yhat, ref.act.at(-1)!);
  agree('J', [loss], [ref.loss]);
  agree('∇J', grad, ref.grad);
  return { x, y, theta, thetaSource, drawnInput, pre: ref.pre, act: ref.act, delta: ref.delta, yhat, loss, grad, lr, updated, lossAfter };
}
