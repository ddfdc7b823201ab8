// --validation-split and --patience (issue 12): a validation loss per epoch, plotted beside
// the training loss, and early stopping that keeps the best epoch's parameters.
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork, loadSpec, runTraining, TRAIN_DEFAULTS, type NetworkModule } from '../../src/index.ts';
import { train, trainNetwork } from '../../src/train/loop.ts';
import { mulberry32 } from '../../src/train/rng.ts';
import { makeCircles } from '../../src/train/data.ts';

const spec = loadSpec('examples/circles.json');
let net: NetworkModule;
beforeAll(async () => {
  net = await compileNetwork(spec);
});
const start = (): Float64Array => Float64Array.from({ length: net.paramCount }, (_, k) => Math.sin(7 * k + 2) * 0.5);

describe('early stopping', () => {
  it('a validation set with the opposite labels gets worse as training improves: the run stops after `patience` epochs and keeps the best θ', () => {
    const data = makeCircles(100, { factor: 0.5, noise: 0.05, seed: 3 });
    const flipped = { ...data, Y: data.Y.map((y) => 1 - y) };
    const theta = start();
    const options = { epochs: 200, lr: 0.3, lrDecay: 1, shuffle: false };
    const outcome = train(net, theta, data, { ...options, validation: flipped, patience: 4 }, mulberry32(1));
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.reports).toHaveLength(outcome.bestEpoch + 4);
    const v = outcome.reports.map((r) => r.validationLoss!);
    expect(Math.min(...v)).toBe(v[outcome.bestEpoch - 1]);
    // The kept θ is exactly the θ after bestEpoch epochs of the same training without validation.
    const again = start();
    trainNetwork(net, again, data, { ...options, epochs: outcome.bestEpoch }, mulberry32(1));
    expect([...theta]).toEqual([...again]);
  });

  it('without patience every epoch runs, and the validation loss is reported', () => {
    const data = makeCircles(60, { factor: 0.5, noise: 0.05, seed: 4 });
    const outcome = train(net, start(), data, { epochs: 30, lr: 0.3, lrDecay: 1, shuffle: false, validation: data }, mulberry32(1));
    expect(outcome.reports).toHaveLength(30);
    outcome.reports.forEach((r) => expect(r.validationLoss).toBeCloseTo(r.lossAfter, 12)); // validating on the training set itself
  });
});

describe('train --validation-split', () => {
  it('the test split is the same with or without a validation split; the loss plot has the validation curve', async () => {
    const out = mkdtempSync(join(tmpdir(), 'symprop-validation-'));
    const without = await runTraining(spec, { ...TRAIN_DEFAULTS, epochs: 20 });
    const withVal = await runTraining(spec, { ...TRAIN_DEFAULTS, epochs: 20, validationSplit: 0.25, out });
    expect(withVal.test.n).toBe(without.test.n);
    expect(withVal.train.n).toBe(without.train.n - Math.round(without.train.n * 0.25));
    expect(withVal.scores.validationLoss).toBeGreaterThan(0);
    const svg = readFileSync(join(out, 'circles.loss.svg'), 'utf8');
    expect(svg).toContain('<g class="validation">\n<polyline');
    expect(svg).toContain('validation set');
  });

  it('--patience without --validation-split is refused', async () => {
    await expect(runTraining(spec, { ...TRAIN_DEFAULTS, patience: 5 })).rejects.toThrow('--patience: stops on the validation loss, so it needs --validation-split');
  });
});
