import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

const dir = mkdtempSync(join(tmpdir(), 'symprop-cli-'));
function specFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const good = { name: 'scalar-bce', notation: 'z-a', input: 1, layers: [{ units: 1, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' };

describe('symprop derive', () => {
  it('--expr "log(x*y)" --wrt x prints the seed-000 chain ending in 1/x', async () => {
    const { code, out } = await run('derive', '--expr', 'log(x*y)', '--wrt', 'x');
    expect(code).toBe(0);
    expect(out).toContain('v = x y');
    expect(out).toContain('z = \\log\\left(v\\right)');
    expect(out).toContain('&= \\frac{1}{v} \\cdot y');
    expect(out).toContain('&= \\frac{y}{v}');
    expect(out).toMatch(/&= \\frac\{1\}\{x\}.*\n\\end\{aligned\}/);
  });

  it.each([['x/x'], ['x - x'], ['0*x'], ['y^2 + 3*y']])('the derivative by a variable the expression lacks (%s) is 0, with a note', async (e) => {
    const { code, out, err } = await run('derive', '--expr', e, '--wrt', 'x');
    expect(code).toBe(0);
    expect(out).toContain('\\frac{\\partial z}{\\partial x} = 0\n');
    expect(err).toMatch(/^symprop: note: the expression does not depend on x \(as read: .*\), so its derivative by x is 0\n$/);
  });

  it('a one-step expression shows no tautology (∂z/∂x = ∂z/∂x) and no repeated row', async () => {
    const { out } = await run('derive', '--expr', 'x^x', '--wrt', 'x');
    expect(out).not.toContain('\\frac{\\partial z}{\\partial x} &= \\frac{\\partial z}{\\partial x}');
    expect(out).toContain('\\frac{\\partial z}{\\partial x} &= x x^{x - 1} + z \\log\\left(x\\right) \\\\[3pt]');
    expect(out).toContain('&= x^{x} \\left(\\log\\left(x\\right) + 1\\right) && \\text{(factor)}');
  });

  it('--json: expression, results and steps, text in mathjs syntax', async () => {
    const { code, out } = await run('derive', '--expr', 'log(x*y)', '--wrt', 'x,y', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { expression: { text: string }; results: { wrt: string; text: string; latex: string }[]; steps: { step: string }[] };
    expect(json.expression).toEqual({ text: 'log(x * y)', latex: '\\log\\left(x y\\right)' });
    expect(json.results).toEqual([
      { wrt: 'x', text: '1 / x', latex: '\\frac{1}{x}' },
      { wrt: 'y', text: '1 / y', latex: '\\frac{1}{y}' },
    ]);
    expect(json.steps.map((s) => s.step)).toContain('define');
  });

  it('--json for a regularised network: a weight block carries λW, and its text is judged equivalent', async () => {
    const { out } = await run('derive', 'examples/tanh-regression.json', '--json');
    const w3 = (JSON.parse(out) as { results: { wrt: string; text: string }[] }).results.find((r) => r.wrt === 'W3')!;
    expect(w3.text).toBe('delta3 * transpose(h2) + 0.01 * W3');
    const judged = await run('check', 'examples/tanh-regression.json', '--param', 'W3', '--claim', w3.text);
    expect(judged.out).toMatch(/^verdict: equivalent/);
  });

  it('a spec: the four gradients through δ1 and δ2, in Markdown and LaTeX', async () => {
    for (const format of ['md', 'tex']) {
      const { code, out } = await run('derive', 'examples/scalar-bce.json', '--format', format);
      expect(code).toBe(0);
      expect(out).toContain('\\delta_{1} = \\frac{\\partial J}{\\partial z_{2}}');
      expect(out).toContain('&= \\hat{y} - y');
      for (const p of ['w_{2}', 'b_{2}', 'w_{1}', 'b_{1}']) expect(out).toContain(`\\frac{\\partial J}{\\partial ${p}} = \\delta_{`);
    }
  });

  it('--lang fr writes the course’s French', async () => {
    const { out } = await run('derive', 'examples/scalar-bce.json', '--lang', 'fr');
    expect(out).toContain('# Rétropropagation pour le réseau scalar-bce');
    expect(out).toContain('Passe avant');
    expect(out).toContain('## Couche 2');
    expect(out).toContain("taux d’apprentissage");
  });

  it('-o writes the file', async () => {
    const file = join(dir, 'out', 'd.md');
    expect((await run('derive', '--expr', 'x^2', '--wrt', 'x', '-o', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('2 x');
  });
});

describe('bad input: one line naming the problem, exit 2, nothing written', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['malformed expression', ['derive', '--expr', 'log(x*', '--wrt', 'x'], /^symprop: --expr: Unexpected end of expression at position 7/],
    ['unknown function', ['derive', '--expr', 'x + lgo(x)', '--wrt', 'x'], /unknown function lgo\(\).* at position 5/],
    ['--wrt not a name', ['derive', '--expr', 'log(x*y)', '--wrt', 'q+1'], /--wrt: "q\+1" is not a variable name/],
    ['--expr without --wrt', ['derive', '--expr', 'x'], /--expr needs --wrt/],
    ['missing spec file', ['derive', join(dir, 'nope.json')], /nope\.json: cannot read spec file \(no such file\)/],
    ['not JSON', ['codegen', specFile('broken.json', '{"name": "a",\n  oops}')], /broken\.json: not valid JSON: .* at line 2, column 3/],
    ['unknown activation', ['codegen', specFile('act.json', JSON.stringify({ ...good, layers: [{ units: 1, activation: 'sigmod' }] }))], /layers\[0\]\.activation: unknown value "sigmod" \(did you mean "sigmoid"\?\)/],
    ['unknown loss', ['codegen', specFile('loss.json', JSON.stringify({ ...good, loss: 'hinge' }))], /loss: unknown value "hinge" \(one of mse, l1, bce/],
    ['wrong type', ['codegen', specFile('type.json', JSON.stringify({ ...good, input: '1' }))], /input: must be a positive integer, got "1"/],
    ['units 0', ['codegen', specFile('units.json', JSON.stringify({ ...good, layers: [{ units: 0, activation: 'sigmoid' }] }))], /layers\[0\]\.units: must be a positive integer, got 0/],
    ['unknown option', ['derive', '--expr', 'x', '--wrt', 'x', '--bogus'], /^symprop: unknown option '--bogus'/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const target = join(dir, `never-${what.replace(/\W/g, '')}.out`);
      const { code, out, err } = await run(...argv, ...(argv.includes('--bogus') ? [] : ['-o', target]));
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err).not.toMatch(/\n\s+at /);
      expect(existsSync(target)).toBe(false);
    });
  }
});

describe('symprop codegen', () => {
  it('-o under a file: one line, exit 2, no stack trace (the temporary file’s cleanup fails too)', async () => {
    const file = specFile('plain-file', 'x');
    const r = await run('codegen', 'examples/xor.json', '-o', join(file, 'xor.ts'));
    expect([r.code, r.out, r.err]).toEqual([2, '', `symprop: ${join(file, 'xor.ts')}: cannot write (ENOTDIR)\n`]);
  });

  it('a name with a newline and a quote stays inside a comment', async () => {
    const evil = specFile('evil.json', JSON.stringify({ ...good, name: 'x"\n export const pwned = 1; //\u2028' }));
    const file = join(dir, 'evil.ts');
    expect((await run('codegen', evil, '-o', file)).code).toBe(0);
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/^\s*export const pwned/m);
    expect(code).not.toContain('\u2028');
    expect(code.split('\n')[0]).toContain('\\"');
  });
});

describe('symprop start', () => {
  it('seed 004’s circles network end to end (sheet, code, training, plots), then the single-example run', async () => {
    const out = join(dir, 'start');
    const r = await run('start', '--out', out);
    expect(r.code).toBe(0);
    const file = (ext: string): string => join(out, `circles.${ext}`);
    expect(r.out).toContain(`Derivation sheet: ${file('html')} (open it in a browser; also ${file('md')} and ${file('tex')})`);
    expect(r.out).toContain(`Generated code: ${file('ts')}`);
    expect(r.out).toContain('Training on circles (200 points, factor 0.5, noise 0.08, 70/30 split, standardised), He initialisation, learning rate 0.3, 300 epochs:');
    // Off a terminal, every 30th epoch: the output stays short.
    expect(r.out.match(/^Epoch \d+ \| loss \d\.\d{4} → \d\.\d{4}$/gm)).toHaveLength(10);
    const accuracy = /^Train accuracy: (\d\.\d{4}), test accuracy: (\d\.\d{4})$/m.exec(r.out);
    expect(Number(accuracy?.[1])).toBeGreaterThanOrEqual(0.9); // seed 004: 0.95 and 0.917
    expect(Number(accuracy?.[2])).toBeGreaterThanOrEqual(0.85);
    for (const [label, ext] of [['Parameters', 'params.json'], ['Loss curve', 'loss.svg'], ['Decision boundary', 'boundary.svg']]) {
      expect(r.out).toContain(`${label}: ${file(ext!)}\n`);
      expect(existsSync(file(ext!))).toBe(true);
    }
    expect(readFileSync(file('html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(file('ts'), 'utf8')).toContain('export');
    expect(r.out).toContain('Before: y_hat = 0.51, loss = 0.68');
    expect(r.out.trimEnd().endsWith('After:  y_hat = 0.99, loss = 0.01')).toBe(true);
  });

  it('a spec the circles data does not fit: one line, exit 2, nothing written', async () => {
    const r = await run('start', '--spec', 'examples/scalar-bce.json', '--out', join(dir, 'start-scalar'));
    expect(r.code).toBe(2);
    expect(r.err).toBe('symprop: --data: circles has 2 inputs and 1 target; the network takes 1 input and has 1 output\n');
    expect(existsSync(join(dir, 'start-scalar'))).toBe(false);
  });

  it('a convolutional spec: one line saying what start runs and where a CNN trains, exit 2, nothing written', async () => {
    const r = await run('start', '--spec', 'test/train/fixtures/cnn-shapes.json', '--out', join(dir, 'start-cnn'));
    expect(r.code).toBe(2);
    expect(r.err).toBe("symprop: test/train/fixtures/cnn-shapes.json: start runs CSI 4106's circles experiment, which needs a dense network (two inputs, one output), not a convolutional network (conv2d, maxpool, avgpool, flatten): train that one with `symprop train SPEC --data shapes|DIR|FILE.csv`\n");
    expect(existsSync(join(dir, 'start-cnn'))).toBe(false);
  });

  it('an --out that cannot be a directory: one line, exit 2, before any file is written', async () => {
    const file = specFile('start-file', 'x');
    for (const [out, why] of [[file, 'not a directory'], [join(file, 'sub'), `${file} is not a directory`]] as const) {
      const r = await run('start', '--out', out);
      expect([r.code, r.out, r.err]).toEqual([2, '', `symprop: --out: ${out}: ${why}\n`]);
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
