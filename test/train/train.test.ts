import { describe, expect, it } from 'vitest';
import * as xor from '../../generated/xor.ts';
import { main } from '../../src/cli/main.ts';
import { compileNetwork, loadSpec } from '../../src/index.ts';
import { makeCircles } from '../../src/train/data.ts';
import { initTheta } from '../../src/train/init.ts';
import { trainNetwork } from '../../src/train/loop.ts';
import { mulberry32 } from '../../src/train/rng.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}
const lastJson = (out: string): Record<string, number> => JSON.parse(out.trimEnd().split('\n').at(-1)!);

describe('symprop train', () => {
  it('seed 004: circles(200, 0.5, 0.08), 70/30, standardised, [2,4,4,1] relu/relu/sigmoid, He, lr 0.3', async () => {
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--json');
    expect(r.code).toBe(0);
    const result = lastJson(r.out);
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(result.epochs).toBe(300);
    expect(r.out).toMatch(/^Epoch \d+ \| loss \d\.\d{4} → \d\.\d{4}$/m);
  });

  it('is deterministic for a given --seed', async () => {
    const a = lastJson((await run('train', 'examples/circles.json', '--data', 'circles', '--seed', '7', '--epochs', '20', '--json')).out);
    const b = lastJson((await run('train', 'examples/circles.json', '--data', 'circles', '--seed', '7', '--epochs', '20', '--json')).out);
    expect(a).toEqual(b);
  });

  it('bad options are exit 2 with one line', async () => {
    expect((await run('train', 'examples/circles.json', '--data', 'spirals')).err).toMatch(/--data: unknown data set "spirals"/);
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--epochs', '0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--epochs: must be a positive integer, got "0"/);
  });
});

describe('seed 002 and seed 004 experiments with the generated code', () => {
  it("seed 002's hand-set XOR weights classify XOR perfectly: W1 = [[1,-1],[-1,1]], b1 = 0, w2 = [1,1], b2 = 0", () => {
    const theta = new Float64Array([1, -1, -1, 1, 0, 0, 1, 1, 0]);
    const X = new Float64Array([0, 0, 0, 1, 1, 0, 1, 1]);
    const out = new Float64Array(4);
    xor.forward(theta, X, 4, out);
    expect([...out]).toEqual([0, 1, 1, 0]);
  });

  it('zero initialisation leaves the hidden units identical (seed 004: symmetry)', async () => {
    const spec = loadSpec('examples/circles.json');
    const net = await compileNetwork(spec);
    const theta = initTheta(spec, 'zeros', mulberry32(1));
    trainNetwork(net, theta, makeCircles(40, { factor: 0.5, noise: 0.08, seed: 3 }), { epochs: 20, lr: 0.3, lrDecay: 1, shuffle: true }, mulberry32(2));
    // W1 rows (4 hidden units × 2 inputs) are all equal, and so are the entries of W2 and W3.
    const W1 = [...theta.subarray(0, 8)];
    for (let i = 1; i < 4; i++) expect(W1.slice(2 * i, 2 * i + 2)).toEqual(W1.slice(0, 2));
    const W3 = [...theta.subarray(32, 36)];
    expect(new Set(W3).size).toBe(1);
  });
});
