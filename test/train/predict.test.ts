// symprop predict (issue 12): a trained network's parameters file, applied to a CSV or a
// generated set. Checked against train's own scores and against the independent engine.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { engineForward, loadSpec } from '../../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-predict-'));
const params = join(dir, 'circles.params.json');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

let trainLine = '';
beforeAll(async () => {
  const r = await run('train', 'examples/circles.json', '--data', 'circles', '--out', dir, '--quiet', '--json');
  trainLine = r.out.trim().split('\n').at(-1)!;
});

const csvRows = (text: string): string[][] => text.trim().split('\n').map((l) => l.split(','));

describe('symprop predict', () => {
  it('on the whole circles set (seed 1) the accuracy is train\'s, weighted: 140 training and 60 test points', async () => {
    const { trainAccuracy, testAccuracy } = JSON.parse(trainLine) as { trainAccuracy: number; testAccuracy: number };
    const r = await run('predict', params, '--data', 'circles');
    expect(r.code).toBe(0);
    const expected = (140 * trainAccuracy + 60 * testAccuracy) / 200;
    expect(r.err).toBe(`Accuracy: ${expected.toFixed(4)} (200 examples)\n`);
    const rows = csvRows(r.out);
    expect(rows[0]).toEqual(['x1', 'x2', 'yhat', 'label']);
    expect(rows).toHaveLength(201);
  });

  it('ŷ is the independent engine\'s forward on the inputs standardised with the saved statistics', async () => {
    const saved = JSON.parse(readFileSync(params, 'utf8')) as { standardize: { mean: number[]; std: number[] }; theta: number[] };
    const csv = join(dir, 'points.csv');
    writeFileSync(csv, 'a,b\n0.1,0.2\n-0.9,0.4\n1.5,-1.2\n');
    const r = await run('predict', params, '--data', csv);
    expect(r.code).toBe(0);
    expect(r.err).toBe(''); // no targets, no score
    const rows = csvRows(r.out);
    expect(rows[0]).toEqual(['a', 'b', 'yhat', 'label']);
    const raw = [[0.1, 0.2], [-0.9, 0.4], [1.5, -1.2]];
    const X = Float64Array.from(raw.flatMap((p) => p.map((v, i) => (v - saved.standardize.mean[i]!) / saved.standardize.std[i]!)));
    const expected = engineForward(loadSpec('examples/circles.json'), Float64Array.from(saved.theta), X, 3);
    rows.slice(1).forEach((row, e) => {
      expect(Number(row[2])).toBeCloseTo(expected[e]!, 9);
      expect(row[3]).toBe(String(Number(expected[e]! > 0.5)));
    });
  });

  it('--samples and --noise shape the generated set as in train: 50 points without noise', async () => {
    const r = await run('predict', params, '--data', 'circles', '--samples', '50', '--noise', '0');
    expect(r.code).toBe(0);
    expect(csvRows(r.out)).toHaveLength(51);
    // Without noise every point is on one of the two circles (radius 1 and 0.5), before standardisation.
    for (const row of csvRows(r.out).slice(1)) expect([0.5, 1].some((radius) => Math.abs(Math.hypot(Number(row[0]), Number(row[1])) - radius) < 1e-9)).toBe(true);
    expect(r.err).toMatch(/^Accuracy: [01]\.\d{4} \(50 examples\)\n$/);
  });

  it('-o writes the CSV and prints the score on stdout', async () => {
    const out = join(dir, 'p.csv');
    const csv = join(dir, 'labelled.csv');
    writeFileSync(csv, 'x1,x2,y\n0,0,1\n3,3,0\n');
    const r = await run('predict', params, '--data', csv, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Accuracy: (0|0\.5|1)\.?\d* \(2 examples\)\n$/);
    expect(csvRows(readFileSync(out, 'utf8'))).toHaveLength(3);
  });

  it.each([
    [() => ['predict', 'examples/circles.json', '--data', 'circles'], 'examples/circles.json: spec: missing (a parameters file holds the network spec it was trained with)'],
    [() => ['predict', params, '--data', file('three.csv', 'a,b,c,d\n1,2,3,4\n')], `${join(dir, 'three.csv')}:1: 4 columns; the network takes 2 inputs (give 2 columns, or 3 with the target last)`],
    [() => ['predict', file('short.json', JSON.stringify({ ...JSON.parse(readFileSync(params, 'utf8')), theta: [1, 2] })), '--data', 'circles'], `${join(dir, 'short.json')}: theta: 2 numbers, expected 37`],
    [() => ['predict', params, '--data', 'circles', '-o', 'x.md'], '-o x.md: predict writes .csv, not .md'],
  ])('bad input %#: one line, exit 2', async (argv, message) => {
    const r = await run(...argv());
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: ${message}\n`);
  });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
