import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as generated from '../../generated/scalar-bce.ts';
import { generateCode, loadSpec } from '../../src/index.ts';
import { engineForward, engineLossAndGrad } from '../../src/engine/network.ts';
import { centralDiff } from '../../src/engine/fd.ts';
import { relErr, rng } from '../helpers.ts';

const SPEC_PATH = 'examples/scalar-bce.json';
const spec = loadSpec(SPEC_PATH);

function randomProblem(r: () => number) {
  const n = 1 + Math.floor(r() * 5);
  const theta = Float64Array.from({ length: 4 }, () => 4 * r() - 2);
  const X = Float64Array.from({ length: n }, () => 6 * r() - 3);
  // Targets: labels in {0, 1}, and sometimes soft labels in [0, 1].
  const Y = Float64Array.from({ length: n }, () => (r() < 0.7 ? Math.round(r()) : r()));
  return { n, theta, X, Y };
}

describe('generated/scalar-bce.ts', () => {
  it('is exactly what the generator emits (no drift)', () => {
    const fresh = generateCode(spec, { source: SPEC_PATH, output: 'generated/scalar-bce.ts' });
    expect(readFileSync('generated/scalar-bce.ts', 'utf8')).toBe(fresh);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(generateCode(spec, { source: SPEC_PATH })).toBe(generateCode(spec, { source: SPEC_PATH }));
  });

  it('exports the layout: [w1, b1, w2, b2]', () => {
    expect(generated.paramNames).toEqual(['w1', 'b1', 'w2', 'b2']);
    expect(generated.paramCount).toBe(4);
    expect(generated.layerSizes).toEqual([1, 1, 1]);
  });

  it('at 100 random points: gradient equals the engine’s to 1e-12 and finite differences to 1e-6', () => {
    const r = rng(2024);
    for (let k = 0; k < 100; k++) {
      const { n, theta, X, Y } = randomProblem(r);
      const grad = new Float64Array(4);
      const loss = generated.lossAndGrad(theta, X, Y, n, grad);
      const ref = engineLossAndGrad(spec, theta, X, Y, n);
      expect(relErr(loss, ref.loss)).toBeLessThan(1e-12);
      const fd = centralDiff((t) => generated.lossAndGrad(t, X, Y, n, new Float64Array(4)), Float64Array.from(theta));
      for (let i = 0; i < 4; i++) {
        expect(relErr(grad[i]!, ref.grad[i]!)).toBeLessThan(1e-12);
        expect(relErr(grad[i]!, fd[i]!)).toBeLessThan(1e-6);
      }
    }
  });

  it('forward equals the engine’s outputs', () => {
    const r = rng(5);
    for (let k = 0; k < 20; k++) {
      const { n, theta, X } = randomProblem(r);
      const out = new Float64Array(n);
      generated.forward(theta, X, n, out);
      const ref = engineForward(spec, theta, X, n);
      for (let i = 0; i < n; i++) expect(relErr(out[i]!, ref[i]!)).toBeLessThan(1e-14);
    }
  });

  it('trainStep moves θ by −lr·∇J and returns J before the step', () => {
    const { n, theta, X, Y } = randomProblem(rng(9));
    const grad = new Float64Array(4);
    const loss = generated.lossAndGrad(theta, X, Y, n, grad);
    const before = Float64Array.from(theta);
    expect(generated.trainStep(theta, X, Y, n, 0.3)).toBe(loss);
    for (let i = 0; i < 4; i++) expect(theta[i]).toBeCloseTo(before[i]! - 0.3 * grad[i]!, 14);
  });

  it('stays finite for pre-activations up to |a| = 1000 (loss computed from the logit)', () => {
    const grad = new Float64Array(4);
    for (const [b2, y] of [[1000, 0], [-1000, 1], [1000, 1], [-1000, 0]] as const) {
      const loss = generated.lossAndGrad(new Float64Array([0, 0, 0, b2]), new Float64Array([1]), new Float64Array([y]), 1, grad);
      expect(Number.isFinite(loss)).toBe(true);
      expect(grad.every(Number.isFinite)).toBe(true);
    }
    // −log σ(−1000) = 1000: the exact value, not Infinity.
    expect(generated.lossAndGrad(new Float64Array([0, 0, 0, 1000]), new Float64Array([1]), new Float64Array([0]), 1, grad)).toBe(1000);
  });

  it('allocates nothing inside forward, lossAndGrad and trainStep', () => {
    const source = readFileSync('generated/scalar-bce.ts', 'utf8');
    // Function bodies only: module-level scratch buffers are allocated once, at load.
    const bodies = source.split(/^export function /m).slice(1).join('').replace(/^const .*$/gm, '');
    expect(bodies).not.toMatch(/new |\[\s*\]|\{\s*\}|Array\.|\.slice\(|\.map\(/);
  });

  it('cites an equation on every backward line', () => {
    const source = readFileSync('generated/scalar-bce.ts', 'utf8');
    const backward = source.slice(source.indexOf('// Backward pass.'), source.indexOf('// Batch mean'));
    const lines = backward.split('\n').slice(1).filter((l) => l.trim() !== '' && !l.trim().startsWith('}'));
    expect(lines.length).toBe(6);
    for (const l of lines) expect(l).toMatch(/ \/\/ \(\d+\) /);
  });
});
