import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/index.ts';
import { dataName, loadDataset, prepareData } from '../../src/train/prepare.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-prepare-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const CIRCLES = loadSpec('examples/circles.json');

describe('--data', () => {
  it('reads any existing file as CSV: .CSV in capitals, or no extension at all', () => {
    for (const name of ['upper.CSV', 'plain']) expect(loadDataset(file(name, 'a,b,y\n1,2,0\n3,4,1\n'), 1).n).toBe(2);
  });

  it('a missing file is reported as such; a name that is neither a set nor a file gets the did-you-mean', () => {
    expect(() => loadDataset(join(dir, 'missing.Csv'), 1)).toThrow(/missing\.Csv: cannot read the CSV file \(no such file\)/);
    expect(() => loadDataset('mons', 1)).toThrow('--data: unknown data set "mons" (did you mean "moons"? circles, xor, moons or a CSV file)');
  });

  it('names a built-in set by name and a file by its base name (the plots’ titles)', () => {
    expect(dataName('moons')).toBe('moons');
    expect(dataName(join(dir, 'runs', 'blobs.csv'))).toBe('blobs.csv');
  });
});

describe('--samples, --noise, --factor', () => {
  const radii = (d: ReturnType<typeof loadDataset>, cls: number): number[] =>
    Array.from({ length: d.n }, (_, e) => e).filter((e) => d.Y[e] === cls).map((e) => Math.hypot(d.X[2 * e]!, d.X[2 * e + 1]!));
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

  it('set the size of every generated set, the inner radius of circles, and the noise', () => {
    for (const name of ['circles', 'xor', 'moons']) expect(loadDataset(name, 1, { samples: 51 }).n).toBe(51);
    // Without noise the circles are exact: radius 1 outside, `factor` inside.
    const exact = loadDataset('circles', 1, { noise: 0, factor: 0.3 });
    for (const r of radii(exact, 0)) expect(r).toBeCloseTo(1, 12);
    for (const r of radii(exact, 1)) expect(r).toBeCloseTo(0.3, 12);
    const noisy = loadDataset('circles', 1, { noise: 0.2, factor: 0.3 });
    expect(Math.max(...radii(noisy, 0).map((r) => Math.abs(r - 1)))).toBeGreaterThan(0.1);
    expect(mean(radii(noisy, 1))).toBeGreaterThan(0.2);
  });

  it('are refused where they mean nothing: --factor off circles, any of them with a CSV file', () => {
    expect(() => loadDataset('moons', 1, { factor: 0.3 })).toThrow('--factor: only for --data circles, not "moons"');
    const path = file('two.csv', 'a,b,y\n1,2,0\n3,4,1\n');
    expect(() => loadDataset(path, 1, { samples: 10 })).toThrow('--samples: only for the generated data sets');
    expect(() => loadDataset(path, 1, { noise: 0.1 })).toThrow('--noise: only for the generated data sets');
  });
});

describe('prepareData', () => {
  it('returns the training split’s statistics, which standardise it', () => {
    const path = file('five.csv', 'a,b,y\n1,10,0\n2,20,1\n3,30,0\n4,40,1\n5,50,0\n');
    const { train, test, standardizer } = prepareData(CIRCLES, path, 0, 1);
    expect([train.n, test.n]).toEqual([5, 0]);
    expect(Array.from(standardizer.mean)).toEqual([3, 30]); // every row trains: the file's own column means
    expect(standardizer.std[0]).toBeCloseTo(Math.sqrt(2), 12); // population std of 1..5
    expect(standardizer.std[1]).toBeCloseTo(10 * Math.sqrt(2), 12);
  });

  it('an empty training split is bad input, before any training', () => {
    const path = file('two.csv', 'a,b,y\n1,2,0\n3,4,1\n');
    expect(() => prepareData(CIRCLES, path, 0.9, 1)).toThrow(`--test-split 0.9: no training examples left (${path} has 2, all held out for testing)`);
    expect(prepareData(CIRCLES, path, 0.2, 1).train.n).toBe(2);
  });
});
