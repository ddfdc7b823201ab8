import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkClaim } from '../../src/check/run.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-batch-'));
const MEAN = 'examples/scalar-bce.json';
const SUM = join(dir, 'scalar-bce-sum.json');
writeFileSync(SUM, JSON.stringify({ ...JSON.parse(readFileSync(MEAN, 'utf8')), name: 'scalar-bce-sum', reduction: 'sum' }));

const check = (specPath: string, param: string, claim: string) => checkClaim({ kind: 'network', specPath, param, claim });

describe('batch notation', () => {
  it('right batch claims for w2, b2, w1 with the mean reduction', () => {
    for (const [param, claim] of [
      ['w2', '(1/n) * sum((yhat - y) * a1)'],
      ['b2', 'sum(yhat - y) / n'],
      ['w1', '1/n * sum((yhat - y) * w2 * a1 * (1 - a1) * x)'],
      ['w2', '\\frac{1}{n}\\sum_{i=1}^{n} (\\hat{y}_i - y_i)\\, a_1^{(i)}'],
    ] as const) {
      const r = check(MEAN, param, claim);
      expect(r.verdict, `${param}: ${claim}`).toBe('equivalent');
      expect(r.method).toContain('batches of n = 3');
    }
  });

  it('right batch claims with the sum reduction', () => {
    for (const [param, claim] of [
      ['w2', 'sum((yhat - y) * a1)'],
      ['b2', '\\sum_i (\\hat{y}_i - y_i)'],
      ['w1', 'sum(delta2 * x)'],
    ] as const) expect(check(SUM, param, claim).verdict, `${param}: ${claim}`).toBe('equivalent');
  });

  it('a missing 1/n is diagnosed with the equation', () => {
    const r = check(MEAN, 'w2', 'sum((yhat - y) * a1)');
    expect(r.verdict).toBe('not equivalent');
    expect(r.diagnosis).toMatch(/missing batch mean 1\/n.*\(eq\. \d+\)/);
    expect(r.counterexample?.point).toHaveProperty('x(3)');
  });

  it('an extra 1/n is diagnosed for a spec that sums over the batch', () => {
    const r = check(SUM, 'w2', '(1/n) * sum((yhat - y) * a1)');
    expect(r.verdict).toBe('not equivalent');
    expect(r.diagnosis).toMatch(/extra 1\/n: the spec sums over the batch \(reduction "sum"\)/);
  });

  it('a claim without n or sum is still a one-example claim', () => {
    const r = check(MEAN, 'w2', '(yhat - y) * a1');
    expect(r.verdict).toBe('equivalent');
    expect(r.method).toMatch(/^proved symbolically \(exact normal form\); numerically equivalent at \d+ points/);
    expect(check(MEAN, 'w1', '(yhat - y) * w2 * x').diagnosis).toMatch(/missing factor/);
  });

  it('a value of one example outside the sum is an error', () => {
    expect(() => check(MEAN, 'w2', 'a1 * sum(yhat - y) / n')).toThrow(/a1 is a value of one example/);
  });

  it('CLI: a right batch claim exits 0', async () => {
    let out = '';
    const code = await main(['check', MEAN, '--param', 'w2', '--claim', '(1/n) * sum((yhat - y) * a1)'], { out: (t) => void (out += t), err: () => {} });
    expect(code).toBe(0);
    expect(out).toContain('verdict: equivalent');
  });
});

describe('batch claims with L2 regularisation (examples/tanh-regression.json, λ = 0.01)', () => {
  it('a missing λ·w is diagnosed', () => {
    const r = checkClaim({ kind: 'network', specPath: 'examples/tanh-regression.json', param: 'W3[1][1]', claim: '(1/n) * sum(delta3 * h2[1])' });
    expect(r.verdict).toBe('not equivalent');
    expect(r.diagnosis).toMatch(/missing.*λ/);
  });

  it('with λ·w it is equivalent', () => {
    const r = checkClaim({ kind: 'network', specPath: 'examples/tanh-regression.json', param: 'W3[1][1]', claim: '(1/n) * sum(delta3 * h2[1]) + 0.01 * W3[1][1]' });
    expect(r.verdict).toBe('equivalent');
  });
});
