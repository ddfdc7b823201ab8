// Files in and out. Inputs are read only when they are regular files within a size limit
// (never /dev/zero, never a FIFO that blocks). Outputs are written whole or not at all: to
// a temporary file beside the target, then renamed over it (atomic on POSIX file systems);
// through a symlink to the regular file it names, never over a device, a FIFO or one of the
// command's own input files. Output directories are checked before the work that fills
// them, so a bad path fails at once. A temporary file left by a killed run is removed by
// the next write of the same target; SIGINT and SIGTERM remove this run's own.
import { accessSync, constants, lstatSync, readSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError, oneLine } from './errors.ts';

/** Spec files and claims files: far above any real one (the 784-128-10 spec is 200 bytes). */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;
/** CSV data sets. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

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

const KIND: ReadonlyArray<readonly [(s: Stats) => boolean, string]> = [
  [(s) => s.isDirectory(), 'a directory'], [(s) => s.isFIFO(), 'a FIFO'], [(s) => s.isCharacterDevice(), 'a device'],
  [(s) => s.isBlockDevice(), 'a device'], [(s) => s.isSocket(), 'a socket'],
];
const kindOf = (s: Stats): string => KIND.find(([test]) => test(s))?.[1] ?? 'not a regular file';

/** `-` names standard input wherever a spec, claims or CSV file is asked for. */
export const STDIN = '-';

/** How messages name an input: `-` is "stdin". */
export const inputName = (path: string): string => (path === STDIN ? 'stdin' : path);

let stdinText: string | undefined;

/** All of stdin (read once: a second `-` gets the same text), refused past `limit` bytes. */
function readStdin(what: string, limit: number): string {
  if (stdinText !== undefined) return stdinText;
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe with nothing yet
      if (code === 'EOF') break;
      throw new UserError(oneLine(`stdin: cannot read ${what} (${codeOf(e)})`));
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new UserError(oneLine(`stdin: ${what} of more than ${limit} bytes is over the limit`));
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  stdinText = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  return stdinText;
}

/**
 * The text of an input file: a UserError naming the file unless it is a regular file of at
 * most `limit` bytes (checked before reading, so /dev/zero or a FIFO fails at once). `-` is
 * stdin, read up to the same limit.
 */
export function readInputFile(path: string, what: string, limit = MAX_INPUT_BYTES): string {
  if (path === STDIN) return readStdin(what, limit);
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(oneLine(`${path}: cannot read ${what} (${code === 'ENOENT' ? 'no such file' : codeOf(e)})`));
  }
  if (!st.isFile()) throw new UserError(oneLine(`${path}: cannot read ${what} (it is ${kindOf(st)}, not a regular file)`));
  if (st.size > limit) throw new UserError(oneLine(`${path}: ${what} of ${st.size} bytes is over the limit of ${limit} bytes`));
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, ''); // a byte-order mark some editors write
  } catch (e) {
    throw new UserError(oneLine(`${path}: cannot read ${what} (${codeOf(e)})`));
  }
}

const TMP = /^\.(.+)\.symprop-(\d+)\.tmp$/;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Leftovers of earlier runs that were killed while writing `name` in `dir`. */
function removeStaleTemporaries(dir: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const m = TMP.exec(e);
    if (m && m[1] === name && Number(m[2]) !== process.pid && !alive(Number(m[2]))) removeQuietly(join(dir, e));
  }
}

/** The real identity of a path, when it exists. */
function identity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Where writing `path` really goes: the regular file a symlink names (the link stays), or
 * the path itself when nothing is there yet. A device, FIFO or directory is refused, and so
 * is any of `inputs` (`codegen s.json -o s.json` would destroy the spec).
 */
/** Symbolic links hop by hop (as the kernel does, up to 40): where a write to `path` lands. */
function followLinks(path: string): string {
  let p = path;
  for (let hops = 0; hops <= 40; hops++) {
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch {
      return p; // nothing there (also at the end of a dangling chain): the file to create
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw new UserError(oneLine(`${path}: cannot write there (a loop of symbolic links, or more than 40 in a row)`));
}

export function resolveOutput(path: string, inputs: readonly string[] = []): string {
  const target = followLinks(path);
  const st = statOrNone(target);
  if (st && !st.isFile()) throw new UserError(oneLine(`${path}: cannot write there (it is ${kindOf(st)})`));
  const id = identity(target);
  const same = id !== undefined && inputs.find((i) => identity(i) === id);
  if (same !== undefined && same !== false) throw new UserError(oneLine(`${path}: is the input file ${same}; refusing to overwrite it`));
  return target;
}

function temporaryFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.symprop-${process.pid}.tmp`);
}

export function writeFileAtomic(path: string, content: string | Uint8Array, inputs: readonly string[] = []): void {
  writeFilesAtomic([{ path, content }], inputs);
}

/**
 * Several files, all or nothing: every temporary file is written before the first rename,
 * so a full disk leaves the targets as they were.
 */
export function writeFilesAtomic(files: readonly { readonly path: string; readonly content: string | Uint8Array }[], inputs: readonly string[] = []): void {
  const plan = files.map((f) => ({ ...f, target: resolveOutput(f.path, inputs) }));
  const temps: string[] = [];
  let current = plan[0]?.path ?? '';
  try {
    for (const f of plan) {
      current = f.path;
      makeDirs(dirname(f.target));
      removeStaleTemporaries(dirname(f.target), basename(f.target));
      const tmp = temporaryFor(f.target);
      temps.push(tmp);
      writeFileSync(tmp, f.content);
    }
    for (const [i, f] of plan.entries()) {
      current = f.path;
      renameSync(temps[i]!, f.target);
    }
  } catch (e) {
    for (const tmp of temps) {
      removeQuietly(tmp);
    }
    throw new UserError(oneLine(`${current}: cannot write (${codeOf(e)})`));
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
