// The library takes objects where the CLI takes paths (issue 12): checkClaim a spec object,
// runTraining arrays. Each is compared with the path form on the same input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkClaim, loadSpec, runTraining, TRAIN_DEFAULTS, validateSpec } from '../../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-memory-'));

describe('checkClaim with a spec in memory', () => {
  const claims = ['(yhat - y) * w2 * a1 * (1 - a1) * x', '(yhat - y) * w2 * a1 * x', 'yhat - y'];
  it.each(claims)('%s: the same verdict and diagnosis as from the file, for the JSON object and the validated spec', (claim) => {
    const fromFile = checkClaim({ kind: 'network', specPath: 'examples/scalar-bce.json', param: 'w1', claim });
    const json = JSON.parse(readFileSync('examples/scalar-bce.json', 'utf8')) as object;
    for (const spec of [json, validateSpec(json)]) {
      const r = checkClaim({ kind: 'network', spec, param: 'w1', claim });
      expect(r.verdict).toBe(fromFile.verdict);
      expect(r.diagnosis).toBe(fromFile.diagnosis);
    }
    expect(fromFile.verdict).toBe(claim.includes('(1 - a1)') ? 'equivalent' : 'not equivalent');
  });
  it('a bad spec object is a UserError naming the field', () => {
    expect(() => checkClaim({ kind: 'network', spec: { name: 'x', input: 1, layers: [{ units: 0, activation: 'relu' }], loss: 'mse' }, param: 'w1', claim: '1' })).toThrow(/^spec: layers\[0\]\.units/);
  });
});

describe('plain JavaScript callers get UserErrors, not TypeErrors', () => {
  it('checkClaim(spec, …) instead of checkClaim({ kind, spec, param, claim })', () => {
    expect(() => (checkClaim as (...a: unknown[]) => unknown)(loadSpec('examples/xor.json'), { param: 'w1', claim: '1' })).toThrow(/^checkClaim: expected \{ kind: "network"/);
  });
  it('an unknown optimizer', async () => {
    await expect(runTraining(loadSpec('examples/xor.json'), { ...TRAIN_DEFAULTS, epochs: 1, optimizer: 'adma' as 'adam' })).rejects.toThrow('optimizer: unknown "adma" (sgd, momentum, adam)');
  });
});

describe('runTraining with arrays', () => {
  // XOR's four corners, and the same four rows as a CSV file.
  const X = new Float64Array([0, 0, 0, 1, 1, 0, 1, 1, 0.1, 0.9, 0.9, 0.1, 0.2, 0.1, 0.8, 0.9]);
  const Y = new Float64Array([0, 1, 1, 0, 1, 1, 0, 0]);
  const csv = join(dir, 'xor.csv');
  writeFileSync(csv, `x1,x2,y\n${Array.from({ length: 8 }, (_, e) => `${X[2 * e]},${X[2 * e + 1]},${Y[e]}`).join('\n')}\n`);
  const spec = loadSpec('examples/xor.json');
  const options = { ...TRAIN_DEFAULTS, epochs: 40, testSplit: 0.25 };

  it('trains to the same θ and scores as the CSV holding the same rows', async () => {
    const fromArrays = await runTraining(spec, { ...options, data: { X, Y, inputs: 2 } });
    const fromCsv = await runTraining(spec, { ...options, data: csv });
    expect([...fromArrays.theta]).toEqual([...fromCsv.theta]);
    expect(fromArrays.scores).toEqual(fromCsv.scores);
    expect(fromArrays.data).toBe('data');
  });

  it.each([
    [{ X, Y, inputs: 3 }, 'data: X has 16 values, not a multiple of inputs = 3'],
    [{ X, Y: Y.subarray(1), inputs: 2 }, 'data: Y has 7 values for 8 examples (one target per example)'],
    [{ X: Float64Array.from([...X.subarray(0, 15), Number.NaN]), Y, inputs: 2 }, 'data: X[15] is NaN, not a finite number'],
    [{ X: [0, 1] as unknown as Float64Array, Y, inputs: 2 }, 'data: X and Y must be Float64Array'],
  ])('bad arrays: %#', async (data, message) => {
    await expect(runTraining(spec, { ...options, data })).rejects.toThrow(message);
  });
});
