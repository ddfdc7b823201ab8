// The HTML derivation sheet on paper: Chromium (Debian's, driven by playwright-core) prints the
// default sheet of examples/circles.json to PDF on A4 and on Letter, in English and in French.
// On either paper nothing may stick out past the right margin, and on A4 the sheet takes at
// most 6 pages (issue 13). The PDFs go to out/print/, with page 1 of each as a PNG (pdftoppm,
// from poppler-utils), for a human to look at: equations with their numbers, figures with
// their captions, nothing cut at the right.
//
// No chromium or no pdftoppm: skipped locally (with the reason in the test's name) and a
// failure on CI, which must install them (.ci/run does).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveNetwork, loadSpec, renderDerivation } from '../../src/index.ts';

function which(command: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path === '' ? undefined : path;
}

const executablePath = which('chromium');
const pdftoppm = which('pdftoppm');
const inCI = Boolean(process.env['CI']);
const SKIP_REASON = 'chromium not found (apt-get install -y chromium): the print test of the HTML sheet skipped';
const NO_PDFTOPPM = 'pdftoppm not found (apt-get install -y poppler-utils): no PNG of the printed pages';
const SKIPPED = executablePath ? '' : ` [skipped: ${SKIP_REASON}]`;
if (!executablePath && !inCI) console.warn(`symprop: ${SKIP_REASON}`);
if (executablePath && !pdftoppm && !inCI) console.warn(`symprop: ${NO_PDFTOPPM}`);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'out', 'print');
const SPEC = 'examples/circles.json';
const MAX_A4_PAGES = 6;
const LANGS = ['en', 'fr'] as const;
/** Paper widths in millimetres, as page.pdf's `format` knows them. */
const PAPERS = { A4: 210, Letter: 215.9 } as const;
const PX_PER_MM = 96 / 25.4;

describe('print tools', () => {
  it('pdftoppm is installed', (ctx) => {
    if (pdftoppm) return;
    if (inCI) expect.fail(`${NO_PDFTOPPM}: CI must install it`);
    ctx.skip(NO_PDFTOPPM);
  });
});

/**
 * The number of pages of a PDF: its page objects (`/Type /Page`, not `/Pages`), checked against
 * the page tree's own count. Chromium writes page dictionaries uncompressed.
 */
function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  const root = Math.max(0, ...counts);
  if (root !== pages) throw new Error(`the PDF has ${pages} page objects but its page tree counts ${root}`);
  return pages;
}

/** The @page rule's left and right margins, in CSS px, as the page's own stylesheet sets them. */
const PAGE_MARGINS = `(() => {
  for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) {
    if (rule.constructor.name === 'CSSPageRule') {
      const px = (v) => { const d = document.createElement('div'); d.style.width = v; document.body.append(d); const w = d.getBoundingClientRect().width; d.remove(); return w; };
      return [px(rule.style.marginLeft), px(rule.style.marginRight)];
    }
  }
  return [0, 0];
})()`;

/** The visible elements of <main> that end past its right edge (KaTeX's hidden MathML aside). */
const STICKING_OUT = `(() => {
  const right = document.querySelector('main').getBoundingClientRect().right + 1;
  return [...document.querySelectorAll('main *')]
    .filter((el) => !el.closest('.katex-mathml') && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > right)
    .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > right))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.') +
      ' (' + Math.round(el.getBoundingClientRect().right - right) + 'px out): ' + (el.textContent || '').trim().slice(0, 60));
})()`;

describe.skipIf(!executablePath)(`${SPEC}'s sheet printed by chromium${SKIPPED}`, () => {
  let browser: Browser;
  let dir: string;
  const derivation = deriveNetwork(loadSpec(SPEC), SPEC);

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: executablePath!,
      headless: true,
      chromiumSandbox: false,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    dir = mkdtempSync(join(tmpdir(), 'symprop-print-'));
    mkdirSync(OUT, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of LANGS) {
    for (const format of Object.keys(PAPERS) as (keyof typeof PAPERS)[]) {
      const name = `circles.${lang}.${format}`;
      it(`${name}: nothing past the right margin${format === 'A4' ? `, at most ${MAX_A4_PAGES} pages` : ''}`, async () => {
        const file = join(dir, `circles.${lang}.html`);
        writeFileSync(file, renderDerivation(derivation, { format: 'html', lang, standalone: true }));
        const page = await browser.newPage();
        try {
          await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
          await page.evaluate('document.fonts.ready.then(() => true)');

          // Laid out as on this paper: print media, the width between the @page margins.
          await page.emulateMedia({ media: 'print' });
          const [left, right] = (await page.evaluate(PAGE_MARGINS)) as [number, number];
          expect(left + right, '@page margins').toBeGreaterThan(0);
          await page.setViewportSize({ width: Math.floor(PAPERS[format] * PX_PER_MM - left - right), height: 1000 });
          expect((await page.evaluate(STICKING_OUT)) as string[], 'elements past the right margin').toEqual([]);

          const pdf = await page.pdf({ format });
          const pdfPath = join(OUT, `${name}.pdf`);
          writeFileSync(pdfPath, pdf);
          if (pdftoppm) {
            const r = spawnSync(pdftoppm, ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(OUT, `${name}.page1`)], { encoding: 'utf8' });
            expect(r.status, `pdftoppm: ${r.stderr}`).toBe(0);
          }
          const pages = pdfPageCount(pdf);
          console.log(`symprop: ${name}.pdf has ${pages} pages`);
          if (format === 'A4') expect(pages, `${name}.pdf pages (out/print/${name}.pdf)`).toBeLessThanOrEqual(MAX_A4_PAGES);
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  }
});
