// Training that does not learn says so (issue 12), with the likely cause measured from the run.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { compileNetwork, loadSpec } from '../../src/index.ts';
import { makeCircles } from '../../src/train/data.ts';
import { TRAIN_MESSAGES } from '../../src/train/messages.ts';
import { learningWarning, majorityShare } from '../../src/train/warning.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('train warns when the run did not learn', () => {
  it.each([
    [['--lr', '50'], /^symprop: warning: train accuracy 0\.49 is at chance level \(always answering the majority class scores 0\.51\): the loss went up \(0\.6876 → 2\.1617\), so the learning rate is likely too high: try a smaller --lr\n$/],
    [['--lr', '0.0001'], /the loss barely moved \(0\.6876 → 0\.6865\): the learning rate may be too low/],
    [['--init', 'zeros'], /zero initialisation keeps every unit of a layer identical/],
  ])('%j', async (flags, warning) => {
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--quiet', ...flags);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(warning);
  });

  it('in French, in French words and decimal commas', async () => {
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--quiet', '--lang', 'fr', '--lr', '50');
    expect(r.err).toBe("symprop: avertissement : l'exactitude de l'entraînement, 0,49, est celle du hasard (répondre toujours la classe majoritaire donne 0,51) : la perte a augmenté (0,6876 → 2,1617) : le taux d'apprentissage est sans doute trop grand, essayez un --lr plus petit\n");
  });

  it('a run that learns gets no warning, and --json carries the warning when there is one', async () => {
    expect((await run('train', 'examples/circles.json', '--data', 'circles', '--quiet')).err).toBe('');
    const bad = await run('train', 'examples/circles.json', '--data', 'circles', '--quiet', '--json', '--lr', '50');
    expect(JSON.parse(bad.out.trim().split('\n').at(-1)!).warning).toMatch(/learning rate is likely too high/);
  });

  it('dead ReLUs: a hidden layer whose weights get no gradient at all is named', async () => {
    const spec = loadSpec('examples/circles.json'); // [2,4,4,1] relu, relu, sigmoid
    const net = await compileNetwork(spec);
    const theta = new Float64Array(net.paramCount).fill(0.1);
    for (let i = 8; i < 12; i++) theta[i] = -100; // b1: every unit of layer 1 is below 0 on every example
    const train = makeCircles(100, { factor: 0.5, noise: 0.05, seed: 1 });
    const reports = [{ epoch: 1, lossBefore: 0.7, lossAfter: 0.69, lr: 0.3 }];
    const w = learningWarning({ spec, task: 'binary', net, theta, train, reports, accuracy: 0.5, init: 'he', m: TRAIN_MESSAGES.en });
    expect(w).toMatch(/layer 1's ReLUs are dead \(its weights get no gradient/);
  });

  it('a loss that went up is said once, and a one-class training set is never "at chance"', async () => {
    const spec = loadSpec('examples/circles.json');
    const net = await compileNetwork(spec);
    const theta = new Float64Array(net.paramCount).fill(0.1);
    const train = makeCircles(100, { factor: 0.5, noise: 0.05, seed: 1 });
    const up = [{ epoch: 1, lossBefore: 0.68, lossAfter: 0.75, lr: 0.5 }];
    expect(learningWarning({ spec, task: 'binary', net, theta, train, reports: up, accuracy: 0.9, init: 'he', m: TRAIN_MESSAGES.en })).toBe('the training loss went up (0.6800 → 0.7500): the learning rate is likely too high: try a smaller --lr');
    const one = { ...train, Y: train.Y.map(() => 1) };
    expect(learningWarning({ spec, task: 'binary', net, theta, train: one, reports: [{ epoch: 1, lossBefore: 0.7, lossAfter: 0.6, lr: 0.3 }], accuracy: 1, init: 'he', m: TRAIN_MESSAGES.en })).toBeUndefined();
  });

  it('the majority share is what always answering the commonest class scores', () => {
    const d = { X: new Float64Array(4), Y: Float64Array.from([1, 1, 1, 0]), n: 4, inputs: 1, outputs: 1 };
    expect(majorityShare(d, 'binary')).toBe(0.75);
    const m = { X: new Float64Array(3), Y: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 1, 0]), n: 3, inputs: 1, outputs: 3 };
    expect(majorityShare(m, 'multiclass')).toBeCloseTo(2 / 3, 12);
  });
});
