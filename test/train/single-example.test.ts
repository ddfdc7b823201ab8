import { describe, expect, it } from 'vitest';
import * as generated from '../../generated/scalar-bce.ts';
import { trainSingleExample, SEED_004 } from '../../src/index.ts';
import { pythonRandom } from '../../src/train/mt19937.ts';

describe('seed 004: training the scalar network on one example', () => {
  it('Python’s generator, seeded 42, draws the notebook’s weights', () => {
    // Values printed by CPython: random.seed(42); random.random(), random.random().
    const r = pythonRandom(42);
    expect(r()).toBe(0.6394267984578837);
    expect(r()).toBe(0.025010755222666936);
    expect(pythonRandom(2 ** 40 + 5)()).toBe(0.5043802970418443);
  });

  it('reproduces “Avant : y_hat = 0.51, loss = 0.68 / Après : y_hat = 0.99, loss = 0.01”', () => {
    const run = trainSingleExample(generated, SEED_004);
    expect(run.before.yhat.toFixed(2)).toBe('0.51');
    expect(run.before.loss.toFixed(2)).toBe('0.68');
    expect(run.after.yhat).toBeGreaterThanOrEqual(0.98);
    expect(run.after.loss).toBeLessThanOrEqual(0.02);
    expect(run.after.yhat.toFixed(2)).toBe('0.99');
    expect(run.after.loss.toFixed(2)).toBe('0.01');
  });

  it('goes the other way for y = 0', () => {
    const run = trainSingleExample(generated, { ...SEED_004, y: 0 });
    expect(run.after.yhat).toBeLessThan(0.05);
  });
});
