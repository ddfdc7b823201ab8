// Seed 004's experiment: the scalar network trained on one example (x = 3.14, y = 1)
// with α = 0.1 for 500 steps, weights drawn uniformly in [0, 1) by Python's generator
// seeded as the notebook seeds it (random.seed(42)), biases 0.
import type { NetworkModule } from '../codegen/load.ts';
import { isWeightName } from '../network/names.ts';
import { pythonRandom } from './mt19937.ts';

export interface Snapshot {
  readonly yhat: number;
  readonly loss: number;
}
export interface SingleExampleRun {
  readonly before: Snapshot;
  readonly after: Snapshot;
  readonly theta: Float64Array;
}
export interface SingleExampleOptions {
  readonly x: number;
  readonly y: number;
  readonly lr: number;
  readonly steps: number;
  readonly seed: number;
}
/** The course notebook's run (CSI 4106): x = 3.14, y = 1, learning rate 0.1, 500 steps, weights from seed 42. */
export const SEED_004: SingleExampleOptions = { x: 3.14, y: 1, lr: 0.1, steps: 500, seed: 42 };

/** Plain SGD on one example with the generated module: ŷ and the loss before and after. */
export function trainSingleExample(net: NetworkModule, o: SingleExampleOptions = SEED_004): SingleExampleRun {
  const rand = pythonRandom(o.seed);
  // Weights drawn in θ order (w1 before w2, as the notebook draws them), biases 0.
  const theta = new Float64Array(net.paramCount);
  let k = 0;
  net.paramNames.forEach((name, b) => {
    const [rows, cols] = net.paramShapes[b]!;
    for (let i = 0; i < rows * cols; i++, k++) theta[k] = isWeightName(name) ? rand() : 0;
  });
  const X = new Float64Array([o.x]);
  const Y = new Float64Array([o.y]);
  const out = new Float64Array(1);
  const grad = new Float64Array(net.paramCount);
  const snapshot = (): Snapshot => {
    net.forward(theta, X, 1, out);
    return { yhat: out[0]!, loss: net.lossAndGrad(theta, X, Y, 1, grad) };
  };
  const before = snapshot();
  for (let i = 0; i < o.steps; i++) net.trainStep(theta, X, Y, 1, o.lr);
  return { before, after: snapshot(), theta };
}
