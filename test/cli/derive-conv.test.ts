// `symprop derive` and `symprop sheet` on a convolutional spec (issue 14): the sheet in every
// format, its figure files beside a Markdown sheet, --json and --stats, and the options that do
// not apply refused in one line.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-derive-conv-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('derive and sheet read a convolutional spec', () => {
  it('sheet -o x.html writes the whole page; -o x.md puts the volumes, graph and pooling figures beside it', async () => {
    expect((await run('sheet', 'examples/flowers-cnn.json', '-o', join(dir, 'f.html'))).code).toBe(0);
    expect(readFileSync(join(dir, 'f.html'), 'utf8')).toContain('<title>A CNN for five classes of flowers');
    expect((await run('sheet', 'examples/lenet.json', '--format', 'md', '-o', join(dir, 'lenet.md'))).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('lenet.')).sort()).toEqual(['lenet.graph.svg', 'lenet.md', 'lenet.network.svg', 'lenet.pool2.svg', 'lenet.pool4.svg']);
    expect(readFileSync(join(dir, 'lenet.md'), 'utf8')).toContain('](lenet.pool4.svg)');
  });

  it('derive --lang fr prints the Markdown sheet in French', async () => {
    const r = await run('derive', 'examples/cnn-tiny.json', '--lang', 'fr');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# Rétropropagation pour le réseau convolutif cnn-tiny');
  });

  it('derive --json lists every equation once, numbered 1…N, with its layer and rule', async () => {
    const r = await run('derive', 'examples/cnn-tiny.json', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { kind: string; shapes: number[][]; parameters: number; equations: { eq: number; layer?: number; step: string; rule: string; text: string }[] };
    expect(json.kind).toBe('conv');
    expect(json.shapes).toEqual([[1, 5, 5], [1, 4, 4], [1, 2, 2], [4], [2]]);
    expect(json.parameters).toBe(15);
    expect(json.equations.map((e) => e.eq)).toEqual(Array.from({ length: json.equations.length }, (_, i) => i + 1));
    const rules = json.equations.map((e) => e.rule);
    for (const id of ['conv2d.forward', 'conv2d.kernel', 'conv2d.bias', 'maxpool.forward', 'maxpool.input', 'flatten.input', 'dense.weight', 'head.delta', 'activation.delta']) expect(rules, id).toContain(id);
    // The first layer sends nothing back: x has no parameters.
    expect(json.equations.some((e) => e.rule === 'conv2d.input')).toBe(false);
    expect(json.equations.find((e) => e.rule === 'conv2d.kernel')!.text).toBe('∂J/∂K1[f, c, u, v] = Σ_{i,j} δ1[f, i, j]·x[c, i+u, j+v]');
  });

  it('derive --stats counts layers and equations', async () => {
    const r = await run('derive', 'examples/lenet.json', '--stats');
    expect(JSON.parse(r.out)).toEqual({ kind: 'conv', layers: 8, equations: expect.any(Number), parameters: 44426 });
  });

  it.each([
    [['--deltas', 'from-output'], /--deltas and --layer-index are for dense networks/],
    [['--layer-index', 'subscript'], /--deltas and --layer-index are for dense networks/],
    [['--form', 'index'], /--form index: writing every ∂J\/∂K out is limited to conv layers of 36 output positions/],
  ])('sheet lenet %j is refused in one line, exit 2, nothing written', async (flags, message) => {
    const out = join(dir, `refused-${flags[0]}.html`);
    const r = await run('sheet', 'examples/lenet.json', ...flags, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});
