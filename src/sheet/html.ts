// Blocks -> one self-contained HTML page: formulas rendered by KaTeX at build time
// (throwOnError, strict, trust: false), KaTeX's CSS and fonts inlined, no script and
// no request leaving the file. All text from the spec is escaped.
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { render } from '../templates.ts';
import { InternalError } from '../util/errors.ts';
import { packageFile } from '../util/root.ts';
import type { Block, Cell, Inline } from './blocks.ts';
import { displayMath } from './writers.ts';
import { katexCss } from './katex-css.ts';

const SHEET_CSS = readFileSync(packageFile('templates', 'sheet', 'sheet.css'), 'utf8');

const KATEX_OPTIONS = { throwOnError: true, strict: 'error', trust: false, output: 'htmlAndMathml' } as const;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Past this many characters a formula is cut in an error message. */
const SHOWN = 120;

function math(latex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(latex, { ...KATEX_OPTIONS, displayMode });
  } catch (e) {
    // Every formula is ours: KaTeX refusing one is a bug in a printer, not bad input.
    const shown = latex.length > SHOWN ? `${latex.slice(0, SHOWN)}…` : latex;
    throw new InternalError(`KaTeX cannot render the formula "${shown}": ${(e as Error).message}`);
  }
}

function inlineHtml(content: readonly Inline[]): string {
  return content.map((s) => (s.kind === 'math' ? math(s.latex, false) : escapeHtml(s.text))).join('');
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const cls = b.pageBreak ? ' class="page-break"' : '';
      const id = b.id ? ` id="${escapeHtml(b.id)}"` : '';
      return `<h${b.level}${id}${cls}>${inlineHtml(b.content)}</h${b.level}>`;
    }
    case 'toc':
      return `<nav class="toc"><strong>${inlineHtml(b.title)}</strong><ol>${b.entries.map((e) => `<li><a href="#${escapeHtml(e.id)}">${inlineHtml(e.content)}</a></li>`).join('')}</ol></nav>`;
    case 'table': {
      const row = (cells: readonly Cell[], tag: 'th' | 'td'): string => `<tr>${cells.map((c) => `<${tag}>${inlineHtml(c)}</${tag}>`).join('')}</tr>`;
      return `<div class="table"><table><thead>${row(b.header, 'th')}</thead><tbody>${b.rows.map((r) => row(r, 'td')).join('')}</tbody></table></div>`;
    }
    case 'paragraph':
      return `<p>${inlineHtml(b.content)}</p>`;
    case 'equation':
      return `<div class="eq">${math(displayMath(b), true)}</div>`;
    case 'figure':
      return `<figure>${b.svg}<figcaption>${inlineHtml(b.caption)}</figcaption></figure>`;
    case 'algorithm':
      return `<div class="algorithm"><strong>${inlineHtml(b.title)}</strong><ol>${b.lines.map((l) => `<li>${inlineHtml(l)}</li>`).join('')}</ol></div>`;
  }
}

/** The whole page; `title` is plain text (escaped here). */
export function toHtml(blocks: readonly Block[], title: string, lang: string): string {
  const body = blocks.map(blockHtml).join('\n');
  return render('sheet/page.html.hbs', {
    lang: escapeHtml(lang),
    title: escapeHtml(title),
    katexCss: katexCss(body),
    sheetCss: SHEET_CSS,
    body,
  });
}
