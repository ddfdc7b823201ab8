// symprop train on a convolutional spec: --data shapes end to end (accuracy, outputs, --json,
// French), and every bad image input as one line naming the path, exit 2, nothing written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'symprop-train-images-'));
const small = join(dir, 'small.json');
// 8 × 8 input, conv 3×3×4, maxpool 2, dense 4 softmax: 3 × 3 × 4 = 36 features, 188 parameters.
writeFileSync(small, JSON.stringify({
  name: 'small-cnn',
  input: { channels: 1, height: 8, width: 8 },
  layers: [{ type: 'conv2d', filters: 4, kernel: 3, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'flatten' }, { units: 4, activation: 'softmax' }],
  loss: 'cross_entropy',
}));
const two = join(dir, 'two.json');
writeFileSync(two, JSON.stringify({
  name: 'two',
  input: { channels: 1, height: 4, width: 4 },
  layers: [{ type: 'conv2d', filters: 2, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { units: 2, activation: 'softmax' }],
  loss: 'cross_entropy',
}));

const png = (w: number, h: number, v: number): Buffer => {
  const p = new pngjs.PNG({ width: w, height: h });
  p.data.fill(v);
  return pngjs.PNG.sync.write(p);
};

/** A directory of two class folders a and b, with `extra` applied to it. */
function imageDir(name: string, extra: (root: string) => void = () => {}): string {
  const root = join(dir, name);
  for (const [c, v] of [['a', 0], ['b', 255]] as const) {
    mkdirSync(join(root, c), { recursive: true });
    for (let i = 0; i < 4; i++) writeFileSync(join(root, c, `${i}.png`), png(4, 4, v));
  }
  extra(root);
  return root;
}

describe('train a CNN on --data shapes', () => {
  it('learns the four figures: test accuracy ≥ 0.9 with the defaults (Adam, lr 0.01, batch 32) in 6 epochs, and writes the pictures', async () => {
    const out = join(dir, 'out');
    const fixture = new URL('../train/fixtures/cnn-shapes.json', import.meta.url).pathname;
    const r = await run('train', fixture, '--data', 'shapes', '--samples', '800', '--epochs', '6', '--out', out, '--json', '-q');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect(json.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(json.classes).toEqual(['bar', 'cross', 'square', 'disc']);
    expect(json.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(240);
    expect(json.confusionSet).toBe('test');
    for (const f of ['params.json', 'loss.svg', 'confusion.svg', 'filters.svg', 'misclassified.svg']) expect(existsSync(join(out, `cnn-shapes.${f}`))).toBe(true);
    const params = JSON.parse(readFileSync(join(out, 'cnn-shapes.params.json'), 'utf8'));
    expect(params.standardize.per).toBe('channel');
    expect(params.standardize.mean).toHaveLength(1);
    expect(params.theta).toHaveLength(8 * 9 + 8 + 4 * 392 + 4);
    expect(readFileSync(join(out, 'cnn-shapes.confusion.svg'), 'utf8')).toContain('confusion matrix');
  }, 60_000);

  it('the same seed gives the same bytes; French titles', async () => {
    const [a, b] = [join(dir, 'fa'), join(dir, 'fb')];
    for (const o of [a, b]) expect((await run('train', small, '--data', 'shapes', '--samples', '40', '--epochs', '1', '--lang', 'fr', '--out', o, '-q')).code).not.toBe(2);
    const svg = readFileSync(join(a, 'small-cnn.confusion.svg'), 'utf8');
    for (const f of ['confusion.svg', 'filters.svg', 'misclassified.svg', 'params.json']) expect(readFileSync(join(b, `small-cnn.${f}`), 'utf8')).toBe(readFileSync(join(a, `small-cnn.${f}`), 'utf8'));
    expect(svg).toContain('matrice de confusion');
    expect(readFileSync(join(a, 'small-cnn.filters.svg'), 'utf8')).toContain('filtres de la première couche');
    expect(readFileSync(join(a, 'small-cnn.misclassified.svg'), 'utf8')).toContain('images de test mal classées');
  }, 30_000);

  it('dense specs still refuse shapes, and a CNN refuses circles', async () => {
    expect((await run('train', small, '--data', 'circles')).err).toMatch(/^symprop: --data: "circles" is neither shapes, a directory of class folders, nor a CSV file/);
    expect((await run('train', small, '--data', 'shapes', '--factor', '0.3')).err).toBe('symprop: --factor: only for --data circles\n');
  });
});

describe('train a CNN on a directory or a CSV', () => {
  it('trains on a class-folder directory and a pixel CSV', async () => {
    const r = await run('train', two, '--data', imageDir('good'), '--epochs', '5', '--test-split', '0', '--json', '-q');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.trim().split('\n').at(-1)!).classes).toEqual(['a', 'b']);
    const csv = join(dir, 'pixels.csv');
    const header = [...Array.from({ length: 16 }, (_, i) => `p${i}`), 'label'].join(',');
    const rows = Array.from({ length: 8 }, (_, i) => [...new Array(16).fill(i % 2 ? 200 : 10), i % 2].join(','));
    writeFileSync(csv, `${header}\n${rows.join('\n')}\n`);
    const c = await run('train', two, '--data', csv, '--epochs', '5', '--test-split', '0', '--json', '-q');
    expect(c.code).toBe(0);
    expect(JSON.parse(c.out.trim().split('\n').at(-1)!).trainAccuracy).toBe(1);
  }, 30_000);

  const cases: [string, () => string, RegExp][] = [
    ['a corrupt image', () => imageDir('corrupt', (r) => writeFileSync(join(r, 'a', 'bad.png'), 'not a png')), /corrupt\/a\/bad\.png: not a PNG or JPEG image/],
    ['a non-image file', () => imageDir('text', (r) => writeFileSync(join(r, 'b', 'notes.txt'), 'hello')), /text\/b\/notes\.txt: not a PNG or JPEG image \(\.png, \.jpg or \.jpeg/],
    ['an empty class folder', () => imageDir('empty', (r) => mkdirSync(join(r, 'c'))), /empty\/c: an empty class folder/],
    ['huge dimensions in a PNG header', () => imageDir('huge', (r) => { const b = png(1, 1, 0); b.writeUInt32BE(70000, 16); b.writeUInt32BE(70000, 20); writeFileSync(join(r, 'a', 'huge.png'), b); }), /huge\/a\/huge\.png: 70000 × 70000 pixels, over the limit of 16777216 pixels/],
    ['a symlink loop', () => imageDir('loop', (r) => symlinkSync('..', join(r, 'a', 'up'))), /loop\/a\/up: a loop of symbolic links/],
    ['a link to itself', () => imageDir('self', (r) => symlinkSync('me.png', join(r, 'a', 'me.png'))), /self\/a\/me\.png: a loop of symbolic links/],
    ['a directory with no class folder', () => { mkdirSync(join(dir, 'flat')); return join(dir, 'flat'); }, /flat: no class folders/],
    ['a class count the network does not have', () => imageDir('three', (r) => { mkdirSync(join(r, 'c')); writeFileSync(join(r, 'c', 'x.png'), png(4, 4, 9)); }), /three has 3 classes \(a, b, c\); the network has 2 outputs/],
  ];
  for (const [what, make, message] of cases) {
    it(`${what}: one line naming it, exit 2, nothing written`, async () => {
      const out = join(dir, `out-${what.replace(/\W+/g, '-')}`);
      const r = await run('train', two, '--data', make(), '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(2);
      expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
      expect(existsSync(out)).toBe(false);
    });
  }

});

describe('every convolutional example trains on --data shapes (the first K of its ten classes)', () => {
  it.each([['cnn-tiny', 2], ['cnn-shapes', 4], ['flowers-cnn', 5], ['lenet', 10]] as const)('examples/%s.json: %i classes', async (name, classes) => {
    const r = await run('train', `examples/${name}.json`, '--data', 'shapes', '--samples', String(4 * classes), '--epochs', '1', '--json', '-q');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out.trim().split('\n').at(-1)!) as { classes: string[] };
    expect(json.classes).toEqual(['bar', 'cross', 'square', 'disc', 'ring', 'triangle', 'saltire', 'diagonal', 'corner', 'tee'].slice(0, classes));
  }, 60_000);
  it('a network of 11 classes is told shapes has at most 10', async () => {
    const eleven = join(dir, 'eleven.json');
    writeFileSync(eleven, JSON.stringify({ name: 'eleven', input: { channels: 1, height: 8, width: 8 }, layers: [{ type: 'conv2d', filters: 2, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { units: 11, activation: 'softmax' }], loss: 'cross_entropy' }));
    const r = await run('train', eleven, '--data', 'shapes');
    expect(r.code).toBe(2);
    expect(r.err).toBe('symprop: --data: shapes has at most 10 classes (bar, cross, square, disc, ring, triangle, saltire, diagonal, corner, tee); eleven tells 11 apart\n');
  });
});
