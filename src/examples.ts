// The canonical generated files of the examples: generated/<name>.ts for each spec in
// examples/, made exactly as `symprop codegen examples/<name>.json -o generated/<name>.ts`
// makes them. `npm run generate` writes them; a test fails when they drift.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveExpression, deriveNetwork, generateCode } from './api.ts';
import { LANGS } from './sheet/i18n/index.ts';
import { withoutInlinedFonts } from './sheet/katex-css.ts';
import { renderSheet, TEXT_FORMATS, type AnyDerivation } from './sheet/render.ts';
import { isConvSpec, loadAnySpec } from './network/any-spec.ts';
import { deriveConv } from './derive/conv-backprop.ts';
import { isConvJson } from './network/conv-spec.ts';

/** The example spec files (names in examples/, sorted), dense and convolutional apart: many checks read dense specs only. */
export function exampleSpecFiles(dir = 'examples'): { readonly dense: readonly string[]; readonly conv: readonly string[] } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const conv = files.filter((f) => isConvJson(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  return { dense: files.filter((f) => !conv.includes(f)), conv };
}

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export function generatedFiles(exampleFiles: readonly string[]): GeneratedFile[] {
  return exampleFiles
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const source = `examples/${f}`;
      const path = `generated/${f.replace(/\.json$/, '.ts')}`;
      return { path, content: generateCode(loadAnySpec(source), { source, output: path }) };
    });
}

/** The expressions whose sheets are kept with the networks' (the Master 1 course's log(xy)). */
export const SHEET_EXPRESSIONS = [{ name: 'log-xy', expr: 'log(x*y)', wrt: 'x' }] as const;

export interface SheetFilesOptions {
  /**
   * true: the HTML sheets as users get them, KaTeX's fonts inlined. Default false: the golden
   * copies, where each inlined font is a short reference to its file (`withoutInlinedFonts`),
   * so that generated/sheets does not hold the same fonts in every HTML file.
   */
  readonly selfContained?: boolean;
}

/**
 * The canonical derivation sheets: generated/sheets/<name>.<lang>.<md|tex|html> for every
 * example network and for log(xy), in every format and language, and the figures the Markdown
 * sheets link to (<name>.<lang>.network.svg and .graph.svg).
 */
export function sheetFiles(exampleFiles: readonly string[], options: SheetFilesOptions = {}): GeneratedFile[] {
  const golden = (format: string, content: string): string =>
    format === 'html' && !options.selfContained ? withoutInlinedFonts(content) : content;
  const subjects = [
    ...exampleFiles.filter((f) => f.endsWith('.json')).sort().map((f) => ({
      name: f.replace(/\.json$/, ''),
      derive: (): AnyDerivation => {
        const spec = loadAnySpec(`examples/${f}`);
        return isConvSpec(spec) ? deriveConv(spec, `examples/${f}`) : deriveNetwork(spec, `examples/${f}`);
      },
    })),
    ...SHEET_EXPRESSIONS.map((e) => ({ name: e.name, derive: () => deriveExpression(e.expr, e.wrt) })),
  ];
  return subjects.flatMap(({ name, derive }) => {
    const d = derive();
    return LANGS.flatMap((lang) =>
      TEXT_FORMATS.flatMap((format) => {
        // The Markdown sheet links its figures, written beside it as `sheet -o x.md` does.
        const sheet = renderSheet(d, { format, lang, standalone: true, ...(format === 'md' ? { figureFiles: `${name}.${lang}` } : {}) });
        return [
          { path: `generated/sheets/${name}.${lang}.${format}`, content: golden(format, sheet.text) },
          ...sheet.files.map((f) => ({ path: `generated/sheets/${f.name}`, content: f.content })),
        ];
      }),
    );
  });
}
