import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    const saved = JSON.parse(readFileSync(join(dir, 'xor-tanh.params.json'), 'utf8')) as { spec: { layers: object[] }; theta: number[] };
    expect(saved.theta).toEqual([...run.theta]);
    expect(validateSpec(saved.spec)).toEqual(XOR); // loads back as the same network
    for (const layer of saved.spec.layers) expect(layer).not.toHaveProperty('alpha'); // tanh and sigmoid have no slope α
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

  it('saves the training split’s standardisation, so θ applies to raw inputs', async () => {
    const dir = tmp();
    const raw = [[1, 10], [2, 30], [4, 20], [5, 60], [3, 40], [9, 0]];
    const csv = join(dir, 'raw.csv');
    writeFileSync(csv, `a,b,y\n${raw.map(([a, b], k) => `${a},${b},${k % 2}`).join('\n')}\n`);
    const run = await runTraining(XOR, { ...TRAIN_DEFAULTS, data: csv, epochs: 20, testSplit: 0, out: dir }); // every row trains
    const saved = JSON.parse(readFileSync(join(dir, 'xor-tanh.params.json'), 'utf8')) as { standardize: { mean: number[]; std: number[] } };
    const column = (j: number): number[] => raw.map((r) => r[j]!);
    const mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
    for (const j of [0, 1]) {
      expect(saved.standardize.mean[j]).toBeCloseTo(mean(column(j)), 12);
      expect(saved.standardize.std[j]).toBeCloseTo(Math.sqrt(mean(column(j).map((x) => (x - mean(column(j))) ** 2))), 12);
    }
    // Raw rows standardised with the saved statistics are exactly the inputs θ was trained on.
    const { mean: m, std: sd } = saved.standardize;
    const key = (x: number, y: number): string => `${x.toFixed(9)},${y.toFixed(9)}`;
    const trained = Array.from({ length: run.train.n }, (_, e) => key(run.train.X[2 * e]!, run.train.X[2 * e + 1]!)).sort();
    expect(raw.map(([a, b]) => key((a! - m[0]!) / sd[0]!, (b! - m[1]!) / sd[1]!)).sort()).toEqual(trained);
  });

  it('titles name the data set when it is not the network’s name', async () => {
    const dir = tmp();
    await runTraining(XOR, { ...options, out: dir });
    expect(readFileSync(join(dir, 'xor-tanh.boundary.svg'), 'utf8')).toContain('<title>xor-tanh on xor: decision boundary (ŷ = 0.5)</title>');
    expect(readFileSync(join(dir, 'xor-tanh.loss.svg'), 'utf8')).toContain('<title>xor-tanh on xor: training loss</title>');
    const circles = await runTraining(loadSpec('examples/circles.json'), { ...TRAIN_DEFAULTS, epochs: 2, out: dir });
    expect(readFileSync(circles.files[1]!.path, 'utf8')).toContain('<title>circles: training loss</title>');
  });

  it('checks --out before reading the data, and creates it only once the data fit', async () => {
    const file = join(tmp(), 'file');
    writeFileSync(file, '');
    await expect(runTraining(XOR, { ...options, data: 'spirals', out: file })).rejects.toThrow(`--out: ${file}: not a directory`);
    const fresh = join(tmp(), 'a', 'b');
    await expect(runTraining(XOR, { ...options, data: 'spirals', out: fresh })).rejects.toThrow('unknown data set');
    expect(existsSync(join(fresh, '..'))).toBe(false);
  });

  it('two inputs and softmax: regions coloured by the trained module’s argmax, one legend row per class', async () => {
    const dir = tmp();
    const csv = join(dir, 'three.csv');
    // Three clusters around the corners of a triangle, class k at angle 2πk/3, jittered deterministically.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const [k, a, r] = [i % 3, (2 * Math.PI * (i % 3)) / 3, 0.3 * Math.sin(7 * i)];
      return `${2 * Math.cos(a) + r},${2 * Math.sin(a) - r},${k}`;
    });
    writeFileSync(csv, `x1,x2,class\n${rows.join('\n')}\n`);
    const spec = validateSpec({ name: 'three', input: 2, layers: [{ units: 6, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'cross_entropy' });
    const run = await runTraining(spec, { ...TRAIN_DEFAULTS, data: csv, epochs: 100, out: dir });
    expect(run.scores.train).toBe(1);
    const svg = readFileSync(join(dir, 'three.boundary.svg'), 'utf8');
    expect(svg).toContain('<title>three on three.csv: decision regions (argmax ŷ)</title>');
    for (const c of [0, 1, 2]) expect(svg).toContain(`>class ${c}<`);
    const grid = outputGrid(run.net, run.theta, [run.train, run.test]);
    const n = grid.nx;
    const rects = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1" fill="(#[0-9a-f]{6})"\/>/g)];
    const fillAt = (i: number, j: number): string => rects.find((m) => Number(m[2]) === n - 1 - j && Number(m[1]) <= i && i < Number(m[1]) + Number(m[3]))![4]!;
    const fillOfClass = new Map<number, Set<string>>();
    for (let j = 0; j < n; j += 7) {
      for (let i = 0; i < n; i += 7) {
        const x = [grid.x.min + ((i + 0.5) / n) * (grid.x.max - grid.x.min), grid.y.min + ((j + 0.5) / n) * (grid.y.max - grid.y.min)];
        const out = new Float64Array(3);
        run.net.forward(run.theta, Float64Array.from(x), 1, out);
        const cls = out.indexOf(Math.max(...out));
        fillOfClass.set(cls, (fillOfClass.get(cls) ?? new Set()).add(fillAt(i, j)));
      }
    }
    expect([...fillOfClass.keys()].sort()).toEqual([0, 1, 2]); // every class has a region ...
    const fills = [...fillOfClass.values()];
    for (const f of fills) expect(f.size).toBe(1); // ... of one colour ...
    expect(new Set(fills.map((f) => [...f][0])).size).toBe(3); // ... its own
  });

  it('a spec name with path separators stays inside --out', async () => {
    const dir = tmp();
    const spec = { ...loadSpec('test/train/fixtures/xor-tanh.json'), name: '../../escape/me' };
    const run = await runTraining(spec, { ...TRAIN_DEFAULTS, data: 'xor', epochs: 2, out: dir });
    for (const f of run.files) expect(f.path.startsWith(`${dir}/escape-me.`), f.path).toBe(true);
  });
});
