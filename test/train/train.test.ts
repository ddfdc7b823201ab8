import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as xor from '../../generated/xor.ts';
import { main } from '../../src/cli/main.ts';
import { compileNetwork, validateSpec } from '../../src/index.ts';
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
const lastJson = (out: string): Record<string, number | null> => JSON.parse(out.trimEnd().split('\n').at(-1)!);

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

  it('bad options are exit 2 with one line, naming the flag, and write nothing', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'symprop-train-'));
    const out = join(tmp, 'never');
    const csv = (name: string, text: string): string => (writeFileSync(join(tmp, name), text), join(tmp, name));
    const cases: Array<[string[], RegExp]> = [
      [['--data', 'spirals'], /--data: unknown data set "spirals" \(circles, xor, moons or a CSV file\)/],
      [['--data', 'circels'], /--data: unknown data set "circels" \(did you mean "circles"\? circles, xor, moons or a CSV file\)/],
      [['--data', 'missing.csv'], /missing\.csv: cannot read the CSV file \(no such file\)/],
      [['--data', 'circles', '--epochs', '0'], /--epochs: must be a positive integer, at most 1000000 \(the limit\), got "0"/],
      [['--data', 'circles', '--epochs', '1e9x'], /--epochs: must be a positive integer, at most 1000000 \(the limit\), got "1e9x"/],
      [['--data', 'circles', '--epochs', '1e9'], /--epochs: must be a positive integer, at most 1000000 \(the limit\), got "1e9"/],
      [['--data', 'circles', '--samples', '1e8'], /--samples: must be an integer from 2 to 1000000 \(the limit\), got "1e8"/],
      [['--data', 'circles', '--lr', 'fast'], /--lr: must be a positive number, got "fast"/],
      [['--data', 'circles', '--batch', '2.5'], /--batch: must be a positive integer, got "2\.5"/],
      [['--data', 'circles', '--test-split', '1'], /--test-split: must be in \[0, 1\), got "1"/],
      [['--data', 'circles', '--lr-decay', '1.5'], /--lr-decay: must be in \(0, 1\], got "1\.5"/],
      [['--data', 'circles', '--l2', '-1'], /--l2: must be a number >= 0, got "-1"/],
      [['--data', 'circles', '--init', 'xavior'], /option '--init <scheme>' argument 'xavior' is invalid\. Allowed choices are he, xavier, normal, zeros/],
      [['--data', 'circles', '--report', 'gradient'], /option '--report <what>' argument 'gradient' is invalid\. Allowed choices are gradients/],
      [['--data', 'circles', '--lang', 'de'], /option '--lang <lang>' argument 'de' is invalid/],
      [['--data', 'circles', '--shuffle'], /unknown option '--shuffle'/],
      [['--data', 'circles', '--samples', '1'], /--samples: must be an integer from 2 to 1000000 \(the limit\), got "1"/],
      [['--data', 'circles', '--noise', '-0.1'], /--noise: must be a number >= 0, got "-0\.1"/],
      [['--data', 'circles', '--factor', '1'], /--factor: must be in \(0, 1\), got "1"/],
      [['--data', 'moons', '--factor', '0.3'], /--factor: only for --data circles, not "moons"/],
      [[], /required option '--data <name>' not specified/],
      [['--data', csv('bad.csv', 'a,b,y\n1,2,0\n\n3,4,2\n')], /^symprop: \S+bad\.csv:4: target 2 is not 0 or 1 \(the network ends in a sigmoid with bce\)$/m],
      [['--data', csv('two.csv', 'a,b,y\n1,2,0\n3,4,1\n'), '--test-split', '0.9'], /--test-split 0\.9: no training examples left \(\S+two\.csv has 2, all held out for testing\)/],
    ];
    for (const [flags, message] of cases) {
      const r = await run('train', 'examples/circles.json', ...flags, '--out', out);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/^symprop: /);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('--out DIR writes θ, the loss curve and the decision boundary, and prints each path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-train-'));
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--epochs', '30', '--out', dir);
    expect(r.code).toBe(0);
    const files = ['params.json', 'loss.svg', 'boundary.svg'].map((f) => join(dir, `circles.${f}`));
    expect(r.out.trimEnd().split('\n').slice(-3)).toEqual([`Parameters: ${files[0]}`, `Loss curve: ${files[1]}`, `Decision boundary: ${files[2]}`]);
    for (const f of files) expect(readFileSync(f, 'utf8').length).toBeGreaterThan(100);
    expect(readdirSync(dir).sort()).toEqual(['circles.boundary.svg', 'circles.loss.svg', 'circles.params.json']); // no temporary file left
  });

  it('--report gradients: a table of ‖∂J/∂W_k‖ per epoch; six sigmoid layers with N(0, 1) weights vanish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-train-'));
    const r = await run('train', 'examples/deep-sigmoid.json', '--data', 'circles', '--init', 'normal', '--epochs', '5', '--report', 'gradients', '--out', dir);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const at = lines.indexOf('Gradient norms ‖∂J/∂W_k‖ on the training set, at the start of each epoch:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]!.trim().split(/\s+/)).toEqual(['epoch', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W1/W6']);
    const rows = lines.slice(at + 2, at + 7).map((l) => l.trim().split(/\s+/).map(Number));
    expect(rows.map((row) => row[0])).toEqual([1, 2, 3, 4, 5]);
    const [, w1, , , , , w6, ratio] = rows[0]!;
    expect(ratio).toBeCloseTo(w1! / w6!, 2);
    expect(ratio).toBeLessThan(1e-2);
    expect(r.out).toContain(`Gradient norms: ${join(dir, 'deep-sigmoid.gradients.svg')}`);
    expect(readFileSync(join(dir, 'deep-sigmoid.gradients.svg'), 'utf8').split('<g class="series">')).toHaveLength(7);
  });

  it('about ten table rows for many epochs, none without --report', async () => {
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--epochs', '50', '--report', 'gradients', '--json');
    const rows = r.out.split('\n').filter((l) => /^\s+\d+(\s+\d\.\d\de[-+]\d+){4}$/.test(l));
    expect(rows.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 50]);
    // The header says which epochs the table shows (not "each epoch").
    expect(r.out).toContain('Gradient norms ‖∂J/∂W_k‖ on the training set, at the start of epochs 1, 6, 11, …, 50 (--out plots every epoch):\n');
    expect((await run('train', 'examples/circles.json', '--data', 'circles', '--epochs', '5')).out).not.toContain('Gradient norms');
  });

  it('a bad --out fails at once, before any training: one line, exit 2, the file untouched', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'symprop-train-')), 'file');
    writeFileSync(file, 'x');
    for (const [out, message] of [[file, 'not a directory'], [join(file, 'sub'), `${file} is not a directory`]] as const) {
      const r = await run('train', 'examples/circles.json', '--data', 'circles', '--out', out);
      expect([r.code, r.out, r.err]).toEqual([2, '', `symprop: --out: ${out}: ${message}\n`]); // no epoch printed
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a diverging run stops at the first non-finite loss: exit 1, one line, nothing written', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'symprop-train-')), 'out');
    const r = await run('train', 'examples/xor.json', '--data', 'xor', '--lr', '50', '--out', dir);
    expect(r.code).toBe(1);
    const m = /^symprop: training diverged at epoch (\d+) \(loss = (NaN|-?Infinity)\): try a smaller --lr\n$/.exec(r.err);
    expect(m, r.err).not.toBeNull();
    // Off a terminal a line every 10 % of the epochs: none of them after the divergence.
    const printed = [...r.out.matchAll(/^Epoch (\d+) /gm)].map((x) => Number(x[1]));
    expect(printed.filter((k) => k >= Number(m![1]))).toEqual([]);
    expect(r.out).not.toMatch(/MSE|Parameters/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--test-split 0: "no test set", and testAccuracy null in the JSON', async () => {
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--epochs', '5', '--test-split', '0', '--json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Train accuracy: \d\.\d{4}, no test set$/m);
    expect(r.out).not.toContain('NaN');
    expect(lastJson(r.out)).toHaveProperty('testAccuracy', null);
    const fr = await run('train', 'examples/circles.json', '--data', 'circles', '--epochs', '5', '--test-split', '0', '--lang', 'fr');
    expect(fr.out).toMatch(/^Exactitude de l'entraînement : \d,\d{4}, pas d'ensemble de test$/m);
  });

  it('on a terminal: a progress bar instead of epoch lines, then the results', async () => {
    let out = '';
    const code = await main(['train', 'examples/circles.json', '--data', 'circles', '--epochs', '30', '--json'], { out: (t) => void (out += t), err: () => {}, isTTY: true, columns: 120 });
    expect(code).toBe(0);
    expect(out).not.toMatch(/^Epoch \d+ \|/m);
    const result = lastJson(out);
    const bar = out.slice(0, out.indexOf('Train accuracy'));
    expect(bar).toContain(`Epoch 30/30 `);
    expect(bar).toContain(`loss ${result.loss!.toFixed(4)} | ETA`);
    expect(out).toMatch(/\nTrain accuracy: \d\.\d{4}, test accuracy: \d\.\d{4}\n/);
  });

  it('--lang fr: seed 004’s "Époque k | perte a → b" and "Exactitude"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-train-'));
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--epochs', '3', '--lang', 'fr', '--out', dir);
    expect(r.out).toMatch(/^Époque 1 \| perte \d,\d{4} → \d,\d{4}$/m);
    expect(r.out).toContain(`Paramètres : ${join(dir, 'circles.params.json')}\n`);
    expect(readFileSync(join(dir, 'circles.boundary.svg'), 'utf8')).toContain('frontière de décision');
    expect(readFileSync(join(dir, 'circles.loss.svg'), 'utf8')).toMatch(/>0,\d+<\/text>/); // tick labels with decimal commas
    expect(r.out).toMatch(/^Exactitude de l'entraînement : \d,\d{4}, exactitude du test : \d,\d{4}$/m);
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

  // Seed 004's symmetry argument: with every weight 0, the hidden units of a layer compute the
  // same thing, receive the same gradient, and so stay copies of each other however long one
  // trains. Sigmoid units (relu would not move at all: relu′(0) = 0 and h = 0) and mini-batches
  // (on the balanced full set the first gradient is exactly 0: mean(ŷ − y) = 0.5 − 0.5).
  const SIGMOID = validateSpec({ name: 'sym', input: 2, layers: [4, 4, 1].map((units) => ({ units, activation: 'sigmoid' })), loss: 'bce' });

  async function trainedFrom(perturb: (theta: Float64Array) => void): Promise<Map<string, number[][]>> {
    const net = await compileNetwork(SIGMOID);
    const theta = initTheta(SIGMOID, 'zeros', mulberry32(1));
    perturb(theta);
    trainNetwork(net, theta, makeCircles(40, { factor: 0.5, noise: 0.08, seed: 3 }), { epochs: 60, batch: 8, lr: 1, lrDecay: 1, shuffle: true }, mulberry32(2));
    const blocks = new Map<string, number[][]>();
    let offset = 0;
    net.paramNames.forEach((name, b) => {
      const [rows, cols] = net.paramShapes[b]!;
      blocks.set(name, Array.from({ length: rows }, (_, i) => [...theta.subarray(offset + i * cols, offset + (i + 1) * cols)]));
      offset += rows * cols;
    });
    return blocks;
  }

  /** What differs between the units of hidden layers 1 and 2: their rows of W_k and b_k, and their columns of W_(k+1). */
  function asymmetries(p: Map<string, number[][]>): string[] {
    const out: string[] = [];
    const same = (xs: number[][]): boolean => xs.every((x) => x.every((v, j) => v === xs[0]![j]));
    const columns = (m: number[][]): number[][] => m[0]!.map((_, j) => m.map((row) => row[j]!));
    for (const k of [1, 2]) {
      if (!same(p.get(`W${k}`)!)) out.push(`rows of W${k}`);
      if (!same(p.get(`b${k}`)!)) out.push(`entries of b${k}`);
      if (!same(columns(p.get(`W${k + 1}`)!))) out.push(`columns of W${k + 1}`);
    }
    return out;
  }

  it('zero initialisation: the weights move, but the hidden units stay identical (seed 004: symmetry)', async () => {
    const p = await trainedFrom(() => {});
    for (const w of ['W1', 'W2', 'W3']) expect(Math.max(...p.get(w)!.flat().map(Math.abs)), `${w} moved`).toBeGreaterThan(1e-4);
    expect(asymmetries(p)).toEqual([]);
  });

  it('one weight off zero breaks the symmetry (so the check above can fail)', async () => {
    const p = await trainedFrom((theta) => void (theta[0] = 0.01)); // w¹₁₁: unit 1 of layer 1 alone sees it
    // Layer 1's units part ways; layer 2's still receive equal inputs through equal rows, and stay copies.
    expect(asymmetries(p)).toEqual(['rows of W1', 'entries of b1', 'columns of W2']);
  });
});
