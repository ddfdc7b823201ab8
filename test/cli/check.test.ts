import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'symprop-check-'));

describe('symprop check: one claim', () => {
  it('a right claim (seed 004, eq. 3) is equivalent: exit 0, method and probe count stated', async () => {
    const r = await run('check', 'examples/scalar-bce.json', '--param', 'w1', '--claim', '(yhat - y) * w2 * a1 * (1 - a1) * x');
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: equivalent');
    expect(r.out).toMatch(/method: proved symbolically \(exact normal form\); numerically equivalent at \d+ points/);
  });

  it('a wrong LaTeX claim: exit 1, a counterexample and the diagnosis citing the equation', async () => {
    const r = await run('check', 'examples/scalar-bce.json', '--param', 'w1', '--claim', '(\\hat{y} - y)\\, w_2\\, x');
    expect(r.code).toBe(1);
    expect(r.out).toContain('verdict: not equivalent');
    // Coordinates as the sheet writes them (w₁, b₂), never as identifiers.
    expect(r.out).toMatch(/counterexample: at w₁ = .*, b₂ = .*: claim = .*, truth = /);
    expect(r.out).toMatch(/diagnosis: missing factor σ'\(z₁\) = a₁\(1 − a₁\) .*\(eq\. \d+\)/);
  });

  it('--expr "log(x*y)" --wrt x --claim "1/x" is equivalent; --json prints the judgement', async () => {
    const r = await run('check', '--expr', 'log(x*y)', '--wrt', 'x', '--claim', '1/x', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'equivalent', probes: expect.any(Number) });
  });

  it('bad input is exit 2 with one line: malformed claim, unknown name, unknown parameter', async () => {
    for (const [argv, message] of [
      [['--expr', 'log(x*y)', '--wrt', 'x', '--claim', '1/(x'], /claim: Parenthesis \) expected at position 5/],
      [['examples/scalar-bce.json', '--param', 'w1', '--claim', 'w3 * x'], /claim: unknown name "w3" at position 1/],
      [['examples/scalar-bce.json', '--param', 'w9', '--claim', 'x'], /--param: "w9" is not a parameter/],
    ] as const) {
      const r = await run('check', ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

describe('symprop check --claims: a batch', () => {
  it('judges every entry, keeps going past a malformed claim, exits 1 when any is wrong', async () => {
    const r = await run('check', '--claims', 'examples/claims/homework.json', '--specs-dir', 'examples', '--json');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out) as Array<{ id: string; student: string; verdict: string; diagnosis?: string; error?: string }>;
    expect(results.map((x) => `${x.id}/${x.student}: ${x.verdict}`)).toEqual([
      'q1/Ada: equivalent',
      'q1/Ben: not equivalent',
      'q1/Chloé: equivalent',
      'q2/Ada: not equivalent',
      'q2/Ben: not equivalent',
      'q3/Chloé: not equivalent',
      'q4/Ada: equivalent',
      'q4/Ben: not equivalent',
      'q4/Chloé: error',
    ]);
    expect(results[3]!.diagnosis).toMatch(/^sign error/);
    expect(results[4]!.diagnosis).toMatch(/^extra factor .*bce after a sigmoid cancels it/);
    expect(results[5]!.diagnosis).toMatch(/x₁ used instead of x₂/);
    expect(results[8]!.error).toMatch(/position 5/);
  });

  it('prints a table without --json; exit 0 when every claim is equivalent', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify([{ id: 'a', expr: 'x^2', wrt: 'x', claim: '2*x' }, { id: 'b', expr: 'sin(x)', wrt: 'x', claim: '\\cos(x)' }]));
    const r = await run('check', '--claims', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^id\s+student\s+verdict\s+read as\s+diagnosis\n/);
    expect(r.out).toContain('2 equivalent, 0 not equivalent, 0 undecided, 0 error');
  });

  it('an entry that is not a claim is that entry\'s error, naming the field; the others are judged', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ id: 'a', expr: 'x', wrt: 'x', claim: '1' }, { id: 'b', spec: 's.json', claim: 'x' }, { id: 'c', expr: 'x', wrt: 'x', claim: '1', student: null }, [1, 2]]));
    const r = await run('check', '--claims', file, '--json');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out) as { id: string; verdict: string; error?: string }[];
    expect(results.map((x) => [x.id, x.verdict])).toEqual([['a', 'equivalent'], ['b', 'error'], ['c', 'error'], ['#3', 'error']]);
    expect(results[1]!.error).toMatch(/^entry 1, field "param"/);
    expect(results[2]!.error).toMatch(/^entry 2, field "student"/);
    const notArray = join(dir, 'object.json');
    writeFileSync(notArray, '{"id": "a"}');
    expect((await run('check', '--claims', notArray)).code).toBe(2);
  });
});

describe('symprop check on a convolutional spec', () => {
  const refusal = 'check judges claims on dense networks (a spec of dense layers) and on scalar expressions (--expr), not on a convolutional network (conv2d, maxpool, avgpool, flatten)';
  it('one claim: one line naming the file and what check takes, exit 2', async () => {
    const r = await run('check', 'test/train/fixtures/cnn-shapes.json', '--param', 'b4', '--claim', 'yhat - y');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`symprop: test/train/fixtures/cnn-shapes.json: ${refusal}\n`);
  });

  it("in a claims file: that entry's error, the others judged (exit 1, as for any entry in error)", async () => {
    writeFileSync(join(dir, 'cnn.json'), JSON.stringify({ name: 'cnn', input: { channels: 1, height: 4, width: 4 }, layers: [{ type: 'conv2d', filters: 1, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }));
    const claims = join(dir, 'cnn-claims.json');
    writeFileSync(claims, JSON.stringify([
      { id: 'conv', spec: 'cnn.json', param: 'b3', claim: 'yhat - y' },
      { id: 'expr', expr: 'x^2', wrt: 'x', claim: '2x' },
    ]));
    const r = await run('check', '--claims', claims, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual([
      { id: 'conv', verdict: 'error', error: `${join(dir, 'cnn.json')}: ${refusal}` },
      expect.objectContaining({ id: 'expr', verdict: 'equivalent' }),
    ]);
  });

  it('a spec given in memory (the library) is refused the same way', async () => {
    const { checkClaim } = await import('../../src/check/run.ts');
    expect(() => checkClaim({ kind: 'network', spec: { name: 'c', input: { channels: 1, height: 4, width: 4 }, layers: [{ type: 'flatten' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }, param: 'b2', claim: '0' })).toThrow(`spec: ${refusal}`);
  });
});
