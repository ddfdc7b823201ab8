// LaTeX sheets compile with pdflatex, whatever the spec's name holds (issue 11): a blank line,
// U+2028, a control character, δ, an emoji, < and >. No pdflatex: skipped locally with the
// reason, and a failure on CI, which installs Debian's texlive (.ci/run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveNetwork } from '../../src/api.ts';
import { validateSpec } from '../../src/network/validate.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { deriveConv } from '../../src/derive/conv-backprop.ts';
import { renderDerivation } from '../../src/sheet/render.ts';

const hasPdflatex = spawnSync('sh', ['-c', 'command -v pdflatex']).status === 0;
const inCI = Boolean(process.env['CI']);
const dir = mkdtempSync(join(tmpdir(), 'symprop-tex-'));

function compile(name: string, tex: string, passes = 1): { status: number | null; log: string } {
  writeFileSync(join(dir, `${name}.tex`), tex);
  const run = () => spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  // A second pass fills in the table of contents from the first one's .toc file.
  let r = run();
  for (let i = 1; i < passes && r.status === 0; i++) r = run();
  return { status: r.status, log: r.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n') };
}

/** An overfull line up to this many points is invisible in print; past it, text runs into the margin. */
const MAX_OVERFULL_PT = 10;

const hasPdffonts = spawnSync('sh', ['-c', 'command -v pdffonts']).status === 0;

/** The fonts of a PDF that are bitmaps (Type 3): what T1 without lmodern produced. */
function bitmapFonts(pdf: string): string[] {
  const r = spawnSync('pdffonts', [pdf], { encoding: 'utf8' });
  return r.stdout.split('\n').slice(2).filter((l) => /Type 3/.test(l));
}

const NAMES = ['blank\n\nline', 'sep\u2028arator', 'bell\u0007', 'réseau δ', 'emoji 😀', '<a> & b_1 % $x$ #1 ~ ^ \\input{/etc/passwd}'];

describe.skipIf(!hasPdflatex && !inCI)(`LaTeX sheets compile with pdflatex${hasPdflatex ? '' : ' [skipped: pdflatex not found; apt-get install texlive-latex-base texlive-latex-recommended texlive-fonts-recommended texlive-lang-french]'}`, () => {
  it('pdflatex is installed (CI must install it)', () => {
    expect(hasPdflatex).toBe(true);
  });
  it('pdffonts is installed (CI installs poppler-utils)', () => {
    expect(hasPdffonts).toBe(true);
  });
  for (const file of readdirSync('generated/sheets').filter((f) => f.endsWith('.tex'))) {
    it(`generated/sheets/${file}: compiles, with its contents and both figures, in outline fonts`, () => {
      const name = file.replace(/\.tex$/, '').replace(/\./g, '-');
      const tex = readFileSync(`generated/sheets/${file}`, 'utf8');
      const r = compile(name, tex, 2);
      expect(r.log).toBe('');
      expect(r.status).toBe(0);
      if (tex.includes('\\tableofcontents')) {
        const toc = readFileSync(join(dir, `${name}.toc`), 'utf8');
        expect(toc.match(/\\contentsline/g)?.length ?? 0, 'entries of the table of contents').toBeGreaterThan(5);
      }
      // Every figure the Markdown sheet links (network, graph, a CNN's pooling pictures) is drawn in TikZ.
      const base = file.replace(/\.tex$/, '');
      const figures = readdirSync('generated/sheets').filter((f) => f.startsWith(`${base}.`) && f.endsWith('.svg')).length;
      if (!file.startsWith('log-xy')) expect(tex.match(/\\begin\{tikzpicture\}/g)?.length, 'the network diagram, the computational graph and any pooling picture').toBe(figures);
      if (!file.startsWith('log-xy')) expect(figures).toBeGreaterThanOrEqual(2);
      if (hasPdffonts) expect(bitmapFonts(join(dir, `${name}.pdf`))).toEqual([]);
      // Nothing runs off the page: an overfull line past a few points is cut in print.
      const overfull = [...readFileSync(join(dir, `${name}.log`), 'latin1').matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)/g)].map((m) => Number(m[1]));
      expect(overfull.filter((pt) => pt > MAX_OVERFULL_PT), 'lines wider than the text (pt)').toEqual([]);
    }, 120_000);
  }
  // No example has a stride-2 convolution, whose input gradient (the dilated form) is the longest formula.
  it.each(['en', 'fr'] as const)('a CNN with stride 2, padding 1, overlapping and padded pooling, L2 (%s): no line past 10 pt', (lang) => {
    const spec = validateConvSpec({ name: 's2', input: { channels: 2, height: 7, width: 7 }, layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 1, activation: 'tanh' }, { type: 'maxpool', size: 3, stride: 2 }, { type: 'conv2d', filters: 2, kernel: 3, stride: 2, padding: 1, activation: 'relu' }, { type: 'avgpool', size: 2, stride: 1, padding: 1 }, { type: 'flatten' }, { units: 3, activation: 'softmax' }], loss: 'cross_entropy', l2: 0.01 });
    const name = `s2-${lang}`;
    const r = compile(name, renderDerivation(deriveConv(spec), { format: 'tex', lang, standalone: true }), 2);
    expect(r.log).toBe('');
    expect(r.status).toBe(0);
    const overfull = [...readFileSync(join(dir, `${name}.log`), 'latin1').matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)/g)].map((m) => Number(m[1]));
    expect(overfull.filter((pt) => pt > MAX_OVERFULL_PT), 'lines wider than the text (pt)').toEqual([]);
  }, 120_000);
  for (const [i, name] of NAMES.entries()) {
    for (const lang of ['en', 'fr'] as const) {
      it(`a spec named ${JSON.stringify(name)} (${lang})`, () => {
        const spec = validateSpec({ name, input: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' });
        const r = compile(`name${i}-${lang}`, renderDerivation(deriveNetwork(spec), { format: 'tex', lang, standalone: true }));
        expect(r.log).toBe('');
        expect(r.status).toBe(0);
      }, 60_000);
    }
  }
});
