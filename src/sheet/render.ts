// A derivation as text: Markdown (default) or LaTeX, in any catalog's language.
import type { Derivation } from '../derivation/model.ts';
import type { Block } from './blocks.ts';
import { expressionBlocks } from './derivation-blocks.ts';
import { networkSheet } from './network-sheet.ts';
import { CATALOGS, type Lang } from './i18n/index.ts';
import { toHtml } from './html.ts';
import { texDocument, toMarkdown, toTex } from './writers.ts';

/** LaTeX as a browser tab can show it: \\log\\left(x y\\right) -> log(x y). */
function plainMath(tex: string): string {
  return tex
    .replace(/\\(left|right)/g, '')
    .replace(/\\(hat)\{(\w)\}/g, '$2̂')
    .replace(/\\([A-Za-z]+)/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/_/g, '');
}

/** The first heading as plain text, for <title>. */
function plainTitle(blocks: readonly Block[]): string {
  const h = blocks.find((b) => b.kind === 'heading');
  return h && h.kind === 'heading' ? h.content.map((s) => (s.kind === 'math' ? plainMath(s.latex) : s.text)).join('') : 'symprop';
}

export { TEXT_FORMATS, type TextFormat } from './formats.ts';
import type { TextFormat } from './formats.ts';
import { UserError } from '../util/errors.ts';

/** Options of renderDerivation: format (md, tex, html), language, and for LaTeX a whole document. */
export interface RenderOptions {
  readonly format?: TextFormat;
  readonly lang?: Lang;
  /** LaTeX only: a complete document instead of a fragment. */
  readonly standalone?: boolean;
}

export function derivationBlocks(d: Derivation, lang: Lang = 'en'): Block[] {
  const m = CATALOGS[lang];
  if (d.subject.kind === 'expression') return expressionBlocks(d, d.subject.expr, m);
  return networkSheet(d, d.subject.spec, m);
}

/** Layers an HTML sheet renders: each is KaTeX-rendered, and 1000 took 9 s and 800 MB for a 46 MB page. */
export const MAX_HTML_LAYERS = 200;

/** A derivation as Markdown, LaTeX or a self-contained HTML page, in English or French. */

export function renderDerivation(d: Derivation, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'en';
  const layers = d.subject.kind === 'network' ? d.subject.spec.layers.length : 0;
  if (options.format === 'html' && layers > MAX_HTML_LAYERS) {
    throw new UserError(`${d.source}: an HTML sheet renders at most ${MAX_HTML_LAYERS} layers (the limit), this network has ${layers}: use --format md or tex`);
  }
  const blocks = derivationBlocks(d, lang);
  if (options.format === 'html') return toHtml(blocks, plainTitle(blocks), lang);
  if (options.format === 'tex') {
    const body = toTex(blocks);
    return options.standalone ? texDocument(body, lang) : body;
  }
  return toMarkdown(blocks);
}
