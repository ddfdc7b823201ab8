import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sheetFiles } from '../../src/examples.ts';
import { deriveExpression, renderDerivation } from '../../src/index.ts';
import { withoutInlinedFonts } from '../../src/sheet/katex-css.ts';

// The golden HTML sheets leave KaTeX's fonts out (each is a reference naming its file);
// the sheets users get keep them inlined, so that they render offline.
const FONTS = join(dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css')), 'fonts');
const base64 = (file: string): string => readFileSync(join(FONTS, file)).toString('base64');
const GOLDEN = readdirSync('generated/sheets').filter((f) => f.endsWith('.html'));

describe('withoutInlinedFonts', () => {
  it('replaces an inlined KaTeX font by a reference naming its file', () => {
    const css = `src:url(data:font/woff2;base64,${base64('KaTeX_Main-Regular.woff2')}) format("woff2")`;
    expect(withoutInlinedFonts(css)).toBe('src:url(katex-fonts/KaTeX_Main-Regular.woff2) format("woff2")');
  });
  it('names a font that is not KaTeX\'s "unknown"', () => {
    expect(withoutInlinedFonts('url(data:font/woff2;base64,AAAA)')).toBe('url(katex-fonts/unknown.woff2)');
  });
  it('leaves a page without inlined fonts as it is', () => {
    expect(withoutInlinedFonts('<p>url(x.woff2) data:image/png;base64,AAAA</p>')).toBe('<p>url(x.woff2) data:image/png;base64,AAAA</p>');
  });
});

describe('golden HTML sheets carry no fonts; the sheets users get do', () => {
  it('there are golden HTML sheets', () => {
    expect(GOLDEN.length).toBeGreaterThan(0);
  });
  for (const f of GOLDEN) {
    it(`generated/sheets/${f}: no data:font URI, the KaTeX_Main reference`, () => {
      const html = readFileSync(`generated/sheets/${f}`, 'utf8');
      expect(html).not.toContain('data:font');
      expect(html).toContain('url(katex-fonts/KaTeX_Main-Regular.woff2)');
    });
  }

  it('the full render of log(xy) inlines its fonts, and is its golden copy once they are taken out', () => {
    const full = renderDerivation(deriveExpression('log(x*y)', 'x'), { format: 'html', lang: 'en', standalone: true });
    const golden = readFileSync('generated/sheets/log-xy.en.html', 'utf8');
    const main = base64('KaTeX_Main-Regular.woff2');
    expect(full).toContain(`url(data:font/woff2;base64,${main})`);
    expect(full).not.toContain('katex-fonts/');
    expect(withoutInlinedFonts(full)).toBe(golden);
    // The fonts are most of a small sheet: KaTeX_Main-Regular alone is 35 KB of base64.
    expect(full.length - golden.length).toBeGreaterThan(main.length);
  });

  it('sheetFiles gives the full pages with selfContained, the golden copies without', () => {
    const pick = (files: ReturnType<typeof sheetFiles>) => files.find((s) => s.path === 'generated/sheets/log-xy.fr.html')!.content;
    const full = pick(sheetFiles([], { selfContained: true }));
    expect(full).toContain('data:font/woff2;base64,');
    expect(pick(sheetFiles([]))).toBe(withoutInlinedFonts(full));
  });
});
