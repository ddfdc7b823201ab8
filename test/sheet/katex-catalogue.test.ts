// Every formula symprop prints for every catalogue expression (test/fixtures/expressions.json)
// renders in KaTeX with throwOnError and strict: 'error', in every language. One test per
// expression. Entries marked "new" use functions that are being added to the parser: until they
// are, those tests fail (deliberately not skipped).
//
// The formulas are taken from the block list that `symprop derive --expr` writes as Markdown
// (sheet/render.ts derivationBlocks, then writers.ts displayMath for the equations, with their
// \tag), so they are exactly the $$…$$ blocks and $…$ spans of its output.
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { deriveExpression } from '../../src/api.ts';
import type { Block, Inline } from '../../src/sheet/blocks.ts';
import { LANGS } from '../../src/sheet/i18n/index.ts';
import { derivationBlocks } from '../../src/sheet/render.ts';
import { displayMath } from '../../src/sheet/writers.ts';

interface Entry {
  readonly id: string;
  readonly expr: string;
  readonly wrt: string;
  readonly family: string;
  readonly new?: boolean;
}

const catalogue = JSON.parse(readFileSync('test/fixtures/expressions.json', 'utf8')) as Entry[];

const math = (content: readonly Inline[]): string[] => content.flatMap((s) => (s.kind === 'math' ? [s.latex] : []));

/** Every LaTeX string of a block list: display equations (with their tag) and inline math. */
function blockFormulas(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => {
    switch (b.kind) {
      case 'equation':
        return [displayMath(b)];
      case 'heading':
      case 'paragraph':
        return math(b.content);
      case 'figure':
        return math(b.caption);
      case 'algorithm':
        return [...math(b.title), ...b.lines.flatMap(math)];
      case 'table':
        return [...b.header, ...b.rows.flat()].flatMap(math);
      case 'toc':
        return [...math(b.title), ...b.entries.flatMap((e) => math(e.content))];
    }
  });
}

function renderError(tex: string): string | undefined {
  try {
    katex.renderToString(tex, { throwOnError: true, strict: 'error', displayMode: true, trust: false });
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

describe('every formula of every catalogue derivation renders in KaTeX', () => {
  it('the catalogue is well formed', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(150);
    expect(new Set(catalogue.map((e) => e.id)).size).toBe(catalogue.length);
    for (const e of catalogue) expect(e.id).toMatch(/^x\d{3}$/);
  });

  for (const entry of catalogue) {
    it(`${entry.id} d/d${entry.wrt} ${entry.expr}${entry.new ? ' (new)' : ''}`, () => {
      const d = deriveExpression(entry.expr, entry.wrt, entry.id);
      const failures = new Set<string>();
      let count = 0;
      for (const lang of LANGS) {
        for (const tex of blockFormulas(derivationBlocks(d, lang))) {
          count++;
          const error = renderError(tex);
          if (error) failures.add(`${error}\n    in: ${tex}`);
        }
      }
      expect(count).toBeGreaterThan(5);
      expect([...failures].join('\n'), `${failures.size} formula(s) KaTeX rejects`).toBe('');
    });
  }
});
