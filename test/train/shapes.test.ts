// The built-in image set (`--data shapes`): seeded, balanced, in [0, 1], channels first, and
// four classes that really differ (a nearest-centroid rule already separates most of them).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/train/rng.ts';
import { shapesDataset } from '../../src/train/shapes.ts';

const draw = (seed: number, o: Partial<Parameters<typeof shapesDataset>[0]> = {}) =>
  shapesDataset({ samples: 200, channels: 1, height: 16, width: 16, noise: 0.1, ...o }, mulberry32(seed));

describe('the shapes image set', () => {
  it('is the same for the same seed, different for another', () => {
    expect(draw(1).X).toEqual(draw(1).X);
    expect(draw(1).X).not.toEqual(draw(2).X);
  });
  it('is balanced over bar, cross, square and disc, with pixels in [0, 1]', () => {
    const set = draw(1);
    expect(set.classes).toEqual(['bar', 'cross', 'square', 'disc']);
    for (let k = 0; k < 4; k++) expect(set.labels.filter((l) => l === k).length).toBe(50);
    expect(Math.min(...set.X)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...set.X)).toBeLessThanOrEqual(1);
  });
  it('every channel holds the same figure (channels first: (c·H + r)·W + t)', () => {
    const set = draw(3, { channels: 3, noise: 0, samples: 4 });
    const plane = 16 * 16;
    for (let i = 0; i < 4; i++) {
      const c0 = set.X.subarray(i * 3 * plane, i * 3 * plane + plane);
      expect(set.X.subarray(i * 3 * plane + 2 * plane, (i + 1) * 3 * plane)).toEqual(c0);
      expect(c0.reduce((a, b) => a + b, 0)).toBeGreaterThan(5); // some ink
    }
  });
  it('the classes differ: nearest centroid (of ink per row and column) beats chance by far', () => {
    const features = (x: Float64Array): number[] => {
      const rows = Array.from({ length: 16 }, (_, r) => x.subarray(r * 16, r * 16 + 16).reduce((a, b) => a + b, 0));
      const mass = rows.reduce((a, b) => a + b, 0);
      const filled = [...x].filter((v) => v > 0.5).length;
      return [mass / 256, filled / Math.max(1, Math.max(...rows))];
    };
    const train = draw(5, { noise: 0 });
    const test = draw(6, { noise: 0 });
    const centroid = train.classes.map((_, k) => {
      const fs = [...train.labels].flatMap((l, i) => (l === k ? [features(train.X.subarray(i * 256, (i + 1) * 256))] : []));
      return fs[0]!.map((_, j) => fs.reduce((a, f) => a + f[j]!, 0) / fs.length);
    });
    let right = 0;
    test.labels.forEach((l, i) => {
      const f = features(test.X.subarray(i * 256, (i + 1) * 256));
      const d = centroid.map((c) => c.reduce((a, v, j) => a + (v - f[j]!) ** 2, 0));
      if (d.indexOf(Math.min(...d)) === l) right++;
    });
    expect(right / test.labels.length).toBeGreaterThan(0.5);
  });
  it('a network of K outputs gets the first K classes (up to 10), balanced; the first four draw exactly as before', () => {
    const ten = draw(1, { classes: 10, samples: 300, height: 28, width: 28 });
    expect(ten.classes).toEqual(['bar', 'cross', 'square', 'disc', 'ring', 'triangle', 'saltire', 'diagonal', 'corner', 'tee']);
    for (let k = 0; k < 10; k++) expect(ten.labels.filter((l) => l === k).length).toBe(30);
    expect(draw(1, { classes: 4 }).X).toEqual(draw(1).X);
    expect(draw(1, { classes: 2 }).classes).toEqual(['bar', 'cross']);
    expect(() => draw(1, { classes: 11 })).toThrow(/2 to 10/);
  });
  it('the ten classes differ: nearest centroid of the row and column ink profiles beats chance (0.1) by far', () => {
    const side = 28;
    const features = (x: Float64Array): number[] => {
      const rows = Array.from({ length: side }, (_, r) => x.subarray(r * side, (r + 1) * side).reduce((a, b) => a + b, 0));
      const cols = Array.from({ length: side }, (_, t) => rows.reduce((a, _r, r) => a + x[r * side + t]!, 0));
      const mass = rows.reduce((a, b) => a + b, 0);
      // Shift-invariant: the sorted profiles, normalised by the ink.
      return [...rows.sort((a, b) => b - a).slice(0, 8), ...cols.sort((a, b) => b - a).slice(0, 8)].map((v) => v / Math.max(1, mass));
    };
    const o = { classes: 10, samples: 500, height: side, width: side, noise: 0 };
    const [train, test] = [draw(5, o), draw(6, o)];
    const f = (set: typeof train, i: number): number[] => features(set.X.subarray(i * side * side, (i + 1) * side * side));
    const centroid = Array.from({ length: 10 }, (_, k) => {
      const fs = [...train.labels].flatMap((l, i) => (l === k ? [f(train, i)] : []));
      return fs[0]!.map((_, j) => fs.reduce((a, v) => a + v[j]!, 0) / fs.length);
    });
    let right = 0;
    test.labels.forEach((l, i) => {
      const fi = f(test, i);
      const d = centroid.map((c) => c.reduce((a, v, j) => a + (v - fi[j]!) ** 2, 0));
      if (d.indexOf(Math.min(...d)) === l) right++;
    });
    expect(right / test.labels.length).toBeGreaterThan(0.3);
  }, 30_000);
});
