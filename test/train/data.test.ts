import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fitStandardizer,
  makeCircles,
  makeMoons,
  makeXor,
  oneHot,
  readCsv,
  standardize,
  trainTestSplit,
  type Dataset,
} from '../../src/train/data.ts';
import { UserError } from '../../src/util/errors.ts';
import { mulberry32, normal, shuffleInPlace, stream } from '../../src/train/rng.ts';

const radius = (d: Dataset, e: number): number => Math.hypot(d.X[2 * e]!, d.X[2 * e + 1]!);
const labels = (d: Dataset): number[] => Array.from(d.Y);
const count = (xs: number[], v: number): number => xs.filter((x) => x === v).length;

function csv(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'symprop-data-')), name);
  writeFileSync(path, text);
  return path;
}

describe('rng', () => {
  it('is deterministic by seed and uniform in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(xs[0]);
  });

  it('draws normals with mean ≈ 0 and variance ≈ 1', () => {
    const rng = mulberry32(1);
    const xs = Array.from({ length: 20000 }, () => normal(rng));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('gives each purpose of each seed its own stream, none replaying another seed’s', () => {
    const draws = (rng: () => number): string => Array.from({ length: 6 }, () => rng()).join(',');
    const seen = new Map<string, string>();
    for (const seed of [0, 1, 2, 3, -1]) {
      for (const purpose of ['data', 'split', 'init', 'shuffle'] as const) seen.set(draws(stream(seed, purpose)), `${purpose} ${seed}`);
      seen.set(draws(mulberry32(seed)), `mulberry32(${seed})`); // the old layout: data and split used this, init seed + 1's
    }
    expect(seen.size).toBe(25);
    expect(draws(stream(5, 'init'))).toBe(draws(stream(5, 'init')));
  });

  it('shuffles into a permutation', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(a, mulberry32(3));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('makeCircles', () => {
  it('has 100 points of each label for n = 200', () => {
    const d = makeCircles(200, { factor: 0.5, noise: 0.08, seed: 42 });
    expect([d.n, d.inputs, d.outputs, d.X.length, d.Y.length]).toEqual([200, 2, 1, 400, 200]);
    expect([count(labels(d), 0), count(labels(d), 1)]).toEqual([100, 100]);
  });

  it('puts label 0 on the unit circle and label 1 on radius factor without noise', () => {
    const d = makeCircles(200, { factor: 0.3, noise: 0, seed: 1 });
    for (let e = 0; e < d.n; e++) expect(radius(d, e)).toBeCloseTo(d.Y[e] === 1 ? 0.3 : 1, 12);
    const angles = new Set<string>(); // points on the outer circle, rounded (+ 0 turns -0 into 0)
    for (let e = 0; e < d.n; e++) if (d.Y[e] === 0) angles.add(`${Math.round(d.X[2 * e]! * 1e9) + 0},${Math.round(d.X[2 * e + 1]! * 1e9) + 0}`);
    expect(angles.size).toBe(100); // evenly spaced without the endpoint: no duplicate at 2π
  });

  it('is shuffled, deterministic by seed, and different for another seed', () => {
    const o = { factor: 0.5, noise: 0.08, seed: 42 };
    const d = makeCircles(200, o);
    expect(labels(d).slice(0, 100)).not.toEqual(Array(100).fill(0));
    expect(makeCircles(200, o)).toEqual(d);
    expect(makeCircles(200, { ...o, seed: 43 }).X).not.toEqual(d.X);
  });

  it('adds noise of about the requested size', () => {
    const d = makeCircles(2000, { factor: 0.5, noise: 0.1, seed: 5 });
    let ss = 0;
    for (let e = 0; e < d.n; e++) ss += (radius(d, e) - (d.Y[e] === 1 ? 0.5 : 1)) ** 2;
    expect(Math.sqrt(ss / d.n)).toBeGreaterThan(0.07);
    expect(Math.sqrt(ss / d.n)).toBeLessThan(0.13);
  });
});

describe('makeXor and makeMoons', () => {
  it('labels the corners with XOR', () => {
    const d = makeXor(8, { noise: 0, seed: 1 });
    expect(d.n).toBe(8);
    for (let e = 0; e < d.n; e++) {
      const [a, b] = [d.X[2 * e]!, d.X[2 * e + 1]!];
      expect([0, 1]).toContain(a);
      expect([0, 1]).toContain(b);
      expect(d.Y[e]).toBe(a !== b ? 1 : 0);
    }
    expect(count(labels(d), 1)).toBe(4);
  });

  it('makes two half circles of moons', () => {
    const d = makeMoons(100, { noise: 0, seed: 2 });
    expect([d.n, d.inputs, d.outputs]).toEqual([100, 2, 1]);
    expect(count(labels(d), 0)).toBe(50);
    for (let e = 0; e < d.n; e++) {
      const [x, y] = [d.X[2 * e]!, d.X[2 * e + 1]!];
      if (d.Y[e] === 0) expect(Math.hypot(x, y)).toBeCloseTo(1, 12), expect(y).toBeGreaterThanOrEqual(-1e-12);
      else expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 12), expect(y).toBeLessThanOrEqual(0.5 + 1e-12);
    }
    expect(makeMoons(100, { noise: 0.1, seed: 2 }).X).not.toEqual(makeMoons(100, { noise: 0.1, seed: 3 }).X);
  });
});

describe('readCsv', () => {
  it('reads a header and numeric rows, the last column the target', () => {
    const d = readCsv(csv('good.csv', 'x1,x2,y\n1,2,0\r\n3.5,-4e1,1\n\n'));
    expect([d.n, d.inputs, d.outputs]).toEqual([2, 2, 1]);
    expect(Array.from(d.X)).toEqual([1, 2, 3.5, -40]);
    expect(Array.from(d.Y)).toEqual([0, 1]);
    expect(Array.from(d.lines!)).toEqual([2, 3]);
  });

  it('records each example’s line, past blank lines and a leading blank line', () => {
    expect(Array.from(readCsv(csv('b.csv', '\nx,y\n1,0\n\n\n2,1\n3,0\n')).lines!)).toEqual([3, 6, 7]);
  });

  it('names the line and column of a bad number', () => {
    const rows = ['a,b,c,y', '1,2,3,0', '1,2,3,0', '1,2,3,0', '1,2,3,0', '1,2,3,0', '1,2,abc,1'];
    const path = csv('data.csv', rows.join('\n') + '\n');
    expect(() => readCsv(path)).toThrow(UserError);
    expect(() => readCsv(path)).toThrow(`${path}:7: column 3 "abc" is not a decimal number`);
  });

  it('takes decimal numbers only, and a header that is not all numbers', () => {
    for (const bad of ['0x10', '0b1', '0o1', 'Infinity', 'NaN', '1_000', '1e']) {
      expect(() => readCsv(csv('b.csv', `a,y\n${bad},1\n`))).toThrow(`column 1 "${bad}" is not a decimal number`);
    }
    expect(readCsv(csv('ok.csv', 'a,y\n-1.5e-3,1\n.5,0\n+2,1\n')).X).toEqual(Float64Array.from([-1.5e-3, 0.5, 2]));
    expect(() => readCsv(csv('nh.csv', '0.5,1\n1,0\n'))).toThrow(/nh\.csv:1: the first row is all numbers; it must be a header naming the columns/);
  });

  it('rejects ragged rows, empty files and a header without rows, naming the line', () => {
    expect(() => readCsv(csv('r.csv', 'a,y\n1,0\n1,2,0\n'))).toThrow(/r\.csv:3: 3 columns, the header has 2$/);
    expect(() => readCsv(csv('e.csv', ''))).toThrow(/: the file is empty$/);
    expect(() => readCsv(csv('h.csv', 'a,y\n'))).toThrow(/h\.csv:1: a header but no data rows$/);
    expect(() => readCsv(csv('n.csv', 'a,y\n1,\n'))).toThrow(/n\.csv:2: column 2 "" is not a decimal number$/);
    expect(() => readCsv('/nonexistent/x.csv')).toThrow(UserError);
  });
});

describe('split, standardise, one-hot', () => {
  const d = makeCircles(200, { factor: 0.5, noise: 0.08, seed: 42 });

  it('splits 200 at 0.3 into 140 and 60, a permutation of the examples', () => {
    const { train, test } = trainTestSplit(d, 0.3, 7);
    expect([train.n, test.n, train.X.length, test.Y.length]).toEqual([140, 60, 280, 60]);
    const key = (s: Dataset, e: number): string => `${s.X[2 * e]},${s.X[2 * e + 1]},${s.Y[e]}`;
    const all = [...Array.from({ length: 140 }, (_, e) => key(train, e)), ...Array.from({ length: 60 }, (_, e) => key(test, e))];
    expect(all.sort()).toEqual(Array.from({ length: 200 }, (_, e) => key(d, e)).sort());
    expect(trainTestSplit(d, 0.3, 7)).toEqual({ train, test });
    expect(trainTestSplit(d, 0.3, 8).test.X).not.toEqual(test.X);
  });

  it('standardises with the training statistics only', () => {
    const shifted: Dataset = { ...d, X: d.X.map((x) => 3 * x + 5) };
    const { train, test } = trainTestSplit(shifted, 0.3, 7);
    const s = fitStandardizer(train);
    const t = standardize(train, s);
    for (let j = 0; j < 2; j++) {
      const col = Array.from({ length: t.n }, (_, e) => t.X[2 * e + j]!);
      const mean = col.reduce((a, x) => a + x, 0) / col.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(Math.sqrt(col.reduce((a, x) => a + (x - mean) ** 2, 0) / col.length)).toBeCloseTo(1, 12);
    }
    expect(s.mean).not.toEqual(fitStandardizer(shifted).mean);
    const u = standardize(test, s);
    expect(u.X[0]).toBeCloseTo((test.X[0]! - s.mean[0]!) / s.std[0]!, 12);
    expect(train.X[0]).not.toBe(t.X[0]); // a new array; the input is untouched
    expect(fitStandardizer({ X: new Float64Array([2, 2, 2]), Y: new Float64Array(3), n: 3, inputs: 1, outputs: 1 }).std[0]).toBe(1);
  });

  it('one-hot encodes class indices', () => {
    const c: Dataset = { X: new Float64Array(3), Y: new Float64Array([2, 0, 1]), n: 3, inputs: 1, outputs: 1 };
    const h = oneHot(c, 3);
    expect(h.outputs).toBe(3);
    expect(Array.from(h.Y)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(() => oneHot(c, 2)).toThrow(/example 1: target 2 is not in 0\.\.1/); // a bug: targets are checked before (targets.ts)
  });
});
