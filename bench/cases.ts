// The three training-step configurations, each with one seeded θ, X and Y that every
// implementation starts from (each gets its own copy of θ, since trainStep updates it).
import { loadSpec, paramCount, type NetworkSpec } from '../src/index.ts';
import { mulberry32, normal, type Rng } from '../src/train/rng.ts';
import type { TimingOptions } from './timing.ts';

export interface BenchCase {
  readonly label: string;
  readonly spec: NetworkSpec;
  readonly n: number;
  readonly theta: Float64Array;
  readonly X: Float64Array;
  readonly Y: Float64Array;
  /** Also time the straight-line (--unroll) form: only sensible for small networks. */
  readonly unrolled: boolean;
  readonly timing: TimingOptions;
}

/** He-style init, N(0, 2/N_{k−1}) weights and zero biases, so relu layers stay alive. */
function initTheta(spec: NetworkSpec, rng: Rng): Float64Array {
  const theta = new Float64Array(paramCount(spec));
  let off = 0;
  let fanIn = spec.input;
  for (const layer of spec.layers) {
    const sd = Math.sqrt(2 / fanIn);
    for (let i = 0; i < layer.units * fanIn; i++) theta[off + i] = sd * normal(rng);
    off += layer.units * (fanIn + 1);
    fanIn = layer.units;
  }
  return theta;
}

/** Inputs: N(0, 1) for the small networks, uniform [0, 1) for mnist (pixel intensities). */
function inputs(count: number, rng: Rng, pixels: boolean): Float64Array {
  return Float64Array.from({ length: count }, () => (pixels ? rng() : normal(rng)));
}

/** bce: each target in {0, 1}; cross_entropy: one row one-hot over the classes. */
function targets(spec: NetworkSpec, n: number, rng: Rng): Float64Array {
  const out = spec.layers[spec.layers.length - 1]!.units;
  const Y = new Float64Array(n * out);
  for (let i = 0; i < n; i++) {
    if (spec.loss === 'cross_entropy') Y[i * out + Math.floor(rng() * out)] = 1;
    else for (let j = 0; j < out; j++) Y[i * out + j] = rng() < 0.5 ? 0 : 1;
  }
  return Y;
}

interface CaseOptions {
  readonly label: string;
  readonly file: string;
  readonly n: number;
  readonly seed: number;
  readonly unrolled: boolean;
  readonly pixels: boolean;
  readonly timing: TimingOptions;
}

function makeCase(o: CaseOptions): BenchCase {
  const spec = loadSpec(`examples/${o.file}`);
  const rng = mulberry32(o.seed);
  const theta = initTheta(spec, rng);
  const X = inputs(o.n * spec.input, rng, o.pixels);
  return { label: o.label, spec, n: o.n, theta, X, Y: targets(spec, o.n, rng), unrolled: o.unrolled, timing: o.timing };
}

// A step of mnist takes ~20–40 ms, so fewer warm-up calls are needed there than for the
// µs-sized steps; both still give the median of 9 samples after warm-up.
export function benchCases(): BenchCase[] {
  const small: TimingOptions = { warmup: 200, warmupMs: 200, samples: 9, minBatchMs: 20 };
  return [
    makeCase({ label: 'scalar-bce [1,1,1], 1 example', file: 'scalar-bce.json', n: 1, seed: 1, unrolled: true, pixels: false, timing: small }),
    makeCase({ label: 'circles [2,4,4,1], batch of 140', file: 'circles.json', n: 140, seed: 2, unrolled: true, pixels: false, timing: small }),
    makeCase({ label: 'mnist [784,128,10], batch of 64', file: 'mnist.json', n: 64, seed: 3, unrolled: false, pixels: true, timing: { warmup: 5, warmupMs: 500, samples: 9, minBatchMs: 20 } }),
  ];
}
