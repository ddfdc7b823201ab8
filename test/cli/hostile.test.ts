// Hostile input (issue 11): files people hand in must neither be read where they point nor
// forge output; outputs never destroy inputs. Each case: the exit code, one line on stderr,
// no stack trace, nothing written. Devices and FIFOs only in our own temporary directory.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const dir = mkdtempSync(join(tmpdir(), 'symprop-hostile-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const oneLineError = (err: string): void => {
  expect(err.split('\n').filter(Boolean)).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
};

describe('outputs never destroy inputs', () => {
  // A spec named .json is refused by codegen and sheet for its extension already (they do not
  // write JSON); named .spec, it reaches the check that it is the input.
  it.each([['codegen', 'spec'], ['derive', 'json'], ['sheet', 'spec'], ['codegen', 'json'], ['sheet', 'json']])('%s SPEC -o SPEC (.%s) is refused and SPEC is intact', async (command, ext) => {
    const spec = join(dir, `${command}.${ext}`);
    copyFileSync('examples/scalar-bce.json', spec);
    const before = readFileSync(spec, 'utf8');
    const r = await run(command, spec, '-o', spec);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(ext === 'json' && command !== 'derive' ? /writes \.[a-z, .]+, not \.json/ : /is the input file .*; refusing to overwrite it/);
    oneLineError(r.err);
    expect(readFileSync(spec, 'utf8')).toBe(before);
  });

  it('-o - is stdout', async () => {
    const r = await run('derive', '--expr', 'x^2', '--wrt', 'x', '-o', '-');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 x');
  });
});

describe('claims files', () => {
  it('a spec outside the claims file\'s directory is refused by name, unread, and the rest of the batch is judged', async () => {
    const claims = file('steal.json', JSON.stringify([
      { id: 'x', spec: '/etc/shadow', param: 'w1', claim: '1' },
      { id: 'y', spec: '../../etc/passwd', param: 'w1', claim: '1' },
      { id: 'z', expr: 'x^2', wrt: 'x', claim: '2x' },
    ]));
    const r = await run('check', '--claims', claims, '--json');
    const results = JSON.parse(r.out) as { id: string; verdict: string; error?: string }[];
    expect(results.map((e) => e.verdict)).toEqual(['error', 'error', 'equivalent']);
    expect(results[0]!.error).toBe(`spec "/etc/shadow" is outside the claims file's directory ${dir} (name the specs' directory with --specs-dir)`);
    expect(r.out).not.toMatch(/root:/);
  });

  it('--specs-dir names where the specs are', async () => {
    const claims = file('elsewhere.json', JSON.stringify([{ id: 'a', spec: 'scalar-bce.json', param: 'b2', claim: 'yhat - y' }]));
    const r = await run('check', '--claims', claims, '--specs-dir', 'examples');
    expect(r.code).toBe(0);
  });

  it('ids, names and claims with newlines or ANSI escapes cannot forge rows or rewrite the terminal', async () => {
    const claims = file('forge.json', JSON.stringify([{ id: 'q1\nq9  Eve  equivalent', student: 'Mallory\u001b[2J\r', expr: 'x^2', wrt: 'x', claim: '2*x' }]));
    const r = await run('check', '--claims', claims);
    const rows = r.out.split('\n');
    expect(rows[1]).toBe('q1\\nq9  Eve  equivalent  Mallory\\x1b[2J\\r  equivalent  2 * x');
    expect(rows.filter((l) => /Eve/.test(l))).toHaveLength(1);
    expect(r.out).not.toContain('\u001b');
    const json = await run('check', '--claims', claims, '--json');
    expect((JSON.parse(json.out) as { id: string }[])[0]!.id).toBe('q1\nq9  Eve  equivalent');
  });
});

describe('inputs that are not what they claim to be', () => {
  it.each([
    ['/dev/zero', /\/dev\/zero: cannot read spec file \(it is a device, not a regular file\)/],
    [dir, /cannot read spec file \(it is a directory, not a regular file\)/],
  ])('derive %s fails at once', async (path, message) => {
    const r = await run('derive', path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    oneLineError(r.err);
  });

  it('a FIFO as a spec, a claims file or a CSV never blocks', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const argv of [['derive', fifo], ['check', '--claims', fifo], ['train', 'examples/circles.json', '--data', fifo]]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/it is a FIFO, not a regular file/);
    }
  });

  it('a spec that is not JSON is never quoted', async () => {
    const secret = file('secret.json', 'root:$6$hash-of-the-password:19000:0:99999:7:::\n');
    const r = await run('derive', secret);
    expect(r.err).toBe(`symprop: ${secret}: not valid JSON: an unexpected character at line 1, column 1\n`);
  });
});

describe('names in sheets', () => {
  it('a newline in the name adds no Markdown heading, and control characters are shown escaped', async () => {
    const spec = file('evil.json', JSON.stringify({ name: 'evil\n# Injected\u001b[31m', input: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' }));
    const md = await run('derive', spec, '--format', 'md');
    expect(md.out.split('\n').filter((l) => l.startsWith('#') && l.includes('Injected'))).toEqual([
      '# Backpropagation for the network evil\\\\n\\# Injected\\\\x1b\\[31m',
    ]);
    expect(md.out).not.toContain('\u001b');
  });
});

describe('leaves nothing behind', () => {
  it('no temporary file remains in the output directory after a refusal', () => {
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
