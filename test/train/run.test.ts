import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, validateSpec } from '../../src/index.ts';
import { outputGrid } from '../../src/train/outputs.ts';
import { runTraining, TRAIN_DEFAULTS, type RunOptions } from '../../src/train/run.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'symprop-run-'));
const XOR = loadSpec('test/train/fixtures/xor-tanh.json');

describe('XOR from a random initialisation', () => {
  // [2,4,1] tanh + sigmoid, BCE, Xavier, lr 0.3, 300 whole-set epochs on 200 noisy corners.
  // Measured on seeds 1–10: train and test accuracy 1.00 on every seed.
  it.each([1, 2, 3, 4, 5])('seed %i: every training point and ≥ 95 % of the test points classified', async (seed) => {
    const run = await runTraining(XOR, { ...TRAIN_DEFAULTS, data: 'xor', init: 'xavier', seed });
    expect(run.scores.train).toBe(1);
    expect(run.scores.test).toBeGreaterThanOrEqual(0.95);
    expect(run.reports.at(-1)!.lossAfter).toBeLessThan(run.reports[0]!.lossBefore / 5);
  });
});

describe('runTraining --out', () => {
  const options: RunOptions = { ...TRAIN_DEFAULTS, data: 'xor', epochs: 40, seed: 3, gradients: true };

  it('writes θ, the loss curve, the decision boundary and the gradient norms, in that order', async () => {
    const dir = tmp();
    const run = await runTraining(XOR, { ...options, out: dir });
    expect(run.files.map((f) => f.path)).toEqual(['params', 'loss', 'boundary', 'gradients'].map((s) => join(dir, `xor-tanh.${s}.${s === 'params' ? 'json' : 'svg'}`)));
    const saved = JSON.parse(readFileSync(join(dir, 'xor-tanh.params.json'), 'utf8')) as { spec: unknown; theta: number[] };
    expect(saved.theta).toEqual([...run.theta]);
    expect(saved.spec).toEqual(XOR);
    const loss = readFileSync(join(dir, 'xor-tanh.loss.svg'), 'utf8');
    expect((/<g class="loss">\n<polyline points="([^"]*)"/.exec(loss)?.[1] ?? '').split(' ')).toHaveLength(41); // epochs 0..40
    const gradients = readFileSync(join(dir, 'xor-tanh.gradients.svg'), 'utf8');
    expect(gradients.split('<g class="series">')).toHaveLength(3); // W1, W2
  });

  it('writes the same bytes for the same options, other bytes for another seed', async () => {
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await runTraining(XOR, { ...options, out: a });
    await runTraining(XOR, { ...options, out: b });
    await runTraining(XOR, { ...options, seed: 4, out: c });
    for (const f of ['params.json', 'loss.svg', 'boundary.svg', 'gradients.svg']) {
      const read = (d: string): string => readFileSync(join(d, `xor-tanh.${f}`), 'utf8');
      expect(read(b), f).toBe(read(a));
      expect(read(c), f).not.toBe(read(a));
    }
  });

  it('colours the decision boundary by what the trained module’s forward computes', async () => {
    const dir = tmp();
    const run = await runTraining(XOR, { ...options, out: dir });
    const svg = readFileSync(join(dir, 'xor-tanh.boundary.svg'), 'utf8');
    const grid = outputGrid(run.net, run.theta, [run.train, run.test]);
    for (const d of [run.train, run.test]) {
      for (let e = 0; e < d.n; e++) {
        expect(d.X[2 * e]!).toBeGreaterThan(grid.x.min);
        expect(d.X[2 * e + 1]!).toBeLessThan(grid.y.max);
      }
    }
    const rects = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1" fill="#(..)..(..)"\/>/g)];
    const n = grid.nx;
    for (const [i, j] of [[0, 0], [n - 1, 0], [0, n - 1], [n - 1, n - 1], [n >> 1, n >> 1], [7, 31], [40, 12]] as const) {
      const x = grid.x.min + ((i + 0.5) / n) * (grid.x.max - grid.x.min);
      const y = grid.y.min + ((j + 0.5) / n) * (grid.y.max - grid.y.min);
      const out = new Float64Array(1);
      run.net.forward(run.theta, new Float64Array([x, y]), 1, out);
      const rect = rects.find((m) => Number(m[2]) === n - 1 - j && Number(m[1]) <= i && i < Number(m[1]) + Number(m[3]));
      const [red, blue] = [Number.parseInt(rect![4]!, 16), Number.parseInt(rect![5]!, 16)];
      expect(red > blue, `cell (${i}, ${j}): ŷ = ${out[0]}`).toBe(out[0]! >= 0.5);
    }
    // XOR: opposite corners of the plane are the same class, neighbouring corners the other.
    const at = (i: number, j: number): number => grid.values[j * n + i]!;
    expect(at(0, 0) > 0.5).toBe(at(n - 1, n - 1) > 0.5);
    expect(at(0, 0) > 0.5).not.toBe(at(n - 1, 0) > 0.5);
  });

  it('one input: θ and the loss curve only; two inputs and regression: the output heat map, no contour', async () => {
    const dir = tmp();
    const rows = (f: (k: number) => string): string => Array.from({ length: 30 }, (_, k) => f(k)).join('\n');
    const csv1 = join(dir, 'sine.csv');
    writeFileSync(csv1, `x,y\n${rows((k) => `${k / 10},${Math.sin(k / 10)}`)}\n`);
    const one = await runTraining(loadSpec('examples/tanh-regression.json'), { ...TRAIN_DEFAULTS, data: csv1, epochs: 5, out: dir });
    expect(one.files.map((f) => f.path)).toEqual([join(dir, 'tanh-regression.params.json'), join(dir, 'tanh-regression.loss.svg')]);
    const csv2 = join(dir, 'plane.csv');
    writeFileSync(csv2, `a,b,y\n${rows((k) => `${k % 6},${Math.floor(k / 6)},${(k % 6) - Math.floor(k / 6)}`)}\n`);
    const spec = validateSpec({ name: 'plane', input: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'identity' }], loss: 'mse' });
    const two = await runTraining(spec, { ...TRAIN_DEFAULTS, data: csv2, epochs: 5, lr: 0.05, out: dir });
    expect(two.files.map((f) => f.label)).toEqual(['Parameters', 'Loss curve', 'Decision boundary']);
    const svg = readFileSync(join(dir, 'plane.boundary.svg'), 'utf8');
    expect(svg).toContain('<g class="heatmap"');
    expect(svg).not.toMatch(/class="(contour|train|test)"/);
  });

  it('a spec name with path separators stays inside --out', async () => {
    const dir = tmp();
    const spec = { ...loadSpec('test/train/fixtures/xor-tanh.json'), name: '../../escape/me' };
    const run = await runTraining(spec, { ...TRAIN_DEFAULTS, data: 'xor', epochs: 2, out: dir });
    for (const f of run.files) expect(f.path.startsWith(`${dir}/escape-me.`), f.path).toBe(true);
  });
});
