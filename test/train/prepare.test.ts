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
    expect(() => loadDataset(join(dir, 'missing.Csv'), 1)).toThrow(/missing\.Csv: cannot read the file \(ENOENT\)/);
    expect(() => loadDataset('mons', 1)).toThrow('--data: unknown data set "mons" (did you mean "moons"? circles, xor, moons or a CSV file)');
  });

  it('names a built-in set by name and a file by its base name (the plots’ titles)', () => {
    expect(dataName('moons')).toBe('moons');
    expect(dataName(join(dir, 'runs', 'blobs.csv'))).toBe('blobs.csv');
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
