// train --optimizer (issue 12): each optimiser trains circles through the generated module,
// and a hyper-parameter of another optimiser is refused.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadSpec, runTraining, TRAIN_DEFAULTS } from '../../src/index.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('train --optimizer', () => {
  it.each([
    ['momentum', '0.3'],
    ['adam', '0.01'],
  ])('%s (lr %s) learns circles: train accuracy ≥ 0.97 in 300 epochs', async (optimizer, lr) => {
    const r = await run('train', 'examples/circles.json', '--data', 'circles', '--optimizer', optimizer, '--lr', lr, '--quiet', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out.trim().split('\n').at(-1)!) as { trainAccuracy: number };
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('momentum is faster than plain SGD at the same learning rate on circles (lower loss after 50 epochs)', async () => {
    const spec = loadSpec('examples/circles.json');
    const last = async (optimizer: 'sgd' | 'momentum'): Promise<number> => (await runTraining(spec, { ...TRAIN_DEFAULTS, epochs: 50, optimizer })).reports.at(-1)!.lossAfter;
    expect(await last('momentum')).toBeLessThan(await last('sgd'));
  });

  it.each([
    [['--beta1', '0.5'], '--beta1: only with --optimizer adam, not sgd'],
    [['--optimizer', 'adam', '--momentum', '0.9'], '--momentum: only with --optimizer momentum, not adam'],
    [['--optimizer', 'adam', '--beta2', '1.5'], '--beta2: must be in [0, 1), got "1.5"'],
    [['--optimizer', 'adam', '--eps', '0'], '--eps: must be a positive number, got "0"'],
    [['--optimizer', 'adagrad'], "option '--optimizer <name>' argument 'adagrad' is invalid. Allowed choices are sgd, momentum, adam."],
  ])('%j: one line, exit 2', async (flags, message) => {
    const r = await run('train', 'examples/circles.json', '--data', 'circles', ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: ${message}\n`);
  });
});
