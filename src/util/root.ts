// Where symprop's own files are (templates/, examples/): the package root, found by walking
// up from this module. It is src/util/ under tsx and a chunk in dist/ once built, so no
// fixed relative path would serve both.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('symprop: cannot find its package directory (templates/ is missing)');
    dir = up;
  }
}

/** The package root directory. */
export const PACKAGE_ROOT = findRoot();

/** A file shipped with the package: templates/…, examples/…, package.json. */
export const packageFile = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
