// symprop predict on a convolutional network's parameters file: the shapes set seeded as
// train draws it (the accuracy is train's two scores weighted), ŷ against the independent
// engine on pixels standardised with the saved statistics, a CSV with and without a class
// column, a directory of class folders (classes matched by name), and every bad field of
// the parameters file as one line naming the file and the field, exit 2.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { engineConvForward } from '../../src/engine/conv-network.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { rng } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-conv-predict-'));
const fixture = new URL('./fixtures/cnn-shapes.json', import.meta.url).pathname;
const params = join(dir, 'cnn-shapes.params.json');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const csvRows = (text: string): string[][] => text.trim().split('\n').map((l) => l.split(','));

/** A CSV of the given pixel rows (256 columns p0..p255), with a class column when given. */
const pixelCsv = (name: string, rows: readonly (readonly number[])[], classes?: readonly number[]): string =>
  file(name, `${[...Array.from({ length: 256 }, (_, i) => `p${i}`), ...(classes ? ['class'] : [])].join(',')}\n${rows.map((r, e) => [...r, ...(classes ? [classes[e]] : [])].join(',')).join('\n')}\n`);

const r = rng(21);
const PIXELS = Array.from({ length: 5 }, () => Array.from({ length: 256 }, () => Math.round(r() * 1000) / 1000));

let trained: { trainAccuracy: number; testAccuracy: number; classes: string[] };
beforeAll(async () => {
  // 400 figures, 3 epochs: 280 to train on and 120 held out (--test-split 0.3).
  const t = await run('train', fixture, '--data', 'shapes', '--samples', '400', '--epochs', '3', '--out', dir, '--json', '-q');
  expect(t.code).toBe(0);
  trained = JSON.parse(t.out.trim().split('\n').at(-1)!);
}, 60_000);

describe('symprop predict on a CNN', () => {
  it("on the shapes set train drew (seed 1, 400 figures) the accuracy is train's, weighted: 280 training and 120 test images", async () => {
    const p = await run('predict', params, '--data', 'shapes', '--samples', '400');
    expect(p.code).toBe(0);
    const expected = (280 * trained.trainAccuracy + 120 * trained.testAccuracy) / 400;
    expect(p.err).toBe(`Accuracy: ${expected.toFixed(4)} (400 examples)\n`);
    const rows = csvRows(p.out);
    expect(rows[0]).toEqual(['source', 'yhat1', 'yhat2', 'yhat3', 'yhat4', 'label', 'class']);
    expect(rows).toHaveLength(401);
    expect(rows[1]![0]).toBe('shapes #1');
    for (const row of rows.slice(1)) {
      const yhat = row.slice(1, 5).map(Number);
      expect(yhat.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 8);
      expect(Number(row[5])).toBe(yhat.indexOf(Math.max(...yhat)));
      expect(row[6]).toBe(trained.classes[Number(row[5])]);
    }
  });

  it('another seed draws another set; --seed 1 is the default', async () => {
    const [a, b, c] = await Promise.all([run('predict', params, '--data', 'shapes', '--samples', '40'), run('predict', params, '--data', 'shapes', '--samples', '40', '--seed', '1'), run('predict', params, '--data', 'shapes', '--samples', '40', '--seed', '2')]);
    expect(b.out).toBe(a.out);
    expect(c.out).not.toBe(a.out);
  });

  it("ŷ is the independent engine's forward on the pixels standardised per channel with the saved statistics (a CSV without a class column: no score)", async () => {
    const saved = JSON.parse(readFileSync(params, 'utf8')) as { spec: { kind?: string }; standardize: { mean: number[]; std: number[] }; theta: number[] };
    const { kind: _kind, ...json } = saved.spec;
    const spec = validateConvSpec(json);
    const p = await run('predict', params, '--data', pixelCsv('pixels.csv', PIXELS));
    expect(p.code).toBe(0);
    expect(p.err).toBe('');
    const rows = csvRows(p.out);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['pixels.csv:2', 'pixels.csv:3', 'pixels.csv:4', 'pixels.csv:5', 'pixels.csv:6']);
    const X = Float64Array.from(PIXELS.flat(), (v) => (v - saved.standardize.mean[0]!) / saved.standardize.std[0]!);
    const expected = engineConvForward(spec, Float64Array.from(saved.theta), X, PIXELS.length);
    rows.slice(1).forEach((row, e) => row.slice(1, 5).forEach((v, k) => expect(Number(v)).toBeCloseTo(expected[e * 4 + k]!, 9)));
  });

  it('a CSV with a class column gets the accuracy; -o writes the CSV and prints the score on stdout', async () => {
    const first = csvRows((await run('predict', params, '--data', pixelCsv('p.csv', PIXELS))).out).slice(1).map((row) => Number(row[5]));
    // The first two rows labelled as predicted, the other three as another class: accuracy 2/5.
    const classes = first.map((k, e) => (e < 2 ? k : (k + 1) % 4));
    const out = join(dir, 'predicted.csv');
    const p = await run('predict', params, '--data', pixelCsv('labelled.csv', PIXELS, classes), '-o', out);
    expect(p.code).toBe(0);
    expect(p.out).toBe('Accuracy: 0.4000 (5 examples)\n');
    expect(csvRows(readFileSync(out, 'utf8'))).toHaveLength(6);
  });

  it("a directory of class folders: classes matched to the network's by name, each image's path in the source column", async () => {
    const root = join(dir, 'figures');
    const picture = (fill: (r: number, t: number) => boolean): Buffer => {
      const png = new pngjs.PNG({ width: 16, height: 16 });
      for (let i = 0; i < 256; i++) png.data.fill(fill(Math.floor(i / 16), i % 16) ? 255 : 0, 4 * i, 4 * i + 3).fill(255, 4 * i + 3, 4 * i + 4);
      return pngjs.PNG.sync.write(png);
    };
    const figures = {
      disc: picture((r, t) => (r - 7.5) ** 2 + (t - 7.5) ** 2 < 20),
      bar: picture((_r, t) => t >= 6 && t <= 9),
    };
    for (const [name, png] of Object.entries(figures)) {
      mkdirSync(join(root, name), { recursive: true });
      for (let i = 0; i < 3; i++) writeFileSync(join(root, name, `${i}.png`), png);
    }
    const p = await run('predict', params, '--data', root);
    expect(p.code).toBe(0);
    const rows = csvRows(p.out).slice(1);
    expect(rows.map((row) => row[0])).toEqual([...['0', '1', '2'].map((i) => join(root, 'bar', `${i}.png`)), ...['0', '1', '2'].map((i) => join(root, 'disc', `${i}.png`))]);
    // The score counts the rows whose predicted class is the folder's name.
    const right = rows.filter((row) => row[0]!.includes(`/${row[6]}/`)).length;
    expect(p.err).toBe(`Accuracy: ${(right / 6).toFixed(4)} (6 examples)\n`);
  });

  it('a network with one sigmoid output (two classes, bce): one yhat column, label ŷ > 0.5', async () => {
    const two = file('two.json', JSON.stringify({ name: 'two', input: { channels: 1, height: 4, width: 4 }, layers: [{ type: 'conv2d', filters: 2, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }));
    const root = join(dir, 'dark-light');
    for (const [c, v] of [['dark', 0], ['light', 255]] as const) {
      mkdirSync(join(root, c), { recursive: true });
      const png = new pngjs.PNG({ width: 4, height: 4 });
      png.data.fill(v);
      for (let i = 0; i < 4; i++) writeFileSync(join(root, c, `${i}.png`), pngjs.PNG.sync.write(png));
    }
    const out = join(dir, 'two-out');
    expect((await run('train', two, '--data', root, '--test-split', '0', '--epochs', '30', '--out', out, '-q')).code).toBe(0);
    const p = await run('predict', join(out, 'two.params.json'), '--data', root);
    expect(p.code).toBe(0);
    const rows = csvRows(p.out);
    expect(rows[0]).toEqual(['source', 'yhat', 'label', 'class']);
    for (const row of rows.slice(1)) {
      expect(row[2]).toBe(String(Number(Number(row[1]) > 0.5)));
      expect(row[3]).toBe(['dark', 'light'][Number(row[2])]);
    }
    expect(p.err).toBe('Accuracy: 1.0000 (8 examples)\n');
  }, 30_000);
});

describe('bad input: one line naming the file and the field, exit 2', () => {
  const saved = (): Record<string, unknown> => JSON.parse(readFileSync(params, 'utf8'));
  const edited = (name: string, edit: (p: Record<string, any>) => void): string => {
    const p = saved();
    edit(p);
    return file(name, JSON.stringify(p));
  };
  const at = (name: string): string => join(dir, name);
  it.each([
    ['theta too short', () => edited('short.json', (p) => (p.theta = [1, 2])), () => `${at('short.json')}: theta: 2 numbers, expected 1652`],
    ['a theta entry not a number', () => edited('nan.json', (p) => (p.theta[5] = 'x')), () => `${at('nan.json')}: theta[5]: "x" is not a finite number`],
    ['a mean per channel, not per pixel', () => edited('mean.json', (p) => (p.standardize.mean = Array(256).fill(0))), () => `${at('mean.json')}: standardize.mean: 256 numbers, expected 1`],
    ['a zero std', () => edited('std.json', (p) => (p.standardize.std = [0])), () => `${at('std.json')}: standardize.std[0]: must be > 0`],
    ['standardize not per channel', () => edited('per.json', (p) => (p.standardize.per = 'pixel')), () => `${at('per.json')}: standardize.per: expected "channel" (a convolutional network's inputs are standardised per channel), got "pixel"`],
    ['no standardize', () => edited('nostd.json', (p) => delete p.standardize), () => `${at('nostd.json')}: standardize.mean: expected an array of 1 numbers`],
    ['no classes', () => edited('noclasses.json', (p) => delete p.classes), () => `${at('noclasses.json')}: classes: expected a list of 4 class names (the network's outputs in order), as train --out writes it`],
    ['a class twice', () => edited('twice.json', (p) => (p.classes = ['a', 'b', 'a', 'c'])), () => `${at('twice.json')}: classes[2]: "a" is already classes[0]`],
    ['a bad spec field', () => edited('spec.json', (p) => (p.spec.layers[0].kernel = 17)), () => `${at('spec.json')}: spec: layers[0].kernel: the window 17 × 17 is larger than its padded input 16 × 16 (sizes so far: 1 × 16 × 16)`],
    ['a spec of another kind', () => edited('kind.json', (p) => (p.spec.kind = 'dense')), () => `${at('kind.json')}: spec: unknown field "kind" (fields: name, notation, title, input, layers, loss, l2, reduction)`],
  ])('%s', async (_name, path, message) => {
    const r = await run('predict', path(), '--data', 'shapes', '--samples', '8');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: ${message()}\n`);
    expect(r.out).toBe('');
  });

  it.each([
    ['a CSV of the wrong width', () => ['--data', file('wide.csv', 'a,b,c\n1,2,3\n')], () => `${at('wide.csv')}:1: 3 columns; the network takes 1 × 16 × 16 = 256 pixel values (give 256 columns in channels-first order, or 257 with a class column)`],
    ['a class index past the outputs', () => ['--data', pixelCsv('k9.csv', PIXELS.slice(0, 1), [9])], () => `${at('k9.csv')}:2: class 9 in column "class" is not a class index 0..3 (the network tells 4 classes apart)`],
    ['--samples with a CSV', () => ['--data', pixelCsv('s.csv', PIXELS.slice(0, 1)), '--samples', '10'], () => `--samples: only for --data shapes, not "${at('s.csv')}"`],
    ['--factor', () => ['--data', 'shapes', '--factor', '0.5'], () => '--factor: only for --data circles'],
    ['a dense data set', () => ['--data', 'circles'], () => '--data: "circles" is neither shapes, a directory of class folders, nor a CSV file (cnn-shapes is a convolutional network)'],
  ])('%s', async (_name, flags, message) => {
    const r = await run('predict', params, ...flags());
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: ${message()}\n`);
  });

  it('a class folder the network was not trained on', async () => {
    const root = join(dir, 'cats');
    mkdirSync(join(root, 'cat'), { recursive: true });
    const png = new pngjs.PNG({ width: 16, height: 16 });
    writeFileSync(join(root, 'cat', 'a.png'), pngjs.PNG.sync.write(png));
    const r = await run('predict', params, '--data', root);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: --data: ${root}: class "cat" is not one of the 4 classes the network was trained on (bar, cross, square, disc)\n`);
  });

  it('a dense parameters file refuses --samples with a CSV, as train does', async () => {
    const dense = join(dir, 'dense');
    expect((await run('train', 'examples/xor.json', '--data', 'xor', '--epochs', '2', '--out', dense, '-q')).code).toBe(0);
    const r = await run('predict', join(dense, 'xor.params.json'), '--data', file('xy.csv', 'a,b\n0,1\n'), '--samples', '10');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: --samples: only for a generated set (circles, xor, moons), not the CSV file "${at('xy.csv')}"\n`);
  });
});
