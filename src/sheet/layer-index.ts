// Where a sheet writes a layer index (the spec's "layerIndex"): naming.ts prints a layered name
// as stem^{k}_{ij} (w^{2}_{13}, the Master 1 course); the slides write w^{(2)}_{13}, and other
// courses w_{2,13}. The rewrite matches only that exact shape: a power of a layered name is
// always parenthesised (\left(w^{2}_{13}\right)^{2}), and a sum writes _ before ^.
import type { LayerIndexStyle } from '../network/spec.ts';
import type { Block } from './blocks.ts';
import { mapMath } from './map-math.ts';

const LAYERED = /(\\delta|\\hat\{[A-Za-z]\}|\\mathit\{[A-Za-z]+\}|(?<![\\A-Za-z])[A-Za-z])\^\{(\d+)\}_\{([\d,]+)\}/g;

export function layerIndexLatex(tex: string, style: LayerIndexStyle): string {
  if (style === 'superscript') return tex;
  return tex.replace(LAYERED, (_, stem: string, k: string, units: string) => (style === 'parenthesized' ? `${stem}^{(${k})}_{${units}}` : `${stem}_{${k},${units}}`));
}

/** Every formula of the blocks in the given style. */
export function restyleLayerIndex(blocks: readonly Block[], style: LayerIndexStyle): Block[] {
  return style === 'superscript' ? [...blocks] : mapMath(blocks, (tex) => layerIndexLatex(tex, style));
}
