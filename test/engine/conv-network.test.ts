// The engine's convolutional networks: J and ∂J/∂θ by reverse mode against central differences
// of J, for the tiny network the courses would write out unit by unit and for random specs.
import { describe, expect, it } from 'vitest';
import { engineConvForward, engineConvLossAndGrad } from '../../src/engine/conv-network.ts';
import { centralDiff } from '../../src/engine/fd.ts';
import { convParamCount, convShapes, shapeSize, type ConvNetSpec } from '../../src/network/conv-spec.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { mulberry32, oneHot, uniform } from './rng.ts';

/** 4×4 input, one 2×2 filter, 2×2 max-pool, a dense output: 5 + 4·1 + 1 = 10 parameters. */
const tiny = validateConvSpec({
  name: 'tiny',
  input: { channels: 1, height: 4, width: 4 },
  layers: [
    { type: 'conv2d', filters: 1, kernel: 2, activation: 'relu' },
    { type: 'maxpool', size: 2, stride: 1 },
    { type: 'flatten' },
    { units: 1, activation: 'sigmoid' },
  ],
  loss: 'bce',
});

function fdCheck(spec: ConvNetSpec, seed: number, n: number): number {
  const rng = mulberry32(seed);
  const theta = uniform(rng, convParamCount(spec), -0.5, 0.5);
  const X = uniform(rng, n * shapeSize(convShapes(spec)[0]!));
  const out = shapeSize(convShapes(spec).at(-1)!);
  const Y = new Float64Array(n * out);
  for (let i = 0; i < n; i++) Y.set(spec.loss === 'bce' ? uniform(rng, out, 0, 1) : spec.loss === 'mse' ? uniform(rng, out) : oneHot(rng, out, Math.floor(rng() * out)), i * out);
  const { grad } = engineConvLossAndGrad(spec, theta, X, Y, n);
  const fd = centralDiff((t) => engineConvLossAndGrad(spec, t, X, Y, n).loss, theta, 1e-6);
  let worst = 0;
  grad.forEach((g, i) => (worst = Math.max(worst, Math.abs(g - fd[i]!) / Math.max(1, Math.abs(fd[i]!)))));
  return worst;
}

describe('convolutional networks in the engine', () => {
  it('the tiny network: 10 parameters, ŷ in (0, 1), gradient = central differences', () => {
    expect(convParamCount(tiny)).toBe(10);
    const yhat = engineConvForward(tiny, new Float64Array(10).fill(0.1), new Float64Array(16).fill(1), 1);
    // conv: 4·0.1 + 0.1 = 0.5 everywhere; pool keeps 0.5; dense: 4·0.1·0.5 + 0.1 = 0.3; σ(0.3).
    expect(yhat[0]).toBeCloseTo(1 / (1 + Math.exp(-0.3)), 14);
    expect(fdCheck(tiny, 1, 2)).toBeLessThan(1e-6);
  });
  it('L2 adds λK and λW, not the biases', () => {
    const spec = { ...tiny, l2: 0.5 };
    const theta = new Float64Array(10).fill(0.2);
    const X = new Float64Array(16).fill(-1); // relu kills the conv: only the L2 term moves K
    const Y = new Float64Array([1]);
    const g0 = engineConvLossAndGrad(tiny, theta, X, Y, 1).grad;
    const g = engineConvLossAndGrad(spec, theta, X, Y, 1).grad;
    expect(g[0]! - g0[0]!).toBeCloseTo(0.5 * 0.2, 12); // K
    expect(g[4]! - g0[4]!).toBeCloseTo(0, 12); // b1
    expect(g[5]! - g0[5]!).toBeCloseTo(0.5 * 0.2, 12); // W4
  });
  it('30 random specs: 1–2 conv layers, kernels 1–3, stride 1–2, padding 0–1, both pools, then dense', () => {
    const rng = mulberry32(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    let checked = 0;
    for (let t = 0; t < 30; t++) {
      const side = 5 + Math.floor(rng() * 4);
      const layers: object[] = [];
      for (let c = 0; c < 1 + Math.floor(rng() * 2); c++) {
        layers.push({ type: 'conv2d', filters: 1 + Math.floor(rng() * 3), kernel: 1 + Math.floor(rng() * 3), stride: pick([1, 2]), padding: pick([0, 1]), activation: pick(['tanh', 'sigmoid', 'softplus', 'identity']) });
        if (rng() < 0.6) layers.push({ type: pick(['maxpool', 'avgpool']), size: 2, stride: pick([1, 2]) });
      }
      layers.push({ type: 'flatten' }, { units: 3, activation: 'tanh' }, { units: 2, activation: 'softmax' });
      let spec: ConvNetSpec;
      try {
        spec = validateConvSpec({ name: `r${t}`, input: { channels: 1 + Math.floor(rng() * 2), height: side, width: side }, layers, loss: 'cross_entropy' });
      } catch {
        continue; // a draw whose windows do not fit: validation's job, tested elsewhere
      }
      expect(fdCheck(spec, t, 2), `spec ${t}`).toBeLessThan(1e-6);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
