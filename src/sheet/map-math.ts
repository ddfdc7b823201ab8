// A function applied to every formula of a block list (display equations and inline math),
// for the rewrites a sheet's conventions ask for: the layer index style, French decimal commas.
import type { Block, Inline } from './blocks.ts';

function inlines(content: readonly Inline[], f: (tex: string) => string): Inline[] {
  return content.map((s) => (s.kind === 'math' ? { kind: 'math', latex: f(s.latex) } : s));
}

export function mapMath(blocks: readonly Block[], f: (tex: string) => string): Block[] {
  return blocks.map((b): Block => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return { ...b, content: inlines(b.content, f) };
      case 'equation':
        return { ...b, latex: f(b.latex) };
      case 'figure':
        return { ...b, caption: inlines(b.caption, f) };
      case 'algorithm':
        return { ...b, title: inlines(b.title, f), lines: b.lines.map((l) => inlines(l, f)) };
      case 'table':
        return { ...b, header: b.header.map((c) => inlines(c, f)), rows: b.rows.map((r) => r.map((c) => inlines(c, f))) };
      case 'toc':
        return { ...b, entries: b.entries.map((e) => ({ ...e, content: inlines(e.content, f) })) };
    }
  });
}
