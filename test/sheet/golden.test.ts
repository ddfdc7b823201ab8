import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleSpecFiles, sheetFiles } from '../../src/examples.ts';

// Golden derivation sheets: every example network and log(xy), in md, tex and html, in
// English and French. `npm run generate` rewrites them; review the diff when they change.
const files = sheetFiles(readdirSync('examples'));

describe('generated/sheets holds every sheet, as the renderer writes it', () => {
  it('3 formats × 2 languages for every example and for log(xy), and the Markdown sheets\' figures (2 per network, and one per pooling layer of a CNN), nothing else', () => {
    const { dense, conv } = exampleSpecFiles();
    const pools = conv.map((f) => (JSON.parse(readFileSync(`examples/${f}`, 'utf8')) as { layers: { type?: string }[] }).layers.filter((l) => l.type === 'maxpool' || l.type === 'avgpool').length);
    const figures = dense.length * 2 + pools.reduce((n, p) => n + 2 + p, 0);
    expect(files).toHaveLength((dense.length + conv.length + 1) * 3 * 2 + figures * 2);
    expect(readdirSync('generated/sheets').sort()).toEqual(files.map((f) => f.path.replace('generated/sheets/', '')).sort());
  });
  for (const { path, content } of files) {
    it(`${path} has not drifted`, () => {
      expect(readFileSync(path, 'utf8') === content, `${path} differs from the renderer: run npm run generate and review`).toBe(true);
    });
  }
});
