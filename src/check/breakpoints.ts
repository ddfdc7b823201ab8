// Breakpoints of piecewise functions: where an argument of relu, abs, step, sign or the leaky
// ReLU changes sign, a claim may change formula (2x + relu(x − 4) is 2x only for x < 4). From
// a few base points, each coordinate is scanned over every scale (±10^(k/3), 1e-3 up to the
// model's largest scale) with the others held; a sign change of a kink argument between two
// grid values is narrowed by bisection to a root, and the probes are placed on both sides of
// it at a few distances, never on it (a removable singularity may sit exactly there).
import type { Spend } from './budget.ts';

/** Relative distances of the probes from a breakpoint, on each side. */
export const OFFSETS = [1e-9, 1e-5, 1e-2];
/** Smallest magnitude scanned (and the unit of the offsets near 0). */
export const SCAN_MIN = 1e-3;
/** Coordinates scanned per base point: beyond, every k-th (a different selection per base point). */
export const MAX_SCANNED = 40;
const BISECTIONS = 60;

export interface KinkScan {
  readonly bases: readonly Float64Array[];
  readonly scannable: readonly boolean[];
  /** The kink arguments at x in floats, in priority order (NaN where undefined). */
  values(x: Float64Array, work: Spend): ArrayLike<number>;
  /** |coordinate| scanned up to this. */
  readonly scale: number;
  /** Roots wanted in all: one per kink argument in turn, then a second, … */
  readonly roots: number;
}

/** A point on a kink (coordinate `coordinate` moved to the root of kink argument `kink`). */
export interface Breakpoint {
  readonly x: Float64Array;
  readonly coordinate: number;
  readonly kink: number;
}

interface Bracket {
  readonly base: Float64Array;
  readonly coordinate: number;
  readonly kink: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Kinks are looked for up to here, far beyond the scale the probes are drawn at: a claim
 * such as 2x + relu(x − 1000) differs from the truth only past 1000, and the scan is cheap
 * (kink arguments in floats).
 */
export const SCAN_MAX = 1e12;

/** ±10^(k/3) from SCAN_MIN to SCAN_MAX (and `scale` itself), ascending. */
export function scanGrid(scale: number): number[] {
  const top = Math.max(scale, SCAN_MAX);
  const magnitudes: number[] = [];
  for (let k = -9; 10 ** (k / 3) < top; k++) magnitudes.push(10 ** (k / 3));
  magnitudes.push(top);
  if (!magnitudes.includes(scale)) magnitudes.push(scale);
  magnitudes.sort((p, q) => p - q);
  return [...magnitudes.map((m) => -m).reverse(), ...magnitudes];
}

const moved = (x: Float64Array, i: number, v: number): Float64Array => {
  const y = Float64Array.from(x);
  y[i] = v;
  return y;
};

/** The coordinates scanned from base number b: all of them, or every k-th from an offset b. */
function scanned(scannable: readonly boolean[], b: number): number[] {
  const all = scannable.flatMap((s, i) => (s ? [i] : []));
  if (all.length <= MAX_SCANNED) return all;
  const stride = Math.ceil(all.length / MAX_SCANNED);
  return all.filter((_, j) => j % stride === b % stride);
}

function brackets(scan: KinkScan, work: Spend): Bracket[][] {
  const grid = scanGrid(scan.scale);
  const byKink: Bracket[][] = [];
  scan.bases.forEach((base, b) => {
    for (const c of scanned(scan.scannable, b)) {
      const line = [...grid, base[c]!].sort((p, q) => p - q);
      let previous: ArrayLike<number> | undefined;
      line.forEach((v, g) => {
        const values = scan.values(moved(base, c, v), work);
        for (let k = 0; k < values.length; k++) {
          // A grid value exactly on the kink (relu(x − 100) at 100) is a root in itself.
          if (values[k] === 0) (byKink[k] ??= []).push({ base, coordinate: c, kink: k, lo: v, hi: v });
          else if (previous && Math.sign(previous[k]!) * Math.sign(values[k]!) < 0) (byKink[k] ??= []).push({ base, coordinate: c, kink: k, lo: line[g - 1]!, hi: v });
        }
        previous = values;
      });
    }
  });
  return byKink;
}

/** Narrow a sign change of kink argument `kink` on [lo, hi] to a root. */
function bisect(scan: KinkScan, br: Bracket, work: Spend): Breakpoint {
  let { lo, hi } = br;
  const at = (v: number): number => scan.values(moved(br.base, br.coordinate, v), work)[br.kink]!;
  const loSign = Math.sign(at(lo));
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (Math.sign(at(mid)) === loSign) lo = mid;
    else hi = mid;
  }
  return { x: moved(br.base, br.coordinate, lo + (hi - lo) / 2), coordinate: br.coordinate, kink: br.kink };
}

/** Up to `scan.roots` breakpoints: one per kink argument in priority order, then a second per argument, … each on another coordinate where it can. */
export function findBreakpoints(scan: KinkScan, work: Spend): Breakpoint[] {
  if (scan.roots <= 0 || scan.bases.length === 0) return [];
  const byKink = brackets(scan, work);
  // Array.from, not map: a kink without any sign change is a hole in byKink, and map keeps holes.
  const order = Array.from(byKink, (list) => spread(list ?? []));
  const found: Breakpoint[] = [];
  for (let pass = 0; found.length < scan.roots && order.some((l) => l.length > pass); pass++) {
    for (const list of order) {
      const br = list[pass];
      if (br && found.length < scan.roots) found.push(bisect(scan, br, work));
    }
  }
  return found;
}

/** Brackets of one kink argument, one per coordinate first, then the others. */
function spread(list: readonly Bracket[]): Bracket[] {
  const seen = new Set<number>();
  const first = list.filter((b) => !seen.has(b.coordinate) && seen.add(b.coordinate));
  return [...first, ...list.filter((b) => !first.includes(b))];
}

/** Probe points beside a breakpoint: both sides, at each of OFFSETS relative to max(|root|, SCAN_MIN·10). */
export function besides(bp: Breakpoint): Float64Array[] {
  const root = bp.x[bp.coordinate]!;
  const unit = Math.max(Math.abs(root), SCAN_MIN * 10);
  return OFFSETS.flatMap((d) => [moved(bp.x, bp.coordinate, root - d * unit), moved(bp.x, bp.coordinate, root + d * unit)]);
}
