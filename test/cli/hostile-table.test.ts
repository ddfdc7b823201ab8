// The hostile-input table (issue 11): every case the adversarial battery found, one row
// each, run through the real CLI entry point. A row names the exit code and what stderr must
// say; every row also gets the battery's rules: at most 3 lines on stderr, no stack trace,
// no raw control character, nothing left in the working directory. The few cases that are
// about the process itself (a closed pipe, a full stdout, a signal) run in a child process.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveNetwork } from '../../src/api.ts';
import { main } from '../../src/cli/main.ts';
import { loadSpec } from '../../src/network/validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-table-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function wellBehaved(err: string): void {
  expect(err.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
  expect(err).not.toMatch(/\n\s+at |TypeError|RangeError|ReferenceError|Maximum call stack|heap out of memory/);
  // eslint-disable-next-line no-control-regex
  expect(err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/);
}

const spec = (layers: unknown[], extra: object = {}): string => JSON.stringify({ name: 'n', input: 1, layers, loss: 'bce', ...extra });
const chain = (n: number): unknown[] => Array.from({ length: n }, () => ({ units: 1, activation: 'sigmoid' }));
const wide = file('wide.json', JSON.stringify({ name: 'w', input: 2, layers: [{ units: 1e9, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }));
const claims = (entries: object[]): string => file(`claims-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(entries));
const scalar = file('scalar.json', spec([{ units: 1, activation: 'sigmoid' }]));
const tower = Array(100).fill('x').join('^');
const nestedFrac = (n: number): string => Array.from({ length: n }).reduce<string>((s) => `\\frac{${s}}{2}`, 'x');
const binomials = Array.from({ length: 200 }, (_, i) => `(x+${i + 1})`).join('*');

type Row = readonly [label: string, argv: readonly string[], code: number, stderr: RegExp];

const names = (n: number, sep: string, f = (i: number) => `x${i}`): string => Array.from({ length: n }, (_, i) => f(i + 1)).join(sep);
const loopDir = mkdtempSync(join(tmpdir(), 'symprop-loop-'));
symlinkSync(join(loopDir, 'B'), join(loopDir, 'A'));
symlinkSync(join(loopDir, 'A'), join(loopDir, 'B'));
const wide1000 = file('wide1000.json', spec([...Array.from({ length: 999 }, () => ({ units: 10, activation: 'tanh' })), { units: 1, activation: 'sigmoid' }], { input: 10 }));

const ROWS: readonly Row[] = [
  // Resource limits: named, checked before any work.
  ['10,000 layers', ['codegen', file('deep.json', spec(chain(10_000)))], 2, /layers: must have at most 1000 layers \(the limit\)/],
  ['1.5 million layers (52 MB)', ['derive', file('huge.json', spec(chain(1_500_000)))], 2, /spec file of \d+ bytes is over the limit of 10485760 bytes/],
  ['[2, 1e9, 1] in derive --stats', ['derive', wide, '--stats'], 2, /layers\[0\]\.units: must be at most 100000 units \(the limit\), got 1000000000/],
  ['[2, 1e9, 1] in train', ['train', wide, '--data', 'circles'], 2, /layers\[0\]\.units: must be at most 100000 units/],
  ['train --samples 1e8', ['train', 'examples/circles.json', '--data', 'circles', '--samples', '1e8'], 2, /--samples: must be an integer from 2 to 1000000 \(the limit\)/],
  ['train --epochs 1e9', ['train', 'examples/circles.json', '--data', 'circles', '--epochs', '1e9'], 2, /--epochs: .*1000000/],
  ['x^x^…^x, 100 deep, sheet', ['sheet', '--expr', tower, '--wrt', 'x', '-o', join(dir, 'tower.html')], 2, /more than 50000 operations written out \(the limit\)/],
  ['2,000-term sum', ['derive', '--expr', Array(2000).fill('x').join('+'), '--wrt', 'x'], 2, /more than 2000 operations, numbers and names in one formula \(the limit\)/],
  ['5,000-deep nesting', ['derive', '--expr', `${'('.repeat(5000)}x${')'.repeat(5000)}`, '--wrt', 'x'], 2, /over the limit of 10000 for one formula/],
  ['101-deep nesting (short)', ['derive', '--expr', `${'sin('.repeat(101)}x${')'.repeat(101)}`, '--wrt', 'x'], 2, /nest.*100/],
  ['60,000-term claim', ['check', '--expr', 'x', '--wrt', 'x', '--claim', Array(30_000).fill('x').join('+')], 2, /claim: 59999 characters, over the limit of 10000/],
  ['3,000 nested \\frac', ['check', '--expr', 'x', '--wrt', 'x', '--claim', nestedFrac(3000)], 2, /claim: \d+ characters, over the limit of 10000/],
  ['product of 200 binomials', ['derive', '--expr', binomials, '--wrt', 'x'], 2, /more than 50000 operations written out \(the limit\)/],
  // Found by the independent review of a clean clone (each took seconds to minutes, or crashed).
  ['a claim over 399 names (it ran past 100 s)', ['check', '--expr', names(399, '*'), '--wrt', 'x1', '--claim', names(399, '*')], 2, /more than 100 different names in one formula \(the limit\)/],
  ['derive by 999 variables', ['derive', '--expr', names(999, '*'), '--wrt', names(999, ',')], 2, /more than 100 different names/],
  ['449 sines (11 s, then a wrong reason)', ['derive', '--expr', names(449, '*', (i) => `sin(x${i})`), '--wrt', names(449, ',')], 2, /more than 100 different names/],
  ['-o onto a loop of symbolic links (a 22-line ELOOP trace)', ['derive', 'examples/xor.json', '-o', join(loopDir, 'A')], 2, /cannot write there \(a loop of symbolic links, or more than 40 in a row\)/],
  ['an HTML sheet of 1000 layers (9 s, 800 MB)', ['sheet', wide1000, '-o', join(dir, 'wide.html')], 2, /an HTML sheet renders at most 200 layers \(the limit\), this network has 1000: use --format md or tex/],
  ['5001 claims in one file', ['check', '--claims', file('many.json', JSON.stringify(Array.from({ length: 5001 }, (_, i) => ({ id: `q${i}`, expr: 'x', wrt: 'x', claim: '1' }))))], 2, /5001 claims, over the limit of 5000 per file/],
  ['a CSV of 1000001 rows', ['train', 'examples/scalar-bce.json', '--data', file('rows.csv', `x,y\n${'1,1\n'.repeat(1_000_001)}`)], 2, /rows\.csv:1000002: more than 1000000 rows \(the limit\)/],
  ['0/0 in a claim ("proved" equivalent)', ['check', '--expr', 'x^2', '--wrt', 'x', '--claim', '2*x + 0/0'], 2, /claim: division by zero/],
  ['x/0', ['derive', '--expr', 'x/0', '--wrt', 'x'], 2, /--expr: division by zero/],
  ['0*log(0)', ['derive', '--expr', 'x + 0*log(0)', '--wrt', 'x'], 2, /log\(0\) is undefined/],
  ['--epochs 0x10 (hexadecimal flags were taken)', ['train', 'examples/circles.json', '--data', 'circles', '--epochs', '0x10'], 2, /--epochs: must be a positive integer, at most 1000000 \(the limit\), got "0x10"/],
  ['--lr 0b1', ['train', 'examples/circles.json', '--data', 'circles', '--lr', '0b1'], 2, /--lr: must be a positive number, got "0b1"/],
  // Constants: exact, or refused with the reason.
  ['1e400*x', ['derive', '--expr', '1e400*x', '--wrt', 'x'], 2, /the number 1e\+400 has more than 200 digits written out \(the limit\)/],
  ['x^1e400', ['derive', '--expr', 'x^1e400', '--wrt', 'x'], 2, /more than 200 digits/],
  ['1e308*1e308*x', ['derive', '--expr', '1e308*1e308*x', '--wrt', 'x'], 2, /more than 200 digits/],
  ['NaN*x', ['derive', '--expr', 'NaN*x', '--wrt', 'x'], 2, /expected a number, got "NaN"/],
  // JavaScript's own property names are ordinary (unknown) names.
  ['constructor(x)', ['derive', '--expr', 'constructor(x)', '--wrt', 'x'], 2, /unknown function constructor\(\)/],
  ['valueOf(x)', ['derive', '--expr', 'valueOf(x)', '--wrt', 'x'], 2, /unknown function valueOf\(\)/],
  ['hasOwnProperty(x)', ['derive', '--expr', 'hasOwnProperty(x)', '--wrt', 'x'], 2, /unknown function hasOwnProperty\(\)/],
  ["constructor' (a prime on a built-in name)", ['check', '--expr', 'x^2', '--wrt', 'x', '--claim', "constructor'(x)"], 2, /unknown name "constructor"/],
  ['\\constructor in a LaTeX claim', ['check', '--expr', 'x^2', '--wrt', 'x', '--claim', '\\constructor{x}'], 2, /unsupported LaTeX command \\constructor/],
  ['a network claim naming toString', ['check', 'examples/xor.json', '--param', 'w1', '--claim', 'toString*x1'], 2, /unknown name "toString"/],
  ['__proto__*x', ['derive', '--expr', '__proto__*x', '--wrt', 'x'], 2, /invalid name "__proto__" \(a name starts with a letter/],
  ['a spec field named __proto__', ['derive', file('proto.json', '{"name":"p","input":1,"__proto__":{"loss":"mse"},"layers":[{"units":1,"activation":"sigmoid"}],"loss":"bce"}')], 2, /__proto__/],
  ['an activation named constructor', ['derive', file('ctor.json', spec([{ units: 1, activation: 'constructor' }]))], 2, /layers\[0\]\.activation/],
  ['a loss named toString', ['derive', file('tostr.json', JSON.stringify({ name: 'n', input: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'toString' }))], 2, /loss/],
  // Input that is not what it claims to be.
  ['JSON error with line and column', ['derive', file('bad.json', '{"name": "x",\n "input": 2,\n "layers": [ {"units": 3,, } ]}')], 2, /not valid JSON: .* at line 3, column 26/],
  ['JSON nested 100,000 deep', ['derive', file('nest.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)], 2, /nest|deep/],
  ['a refusal quotes a window, not 8 KB', ['derive', '--expr', `${'x+'.repeat(4000)}@`, '--wrt', 'x'], 2, /^[^\n]{0,300}\n$/],
  ['CSV hexadecimal cell', ['train', 'examples/scalar-bce.json', '--data', file('hex.csv', 'x,y\n0x10,1\n2,0\n')], 2, /hex\.csv:2: column 1 "0x10" is not a decimal number/],
  ['CSV binary and octal cells', ['train', 'examples/scalar-bce.json', '--data', file('bin.csv', 'x,y\n0b1,1\n0o1,0\n')], 2, /is not a decimal number/],
  ['CSV numeric first row', ['train', 'examples/scalar-bce.json', '--data', file('num.csv', '1,1\n2,0\n')], 2, /num\.csv:1: the first row is all numbers; it must be a header/],
  ['CSV cell with an ANSI escape', ['train', 'examples/scalar-bce.json', '--data', file('ansi.csv', 'x,y\n\u001b[2J,1\n')], 2, /\\x1b\[2J/],
  ['expression with an ANSI escape', ['derive', '--expr', 'x+\u001b[2J', '--wrt', 'x'], 2, /\\x1b\[2J/],
  ['expression with a NUL', ['derive', '--expr', 'x+\u0000', '--wrt', 'x'], 2, /\\x00/],
];

describe('every case of the battery, one row each', () => {
  it.each(ROWS)('%s', async (_label, argv, code, stderr) => {
    const r = await run(argv);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(stderr);
    wellBehaved(r.err);
  });
});

describe('a built-in property name is an ordinary variable', () => {
  it.each([['constructor'], ['toString'], ['valueOf'], ['hasOwnProperty']])('d/d%s (%s · x) = x, and the claim x is equivalent', async (name) => {
    const r = await run(['derive', '--expr', `${name}*x`, '--wrt', name, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].text).toBe('x');
    const c = await run(['check', '--expr', `${name}*x`, '--wrt', name, '--claim', 'x']);
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/^verdict: equivalent/);
  });
});

describe('outputs never overwrite inputs, also train\'s', () => {
  it('train NAME.params.json --out DIR, where the parameters file would be the spec itself, is refused and the spec is intact', async () => {
    const home = mkdtempSync(join(tmpdir(), 'symprop-own-'));
    const own = join(home, 'n.params.json');
    writeFileSync(own, JSON.stringify({ ...JSON.parse(readFileSync('examples/circles.json', 'utf8')), name: 'n' }));
    const before = readFileSync(own, 'utf8');
    const r = await run(['train', own, '--data', 'circles', '--epochs', '2', '--out', home, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is the input file .*n\.params\.json; refusing to overwrite it/);
    expect(readFileSync(own, 'utf8')).toBe(before);
  });
});

describe('invisible characters cannot reorder a row of the claims table', () => {
  it('a right-to-left override, zero-width spaces and a byte-order mark in an id or a name are shown escaped', async () => {
    const path = claims([{ id: 'q1\u202e', student: 'E\u200bve\ufeff', expr: 'x', wrt: 'x', claim: '1' }]);
    const r = await run(['check', '--claims', path]);
    expect(r.out).toContain('q1\\u202e');
    expect(r.out).toContain('E\\u200bve\\ufeff');
    expect(r.out).not.toMatch(/[\u202e\u200b\ufeff]/);
    const json = await run(['check', '--claims', path, '--json']);
    expect((JSON.parse(json.out) as { id: string }[])[0]!.id).toBe('q1\u202e'); // --json stays exact
  });
});

describe('a claims file never quotes a file that is not a spec', () => {
  it('a spec entry naming another JSON file of the directory (an answer key) is refused without its content', async () => {
    const home = mkdtempSync(join(tmpdir(), 'symprop-key-'));
    writeFileSync(join(home, 'key.json'), JSON.stringify([{ id: 'q1', answer: '(yhat - y) * w2 * SECRET' }]));
    writeFileSync(join(home, 'claims.json'), JSON.stringify([{ id: 'x', spec: 'key.json', param: 'w1', claim: '1' }]));
    const r = await run(['check', '--claims', join(home, 'claims.json'), '--json']);
    expect(r.out).not.toMatch(/SECRET|answer|yhat/);
    expect((JSON.parse(r.out) as { error: string }[])[0]!.error).toMatch(/must be a JSON object, got a list of 1/);
  });
});

describe('Unicode spaces are spaces', () => {
  it('U+2028, U+2029 and a no-break space in a formula read as blanks', async () => {
    const r = await run(['derive', '--expr', 'x\u2028+\u2029x^2\u00a0*\u2009y', '--wrt', 'x', '--json']);
    const plain = await run(['derive', '--expr', 'x + x^2 * y', '--wrt', 'x', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results).toEqual(JSON.parse(plain.out).results);
  });
});

describe('one hostile entry never aborts a claims batch', () => {
  const good = { id: 'ok', spec: 'scalar.json', param: 'b1', claim: 'yhat - y' };
  it.each([
    ['constructor*x', 'constructor*w1'],
    ['toString*x', 'toString*w1'],
    ['__proto__', '__proto__*w1'],
    ['60,000 terms', Array(30_000).fill('w1').join('+')],
    ['5,000-deep nesting', `${'('.repeat(5000)}w1${')'.repeat(5000)}`],
    ['3,000 nested \\frac', nestedFrac(3000)],
    ['1e400', '1e400*w1'],
    ['product of 200 factors', Array.from({ length: 200 }, (_, i) => `(w1+${i + 1})`).join('*')],
  ])('%s: that entry is an error or a verdict, the good one is judged', async (_label, claim) => {
    const path = claims([{ id: 'bad', spec: 'scalar.json', param: 'w1', claim }, good]);
    const r = await run(['check', '--claims', path, '--json']);
    expect([0, 1]).toContain(r.code);
    const entries = JSON.parse(r.out) as { id: string; verdict: string }[];
    expect(entries.map((e) => e.id)).toEqual(['bad', 'ok']);
    expect(entries[1]!.verdict).toBe('equivalent');
    wellBehaved(r.err);
  });
});

describe('a million parameters', () => {
  const big = file('big.json', JSON.stringify({ name: 'big', input: 1000, layers: [{ units: 1000, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'cross_entropy' }));
  it('derive --stats measures the matrix form only past 2000 parameters (it overflowed the stack)', async () => {
    const r = await run(['derive', big, '--stats']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ indexForm: false, matrixNodes: expect.any(Number) });
  });
  it('the library refuses the index form past 2000 parameters, naming the limit', () => {
    expect(() => deriveNetwork(loadSpec(big), big, { indexForm: 'always' })).toThrow(/limited to 2000 parameters \(the limit\); this network has 1011010/);
  });
  it.each([['derive'], ['codegen'], ['sheet']])('%s of it finishes', async (command) => {
    const r = await run([command, big, ...(command === 'sheet' ? ['-o', join(dir, 'big.html')] : [])]);
    expect(r.code).toBe(0);
    wellBehaved(r.err);
  });
});

describe('the default codegen of a 1000-layer chain finishes (it took 58 s; the limit is 1000 layers)', () => {
  it('codegen and derive --stats of 1000 one-unit layers', async () => {
    const path = file('chain.json', spec(chain(1000)));
    const code = await run(['codegen', path]);
    expect(code.code).toBe(0);
    expect(code.out).toContain('export function');
    const stats = await run(['derive', path, '--stats']);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.out)).toMatchObject({ deltas: 1000, gradients: 2000 });
  }, 120_000);
});

// The process around the CLI: these need a real child process.
const CLI = ['bin/symprop.js'];

describe('faults while writing', () => {
  it('a closed pipe (| head -1) exits quietly', () => {
    const r = spawnSync('sh', ['-c', `node ${CLI[0]} derive examples/circles.json | head -1`], { encoding: 'utf8' });
    expect(r.stdout).toBe('# Backpropagation for the network circles\n');
    expect(r.stderr).toBe('');
  }, 60_000);

  it('a full stdout (/dev/full) is one line, exit 2', () => {
    const full = openSync('/dev/full', 'w'); // writing to it is harmless; nothing replaces it
    try {
      const r = spawnSync('node', [...CLI, 'derive', 'examples/circles.json'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('symprop: cannot write to stdout (ENOSPC)\n');
    } finally {
      closeSync(full);
    }
  }, 60_000);

  it('a closed pipe stops a long training at once (it trained to the end, then wrote --out)', () => {
    const out = mkdtempSync(join(tmpdir(), 'symprop-pipe-'));
    const r = spawnSync('sh', ['-c', `node ${CLI[0]} train examples/xor.json --data xor --epochs 1000000 --out ${out} | head -1`], { encoding: 'utf8', timeout: 25_000 });
    // Stopped at the second line (200000 epochs, ~5 s here); the whole run takes ~30 s.
    expect(r.signal).toBeNull(); // not killed by the timeout
    expect(r.stdout).toMatch(/^Epoch 100000 \| loss/);
    expect(readdirSync(out)).toEqual([]);
  }, 30_000);

  // A JavaScript signal handler would wait for the event loop, which a training never frees.
  it.each([['SIGTERM'], ['SIGINT']] as const)('%s stops a long training at once and leaves nothing in --out', async (signal) => {
    const out = mkdtempSync(join(tmpdir(), 'symprop-signal-'));
    const child = spawn('node', [...CLI, 'train', 'examples/circles.json', '--data', 'circles', '--epochs', '1000000', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, s) => resolve(s)));
    // Wait for the first epoch's line: the command is then inside the training loop.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill(signal);
    expect(await exit).toBe(signal);
    expect(readdirSync(out)).toEqual([]);
  }, 30_000);
});

describe('leaves nothing behind', () => {
  it('no temporary file and no stray output in the test directory', () => {
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') || n === 'tower.html')).toEqual([]);
  });
});
