import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { centralDiff, maxRelErr, relErr } from '../../src/engine/fd.ts';
import { engineForward, engineLossAndGrad, engineLossAndGradScalar } from '../../src/engine/network.ts';
import type { Activation, LossName, Reduction } from '../../src/network/spec.ts';
import { HEADS, HIDDEN, makeSpec, randomProblem, type Problem, type SpecOptions } from './network-fixtures.ts';
import { mulberry32, uniform } from './rng.ts';

const sig = (x: number) => 1 / (1 + Math.exp(-x));
const f64 = (...xs: number[]) => Float64Array.from(xs);

/** The course's scalar network: x → σ(w1 x + b1) → σ(w2 h + b2), bce. θ = [w1, b1, w2, b2]. */
const scalarBce = makeSpec([1, 1, 1], ['sigmoid', 'sigmoid'], 'bce');

describe('hand-computed examples', () => {
  it('1-1-1 sigmoid/bce at θ = 0: J = ln 2, ∂J/∂b2 = ŷ − y = −1/2', () => {
    const { loss, grad } = engineLossAndGrad(scalarBce, f64(0, 0, 0, 0), f64(0.7), f64(1), 1);
    expect(loss).toBeCloseTo(Math.LN2, 14);
    // h1 = 1/2, ŷ = 1/2: ∂J/∂w2 = (ŷ − y) h1, and w2 = 0 blocks the first layer
    expect(Array.from(grad)).toEqual([0, 0, -0.25, -0.5]);
  });

  it('1-1-1 sigmoid/bce matches textbook backprop on a batch of two', () => {
    const [w1, b1, w2, b2] = [0.3, -0.2, 0.8, 0.1];
    const xs = [0.5, -1.2];
    const ys = [1, 0];
    let J = 0;
    const g = [0, 0, 0, 0];
    xs.forEach((x, i) => {
      const y = ys[i]!;
      const h1 = sig(w1 * x + b1);
      const yhat = sig(w2 * h1 + b2);
      J += -(y * Math.log(yhat) + (1 - y) * Math.log(1 - yhat)) / 2;
      const d2 = yhat - y; // ∂L/∂a2 for sigmoid + bce
      const d1 = d2 * w2 * h1 * (1 - h1);
      g[0]! += (d1 * x) / 2;
      g[1]! += d1 / 2;
      g[2]! += (d2 * h1) / 2;
      g[3]! += d2 / 2;
    });
    const out = engineLossAndGrad(scalarBce, f64(w1, b1, w2, b2), f64(...xs), f64(...ys), 2);
    expect(relErr(out.loss, J)).toBeLessThan(1e-14);
    expect(maxRelErr(out.grad, g)).toBeLessThan(1e-14);
  });

  it('XOR (seed 002): relu hidden, identity output', () => {
    const xor = makeSpec([2, 2, 1], ['relu', 'identity'], 'mse');
    const theta = f64(1, -1, -1, 1, 0, 0, 1, 1, 0); // W1, b1, w2, b2
    const X = f64(0, 0, 0, 1, 1, 0, 1, 1);
    expect(Array.from(engineForward(xor, theta, X, 4))).toEqual([0, 1, 1, 0]);
    const exact = engineLossAndGrad(xor, theta, X, f64(0, 1, 1, 0), 4);
    expect(exact.loss).toBe(0);
    expect(Array.from(exact.grad).every((g) => g === 0)).toBe(true);
    // Targets all 0: residual ŷ. Only (0,1) and (1,0) have ŷ = 1, each through one hidden
    // unit (h = e_2 resp. e_1); (1,1) sits on the relu kink, where relu' = 0.
    const { loss, grad } = engineLossAndGrad(xor, theta, X, f64(0, 0, 0, 0), 4);
    expect(loss).toBe(0.25); // (1/4)(½ + ½)
    expect(Array.from(grad)).toEqual([0.25, 0, 0, 0.25, 0.25, 0.25, 0.25, 0.25, 0.5]);
  });

  it('l2 penalises weights only, in both reductions', () => {
    // ŷ = w x + b with w = 2, b = −1; residuals at (1, 0) and (3, 4) are both 1; λ = 0.5
    const mean = makeSpec([1, 1], ['identity'], 'mse', { l2: 0.5 });
    const sum = makeSpec([1, 1], ['identity'], 'mse', { l2: 0.5, reduction: 'sum' });
    const args = [f64(2, -1), f64(1, 3), f64(0, 4), 2] as const;
    const m = engineLossAndGrad(mean, ...args);
    expect(m.loss).toBe(0.5 + 1); // (½ + ½)/2 + (λ/2) w²
    expect(Array.from(m.grad)).toEqual([(1 + 3) / 2 + 1, 1]); // + λw on w only
    const s = engineLossAndGrad(sum, ...args);
    expect(s.loss).toBe(1 + 1);
    expect(Array.from(s.grad)).toEqual([1 + 3 + 1, 2]);
  });

  for (const [out, loss] of [['softmax', 'cross_entropy'], ['identity', 'cross_entropy_with_logits']] as const) {
    it(`${loss}: ∂J/∂a = p − y`, () => {
      const spec = makeSpec([2, 3], [out], loss);
      const theta = f64(0.1, 0.2, 0.3, -0.4, 0, 0.5, 0, 0.1, -0.1); // W (3×2), b
      const a = [0.1 - 0.2 + 0, 0.3 + 0.4 + 0.1, 0 - 0.5 - 0.1]; // W x + b at x = (1, −1)
      const z = a.reduce((s, ak) => s + Math.exp(ak), 0);
      const d = a.map((ak, k) => Math.exp(ak) / z - (k === 1 ? 1 : 0));
      const { loss: J, grad } = engineLossAndGrad(spec, theta, f64(1, -1), f64(0, 1, 0), 1);
      expect(relErr(J, -Math.log(Math.exp(a[1]!) / z))).toBeLessThan(1e-14);
      const expected = [d[0]!, -d[0]!, d[1]!, -d[1]!, d[2]!, -d[2]!, ...d]; // ∂W_ij = d_i x_j
      expect(maxRelErr(grad, expected)).toBeLessThan(1e-14);
    });
  }
});

/** Every hidden activation × every valid output head, on a 3-4-3-2 shaped network. */
function allCombos(): { hidden: Activation; out: Activation; loss: LossName }[] {
  return HIDDEN.flatMap((hidden) => HEADS.map(([out, loss]) => ({ hidden, out, loss })));
}

function comboProblem(hidden: Activation, out: Activation, loss: LossName, seed: number, options: SpecOptions): Problem {
  return randomProblem(makeSpec([3, 4, 3, 2], [hidden, hidden, out], loss, options), 5, seed);
}

/** Alternate the reductions across the catalogue so both are covered for every head. */
const reductionOf = (i: number): Reduction => (i % 2 === 0 ? 'mean' : 'sum');

describe('tensor engine vs scalar tape', () => {
  allCombos().forEach(({ hidden, out, loss }, i) => {
    it(`${hidden} → ${out} / ${loss}`, () => {
      const p = comboProblem(hidden, out, loss, 100 + i, { l2: i % 3 === 0 ? 0 : 0.3, reduction: reductionOf(i) });
      const t = engineLossAndGrad(p.spec, p.theta, p.X, p.Y, p.n);
      const s = engineLossAndGradScalar(p.spec, p.theta, p.X, p.Y, p.n);
      expect(relErr(t.loss, s.loss)).toBeLessThan(1e-12);
      expect(maxRelErr(t.grad, s.grad)).toBeLessThan(1e-12);
    });
  });

  it('random architectures (fast-check)', () => {
    const arch = fc.record({
      sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }),
      hidden: fc.constantFrom(...HIDDEN),
      head: fc.constantFrom(...HEADS),
      l2: fc.constantFrom(0, 0.01, 1),
      reduction: fc.constantFrom('mean' as const, 'sum' as const),
      n: fc.integer({ min: 1, max: 4 }),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(arch, ({ sizes, hidden, head: [out, loss], l2, reduction, n, seed }) => {
        const acts = sizes.slice(1).map((_, k) => (k === sizes.length - 2 ? out : hidden));
        const p = randomProblem(makeSpec(sizes, acts, loss, { l2, reduction }), n, seed);
        const t = engineLossAndGrad(p.spec, p.theta, p.X, p.Y, p.n);
        const s = engineLossAndGradScalar(p.spec, p.theta, p.X, p.Y, p.n);
        expect(relErr(t.loss, s.loss)).toBeLessThan(1e-12);
        expect(maxRelErr(t.grad, s.grad)).toBeLessThan(1e-12);
      }),
      { seed: 7, numRuns: 150 },
    );
  });
});

describe('tensor engine vs finite differences (l2 > 0)', () => {
  allCombos().forEach(({ hidden, out, loss }, i) => {
    it(`${hidden} → ${out} / ${loss}`, () => {
      const p = comboProblem(hidden, out, loss, 500 + i, { l2: 0.2, reduction: reductionOf(i) });
      const { grad } = engineLossAndGrad(p.spec, p.theta, p.X, p.Y, p.n);
      const fd = centralDiff((th) => engineLossAndGrad(p.spec, th, p.X, p.Y, p.n).loss, p.theta);
      expect(maxRelErr(grad, fd)).toBeLessThan(1e-6);
    });
  });
});

describe('engineForward', () => {
  it('matches the loss path and gives softmax rows that sum to 1', () => {
    const p = comboProblem('tanh', 'softmax', 'cross_entropy', 3, { reduction: 'mean' });
    const yhat = engineForward(p.spec, p.theta, p.X, p.n);
    expect(yhat.length).toBe(p.n * 2);
    for (let i = 0; i < p.n; i++) expect(yhat[2 * i]! + yhat[2 * i + 1]!).toBeCloseTo(1, 14);
    // cross-entropy is −Σ log p of the true class, read off the forward outputs
    let J = 0;
    for (let i = 0; i < p.n; i++) J -= Math.log(p.Y[2 * i]! === 1 ? yhat[2 * i]! : yhat[2 * i + 1]!) / p.n;
    expect(relErr(engineLossAndGrad(p.spec, p.theta, p.X, p.Y, p.n).loss, J)).toBeLessThan(1e-14);
  });

  it('does not modify its inputs', () => {
    const p = comboProblem('relu', 'identity', 'mse', 4, { l2: 0.1 });
    const copies = [p.theta, p.X, p.Y].map((a) => Float64Array.from(a));
    engineLossAndGrad(p.spec, p.theta, p.X, p.Y, p.n);
    expect([p.theta, p.X, p.Y]).toEqual(copies);
  });

  it('rejects inputs that do not fit the spec', () => {
    const spec = makeSpec([2, 1], ['identity'], 'mse');
    expect(() => engineForward(spec, f64(1, 2), f64(1, 2), 1)).toThrow(/θ has 2 entries/);
    expect(() => engineForward(spec, f64(1, 2, 3), f64(1, 2, 3), 1)).toThrow(/X has 3 entries/);
    expect(() => engineLossAndGrad(spec, f64(1, 2, 3), f64(1, 2), f64(1, 2), 1)).toThrow(/Y has 2/);
    expect(() => engineLossAndGradScalar(spec, f64(1, 2, 3), f64(), f64(), 0)).toThrow(/positive/);
  });
});

// Timings belong in `npm run bench`; this only checks the engine handles MNIST size.
describe('scale', () => {
  it('784-128-10 on a batch of 64 gives a finite loss and gradient', () => {
    const spec = makeSpec([784, 128, 10], ['relu', 'softmax'], 'cross_entropy', { l2: 1e-4 });
    const p = randomProblem(spec, 64, 9);
    const theta = p.theta.map((t) => t * 0.05); // keep the softmax away from saturation
    const { loss, grad } = engineLossAndGrad(spec, theta, p.X, p.Y, p.n);
    expect(Number.isFinite(loss) && grad.every(Number.isFinite)).toBe(true);
    expect(grad.some((g) => g !== 0)).toBe(true);
  });
});

// Guard against a silent no-op: these tests rely on mulberry32 really varying the data.
it('test data is not degenerate', () => {
  const a = uniform(mulberry32(1), 8);
  expect(new Set(a).size).toBe(8);
});
