// Data sets for `symprop train`: the toy sets of CSI 4106 (sklearn's make_circles and
// make_moons, XOR) generated from a seed, or a CSV file; splitting and standardising.
import { UserError, oneLine } from '../util/errors.ts';
import { visible } from '../util/escape.ts';
import { inputName, MAX_CSV_BYTES, readInputFile } from '../util/fs.ts';
import { mulberry32, normal, shuffleInPlace, type Rng } from './rng.ts';

/** X is n × inputs and Y is n × outputs, both row-major. */
export interface Dataset {
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly n: number;
  readonly inputs: number;
  readonly outputs: number;
  /** For a CSV file, each example's 1-based line number, so that messages can point at it. */
  readonly lines?: Int32Array;
}

/** Per input column statistics, taken from the training split only. */
export interface Standardizer {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** n points in [start, stop] evenly spaced, as numpy.linspace. */
function linspace(start: number, stop: number, n: number, endpoint: boolean): number[] {
  const step = (stop - start) / (endpoint ? Math.max(n - 1, 1) : Math.max(n, 1));
  return Array.from({ length: n }, (_, i) => start + i * step);
}

/** Two-input, one-output set from points and labels, shuffled, with N(0, noise²) added to every coordinate. */
function finish(points: [number, number, number][], noise: number, rng: Rng): Dataset {
  const order = Array.from(points.keys());
  shuffleInPlace(order, rng);
  const n = points.length;
  const X = new Float64Array(n * 2);
  const Y = new Float64Array(n);
  for (const [r, src] of order.entries()) {
    const [x, y, label] = points[src]!;
    X[2 * r] = x;
    X[2 * r + 1] = y;
    Y[r] = label;
  }
  if (noise > 0) for (let i = 0; i < X.length; i++) X[i]! += noise * normal(rng);
  return { X, Y, n, inputs: 2, outputs: 1 };
}

/** sklearn make_circles: ⌊n/2⌋ points on the unit circle (label 0), the rest on radius `factor` (label 1). */
export function makeCircles(n: number, o: { factor: number; noise: number; seed: number }): Dataset {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const points: [number, number, number][] = [
    ...linspace(0, 2 * Math.PI, nOut, false).map((t): [number, number, number] => [Math.cos(t), Math.sin(t), 0]),
    ...linspace(0, 2 * Math.PI, nIn, false).map((t): [number, number, number] => [o.factor * Math.cos(t), o.factor * Math.sin(t), 1]),
  ];
  return finish(points, o.noise, mulberry32(o.seed));
}

/** sklearn make_moons: an upper half circle (label 0) and a lower one shifted to (1, 0.5) (label 1). */
export function makeMoons(n: number, o: { noise: number; seed: number }): Dataset {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const points: [number, number, number][] = [
    ...linspace(0, Math.PI, nOut, true).map((t): [number, number, number] => [Math.cos(t), Math.sin(t), 0]),
    ...linspace(0, Math.PI, nIn, true).map((t): [number, number, number] => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5, 1]),
  ];
  return finish(points, o.noise, mulberry32(o.seed));
}

/** The four corners of the unit square in turn, labelled x₁ XOR x₂. */
export function makeXor(n: number, o: { noise: number; seed: number }): Dataset {
  const points = Array.from({ length: n }, (_, i): [number, number, number] => {
    const a = (i >> 1) & 1;
    const b = i & 1;
    return [a, b, a ^ b];
  });
  return finish(points, o.noise, mulberry32(o.seed));
}

/** A decimal number as a CSV holds it: 3, -0.5, 1e-3; never 0x10, 0b1, Infinity or an empty field. */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Fields shown in a message: at most this many characters. */
const SHOWN = 24;

/** One CSV field as a number, or a UserError naming the 1-based line and column. */
function parseField(path: string, line: number, col: number, text: string): number {
  const s = text.trim();
  const v = DECIMAL.test(s) ? Number(s) : Number.NaN;
  if (!Number.isFinite(v)) {
    const shown = s.length > SHOWN ? `${s.slice(0, SHOWN)}…` : s;
    throw new UserError(oneLine(`${path}:${line}: column ${col} "${visible(shown)}" is not a decimal number`));
  }
  return v;
}

/** Rows of a CSV data set, as many as a generated set may have (MAX_SAMPLES). */
export const MAX_CSV_ROWS = 1_000_000;

/** The columns of a CSV: its header names and its rows of numbers (row-major), each row's line. */
export interface CsvTable {
  /** The header's 1-based line. */
  readonly headerLine: number;
  readonly header: readonly string[];
  readonly values: Float64Array;
  readonly lines: Int32Array;
}

/** A header row, then numeric rows; the last column is the target. Blank lines are skipped. */
export function readCsv(path: string): Dataset {
  const table = readCsvTable(path);
  const cols = table.header.length;
  if (cols < 2) throw new UserError(oneLine(`${inputName(path)}:${table.headerLine}: need at least one input column and the target column`));
  const n = table.lines.length;
  const inputs = cols - 1;
  const X = new Float64Array(n * inputs);
  const Y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    X.set(table.values.subarray(r * cols, r * cols + inputs), r * inputs);
    Y[r] = table.values[r * cols + inputs]!;
  }
  return { X, Y, n, inputs, outputs: 1, lines: table.lines };
}

/** A CSV's header and numbers, every field checked (decimal numbers only), with the line of each row. */
export function readCsvTable(path: string): CsvTable {
  const name = inputName(path);
  const text = readInputFile(path, 'the CSV file', MAX_CSV_BYTES);
  // Line by line over the text (no array of every line) into typed arrays that grow by
  // doubling: a 200 MB file held 1.7 GB as strings and a number[]. Lone CRs end lines too.
  let at = 0;
  let line = 0;
  const nextLine = (): string | undefined => {
    if (at > text.length) return undefined;
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const raw = text.slice(at, end);
    at = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
    return raw;
  };
  let headerText: string | undefined;
  while ((headerText = nextLine()) !== undefined && headerText.trim() === '');
  if (headerText === undefined) throw new UserError(oneLine(`${name}: the file is empty`));
  const headerLine = line;
  const header = headerText.split(',');
  const cols = header.length;
  if (header.every((f) => DECIMAL.test(f.trim()))) {
    throw new UserError(oneLine(`${name}:${headerLine}: the first row is all numbers; it must be a header naming the columns (e.g. x1,x2,y)`));
  }
  let values = new Float64Array(cols * 1024);
  let rowLines = new Int32Array(1024);
  let rows = 0;
  for (let raw = nextLine(); raw !== undefined; raw = nextLine()) {
    if (raw.trim() === '') continue;
    const fields = raw.split(',');
    if (fields.length !== cols) throw new UserError(oneLine(`${name}:${line}: ${fields.length} columns, the header has ${cols}`));
    if (rows === MAX_CSV_ROWS) throw new UserError(oneLine(`${name}:${line}: more than ${MAX_CSV_ROWS} rows (the limit)`));
    if (rows === rowLines.length) {
      const grownValues = new Float64Array(values.length * 2);
      grownValues.set(values);
      values = grownValues;
      const grownLines = new Int32Array(rowLines.length * 2);
      grownLines.set(rowLines);
      rowLines = grownLines;
    }
    for (let c = 0; c < cols; c++) values[rows * cols + c] = parseField(name, line, c + 1, fields[c]!);
    rowLines[rows++] = line;
  }
  if (rows === 0) throw new UserError(oneLine(`${name}:${headerLine}: a header but no data rows`));
  return { headerLine, header: header.map((h) => h.trim()), values: values.slice(0, rows * cols), lines: rowLines.slice(0, rows) };
}

/** The examples at `rows`, in that order. */
function subset(d: Dataset, rows: ArrayLike<number>): Dataset {
  const X = new Float64Array(rows.length * d.inputs);
  const Y = new Float64Array(rows.length * d.outputs);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r]!;
    X.set(d.X.subarray(src * d.inputs, (src + 1) * d.inputs), r * d.inputs);
    Y.set(d.Y.subarray(src * d.outputs, (src + 1) * d.outputs), r * d.outputs);
  }
  return { X, Y, n: rows.length, inputs: d.inputs, outputs: d.outputs };
}

/** A shuffled split; the test part has round(n · testFraction) examples. */
export function trainTestSplit(d: Dataset, testFraction: number, seed: number): { train: Dataset; test: Dataset } {
  if (!(testFraction >= 0 && testFraction < 1)) throw new UserError(`test split ${testFraction} must be in [0, 1)`);
  const order = Int32Array.from({ length: d.n }, (_, i) => i);
  shuffleInPlace(order, mulberry32(seed));
  const nTest = Math.round(d.n * testFraction);
  return { train: subset(d, order.subarray(nTest)), test: subset(d, order.subarray(0, nTest)) };
}

/** Per input column mean and population standard deviation (ddof 0, as StandardScaler); a constant column gets std 1. */
export function fitStandardizer(d: Dataset): Standardizer {
  const mean = new Float64Array(d.inputs);
  const std = new Float64Array(d.inputs);
  for (let e = 0; e < d.n; e++) for (let j = 0; j < d.inputs; j++) mean[j]! += d.X[e * d.inputs + j]! / d.n;
  for (let e = 0; e < d.n; e++) for (let j = 0; j < d.inputs; j++) std[j]! += (d.X[e * d.inputs + j]! - mean[j]!) ** 2 / d.n;
  for (let j = 0; j < d.inputs; j++) std[j] = std[j]! > 1e-24 ? Math.sqrt(std[j]!) : 1;
  return { mean, std };
}

/** A new Dataset with x ← (x − mean) / std per column; Y is shared. */
export function standardize(d: Dataset, s: Standardizer): Dataset {
  const X = new Float64Array(d.X.length);
  for (let i = 0; i < X.length; i++) {
    const j = i % d.inputs;
    X[i] = (d.X[i]! - s.mean[j]!) / s.std[j]!;
  }
  return { ...d, X };
}

/** Class indices (n × 1) to n × classes one-hot rows, the targets of a softmax network; the indices are checked already. */
export function oneHot(d: Dataset, classes: number): Dataset {
  if (d.outputs !== 1) throw new Error(`oneHot needs one target column, got ${d.outputs}`);
  const Y = new Float64Array(d.n * classes);
  for (let e = 0; e < d.n; e++) {
    const k = d.Y[e]!;
    if (!Number.isInteger(k) || k < 0 || k >= classes) throw new Error(`oneHot: example ${e + 1}: target ${k} is not in 0..${classes - 1}`);
    Y[e * classes + k] = 1;
  }
  return { ...d, Y, outputs: classes };
}
