// Output files are written whole or not at all: to a temporary file in the same
// directory, then renamed over the target (atomic on POSIX file systems). Output
// directories are checked before the work that fills them, so a bad path fails at once.
import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError, oneLine } from './errors.ts';

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Its stat, or undefined when nothing is there (ENOTDIR: a file stands where a directory would be). */
function statOrNone(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** The nearest existing ancestor of `dir` (or dir itself), and the missing directories below it, outermost first. */
function missingParts(dir: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!statOrNone(p) && dirname(p) !== p) {
    missing.unshift(p);
    p = dirname(p);
  }
  return { existing: p, missing };
}

/** mkdir -p one level at a time: Node 20's recursive mkdirSync never returns on some paths (/proc/x), a plain mkdir fails at once. */
function makeDirs(dir: string): void {
  for (const p of missingParts(dir).missing) {
    try {
      mkdirSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Best effort: the write has failed already and that is the error to report (rm itself throws ENOTDIR under a file). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing was written there
  }
}

export function writeFileAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    makeDirs(dirname(path));
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    removeQuietly(tmp);
    throw new UserError(`${path}: cannot write (${codeOf(e)})`);
  }
}

const outError = (flag: string, dir: string, why: string): UserError => new UserError(oneLine(`${flag}: ${dir}: ${why}`));

/** A UserError unless `dir` is a writable directory or could be created as one; creates nothing. */
export function checkOutputDir(dir: string, flag = '--out'): void {
  let parts: { existing: string; missing: string[] };
  try {
    parts = missingParts(dir);
  } catch (e) {
    throw outError(flag, dir, `cannot look at it (${codeOf(e)})`); // EACCES: a parent that cannot be searched
  }
  const { existing, missing } = parts;
  const inside = missing.length > 0;
  if (!statSync(existing).isDirectory()) throw outError(flag, dir, inside ? `${existing} is not a directory` : 'not a directory');
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw outError(flag, dir, inside ? `cannot create it in ${existing} (${codeOf(e)})` : `not writable (${codeOf(e)})`);
  }
}

/** checkOutputDir, then create the directory (and its parents), or a UserError saying why not. */
export function prepareOutputDir(dir: string, flag = '--out'): void {
  checkOutputDir(dir, flag);
  try {
    makeDirs(dir);
  } catch (e) {
    throw outError(flag, dir, `cannot create (${codeOf(e)})`);
  }
  checkOutputDir(dir, flag);
}

/** A spec name as a file-name stem inside an output directory: no separators, no leading dot. */
export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'network';
}
