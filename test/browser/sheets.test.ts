// The HTML derivation sheets in a real browser (Debian's chromium, driven by playwright-core,
// which never downloads a browser of its own). Each sheet must render every formula (no
// .katex-error), fetch nothing but itself and data: URIs, load the KaTeX fonts it inlines and
// fit a phone's width. Screenshots go to out/screenshots/ for a human to look at.
//
// No chromium: the tests are skipped locally (with the reason in their names) and fail on CI,
// which must install it (.ci/run does: apt-get install -y chromium).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetFiles } from '../../src/examples.ts';
import { deriveNetwork, renderDerivation, validateSpec } from '../../src/index.ts';

function findChromium(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path === '' ? undefined : path;
}

const executablePath = findChromium();
const inCI = Boolean(process.env['CI']);
const NO_BROWSER = 'chromium not found: CI must install it (apt-get install -y chromium)';
const SKIP_REASON = 'chromium not found (apt-get install -y chromium): browser tests of the HTML sheets skipped';
const SKIPPED = executablePath ? '' : ` [skipped: ${SKIP_REASON}]`;
if (!executablePath && !inCI) console.warn(`symprop: ${SKIP_REASON}`);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = join(ROOT, 'out', 'screenshots');
const DESKTOP = { width: 1000, height: 800 };
const PHONE = { width: 390, height: 844 };

// The full pages, as users get them (the golden copies under generated/sheets leave the fonts out).
const sheets = sheetFiles(readdirSync(join(ROOT, 'examples')), { selfContained: true }).filter((f) => f.path.endsWith('.html'));

describe('chromium', () => {
  // Passes when the browser is there, fails on CI when it is not, skipped (with the reason) otherwise.
  it('is installed', (ctx) => {
    if (executablePath) return;
    if (inCI) expect.fail(NO_BROWSER);
    ctx.skip(SKIP_REASON);
  });
});

// Page-side checks, as strings: tsconfig's lib has no DOM, and these run in the page anyway.
const FONTS_REPORT = `document.fonts.ready.then(() => {
  const faces = [...document.fonts];
  const family = (f) => f.family.replace(/["']/g, '');
  return {
    check: document.fonts.check('16px KaTeX_Main'),
    mainLoaded: faces.some((f) => family(f) === 'KaTeX_Main' && f.status === 'loaded'),
    errors: faces.filter((f) => f.status === 'error').map((f) => family(f) + ' ' + f.style + ' ' + f.weight),
  };
})`;

/** The page's width against the viewport's, and the elements that stick out of it (not clipped by a scrolling ancestor). */
const OVERFLOW_REPORT = `(() => {
  const limit = window.innerWidth + 1;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const culprits = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > limit && !clipped(el))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ' (right ' + Math.round(el.getBoundingClientRect().right) + 'px): ' + (el.textContent || '').trim().slice(0, 60));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
})()`;

/** The display formulas wider than their box (scrollWidth past clientWidth), with their width and LaTeX. */
const WIDE_FORMULAS = `[...document.querySelectorAll('.katex-display')]
  .filter((e) => e.scrollWidth > e.clientWidth + 1)
  .map((e) => e.scrollWidth + 'px in ' + e.clientWidth + 'px: ' + (e.querySelector('annotation')?.textContent || '').slice(0, 80))`;

interface FontsReport {
  readonly check: boolean;
  readonly mainLoaded: boolean;
  readonly errors: readonly string[];
}
interface OverflowReport {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  readonly culprits: readonly string[];
}

/** A page that records every request, failed request, script error and dialog. */
async function openPage(browser: Browser, url: string): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: DESKTOP });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url().slice(0, 120)} (${r.failure()?.errorText ?? '?'})`));
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, problems };
}

describe.skipIf(!executablePath)(`HTML sheets in chromium${SKIPPED}`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: executablePath!,
      headless: true,
      chromiumSandbox: false,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    dir = mkdtempSync(join(tmpdir(), 'symprop-sheets-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('there are HTML sheets to test', () => {
    expect(sheets.length).toBeGreaterThan(0);
  });

  for (const { path, content } of sheets) {
    const name = basename(path, '.html');
    it(`${path}: formulas, self-contained, fonts, fits a phone`, async () => {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, content);
      const url = pathToFileURL(file).href;
      const { page, requests, problems } = await openPage(browser, url);
      try {
        // (1) every formula rendered; (3) there is math and a heading
        expect(await page.locator('.katex-error').count(), 'KaTeX errors (.katex-error)').toBe(0);
        expect(await page.locator('.katex').count(), 'rendered formulas (.katex)').toBeGreaterThan(0);
        expect(await page.locator('h1').count(), '<h1>').toBeGreaterThan(0);

        // (4) the inlined KaTeX fonts loaded
        const fonts = (await page.evaluate(FONTS_REPORT)) as FontsReport;
        expect(fonts.errors, 'font faces that failed to load').toEqual([]);
        expect(fonts.mainLoaded, 'a KaTeX_Main face has status "loaded"').toBe(true);
        expect(fonts.check, "document.fonts.check('16px KaTeX_Main')").toBe(true);

        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

        // (6) on a desktop, no formula is wider than the column: it would scroll, or print cut off
        const wide = (await page.evaluate(WIDE_FORMULAS)) as string[];
        expect(wide, 'display formulas wider than the column at 1000 px').toEqual([]);

        // (5) no horizontal scrolling of the page on a phone (equations scroll in their .eq box)
        await page.setViewportSize(PHONE);
        const overflow = (await page.evaluate(OVERFLOW_REPORT)) as OverflowReport;
        expect(
          overflow.scrollWidth,
          `page is ${overflow.scrollWidth}px wide at ${overflow.innerWidth}px; sticking out: ${overflow.culprits.join(' | ') || '?'}`,
        ).toBeLessThanOrEqual(overflow.innerWidth + 1);
        if (name.endsWith('.en')) await page.screenshot({ path: join(SCREENSHOTS, `${name}.phone.png`), fullPage: true });

        // (2) nothing fetched but the sheet itself and data: URIs; nothing failed
        const foreign = requests.filter((u) => !u.startsWith('data:') && u.split('#')[0] !== url);
        expect(foreign, 'requests other than the sheet itself and data: URIs').toEqual([]);
        expect(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('file:')), 'non-file:, non-data: requests').toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    }, 20_000);
  }

  it('a spec name with markup is shown as text, not parsed as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const spec = validateSpec({ name: evil, input: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' });
    const html = renderDerivation(deriveNetwork(spec), { format: 'html' });
    const file = join(dir, 'evil.html');
    writeFileSync(file, html);
    const { page, problems } = await openPage(browser, pathToFileURL(file).href);
    try {
      expect(await page.locator('img').count(), 'img elements').toBe(0);
      expect(await page.title()).toContain(evil);
      expect(await page.locator('h1').first().textContent()).toContain(evil);
      expect(problems, 'no alert, no script error, no failed request').toEqual([]);
    } finally {
      await page.close();
    }
  }, 20_000);
});
