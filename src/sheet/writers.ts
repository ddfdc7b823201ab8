// Blocks -> Markdown ($$ blocks, as GitHub, GitLab and most notebooks render them)
// and -> LaTeX (a fragment, or a standalone document with standard packages only).
import { visible } from '../util/escape.ts';
import { escapeTexText, type Block, type Cell, type Inline } from './blocks.ts';
import { drawingTikz } from './svg/drawing-tikz.ts';

/** How the Markdown writer shows a figure: a link to a file beside the .md, or the SVG inline. */
export type MarkdownFigure = (b: Extract<Block, { kind: 'figure' }>, index: number) => string;

/** Inline SVG, for renderers that show it (VS Code, Jupyter, pandoc); GitHub does not. */
export const inlineFigure: MarkdownFigure = (b) => b.svg;

/** Markdown-escape user text so that a name cannot become markup or math, nor start a line (# heading). */
function escapeMarkdown(s: string): string {
  return visible(s).replace(/[\\`*_[\]|$<>~#]/g, (c) => `\\${c}`);
}

function inlineMarkdown(content: readonly Inline[]): string {
  return content
    .map((s) => (s.kind === 'math' ? `$${s.latex}$` : s.kind === 'user' ? escapeMarkdown(s.text) : s.text))
    .join('');
}

function inlineTex(content: readonly Inline[]): string {
  return content.map((s) => (s.kind === 'math' ? `$${s.latex}$` : escapeTexText(s.text))).join('');
}

/** The display LaTeX of an equation, with its number. */
export function displayMath(b: Extract<Block, { kind: 'equation' }>): string {
  return b.tag === undefined ? b.latex : `${b.latex} \\tag{${b.tag}}`;
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, and -1,
 * -2 after repeats. Our headings are plain words, so this matches what GitHub and GitLab make.
 */
function slugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
}

function markdownRow(cells: readonly Cell[]): string {
  return `| ${cells.map((c) => inlineMarkdown(c).replace(/\|/g, '\\|')).join(' | ')} |`;
}

export function toMarkdown(blocks: readonly Block[], figure: MarkdownFigure = inlineFigure): string {
  const slug = slugger();
  const anchors = new Map<string, string>();
  for (const b of blocks) if (b.kind === 'heading') {
    const anchor = slug(inlineMarkdown(b.content));
    if (b.id) anchors.set(b.id, anchor);
  }
  let figures = 0;
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return `${'#'.repeat(b.level)} ${inlineMarkdown(b.content)}`;
      case 'toc':
        return [`**${inlineMarkdown(b.title)}**`, '', ...b.entries.map((e, i) => `${i + 1}. [${inlineMarkdown(e.content)}](#${anchors.get(e.id) ?? e.id})`)].join('\n');
      case 'table':
        return [markdownRow(b.header), `|${b.header.map(() => ' --- |').join('')}`, ...b.rows.map(markdownRow)].join('\n');
      case 'paragraph':
        return inlineMarkdown(b.content);
      case 'equation':
        return `$$\n${displayMath(b)}\n$$`;
      case 'figure':
        return `${figure(b, figures++)}\n\n*${inlineMarkdown(b.caption)}*`;
      case 'algorithm':
        return [`**${inlineMarkdown(b.title)}**`, '', ...b.lines.map((l, i) => `${i + 1}. ${inlineMarkdown(l)}`)].join('\n');
    }
  });
  return `${parts.join('\n\n')}\n`;
}

function texRow(cells: readonly Cell[]): string {
  return `${cells.map(inlineTex).join(' & ')} \\\\`;
}

export function toTex(blocks: readonly Block[]): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'heading': {
        const command = ['section', 'subsection', 'subsubsection'][b.level - 1]!;
        const title = inlineTex(b.content);
        // Unnumbered like the HTML sheet, but listed in the contents.
        const listed = b.id ? `\n\\addcontentsline{toc}{${command}}{${title}}` : '';
        return `${b.pageBreak ? '\\clearpage\n' : ''}\\${command}*{${title}}${listed}`;
      }
      case 'toc':
        return `\\renewcommand{\\contentsname}{${inlineTex(b.title)}}\n\\tableofcontents`;
      case 'table':
        return [
          '\\begin{center}',
          `\\begin{tabular}{${b.header.map(() => 'c').join('')}}`,
          '\\hline',
          texRow(b.header),
          '\\hline',
          ...b.rows.map(texRow),
          '\\hline',
          '\\end{tabular}',
          '\\end{center}',
        ].join('\n');
      case 'figure':
        // TikZ from the same drawing as the SVG.
        return `\\begin{center}\n${drawingTikz(b.drawing)}\n\\par\\smallskip\n\\emph{${inlineTex(b.caption)}}\n\\end{center}`;
      case 'algorithm':
        return [
          '\\begin{center}\\fbox{\\begin{minipage}{0.9\\linewidth}',
          `\\textbf{${inlineTex(b.title)}}`,
          '\\begin{enumerate}',
          ...b.lines.map((l) => `\\item ${inlineTex(l)}`),
          '\\end{enumerate}',
          '\\end{minipage}}\\end{center}',
        ].join('\n');
      case 'paragraph':
        return inlineTex(b.content);
      case 'equation':
        return b.tag === undefined ? `\\[\n${b.latex}\n\\]` : `\\begin{equation}\n${b.latex} \\tag{${b.tag}}\n\\end{equation}`;
    }
  });
  return `${parts.join('\n\n')}\n`;
}

/** The packages a fragment needs (standard ones only): TikZ and graphicx for the figures. */
export const TEX_PACKAGES = ['\\usepackage{amsmath,amssymb}', '\\usepackage{graphicx}', '\\usepackage{tikz}', '\\usetikzlibrary{arrows.meta}'];

/**
 * A complete document around a fragment. French sets T1 for its accents, with Latin Modern so
 * that the PDF's fonts are outlines, not bitmaps, and babel for its hyphenation.
 */
export function texDocument(body: string, lang: string): string {
  // babel-french hyphenates French; its active ; : ! ? would break TikZ's options (black!73)
  // without the babel library, and its automatic spaces would double the catalog's no-break ones.
  // T1 and Latin Modern in both languages: outline fonts, and « » < > set as themselves.
  const fonts = ['\\usepackage[T1]{fontenc}', '\\usepackage{lmodern}'];
  const french = lang === 'fr' ? ['\\usepackage[french]{babel}', '\\frenchsetup{AutoSpacePunctuation=false}'] : [];
  const tikzBabel = lang === 'fr' ? ['\\usetikzlibrary{babel}'] : [];
  // A4 in French (France's paper), Letter otherwise: LaTeX's default.
  const paper = lang === 'fr' ? 'a4paper,' : '';
  const preamble = ['\\documentclass[11pt]{article}', '\\usepackage[utf8]{inputenc}', ...fonts, ...french, ...TEX_PACKAGES, ...tikzBabel, `\\usepackage[${paper}margin=2cm]{geometry}`];
  return `${preamble.join('\n')}\n\\begin{document}\n\n${body}\n\\end{document}\n`;
}
