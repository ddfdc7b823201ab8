// A derivation as text: Markdown (default) or LaTeX, in any catalog's language.
import type { Derivation } from '../derivation/model.ts';
import { formatNumber } from '../print/number.ts';
import { inline, type Block } from './blocks.ts';
import { expressionBlocks, networkSheet } from './derivation-blocks.ts';
import { CATALOGS, type Lang } from './i18n/index.ts';
import { texDocument, toMarkdown, toTex } from './writers.ts';

export const TEXT_FORMATS = ['md', 'tex'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export interface RenderOptions {
  readonly format?: TextFormat;
  readonly lang?: Lang;
  /** LaTeX only: a complete document instead of a fragment. */
  readonly standalone?: boolean;
}

export function derivationBlocks(d: Derivation, lang: Lang = 'en'): Block[] {
  const m = CATALOGS[lang];
  if (d.subject.kind === 'expression') return expressionBlocks(d, d.subject.expr, m);
  const spec = d.subject.spec;
  const batch = inline(m.batchNote(spec.reduction === 'mean', spec.l2 > 0 ? formatNumber(spec.l2) : undefined));
  return networkSheet(d, spec, batch, m);
}

export function renderDerivation(d: Derivation, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'en';
  const blocks = derivationBlocks(d, lang);
  if (options.format === 'tex') {
    const body = toTex(blocks);
    return options.standalone ? texDocument(body, lang) : body;
  }
  return toMarkdown(blocks);
}
