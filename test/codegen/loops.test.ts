import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNetwork, validateSpec, type NetworkSpec } from '../../src/index.ts';
import { engineForward, engineLossAndGrad } from '../../src/engine/network.ts';
import { centralDiff } from '../../src/engine/fd.ts';
import { ACTIVATIONS, layerSizes, paramCount, type Activation, type LossName } from '../../src/network/spec.ts';
import { relErr, rng } from '../helpers.ts';

const HIDDEN = ACTIVATIONS.filter((a) => a !== 'softmax');
/** Output activation and loss pairs the validator accepts. */
const HEADS: ReadonlyArray<readonly [Activation, LossName]> = [
  ...HIDDEN.flatMap((a) => [[a, 'mse'], [a, 'l1']] as const),
  ['sigmoid', 'bce'],
  ['softmax', 'cross_entropy'],
  ['identity', 'cross_entropy_with_logits'],
];

const specArb = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
    input: fc.integer({ min: 1, max: 6 }),
    hidden: fc.array(fc.constantFrom(...HIDDEN), { minLength: 3, maxLength: 3 }),
    head: fc.constantFrom(...HEADS),
    l2: fc.constantFrom(0, 0.01),
    reduction: fc.constantFrom('mean', 'sum'),
    notation: fc.constantFrom('a-h', 'z-a'),
    // Batch sizes around the kernel's 4-row tiles and the 64-example blocks.
    n: fc.constantFrom(1, 2, 3, 4, 5, 7, 63, 64, 65, 131),
    seed: fc.integer({ min: 1, max: 1e6 }),
  })
  .map((r) => {
    const L = r.widths.length;
    const layers = r.widths.map((units, k) => ({
      units: k === L - 1 && r.head[0] === 'softmax' ? Math.max(units, 2) : units,
      activation: k === L - 1 ? r.head[0] : r.hidden[k % 3]!,
      ...(k < L - 1 && r.hidden[k % 3] === 'leaky_relu' ? { alpha: 0.1 } : {}),
    }));
    const spec = validateSpec({ name: 'random', notation: r.notation, input: r.input, layers, loss: r.head[1], l2: r.l2, reduction: r.reduction });
    return { spec, n: r.n, seed: r.seed };
  });

/** A problem away from kinks: relu/abs are compared with finite differences only where smooth. */
function problem(spec: NetworkSpec, n: number, seed: number) {
  const r = rng(seed);
  const sizes = layerSizes(spec);
  const theta = Float64Array.from({ length: paramCount(spec) }, () => 2 * r() - 1);
  const X = Float64Array.from({ length: n * sizes[0]! }, () => 4 * r() - 2);
  const out = sizes[sizes.length - 1]!;
  const Y = new Float64Array(n * out);
  for (let e = 0; e < n; e++) {
    if (spec.loss === 'cross_entropy' || spec.loss === 'cross_entropy_with_logits') Y[e * out + Math.floor(r() * out)] = 1;
    else for (let i = 0; i < out; i++) Y[e * out + i] = spec.loss === 'bce' ? Math.round(r()) : 2 * r() - 1;
  }
  return { theta, X, Y };
}

const kinked = (spec: NetworkSpec): boolean => spec.loss === 'l1' || spec.layers.some((l) => l.activation === 'relu' || l.activation === 'leaky_relu');

/** Check one network's loop code against the engine (and finite differences where smooth). */
async function checkAgainstEngine(spec: NetworkSpec, n: number, seed: number): Promise<void> {
  const net = await compileNetwork(spec, { unroll: false });
  const { theta, X, Y } = problem(spec, n, seed);
  const grad = new Float64Array(net.paramCount);
  const loss = net.lossAndGrad(theta, X, Y, n, grad);
  const ref = engineLossAndGrad(spec, theta, X, Y, n);
  const where = JSON.stringify(spec);
  expect(relErr(loss, ref.loss), where).toBeLessThan(1e-9);
  for (let k = 0; k < grad.length; k++) expect(relErr(grad[k]!, ref.grad[k]!), `${where} θ[${k}]`).toBeLessThan(1e-9);
  if (!kinked(spec)) {
    const fd = centralDiff((t) => net.lossAndGrad(t, X, Y, n, new Float64Array(net.paramCount)), Float64Array.from(theta));
    for (let k = 0; k < grad.length; k++) expect(relErr(grad[k]!, fd[k]!), `${where} θ[${k}] vs FD`).toBeLessThan(1e-6);
  }
  const out = new Float64Array(Y.length);
  net.forward(theta, X, n, out);
  const refOut = engineForward(spec, theta, X, n);
  for (let k = 0; k < out.length; k++) expect(relErr(out[k]!, refOut[k]!), where).toBeLessThan(1e-12);
  const before = Float64Array.from(theta);
  net.trainStep(theta, X, Y, n, 0.05);
  for (let k = 0; k < grad.length; k++) expect(theta[k]).toBeCloseTo(before[k]! - 0.05 * grad[k]!, 12);
}

describe('loop code for every hidden activation × output head', () => {
  it('each of the 6 × 15 combinations matches the engine', async () => {
    let seed = 1;
    for (const hidden of HIDDEN) {
      for (const [out, loss] of HEADS) {
        const layers = [{ units: 3, activation: hidden }, { units: 3, activation: out }];
        await checkAgainstEngine(validateSpec({ name: 'combo', input: 2, layers, loss, l2: 0.01 }), 3, seed++);
      }
    }
  }, 60_000);
});

describe('loop code for random networks (fast-check)', () => {
  it('≥ 200 networks: gradient = engine (1e-9) = finite differences (1e-6); forward = engine; trainStep = −lr ∇J', async () => {
    const samples = fc.sample(specArb, { numRuns: 220, seed: 42 });
    for (const { spec, n, seed } of samples) await checkAgainstEngine(spec, n, seed);
  }, 120_000);
});
