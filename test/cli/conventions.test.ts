// The CLI's conventions (issue 12): --version, `-` for stdin, -o naming the format by its
// extension, no HTML flood on a terminal, --quiet, and a line every 10 % of the epochs off a
// terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-conventions-'));
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

async function run(argv: readonly string[], extra: Partial<Io> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), ...extra });
  return { code, out, err };
}

describe('--version', () => {
  it.each([['--version'], ['-V']])('%s prints package.json\'s version', async (flag) => {
    const r = await run([flag]);
    expect(r).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
  });
});

describe('- reads stdin (a real process: the CLI reads fd 0)', () => {
  const cli = (args: readonly string[], input: string) => spawnSync('node', ['bin/symprop.js', ...args], { input, encoding: 'utf8' });
  it('a spec', () => {
    const r = cli(['derive', '-'], readFileSync('examples/scalar-bce.json', 'utf8'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# Backpropagation for the network scalar-bce');
  });
  it('a bad spec is named "stdin"', () => {
    const r = cli(['derive', '-'], '{"name": "x",\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('symprop: stdin: not valid JSON: an unexpected end of the file at line 2, column 1\n');
  });
  it('a claims file, its specs found from the working directory or --specs-dir', () => {
    const r = cli(['check', '--claims', '-', '--specs-dir', 'examples', '--json'], readFileSync('examples/claims/homework.json', 'utf8'));
    expect([0, 1]).toContain(r.status);
    const expected = JSON.parse(spawnSync('node', ['bin/symprop.js', 'check', '--claims', 'examples/claims/homework.json', '--specs-dir', 'examples', '--json'], { encoding: 'utf8' }).stdout) as unknown;
    expect(JSON.parse(r.stdout)).toEqual(expected);
  }, 30_000);
  it('a CSV data set', () => {
    const r = cli(['train', 'examples/xor.json', '--data', '-', '--epochs', '2', '--test-split', '0'], 'x1,x2,y\n0,0,0\n1,1,0\n0,1,1\n1,0,1\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Train MSE: [\d.]+, no test set/);
    const bad = cli(['train', 'examples/xor.json', '--data', '-'], 'x1,x2,y\n0,0x1,0\n');
    expect(bad.stderr).toBe('symprop: stdin:2: column 2 "0x1" is not a decimal number\n');
  });
});

describe('-o names the format by its extension', () => {
  it.each([
    ['derive', 'x.tex', '\\section*{Backpropagation for the network xor}'],
    ['derive', 'x.html', '<!doctype html>'],
    ['derive', 'x.json', '"network"'],
    ['sheet', 's.md', '# Backpropagation for the network xor'],
    ['sheet', 's.tex', '\\documentclass'],
  ])('%s -o %s', async (command, name, start) => {
    const path = join(dir, name);
    const r = await run([command, 'examples/xor.json', '-o', path]);
    expect(r.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain(start);
  });

  it.each([
    [['derive', 'examples/xor.json', '-o', 'x.html', '--format', 'md'], '-o x.html is .html but the format asked for is md: give one of them, or make them agree'],
    [['derive', 'examples/xor.json', '-o', 'x.md', '--json'], '-o x.md is .md but the format asked for is json: give one of them, or make them agree'],
    [['derive', 'examples/xor.json', '-o', 'x.ts'], '-o x.ts: derive writes .md, .tex, .html, .json, not .ts'],
    [['sheet', 'examples/xor.json', '-o', 'x.json'], '-o x.json: sheet writes .md, .tex, .html, not .json'],
    [['codegen', 'examples/xor.json', '-o', 'x.md'], '-o x.md: codegen writes .ts, not .md'],
  ])('%j contradicts itself: one line, exit 2, nothing written', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: ${message}\n`);
  });
});

describe('sheet does not flood a terminal', () => {
  it('HTML to a terminal is refused with a hint; to a pipe it is written', async () => {
    const tty = await run(['sheet', 'examples/xor.json'], { isTTY: true });
    expect(tty.code).toBe(2);
    expect(tty.err).toBe('symprop: sheet: the HTML sheet is a whole page, not for a terminal: give -o FILE.html (or --format md to read it here)\n');
    expect(tty.out).toBe('');
    const md = await run(['sheet', 'examples/xor.json', '--format', 'md'], { isTTY: true });
    expect(md.code).toBe(0);
    const pipe = await run(['sheet', 'examples/xor.json']);
    expect(pipe.out.startsWith('<!doctype html>')).toBe(true);
  });
});

describe('training progress', () => {
  it('off a terminal, a line every 10 % of the epochs and none with --quiet', async () => {
    const lines = (await run(['train', 'examples/circles.json', '--data', 'circles', '--epochs', '50'])).out.split('\n').filter((l) => l.startsWith('Epoch'));
    expect(lines.map((l) => Number(/^Epoch (\d+)/.exec(l)![1]))).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    const quiet = await run(['train', 'examples/circles.json', '--data', 'circles', '--epochs', '50', '--quiet']);
    expect(quiet.out).toBe('Train accuracy: 0.7643, test accuracy: 0.8000\n');
  });
  it('on a terminal --quiet draws no bar', async () => {
    const quiet = await run(['train', 'examples/circles.json', '--data', 'circles', '--epochs', '50', '-q'], { isTTY: true, columns: 80 });
    expect(quiet.out).toBe('Train accuracy: 0.7643, test accuracy: 0.8000\n');
  });
});
