// Spec and data builders for the network engine tests.
import { paramCount, type Activation, type LossName, type NetworkSpec, type Reduction } from '../../src/network/spec.ts';
import { mulberry32, oneHot, uniform } from './rng.ts';

export const HIDDEN: readonly Activation[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus'];

/** Every valid (output activation, loss) pair, as the spec validator allows them. */
export const HEADS: readonly (readonly [Activation, LossName])[] = [
  ...HIDDEN.map((a) => [a, 'mse'] as const),
  ...HIDDEN.map((a) => [a, 'l1'] as const),
  ['sigmoid', 'bce'],
  ['softmax', 'cross_entropy'],
  ['identity', 'cross_entropy_with_logits'],
];

export interface SpecOptions {
  readonly l2?: number;
  readonly reduction?: Reduction;
  readonly alpha?: number;
}

/** sizes = [N_0, …, N_L]; acts[k] is the activation of layer k+1. */
export function makeSpec(
  sizes: readonly number[],
  acts: readonly Activation[],
  loss: LossName,
  o: SpecOptions = {},
): NetworkSpec {
  return {
    name: `test-${acts.join('-')}-${loss}`,
    notation: 'a-h',
    input: sizes[0]!,
    layers: acts.map((activation, k) => ({ units: sizes[k + 1]!, activation, alpha: o.alpha ?? 0.1 })),
    loss,
    l2: o.l2 ?? 0,
    reduction: o.reduction ?? 'mean',
  };
}

/** Targets that suit the loss: one-hot rows for the cross-entropies, [0,1] for bce. */
export function targets(rng: () => number, loss: LossName, n: number, k: number): Float64Array {
  if (loss === 'cross_entropy' || loss === 'cross_entropy_with_logits') return oneHot(rng, n, k);
  if (loss === 'bce') return uniform(rng, n * k, 0, 1);
  return uniform(rng, n * k, -1, 1);
}

export interface Problem {
  readonly spec: NetworkSpec;
  readonly theta: Float64Array;
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly n: number;
}

/** A random instance of a spec: θ and X uniform in [−1, 1], suitable targets. */
export function randomProblem(spec: NetworkSpec, n: number, seed: number): Problem {
  const rng = mulberry32(seed);
  const nOut = spec.layers[spec.layers.length - 1]!.units;
  return {
    spec,
    theta: uniform(rng, paramCount(spec)),
    X: uniform(rng, n * spec.input),
    Y: targets(rng, spec.loss, n, nOut),
    n,
  };
}
