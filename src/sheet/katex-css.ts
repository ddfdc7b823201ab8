// KaTeX's stylesheet with its fonts inlined as data: URIs, so an HTML sheet renders
// offline with no request leaving the file. Only the font families the rendered
// formulas use are embedded (woff2 only: every current browser reads it). The golden copies
// under generated/sheets take them out again (withoutInlinedFonts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('katex/dist/katex.min.css'));
const CSS = readFileSync(join(DIST, 'katex.min.css'), 'utf8');

const FONT_FACE = /@font-face\{[^}]*\}/g;

/** Font family -> the CSS classes whose rules select it. */
function familyClasses(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [, selector, body] of CSS.replace(FONT_FACE, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const family = /font(?:-family)?:[^;}]*?(KaTeX_[A-Za-z0-9]+)/.exec(body!)?.[1];
    if (!family) continue;
    const classes = out.get(family) ?? new Set<string>();
    for (const [, cls] of selector!.matchAll(/\.([A-Za-z][\w-]*)/g)) if (cls !== 'katex') classes.add(cls!);
    out.set(family, classes);
  }
  return out;
}
const CLASSES = familyClasses();

function usedClasses(html: string): Set<string> {
  const used = new Set<string>();
  for (const [, list] of html.matchAll(/class="([^"]*)"/g)) for (const c of list!.split(/\s+/)) used.add(c);
  return used;
}

function inlineFontFace(rule: string): string {
  const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(rule)?.[1];
  if (!woff2) return '';
  const data = readFileSync(join(DIST, woff2)).toString('base64');
  return rule.replace(/src:[^}]*/, `src:url(data:font/woff2;base64,${data}) format("woff2")`);
}

/** The KaTeX CSS for a page whose rendered body is `html`. */
export function katexCss(html: string): string {
  const used = usedClasses(html);
  const needed = (rule: string): boolean => {
    const family = /font-family:(KaTeX_[A-Za-z0-9]+)/.exec(rule)?.[1] ?? '';
    // KaTeX_Main is the default text font of every formula.
    return family === 'KaTeX_Main' || [...(CLASSES.get(family) ?? [])].some((c) => used.has(c));
  };
  return CSS.replace(FONT_FACE, (rule) => (needed(rule) ? inlineFontFace(rule) : ''));
}

const INLINED_FONT = /url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g;

let fontNames: Map<string, string> | undefined;
/** The base64 text of each KaTeX woff2 file -> its file name, read once. */
function inlinedFontNames(): Map<string, string> {
  if (fontNames) return fontNames;
  fontNames = new Map();
  for (const [, file] of CSS.matchAll(/url\(fonts\/([^)]+\.woff2)\)/g)) {
    fontNames.set(readFileSync(join(DIST, 'fonts', file!)).toString('base64'), file!);
  }
  return fontNames;
}

/**
 * `html` with each inlined KaTeX font replaced by a short reference naming its file,
 * `url(katex-fonts/KaTeX_Main-Regular.woff2)`: the golden copies of the sheets stay small
 * and readable in a diff. The result does not render its formulas' fonts; what a user gets
 * is the full page.
 */
export function withoutInlinedFonts(html: string): string {
  return html.replace(INLINED_FONT, (_, data: string) => `url(katex-fonts/${inlinedFontNames().get(data) ?? 'unknown.woff2'})`);
}
