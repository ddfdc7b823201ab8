// Blocks -> Markdown ($$ blocks, as GitHub, GitLab and most notebooks render them)
// and -> LaTeX (a fragment, or a standalone document with standard packages only).
import { visible } from '../util/escape.ts';
import { escapeTexText, type Block, type Inline } from './blocks.ts';

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

export function toMarkdown(blocks: readonly Block[]): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return `${'#'.repeat(b.level)} ${inlineMarkdown(b.content)}`;
      case 'paragraph':
        return inlineMarkdown(b.content);
      case 'equation':
        return `$$\n${displayMath(b)}\n$$`;
      case 'figure':
        return `*${inlineMarkdown(b.caption)}*`;
      case 'algorithm':
        return [`**${inlineMarkdown(b.title)}**`, '', ...b.lines.map((l, i) => `${i + 1}. ${inlineMarkdown(l)}`)].join('\n');
    }
  });
  return `${parts.join('\n\n')}\n`;
}

export function toTex(blocks: readonly Block[]): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'heading': {
        const command = ['section', 'subsection', 'subsubsection'][b.level - 1]!;
        return `${b.pageBreak ? '\\clearpage\n' : ''}\\${command}*{${inlineTex(b.content)}}`;
      }
      case 'figure':
        return `\\begin{center}\\emph{${inlineTex(b.caption)}}\\end{center}`;
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

/** A complete document around a fragment: amsmath, amssymb, geometry only. */
export function texDocument(body: string, lang: string): string {
  const babel = lang === 'fr' ? '\\usepackage[T1]{fontenc}\n' : '';
  return `\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n${babel}\\usepackage{amsmath,amssymb}\n\\usepackage[margin=2cm]{geometry}\n\\begin{document}\n\n${body}\n\\end{document}\n`;
}
