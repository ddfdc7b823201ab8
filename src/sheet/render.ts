// A derivation as text: Markdown (default), LaTeX or a self-contained HTML page, in any
// catalog's language, with what the sheet shows chosen by SheetOptions.
import type { Derivation } from '../derivation/model.ts';
import type { ConvDerivation } from '../derive/conv-backprop.ts';
import { convSheet } from './conv-sheet.ts';
import { UserError } from '../util/errors.ts';
import { withContents, type Block } from './blocks.ts';
import { expressionBlocks } from './derivation-blocks.ts';
import type { SheetOptions, TextFormat } from './formats.ts';
import { toHtml } from './html.ts';
import { CATALOGS, type Lang } from './i18n/index.ts';
import { restyleLayerIndex } from './layer-index.ts';
import { mapMath } from './map-math.ts';
import { mathDecimalComma } from './i18n/typography.ts';
import { networkSheet } from './network-sheet.ts';
import { inlineFigure, texDocument, toMarkdown, toTex, type MarkdownFigure } from './writers.ts';

export { TEXT_FORMATS, SHEET_FORMS, SHEET_SECTIONS, type TextFormat, type SheetForm, type SheetSection, type SheetOptions } from './formats.ts';

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

/** Options of renderDerivation: format (md, tex, html), language, what the sheet shows. */
export interface RenderOptions extends SheetOptions {
  readonly format?: TextFormat;
  readonly lang?: Lang;
  /** LaTeX only: a complete document instead of a fragment. */
  readonly standalone?: boolean;
  /**
   * Markdown only: link each figure to the file `<figureFiles>.<figure>.svg` (renderSheet
   * returns the files) instead of inlining its SVG.
   */
  readonly figureFiles?: string;
}

/** What a sheet is written from: a derivation (expression, dense network) or a convolutional network's. */
export type AnyDerivation = Derivation | ConvDerivation;

const isConv = (d: AnyDerivation): d is ConvDerivation => 'kind' in d && d.kind === 'conv';

function sheetBlocks(d: AnyDerivation, lang: Lang, options: SheetOptions): Block[] {
  const m = CATALOGS[lang];
  if (isConv(d)) return restyleLayerIndex(withContents(convSheet(d, m, options), [{ kind: 'text', text: m.contents }]), 'superscript');
  if (d.subject.kind === 'expression') {
    const blocks = expressionBlocks(d, d.subject.expr, m);
    return options.title === undefined ? blocks : [{ kind: 'heading', level: 1, content: [{ kind: 'user', text: options.title }] }, ...blocks.slice(1)];
  }
  const spec = d.subject.spec;
  return restyleLayerIndex(withContents(networkSheet(d, spec, m, options), [{ kind: 'text', text: m.contents }]), spec.layerIndex ?? 'superscript');
}

export function derivationBlocks(d: AnyDerivation, lang: Lang = 'en', options: SheetOptions = {}): Block[] {
  const blocks = sheetBlocks(d, lang, options);
  // French writes 0,01 in formulas too (a constant of an expression, λ, α).
  return lang === 'fr' ? mapMath(blocks, mathDecimalComma) : blocks;
}

/** Layers an HTML sheet renders: each is KaTeX-rendered, and 1000 took 9 s and 800 MB for a 46 MB page. */
export const MAX_HTML_LAYERS = 200;

/** A file written beside the sheet (a Markdown sheet's figures). */
export interface SheetFile {
  readonly name: string;
  readonly content: string;
}

/** The sheet's text, and the figure files a Markdown sheet links to (RenderOptions.figureFiles). */
export function renderSheet(d: AnyDerivation, options: RenderOptions = {}): { readonly text: string; readonly files: readonly SheetFile[] } {
  const lang = options.lang ?? 'en';
  const layers = isConv(d) ? d.spec.layers.length : d.subject.kind === 'network' ? d.subject.spec.layers.length : 0;
  if (options.format === 'html' && layers > MAX_HTML_LAYERS) {
    throw new UserError(`${d.source}: an HTML sheet renders at most ${MAX_HTML_LAYERS} layers (the limit), this network has ${layers}: use --format md or tex`);
  }
  const blocks = derivationBlocks(d, lang, options);
  if (options.format === 'html') return { text: toHtml(blocks, plainTitle(blocks), lang), files: [] };
  if (options.format === 'tex') {
    const body = toTex(blocks);
    return { text: options.standalone ? texDocument(body, lang) : body, files: [] };
  }
  const files: SheetFile[] = [];
  const base = options.figureFiles;
  const figure: MarkdownFigure = base === undefined
    ? inlineFigure
    : (b) => {
        const name = `${base}.${b.name}.svg`;
        files.push({ name, content: `${b.svg}\n` });
        // The figure's title (its SVG <title>) as the image's alt text, for screen readers.
        const alt = b.drawing.title.replace(/[\s\u2028\u2029]+/g, ' ').replace(/[[\]\\]/g, (c) => `\\${c}`);
        return `![${alt}](${encodeURI(name)})`;
      };
  return { text: toMarkdown(blocks, figure), files };
}

/** A derivation as Markdown, LaTeX or a self-contained HTML page, in English or French. */
export function renderDerivation(d: AnyDerivation, options: RenderOptions = {}): string {
  return renderSheet(d, options).text;
}
