// Before anything is timed, every implementation must compute the same J and ∇θ on the
// case's θ, X and Y as the generated loops form; otherwise the timings compare different
// work. Float64 implementations must agree to 1e-9, TensorFlow.js (float32) to 1e-4 on J.
import type { NetworkModule } from '../src/index.ts';
import { engineLossAndGrad } from '../src/engine/network.ts';
import type { Baseline } from './baseline.ts';
import type { BenchCase } from './cases.ts';
import type { TfjsNetwork } from './tfjs.ts';

export const FLOAT64_TOLERANCE = 1e-9;
export const FLOAT32_TOLERANCE = 1e-4;

/** Largest relative errors found, for the report. */
export interface Agreement {
  readonly float64: number;
  readonly tfjsLoss: number;
}

/** max_i |a_i − b_i| / max_i |b_i|: relative to the vector's scale, so a near-zero
 * component of ∇θ cannot blow the measure up. */
function relError(a: Float64Array | readonly number[], b: Float64Array | readonly number[]): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

type LossAndGrad = (theta: Float64Array, grad: Float64Array) => number;

function reference(c: BenchCase, f: LossAndGrad): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(c.theta.length);
  return { loss: f(c.theta.slice(), grad), grad };
}

export function checkAgreement(c: BenchCase, loops: NetworkModule, others: ReadonlyMap<string, NetworkModule | Baseline>, tfjs: TfjsNetwork): Agreement {
  const expected = reference(c, (t, g) => loops.lossAndGrad(t, c.X, c.Y, c.n, g));
  const candidates = new Map<string, LossAndGrad>([...others].map(([name, m]) => [name, (t, g) => m.lossAndGrad(t, c.X, c.Y, c.n, g)]));
  candidates.set('generic engine', (t, g) => {
    const r = engineLossAndGrad(c.spec, t, c.X, c.Y, c.n);
    g.set(r.grad);
    return r.loss;
  });
  let worst = 0;
  for (const [name, f] of candidates) {
    const got = reference(c, f);
    const err = Math.max(relError([got.loss], [expected.loss]), relError(got.grad, expected.grad));
    if (!(err < FLOAT64_TOLERANCE)) throw new Error(`${c.label}: ${name} differs from the generated loops form (relative error ${err})`);
    worst = Math.max(worst, err);
  }
  const tfjsLoss = relError([tfjs.loss()], [expected.loss]);
  if (!(tfjsLoss < FLOAT32_TOLERANCE)) throw new Error(`${c.label}: TensorFlow.js loss differs from the generated code's (relative error ${tfjsLoss})`);
  return { float64: worst, tfjsLoss };
}

/** A step must free what it creates: a leak would slow later steps and skew the median. */
export function checkNoLeak(c: BenchCase, tfjs: TfjsNetwork): void {
  tfjs.trainStep(); // the first step creates the optimizer's learning-rate scalar
  const before = tfjs.liveTensors();
  for (let i = 0; i < 3; i++) tfjs.trainStep();
  if (tfjs.liveTensors() !== before) throw new Error(`${c.label}: TensorFlow.js step leaks tensors (${before} → ${tfjs.liveTensors()})`);
}
