// The hostile-input battery (issue 11): random strings and JSON thrown at the commands that
// read what others write. For every case: a documented exit code (0 or 1 for a verdict, 2
// for bad input), at most 3 lines on stderr, no stack trace, and nothing written to the
// working directory. Timing and memory are measured by a benchmark, never here.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-battery-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function wellBehaved(r: { code: number; err: string }, allowed: readonly number[]): void {
  expect(allowed).toContain(r.code);
  expect(r.err.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
  expect(r.err).not.toMatch(/\n\s+at |TypeError|RangeError|ReferenceError|Maximum call stack/);
}

/** Pieces students and attackers type: operators, functions, names, JS built-ins, LaTeX, Unicode, controls. */
const PIECES = [
  'x', 'y', '2', '0.5', '1e400', '-', '+', '*', '/', '^', '(', ')', '[', ']', '{', '}', ',', '.', ' ', "'",
  'log', 'exp', 'sin', 'relu', 'sigmoid', 'sqrt', 'e', 'pi', 'NaN', 'Infinity', 'constructor', '__proto__',
  'toString', 'valueOf', 'hasOwnProperty', '\\frac', '\\sqrt', '\\left(', '\\right)', '\\sum', '_', '|',
  'ŷ', 'σ′', '·', '−', '²', '⁻', '√', '\n', '\r', '\u001b[2J', '\u2028', '\u0000', '😀', 'δ', 'yhat', 'w1', 'W2[1][2]',
];
const formula = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((p) => p.join(''));

describe('hostile formulas: derive and check never crash', () => {
  it('derive --expr with random formulas: exit 0 or 2, one line, no trace', async () => {
    await fc.assert(
      fc.asyncProperty(formula, async (e) => {
        wellBehaved(await run('derive', '--expr', e === '' ? ' ' : e, '--wrt', 'x', '--json'), [0, 2]);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('check --expr with random claims: a verdict (0, 1) or exit 2, no trace', async () => {
    await fc.assert(
      fc.asyncProperty(formula, async (c) => {
        wellBehaved(await run('check', '--expr', 'x^2', '--wrt', 'x', '--claim', c === '' ? ' ' : c), [0, 1, 2]);
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it('network claims with random text, in one claims batch: every entry judged or an error entry', async () => {
    const claims = fc.sample(formula, { numRuns: 20, seed: 13 }).map((claim, i) => ({ id: `q${i}`, spec: 'examples/scalar-bce.json', param: 'w1', claim: claim || '0' }));
    const file = join(dir, 'batch.json');
    writeFileSync(file, JSON.stringify(claims));
    const r = await run('check', '--claims', file, '--specs-dir', '.', '--json');
    wellBehaved(r, [0, 1]);
    const results = JSON.parse(r.out) as { id: string; verdict: string }[];
    expect(results.map((e) => e.id)).toEqual(claims.map((e) => e.id));
  });
});

describe('hostile specs and claims files', () => {
  it('random JSON as a spec: exit 2 with one line (or a derivation), never a trace', async () => {
    const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
    await fc.assert(
      fc.asyncProperty(json, async (text) => {
        const file = join(dir, 'spec.json');
        writeFileSync(file, text);
        wellBehaved(await run('derive', file, '--stats'), [0, 2]);
      }),
      { numRuns: 100, seed: 14 },
    );
  });

  it('spec-shaped JSON with hostile fields: names, huge or odd numbers, unknown keys', async () => {
    const layer = fc.record({
      units: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constantFrom(1e9, 1.5, Number.MAX_SAFE_INTEGER)),
      activation: fc.constantFrom('relu', 'sigmoid', 'softmax', 'tanh', 'constructor', '__proto__', 'sigmod'),
    });
    const spec = fc.record({
      name: fc.constantFrom('n', 'evil\n# heading', '\u001b[31m', 'toString', ''),
      input: fc.constantFrom(1, 2, 0, -1, 1e9),
      layers: fc.array(layer, { maxLength: 4 }),
      loss: fc.constantFrom('bce', 'mse', 'cross_entropy', 'hasOwnProperty'),
    });
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        const file = join(dir, 'shaped.json');
        writeFileSync(file, JSON.stringify(s));
        wellBehaved(await run('derive', file, '--format', 'md'), [0, 2]);
      }),
      { numRuns: 100, seed: 15 },
    );
  });

  it('random JSON as a claims file: exit 0, 1 or 2, never a trace', async () => {
    const entry = fc.record({ id: fc.string({ maxLength: 6 }), expr: fc.constantFrom('x^2', 'constructor(x)', '(('), wrt: fc.constantFrom('x', 'y', '__proto__'), claim: formula });
    const file = fc.oneof(fc.array(entry, { maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }));
    await fc.assert(
      fc.asyncProperty(file, async (v) => {
        const path = join(dir, 'claims.json');
        writeFileSync(path, JSON.stringify(v));
        wellBehaved(await run('check', '--claims', path), [0, 1, 2]);
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('wrote nothing but its own inputs', () => {
    expect(readdirSync(dir).sort()).toEqual(['batch.json', 'claims.json', 'shaped.json', 'spec.json']);
    expect(readdirSync('.').filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
