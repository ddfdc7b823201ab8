// Where a sheet writes a layer index (the spec's "layerIndex"): naming.ts prints a layered name
// as stem^{k}_{ij} (w^{2}_{13}, the Master 1 course); the slides write w^{(2)}_{13}, and other
// courses w_{2,13}. The rewrite matches only that exact shape: a power of a layered name is
// always parenthesised (\left(w^{2}_{13}\right)^{2}), and a sum writes _ before ^.
import type { LayerIndexStyle } from '../network/spec.ts';
import type { Block, Inline } from './blocks.ts';

const LAYERED = /(\\delta|\\hat\{[A-Za-z]\}|\\mathit\{[A-Za-z]+\}|(?<![\\A-Za-z])[A-Za-z])\^\{(\d+)\}_\{([\d,]+)\}/g;

export function layerIndexLatex(tex: string, style: LayerIndexStyle): string {
  if (style === 'superscript') return tex;
  return tex.replace(LAYERED, (_, stem: string, k: string, units: string) => (style === 'parenthesized' ? `${stem}^{(${k})}_{${units}}` : `${stem}_{${k},${units}}`));
}

function inlines(content: readonly Inline[], style: LayerIndexStyle): Inline[] {
  return content.map((s) => (s.kind === 'math' ? { kind: 'math', latex: layerIndexLatex(s.latex, style) } : s));
}

/** Every formula of the blocks in the given style. */
export function restyleLayerIndex(blocks: readonly Block[], style: LayerIndexStyle): Block[] {
  if (style === 'superscript') return [...blocks];
  return blocks.map((b): Block => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return { ...b, content: inlines(b.content, style) };
      case 'equation':
        return { ...b, latex: layerIndexLatex(b.latex, style) };
      case 'figure':
        return { ...b, caption: inlines(b.caption, style) };
      case 'algorithm':
        return { ...b, title: inlines(b.title, style), lines: b.lines.map((l) => inlines(l, style)) };
      case 'table':
        return { ...b, header: b.header.map((c) => inlines(c, style)), rows: b.rows.map((r) => r.map((c) => inlines(c, style))) };
      case 'toc':
        return { ...b, entries: b.entries.map((e) => ({ ...e, content: inlines(e.content, style) })) };
    }
  });
}
