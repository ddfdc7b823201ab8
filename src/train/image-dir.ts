// `--data DIR`: one subfolder per class, as Keras' image_dataset_from_directory reads them: the
// classes are the subfolder names sorted (class 0 first), every PNG or JPEG file below a class
// folder (sub-folders included) is one example. Hidden entries (".DS_Store") and files directly
// in DIR are skipped; any other file is an error naming it. Directories are listed one entry at
// a time, so a folder of 10⁶ files stops at the limit instead of being read whole; a loop of
// symbolic links is named, and so is a folder nested deeper than MAX_DEPTH.
import { opendirSync, statSync, type Dir, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Volume } from '../network/conv-spec.ts';
import { UserError, oneLine } from '../util/errors.ts';
import { visible } from '../util/escape.ts';
import { decodeImageFile } from './image-decode.ts';
import { fitImage, imageInputProblem } from './image-fit.ts';

/** Image files in a directory tree (and entries listed in any one folder). */
export const MAX_IMAGE_FILES = 100_000;
/** Classes: subfolders of DIR. */
export const MAX_CLASSES = 1000;
/** Folders below a class folder. */
export const MAX_DEPTH = 8;
/** Pixel values of a whole image set in memory (8 bytes each: 400 MB), checked before decoding. */
export const MAX_IMAGE_VALUES = 50_000_000;

/** A UserError unless n examples of `size` values each fit in MAX_IMAGE_VALUES. */
export function checkImageValues(source: string, n: number, v: Volume): void {
  const size = v.channels * v.height * v.width;
  if (n * size > MAX_IMAGE_VALUES) fail(source, `${n} images of ${v.channels} × ${v.height} × ${v.width} are ${n * size} values, over the limit of ${MAX_IMAGE_VALUES}`);
}

/** Images as the network takes them: n × C·H·W values in [0, 1], a class per image, and where each came from. */
export interface LabelledImages {
  readonly X: Float64Array;
  readonly labels: Int32Array;
  readonly classes: readonly string[];
  /** Each example's file (DIR) or CSV line ("data.csv:12"), for messages and the misclassified grid. */
  readonly sources: readonly string[];
}

const IMAGE_NAME = /\.(png|jpe?g)$/i;

const fail = (path: string, why: string): never => {
  throw new UserError(oneLine(`${visible(path)}: ${why}`));
};

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(path, code === 'ELOOP' ? 'a loop of symbolic links' : code === 'ENOENT' ? 'no such file or directory (a dangling symbolic link?)' : `cannot read it (${code ?? String(e)})`);
  }
}

/** The names in `dir`, sorted, hidden ones skipped, at most MAX_IMAGE_FILES of them. */
function listNames(dir: string): string[] {
  let handle: Dir;
  try {
    handle = opendirSync(dir);
  } catch (e) {
    return fail(dir, `cannot list the directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const names: string[] = [];
  try {
    for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
      if (entry.name.startsWith('.')) continue;
      if (names.length === MAX_IMAGE_FILES) fail(dir, `more than ${MAX_IMAGE_FILES} entries (the limit of files in an image directory)`);
      names.push(entry.name);
    }
  } finally {
    handle.closeSync();
  }
  return names.sort();
}

/** The image files under one class folder, depth first in name order; `seen` holds the folders entered (dev:ino). */
function imageFiles(dir: string, depth: number, seen: Set<string>, found: string[]): void {
  for (const name of listNames(dir)) {
    const path = join(dir, name);
    const st = statOf(path);
    if (st.isDirectory()) {
      const id = `${st.dev}:${st.ino}`;
      if (seen.has(id)) fail(path, 'a loop of symbolic links (this folder is already being read)');
      if (depth >= MAX_DEPTH) fail(path, `folders nested more than ${MAX_DEPTH} deep in a class folder (the limit)`);
      seen.add(id);
      imageFiles(path, depth + 1, seen, found);
      seen.delete(id);
    } else if (!st.isFile()) fail(path, 'not a regular file (a device, FIFO or socket in an image folder)');
    else if (!IMAGE_NAME.test(name)) fail(path, 'not a PNG or JPEG image (.png, .jpg or .jpeg; class folders hold images only)');
    else {
      if (found.length === MAX_IMAGE_FILES) fail(path, `more than ${MAX_IMAGE_FILES} images (the limit of files in an image directory)`);
      found.push(path);
    }
  }
}

/** The class folders of DIR and their image files, before any image is decoded. */
export function indexImageDirectory(dir: string): { classes: string[]; files: string[][] } {
  const root = statOf(dir);
  if (!root.isDirectory()) fail(dir, 'not a directory');
  const classes = listNames(dir).filter((name) => statOf(join(dir, name)).isDirectory());
  if (classes.length === 0) fail(dir, 'no class folders (put the images of each class in a subfolder named after it)');
  if (classes.length > MAX_CLASSES) fail(dir, `${classes.length} class folders, over the limit of ${MAX_CLASSES}`);
  let total = 0;
  const files = classes.map((name) => {
    const found: string[] = [];
    const folder = join(dir, name);
    imageFiles(folder, 0, new Set([`${root.dev}:${root.ino}`, `${statOf(folder).dev}:${statOf(folder).ino}`]), found);
    if (found.length === 0) fail(folder, 'an empty class folder (no .png, .jpg or .jpeg file)');
    total += found.length;
    if (total > MAX_IMAGE_FILES) fail(dir, `more than ${MAX_IMAGE_FILES} images (the limit of files in an image directory)`);
    return found;
  });
  return { classes, files };
}

/** Every image of DIR decoded and fitted to the network's input, class by class. */
export function readImageDirectory(dir: string, v: Volume): LabelledImages {
  const problem = imageInputProblem(v);
  if (problem) fail(dir, problem);
  const { classes, files } = indexImageDirectory(dir);
  const n = files.reduce((s, f) => s + f.length, 0);
  checkImageValues(dir, n, v);
  const size = v.channels * v.height * v.width;
  const X = new Float64Array(n * size);
  const labels = new Int32Array(n);
  const sources: string[] = [];
  files.forEach((paths, k) => {
    for (const path of paths) {
      X.set(fitImage(decodeImageFile(path), v, visible(path)), sources.length * size);
      labels[sources.length] = k;
      sources.push(path);
    }
  });
  return { X, labels, classes, sources };
}
