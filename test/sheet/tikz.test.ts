// The figures as TikZ (issue 13, point 4): the same Drawing as the SVG, one \draw or \node per
// shape at the SVG's coordinates, figure text as LaTeX pdflatex can set, and every example's
// two figures compiling in both sheet preambles. No pdflatex with TikZ and lmodern: the compile
// tests are skipped locally with the reason, and fail on CI, which installs them (.ci/run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, validateSpec } from '../../src/network/validate.ts';
import type { NetworkSpec } from '../../src/network/spec.ts';
import { CATALOGS, LANGS, type Lang } from '../../src/sheet/i18n/index.ts';
import { arrow, arrowPath, circle, line, polyline, rect, text, type Drawing } from '../../src/sheet/svg/drawing.ts';
import { drawingTikz } from '../../src/sheet/svg/drawing-tikz.ts';
import { graphDrawing } from '../../src/sheet/svg/graph.ts';
import { networkDrawing } from '../../src/sheet/svg/network.ts';
import { num } from '../../src/sheet/svg/text.ts';
import { figureTextTex } from '../../src/sheet/svg/tex-text.ts';
import { exampleSpecFiles } from '../../src/examples.ts';

const EXAMPLES = exampleSpecFiles().dense.map((f) => f.replace(/\.json$/, ''));
const spec = (name: string): NetworkSpec => loadSpec(`examples/${name}.json`);
const drawings = (s: NetworkSpec, lang: Lang = 'en'): Drawing[] => [networkDrawing(s, CATALOGS[lang].figure), graphDrawing(s, CATALOGS[lang].figure)];

/** The lines that set something: not the title comment, nor the wrapper around the picture. */
const commands = (tikz: string): string[] => tikz.split('\n').filter((l) => /^\\(draw|node)\[/.test(l));

describe('figure text as LaTeX', () => {
  it.each([
    ['w²₁₃', '$w^{2}_{13}$'],
    ['ŷ₁₀', '$\\hat{y}_{10}$'],
    ['w²₁,₁₂', '$w^{2}_{1,12}$'],
    ['z₁ = W₁x + b₁', '$z_{1} = W_{1}x + b_{1}$'],
    ['ŷ = σ(z₃)', '$\\hat{y} = \\sigma (z_{3})$'],
    ['J = ½‖ŷ − y‖²', '$J = \\frac{1}{2}\\|\\hat{y} - y\\|^{2}$'],
    ['δ₁ = ∂J/∂z₃', '$\\delta _{1} = \\partial J/\\partial z_{3}$'],
    ['+ (λ/2) Σₖ ‖Wₖ‖², λ = 0.01', '$+ (\\lambda /2)\\ \\Sigma _{k}\\ \\|W_{k}\\|^{2}, \\lambda  = 0.01$'],
    ['W₂ (4 × 4)', '$W_{2}\\ (4 \\times  4)$'],
    ['J = BCE(ŷ, y)', '$J = \\text{BCE}(\\hat{y}, y)$'],
    ['leaky ReLU, α = 0.1', '$\\text{leaky}\\ \\text{ReLU}, \\alpha  = 0.1$'],
    ['⋮', '$\\vdots$'],
    ['x', '$x$'],
  ])('%s -> %s', (unicode, latex) => {
    expect(figureTextTex(unicode)).toBe(latex);
  });

  it('leaves words as text, accents included, so a bold header stays bold', () => {
    for (const s of ['layer 2', '784 unités', '(sortie)', 'passe arrière', 'à la']) expect(figureTextTex(s)).toBe(s);
  });

  it('escapes what is not a symbol', () => {
    expect(figureTextTex('100% & #1')).toBe('100\\% \\& \\#1');
    expect(figureTextTex('a_b {x}')).toBe('$a\\text{\\_}b\\ \\text{\\{}x\\text{\\}}$');
    expect(figureTextTex('emoji 😀')).toBe('emoji \\texttt{U+1F600}');
  });
});

describe('drawingTikz', () => {
  it('every shape kind, exactly: the SVG\'s numbers, y down, lengths in pt (1 px = 0.75 pt)', () => {
    const d: Drawing = {
      width: 200,
      height: 100,
      title: 'all kinds',
      shapes: [
        line(0, 0, 10, 20, { width: 0.9, light: true }),
        polyline([[0, 0], [5, 5], [10, 0]], { dashed: true }),
        arrow(10, 10, 50, 10),
        arrowPath([[0, 90], [100, 90], [100, 40]], { dashed: true }),
        circle(30, 30, 20, { width: 1.6 }),
        rect(60, 20, 80, 36, { fill: 'tint' }),
        text(100, 38, 'z₁ = W₁x + b₁'),
        text(0, 80, 'input', { size: 13, anchor: 'start', italic: true }),
        text(200, 80, 'layer 1', { anchor: 'end', bold: true, size: 12, halo: true }),
      ],
    };
    expect(drawingTikz(d).split('\n')).toEqual([
      '% all kinds',
      '\\begingroup\\setbox0=\\hbox{%',
      '\\begin{tikzpicture}[x=0.75pt, y=-0.75pt, font=\\fontsize{10}{12}\\selectfont]',
      '\\useasboundingbox (0,0) rectangle (200,100);',
      '\\draw[line width=0.675pt, black!73] (0,0) -- (10,20);',
      '\\draw[line width=1.05pt, dash pattern=on 4.5pt off 3pt] (0,0) -- (5,5) -- (10,0);',
      '\\draw[line width=1.05pt, -{Triangle[length=6pt,width=5.4pt]}] (10,10) -- (50,10);',
      '\\draw[line width=1.05pt, dash pattern=on 4.5pt off 3pt, -{Triangle[length=6pt,width=5.4pt]}] (0,90) -- (100,90) -- (100,40);',
      '\\draw[line width=1.2pt, fill=white] (30,30) circle[radius=15pt];',
      '\\draw[line width=1.05pt, fill=black!7, rounded corners=3.75pt] (60,20) rectangle (140,56);',
      '\\node[anchor=base, scale=1.05, inner sep=0pt] at (100,42.9) {$z_{1} = W_{1}x + b_{1}$};',
      '\\node[anchor=base west, scale=0.975, inner sep=0pt] at (0,84.6) {\\itshape input};',
      '\\node[anchor=base east, scale=0.9, fill=white, inner sep=1.125pt] at (200,84.2) {\\bfseries layer 1};',
      '\\end{tikzpicture}}%',
      '\\ifdim\\wd0>\\linewidth\\setbox0=\\hbox{\\resizebox{\\linewidth}{!}{\\box0}}\\fi',
      '\\ifdim\\ht0>0.8\\textheight\\setbox0=\\hbox{\\resizebox{!}{0.8\\textheight}{\\box0}}\\fi',
      '\\leavevmode\\box0\\endgroup',
    ]);
  });
});

describe.each(EXAMPLES)('TikZ figures of examples/%s.json', (name) => {
  const ds = drawings(spec(name));

  it('are deterministic', () => {
    expect(drawings(spec(name)).map(drawingTikz)).toEqual(ds.map(drawingTikz));
  });

  it('have one \\draw or \\node per shape, in the drawing\'s order', () => {
    for (const d of ds) {
      const lines = commands(drawingTikz(d));
      expect(lines).toHaveLength(d.shapes.length);
      d.shapes.forEach((sh, i) => expect(lines[i]!.startsWith(sh.kind === 'text' ? '\\node[' : '\\draw['), `${i}: ${lines[i]}`).toBe(true));
    }
  });

  it('use the SVG\'s coordinates, its dashes and arrowheads', () => {
    for (const d of ds) {
      const lines = commands(drawingTikz(d));
      d.shapes.forEach((sh, i) => {
        const line = lines[i]!;
        if (sh.kind === 'circle') expect(line).toContain(`(${num(sh.centre[0])},${num(sh.centre[1])}) circle[radius=${sh.r * 0.75}pt]`);
        if (sh.kind === 'line') expect(line).toContain(`(${num(sh.from[0])},${num(sh.from[1])}) -- (${num(sh.to[0])},${num(sh.to[1])})`);
        if (sh.kind === 'arrow') expect(line).toContain('-{Triangle[');
        if (sh.kind === 'text') expect(line).toContain(` at (${num(sh.at[0])},${num(sh.at[1] + 0.35 * sh.style.size)})`);
        if (sh.kind !== 'text') expect(line.includes('dash pattern'), line).toBe(sh.stroke.dashed);
      });
      expect(drawingTikz(d)).toContain(`\\useasboundingbox (0,0) rectangle (${num(d.width)},${num(d.height)});`);
    }
  });

  it('set only ASCII and Latin letters (pdflatex with inputenc), the title only in a comment', () => {
    for (const lang of LANGS) {
      for (const d of drawings(spec(name), lang)) {
        const [title, ...rest] = drawingTikz(d).split('\n');
        expect(title).toBe(`% ${d.title}`);
        expect(rest.join('\n')).toMatch(/^[\x20-\x7e\nÀ-ÿ]*$/);
      }
    }
  });
});

describe('user text in the TikZ figures', () => {
  const evil = validateSpec({ ...JSON.parse(readFileSync('examples/xor.json', 'utf8')), name: 'x\ny \\input{/etc/passwd}\u2028%$' });

  it('the spec name stays inside the one-line comment', () => {
    for (const d of drawings(evil)) {
      const tikz = drawingTikz(d);
      const [title, ...rest] = tikz.split('\n');
      expect(title!.startsWith('% x\\ny \\input{/etc/passwd}\\u2028%$: ')).toBe(true);
      expect(rest.join('\n')).not.toContain('passwd');
    }
  });
});

// ---- pdflatex ----

// TikZ and lmodern are packages of their own (texlive-pictures, lmodern) beside pdflatex.
const hasPdflatex = spawnSync('sh', ['-c', 'command -v pdflatex && kpsewhich tikz.sty lmodern.sty']).status === 0;
const inCI = Boolean(process.env['CI']);
const dir = mkdtempSync(join(tmpdir(), 'symprop-tikz-'));

/** The sheets' preambles (writers.ts), with what drawingTikz needs. */
const PREAMBLE: { readonly [L in Lang]: string } = {
  en: '\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amsmath,amssymb}\n\\usepackage[margin=2cm]{geometry}\n',
  fr: '\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n\\usepackage{amsmath,amssymb}\n\\usepackage[margin=2cm]{geometry}\n',
};
const FOR_TIKZ = '\\usepackage{graphicx}\n\\usepackage{tikz}\n\\usetikzlibrary{arrows.meta}\n';

function document(lang: Lang, figures: readonly string[]): string {
  const body = figures.map((f) => `\\begin{center}\n${f}\n\\end{center}`).join('\n\n');
  return `${PREAMBLE[lang]}${FOR_TIKZ}\\begin{document}\n${body}\n\\end{document}\n`;
}

function compile(name: string, tex: string): { status: number | null; log: string } {
  writeFileSync(join(dir, `${name}.tex`), tex);
  const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, log: r.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n') };
}

describe.skipIf(!hasPdflatex && !inCI)(`TikZ figures compile with pdflatex${hasPdflatex ? '' : ' [skipped: pdflatex, tikz.sty or lmodern.sty not found; apt-get install texlive-latex-base texlive-latex-recommended texlive-fonts-recommended texlive-pictures lmodern]'}`, () => {
  it('pdflatex, TikZ and lmodern are installed (CI must install them)', () => {
    expect(hasPdflatex).toBe(true);
  });

  it.each(LANGS)('every example\'s two figures, %s preamble', (lang) => {
    const figures = EXAMPLES.flatMap((name) => drawings(spec(name), lang).map(drawingTikz));
    const r = compile(`figures-${lang}`, document(lang, figures));
    expect(r.log).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('labels and names holding LaTeX specials', () => {
    const labels = { ...CATALOGS.en.figure, input: '<in> & 100% $x$ #1 ~ ^ \\input{/etc/passwd}', loss: 'a_b {c}', layer: (k: number) => `layer ${k} 😀` };
    const evil = validateSpec({ ...JSON.parse(readFileSync('examples/circles.json', 'utf8')), name: 'blank\n\nline \\end{document} %' });
    const r = compile('specials', document('en', [drawingTikz(networkDrawing(evil, labels)), drawingTikz(graphDrawing(evil, labels))]));
    expect(r.log).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
