// Unrolled generated code for random small networks, every activation/loss pair the
// validator allows, checked against the independent engine (1e-9), central finite
// differences (1e-6, where the loss is smooth), and for stability at |a| = 1000.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCode, loadModule, validateSpec, type NetworkModule, type NetworkSpec } from '../../src/index.ts';
import { engineForward, engineLossAndGrad } from '../../src/engine/network.ts';
import { centralDiff } from '../../src/engine/fd.ts';
import { paramCount, type Activation, type LossName } from '../../src/network/spec.ts';
import { relErr, rng } from '../helpers.ts';

const HIDDEN = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus'] as const;
const HEADS: readonly (readonly [Activation, LossName])[] = [
  ...HIDDEN.map((a) => [a, 'mse'] as const),
  ...HIDDEN.map((a) => [a, 'l1'] as const),
  ['sigmoid', 'bce'],
  ['softmax', 'cross_entropy'],
  ['identity', 'cross_entropy_with_logits'],
];

interface Shape {
  readonly sizes: readonly number[];
  readonly hidden: readonly Activation[];
  readonly head: readonly [Activation, LossName];
  readonly l2: number;
  readonly reduction: 'mean' | 'sum';
  readonly notation: 'a-h' | 'z-a';
}

function makeSpec(s: Shape): NetworkSpec {
  const L = s.sizes.length - 1;
  const layers = s.sizes.slice(1).map((units, k) => ({ units, activation: k === L - 1 ? s.head[0] : s.hidden[k]!, ...(s.hidden[k] === 'leaky_relu' && k < L - 1 ? { alpha: 0.1 } : {}) }));
  return validateSpec({ name: 'random', notation: s.notation, input: s.sizes[0], layers, loss: s.head[1], l2: s.l2, reduction: s.reduction });
}

/** θ and X uniform in [−1, 1]; targets one-hot, {0, 1} or real as the loss wants. */
function problem(spec: NetworkSpec, n: number, seed: number) {
  const r = rng(seed);
  const uniform = (k: number) => Float64Array.from({ length: k }, () => 2 * r() - 1);
  const K = spec.layers[spec.layers.length - 1]!.units;
  const Y = new Float64Array(n * K);
  for (let e = 0; e < n; e++) {
    if (spec.loss === 'cross_entropy' || spec.loss === 'cross_entropy_with_logits') Y[e * K + Math.floor(r() * K)] = 1;
    else for (let i = 0; i < K; i++) Y[e * K + i] = spec.loss === 'bce' ? Math.round(r()) : 2 * r() - 1;
  }
  return { theta: uniform(paramCount(spec)), X: uniform(n * spec.input), Y, n };
}

const ACT: Readonly<Record<string, (u: number, alpha: number) => number>> = {
  identity: (u) => u, sigmoid: (u) => 1 / (1 + Math.exp(-u)), tanh: Math.tanh, relu: (u) => Math.max(u, 0),
  leaky_relu: (u, a) => (u > 0 ? u : a * u), softplus: (u) => Math.log1p(Math.exp(u)), softmax: (u) => u,
};

/** Distance to the nearest kink (relu, leaky relu, |ŷ − y| of l1): FD is meaningless closer than h. */
function kinkMargin(spec: NetworkSpec, theta: Float64Array, X: Float64Array, Y: Float64Array, n: number): number {
  let margin = Infinity;
  const out = engineForward(spec, theta, X, n);
  if (spec.loss === 'l1') for (let i = 0; i < out.length; i++) margin = Math.min(margin, Math.abs(out[i]! - Y[i]!));
  for (let e = 0; e < n; e++) {
    let h = Array.from(X.subarray(e * spec.input, (e + 1) * spec.input));
    let offset = 0;
    for (const layer of spec.layers) {
      const a = Array.from({ length: layer.units }, (_, i) => h.reduce((s, hj, j) => s + theta[offset + i * h.length + j]! * hj, theta[offset + layer.units * h.length + i]!));
      offset += layer.units * (h.length + 1);
      if (layer.activation === 'relu' || layer.activation === 'leaky_relu') for (const v of a) margin = Math.min(margin, Math.abs(v));
      h = a.map((v) => ACT[layer.activation]!(v, layer.alpha ?? 0.01));
    }
  }
  return margin;
}

const modules = new Map<string, Promise<NetworkModule>>();
function compiled(spec: NetworkSpec): Promise<NetworkModule> {
  const source = generateCode(spec, { unroll: true });
  if (!modules.has(source)) modules.set(source, loadModule(source));
  return modules.get(source)!;
}

/** Every check of one network at one point; returns whether finite differences applied. */
async function check(spec: NetworkSpec, n: number, seed: number): Promise<boolean> {
  const mod = await compiled(spec);
  const { theta, X, Y } = problem(spec, n, seed);
  const grad = new Float64Array(mod.paramCount);
  const loss = mod.lossAndGrad(theta, X, Y, n, grad);
  const ref = engineLossAndGrad(spec, theta, X, Y, n);
  expect(relErr(loss, ref.loss)).toBeLessThan(1e-9);
  for (let i = 0; i < grad.length; i++) expect(relErr(grad[i]!, ref.grad[i]!), mod.paramNames[i]).toBeLessThan(1e-9);
  const out = new Float64Array(n * spec.layers[spec.layers.length - 1]!.units);
  mod.forward(theta, X, n, out);
  const refOut = engineForward(spec, theta, X, n);
  for (let i = 0; i < out.length; i++) expect(relErr(out[i]!, refOut[i]!)).toBeLessThan(1e-12);
  const smooth = kinkMargin(spec, theta, X, Y, n) > 1e-3;
  if (smooth) {
    const scratch = new Float64Array(mod.paramCount);
    const fd = centralDiff((t) => mod.lossAndGrad(t, X, Y, n, scratch), Float64Array.from(theta));
    for (let i = 0; i < grad.length; i++) expect(relErr(grad[i]!, fd[i]!), `FD ${mod.paramNames[i]}`).toBeLessThan(1e-6);
  }
  const before = Float64Array.from(theta);
  expect(mod.trainStep(theta, X, Y, n, 0.1)).toBe(loss);
  for (let i = 0; i < theta.length; i++) expect(relErr(theta[i]!, before[i]! - 0.1 * grad[i]!)).toBeLessThan(1e-15);
  return smooth;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }),
  hidden: fc.array(fc.constantFrom(...HIDDEN), { minLength: 3, maxLength: 3 }),
  head: fc.constantFrom(...HEADS),
  l2: fc.constantFrom(0, 0.01),
  reduction: fc.constantFrom('mean' as const, 'sum' as const),
  notation: fc.constantFrom('a-h' as const, 'z-a' as const),
});

describe('unrolled code for random networks (depth 1–4, widths 1–4)', () => {
  it('matches the engine, finite differences and −lr·∇J at 200 random networks', async () => {
    let smooth = 0;
    await fc.assert(
      fc.asyncProperty(shapeArb, fc.integer({ min: 1, max: 5 }), fc.integer(), async (shape, n, seed) => {
        if (await check(makeSpec(shape), n, seed)) smooth++;
      }),
      { numRuns: 200, seed: 20240611 },
    );
    expect(smooth).toBeGreaterThan(150);
  }, 60_000);

  it('covers every activation/loss pair the validator allows, in both notations', async () => {
    for (const head of HEADS) {
      for (const notation of ['a-h', 'z-a'] as const) {
        const spec = makeSpec({ sizes: [3, 2, 3], hidden: ['tanh'], head, l2: 0.01, reduction: 'mean', notation });
        expect(await check(spec, 3, 7)).toBe(true);
      }
    }
  });
});

describe('numerical stability: no NaN or Infinity for pre-activations up to |a| = 1000', () => {
  /** θ with every weight 0 and every bias ±1000, alternating, so each a = ±1000. */
  function extreme(spec: NetworkSpec, sign: number): Float64Array {
    const theta = new Float64Array(paramCount(spec));
    let offset = 0;
    let fan = spec.input;
    for (const layer of spec.layers) {
      offset += layer.units * fan;
      for (let i = 0; i < layer.units; i++) theta[offset + i] = (i % 2 === 0 ? sign : -sign) * 1000;
      offset += layer.units;
      fan = layer.units;
    }
    return theta;
  }

  for (const head of HEADS) {
    it(`${head[0]} + ${head[1]}`, async () => {
      for (const hidden of HIDDEN) {
        const spec = makeSpec({ sizes: [2, 3, 3], hidden: [hidden], head, l2: 0, reduction: 'sum', notation: 'a-h' });
        const mod = await compiled(spec);
        for (const sign of [1, -1]) {
          for (const cls of [0, 1, 2]) {
            const Y = Float64Array.from([0, 1, 2], (i) => (head[1] === 'mse' || head[1] === 'l1' ? 0.5 : i === cls ? 1 : 0));
            const grad = new Float64Array(mod.paramCount);
            const loss = mod.lossAndGrad(extreme(spec, sign), new Float64Array([0.5, -0.5]), Y, 1, grad);
            expect(Number.isFinite(loss), `${hidden} ${sign} ${cls}`).toBe(true);
            expect(grad.every(Number.isFinite)).toBe(true);
            const out = new Float64Array(3);
            mod.forward(extreme(spec, sign), new Float64Array([0.5, -0.5]), 1, out);
            expect(out.every(Number.isFinite)).toBe(true);
          }
        }
      }
    });
  }

  it('the cross-entropies are exact there: −log softmax(1000, −1000, 0)₂ = 2000', async () => {
    for (const head of [['softmax', 'cross_entropy'], ['identity', 'cross_entropy_with_logits']] as const) {
      const spec = makeSpec({ sizes: [1, 3], hidden: [], head, l2: 0, reduction: 'sum', notation: 'a-h' });
      const mod = await compiled(spec);
      const theta = Float64Array.from([0, 0, 0, 1000, -1000, 0]);
      expect(mod.lossAndGrad(theta, new Float64Array([1]), Float64Array.from([0, 1, 0]), 1, new Float64Array(6))).toBe(2000);
    }
  });
});

describe('the generated source', () => {
  const spec = makeSpec({ sizes: [4, 3, 3], hidden: ['tanh'], head: ['softmax', 'cross_entropy'], l2: 0.01, reduction: 'mean', notation: 'a-h' });
  const source = generateCode(spec, { unroll: true });

  it('allocates nothing inside forward, lossAndGrad and trainStep', () => {
    const bodies = source.split(/^export function /m).slice(1).join('').replace(/^const .*$/gm, '');
    expect(bodies).not.toMatch(/new |\[\s*\]|\{\s*\}|Array\.|\.slice\(|\.map\(/);
  });

  it('computes the softmax shifted by its largest input, and δ = ŷ − y', () => {
    expect(source).toContain('const m = Math.max(a2_1, a2_2, a2_3);');
    expect(source).toContain('const yhat1 = Math.exp(a2_1 - m) / S;');
    expect(source).toMatch(/const delta2_1 = yhat1 - y1; \/\/ \(\d+\) δ²₁/);
  });

  it('cites an equation on every backward line', () => {
    const backward = source.slice(source.indexOf('// Backward pass.'), source.indexOf('// Batch mean'));
    const lines = backward.split('\n').slice(1).filter((l) => l.trim() !== '' && !l.trim().startsWith('}'));
    expect(lines.length).toBe(6 + 27);
    for (const l of lines) expect(l).toMatch(/ \/\/ \(\d+\) /);
  });
});
