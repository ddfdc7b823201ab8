// The module a convolutional network trains with: the generated code (compileNetwork). An
// adapter over the generic engine keeps the same contract (src/codegen/load.ts), optimisers
// included, for tests that compare the two; `convModule` is the one place that chooses.
import { compileNetwork } from '../api.ts';
import type { NetworkModule } from '../codegen/load.ts';
import { convParamBlocks, convParamCount, convShapes, shapeSize, type ConvNetSpec } from '../network/conv-spec.ts';
import { engineConvForward, engineConvLossAndGrad } from '../engine/conv-network.ts';

/** The module `train` runs for a convolutional spec: its generated code, compiled in memory. */
export const convModule = (spec: ConvNetSpec): Promise<NetworkModule> => compileNetwork(spec);

/** A block's shape as the contract's [rows, columns]: a kernel F × C × kh × kw is F × (C·kh·kw). */
const rowsCols = (shape: readonly number[]): [number, number] => (shape.length === 1 ? [shape[0]!, 1] : [shape[0]!, shape.slice(1).reduce((a, b) => a * b, 1)]);

/** NetworkModule over engineConvLossAndGrad; the update rules are the generated module's (templates/code/network.ts.hbs). */
export function engineConvModule(spec: ConvNetSpec): NetworkModule {
  const paramCount = convParamCount(spec);
  const blocks = convParamBlocks(spec);
  const sizes = convShapes(spec).map(shapeSize);
  const [inputs, outputs] = [sizes[0]!, sizes.at(-1)!];
  // The generated module reads the first n rows of buffers that may be longer (the loop's last batch).
  const lossAndGrad = (theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, grad: Float64Array): number => {
    const r = engineConvLossAndGrad(spec, theta, X.subarray(0, n * inputs), Y.subarray(0, n * outputs), n);
    grad.set(r.grad);
    return r.loss;
  };
  const scratch = new Float64Array(paramCount);
  return {
    layerSizes: sizes,
    paramCount,
    paramNames: blocks.map((b) => b.name),
    paramShapes: blocks.map((b) => rowsCols(b.shape)),
    forward: (theta, X, n, out) => out.set(engineConvForward(spec, theta, X.subarray(0, n * inputs), n)),
    lossAndGrad,
    trainStep(theta, X, Y, n, lr) {
      const loss = lossAndGrad(theta, X, Y, n, scratch);
      for (let k = 0; k < paramCount; k++) theta[k]! -= lr * scratch[k]!;
      return loss;
    },
    momentumStateSize: paramCount,
    momentumStep(theta, velocity, X, Y, n, lr, mu) {
      const loss = lossAndGrad(theta, X, Y, n, scratch);
      for (let k = 0; k < paramCount; k++) {
        const v = mu * velocity[k]! + scratch[k]!;
        velocity[k] = v;
        theta[k]! -= lr * v;
      }
      return loss;
    },
    adamStateSize: 2 * paramCount,
    adamStep(theta, state, X, Y, n, lr, t, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) {
      const loss = lossAndGrad(theta, X, Y, n, scratch);
      const [c1, c2] = [1 - beta1 ** t, 1 - beta2 ** t];
      for (let k = 0; k < paramCount; k++) {
        const g = scratch[k]!;
        const m = beta1 * state[k]! + (1 - beta1) * g;
        const v = beta2 * state[paramCount + k]! + (1 - beta2) * g * g;
        state[k] = m;
        state[paramCount + k] = v;
        theta[k]! -= (lr * (m / c1)) / (Math.sqrt(v / c2) + eps);
      }
      return loss;
    },
  };
}
