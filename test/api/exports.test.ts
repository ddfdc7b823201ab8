// The library's surface (issue 12): every name src/index.ts exports has a doc comment where
// it is declared, and the README's "Library API" section names it. Adding an export without
// either fails here.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Exported {
  readonly name: string;
  readonly file: string;
}

/** The names of `export { a, type B } from './x.ts'` and `export type { C } from './y.ts'` lines. */
function exportsOf(index: string): Exported[] {
  const text = readFileSync(index, 'utf8');
  const out: Exported[] = [];
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    for (const raw of m[1]!.split(',')) {
      const name = raw.replace(/^\s*type\s+/, '').trim();
      if (name) out.push({ name, file: join(dirname(index), m[2]!) });
    }
  }
  return out;
}

/** Whether the declaration of `name` in `file` has a /** comment right above it. */
function documented(name: string, file: string): boolean {
  const text = readFileSync(file, 'utf8');
  const decl = new RegExp(`^export (?:declare )?(?:async )?(?:function\\*?|const|let|class|interface|type|enum) ${name}\\b`, 'm');
  const at = text.search(decl);
  if (at < 0) {
    // Re-exported from elsewhere: follow it.
    const re = new RegExp(`export \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(text);
    return re ? documented(name, join(dirname(file), re[1]!)) : false;
  }
  const before = text.slice(0, at).trimEnd();
  return before.endsWith('*/') && before.lastIndexOf('/**') > before.lastIndexOf('*/', before.length - 3);
}

const EXPORTS = exportsOf('src/index.ts');
const README = readFileSync('README.md', 'utf8');
const API = README.slice(README.indexOf('## Library API'), README.indexOf('\n## ', README.indexOf('## Library API') + 5));

describe('every export of the library', () => {
  it('the list is read (a broken parser would pass everything)', () => {
    expect(EXPORTS.length).toBeGreaterThan(25);
    expect(EXPORTS.map((e) => e.name)).toContain('deriveNetwork');
  });
  it.each(EXPORTS.map((e) => [e.name, e.file] as const))('%s has a doc comment', (name, file) => {
    expect(documented(name, file), `${name} in ${file}`).toBe(true);
  });
  it.each(EXPORTS.map((e) => [e.name] as const))('%s is named in the README\'s Library API section', (name) => {
    expect(API).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
