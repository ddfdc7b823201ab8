// The network diagram of the sheet: layers of units left to right, edges between consecutive
// layers, unit names inside the units (the Master 1 course: x_j, h_i^k; CSI 4106: a_i^k, ŷ), weight names
// on the edges of small layer pairs (w_ij^k links unit j of layer k−1 to unit i of layer k),
// and under each layer its activation and size. Big layers show their first units, ⋮, and the
// last unit, so [784,128,10] is as tall as a small network.
import { networkNames } from '../../network/names.ts';
import { layerSizes, type NetworkSpec } from '../../network/spec.ts';
import { circle, line, svgDocument, text } from './draw.ts';
import { activationLabel, sub, symbol, textWidth } from './text.ts';

/** The words of the diagram, from the sheet's message catalog. */
export interface DiagramLabels {
  readonly input: string;
  readonly output: string;
  /** The header of layer k ≥ 1: "layer 2", "couche 2". */
  readonly layer: (k: number) => string;
  /** The size of a layer: "784 units", "784 unités". */
  readonly units: (n: number) => string;
}

/** Layers with more units than this are drawn cut: the first HEAD units, ⋮, the last. */
const MAX_DRAWN = 12;
const HEAD = 4;
/** Over this many edges in a layer pair, its weights are not named: the matrix label alone. */
const EDGE_LABEL_LIMIT = 24;

const R = 20;
const PITCH = 56;
const HEADER_Y = 22;
const PAIR_Y = 62;
const UNITS_TOP = 84 + R;
const FOOTER = 56;

/** A drawn position in a column: unit i (1-based) or the ellipsis. */
type Slot = number | 'ellipsis';

interface Column {
  readonly k: number;
  readonly n: number;
  readonly x: number;
  readonly slots: readonly Slot[];
  /** The centre y of each slot. */
  readonly ys: readonly number[];
}

function slotsOf(n: number): Slot[] {
  if (n <= MAX_DRAWN) return Array.from({ length: n }, (_, i) => i + 1);
  return [...Array.from({ length: HEAD }, (_, i) => i + 1), 'ellipsis', n];
}

/** Are the weights of the pair (k−1, k) named? Only if few, and both layers are drawn in full. */
function namesEdges(sizes: readonly number[], k: number): boolean {
  const [a, b] = [sizes[k - 1]!, sizes[k]!];
  return a * b <= EDGE_LABEL_LIMIT && a <= MAX_DRAWN && b <= MAX_DRAWN;
}

/** Named edges get a wider gap so their staggered labels fit between the columns. */
function gapBefore(sizes: readonly number[], k: number): number {
  return namesEdges(sizes, k) ? 120 + 14 * Math.min(sizes[k - 1]!, 4) : 120;
}

function columnsOf(sizes: readonly number[], left: number): Column[] {
  const tallest = Math.max(...sizes.map((n) => slotsOf(n).length));
  const columns: Column[] = [];
  let x = left;
  sizes.forEach((n, k) => {
    if (k > 0) x += gapBefore(sizes, k);
    const slots = slotsOf(n);
    const top = UNITS_TOP + ((tallest - slots.length) * PITCH) / 2;
    columns.push({ k, n, x, slots, ys: slots.map((_, i) => top + i * PITCH) });
  });
  return columns;
}

/** The units of one column, as drawn units only (the ellipsis slot has no edges). */
function units(c: Column): { readonly i: number; readonly y: number }[] {
  return c.slots.flatMap((s, idx) => (s === 'ellipsis' ? [] : [{ i: s, y: c.ys[idx]! }]));
}

function unitName(spec: NetworkSpec, k: number, i: number): string {
  const names = networkNames(spec);
  return symbol(k === 0 ? names.input(i) : names.act(k, i));
}

function drawColumn(spec: NetworkSpec, c: Column): string[] {
  const out: string[] = [];
  c.slots.forEach((s, idx) => {
    const y = c.ys[idx]!;
    if (s === 'ellipsis') {
      out.push(text(c.x, y, '⋮', { size: 24, bold: true }));
      return;
    }
    const label = unitName(spec, c.k, s);
    // Shrink long names (h¹₁₂₈) to fit inside the circle rather than spill over the edges.
    const size = Math.min(14, (14 * (2 * R - 8)) / Math.max(textWidth(label, 14), 1));
    out.push(circle(c.x, y, R, { width: 1.6 }), text(c.x, y, label, { size }));
  });
  return out;
}

/** Every drawn edge; edges from a cut layer start at its drawn units only. */
function drawEdges(from: Column, to: Column): string[] {
  const out: string[] = [];
  for (const a of units(from)) {
    for (const b of units(to)) {
      const len = Math.hypot(to.x - from.x, b.y - a.y);
      const [ux, uy] = [(to.x - from.x) / len, (b.y - a.y) / len];
      out.push(line(from.x + ux * R, a.y + uy * R, to.x - ux * R, b.y - uy * R, { width: 0.9, colour: '#444' }));
    }
  }
  return out;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

const LABEL_SIZE = 12;
const LABEL_H = 15;

const overlaps = (a: Box, b: Box): boolean => Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < LABEL_H;

/**
 * Where along its edge a label may sit, best first. Edges sharing a source fan out and edges
 * sharing a target converge, so the preferred fraction t grows with the source index (labels
 * of different sources are staggered in x); the others move away from it step by step.
 */
function candidates(s: number, sources: number): number[] {
  const preferred = sources === 1 ? 0.5 : 0.28 + (0.44 * s) / (sources - 1);
  const out = [preferred];
  for (let step = 1; step < 20; step++) out.push(preferred - 0.03 * step, preferred + 0.03 * step);
  return out.filter((t) => t >= 0.24 && t <= 0.76);
}

/**
 * w_ij^k on each edge, each placed at the first candidate position that overlaps no label
 * placed before it (greedy, in a fixed order, so deterministic). Undefined when some label
 * finds no free place: the pair then keeps only its matrix label.
 */
function edgeLabels(spec: NetworkSpec, from: Column, to: Column): string[] | undefined {
  const names = networkNames(spec);
  const sources = units(from);
  const placed: Box[] = [];
  const out: string[] = [];
  for (const [s, a] of sources.entries()) {
    for (const b of units(to)) {
      const label = symbol(names.weight(to.k, b.i, a.i));
      const w = textWidth(label, LABEL_SIZE) + 6;
      const at = (t: number): Box => ({ x: from.x + t * (to.x - from.x), y: a.y + t * (b.y - a.y), w });
      const box = candidates(s, sources.length).map(at).find((c) => !placed.some((p) => overlaps(c, p)));
      if (!box) return undefined;
      placed.push(box);
      out.push(text(box.x, box.y, label, { size: LABEL_SIZE, halo: true }));
    }
  }
  return out;
}

/** The pair's matrix and its shape, "W₁ (128 × 784)", above the edges; the only label of a big pair. */
function matrixLabel(from: Column, to: Column): string {
  return text((from.x + to.x) / 2, PAIR_Y, `W${sub(to.k)} (${to.n} × ${from.n})`, { size: 13, halo: true });
}

/** Header and footer lines of a column, so the outer columns can get the margin they need. */
function columnLines(spec: NetworkSpec, k: number, labels: DiagramLabels): string[] {
  const layer = spec.layers[k - 1];
  const header = k === 0 ? labels.input : labels.layer(k);
  const output = k === spec.layers.length ? [`(${labels.output})`] : [];
  return [header, ...output, labels.units(layerSizes(spec)[k]!), ...(layer ? [activationLabel(layer)] : [])];
}

/** Room beside an outer column: its widest line (bold headers run ~10% wider) or the unit. */
function margin(spec: NetworkSpec, k: number, labels: DiagramLabels): number {
  return Math.max(R, ...columnLines(spec, k, labels).map((s) => 0.55 * textWidth(s, 14))) + 12;
}

function headers(spec: NetworkSpec, c: Column, labels: DiagramLabels): string[] {
  const last = c.k === spec.layers.length;
  const out = [text(c.x, HEADER_Y, c.k === 0 ? labels.input : labels.layer(c.k), { size: 14, bold: true })];
  if (last) out.push(text(c.x, HEADER_Y + 18, `(${labels.output})`, { size: 13, italic: true }));
  return out;
}

function footers(spec: NetworkSpec, c: Column, bottom: number, labels: DiagramLabels): string[] {
  const layer = spec.layers[c.k - 1];
  const out = [text(c.x, bottom + 36, labels.units(c.n), { size: 12 })];
  if (layer) out.push(text(c.x, bottom + 16, activationLabel(layer), { size: 14 }));
  return out;
}

/** The network as an inline SVG (see the file comment). Deterministic; all text escaped. */
export function networkDiagram(spec: NetworkSpec, labels: DiagramLabels): string {
  const sizes = layerSizes(spec);
  const columns = columnsOf(sizes, margin(spec, 0, labels));
  const tallest = Math.max(...columns.map((c) => c.slots.length));
  const bottom = UNITS_TOP + (tallest - 1) * PITCH + R;
  const edges: string[] = [];
  const edgeText: string[] = [];
  for (let k = 1; k < columns.length; k++) {
    const [from, to] = [columns[k - 1]!, columns[k]!];
    edges.push(...drawEdges(from, to));
    // A scalar pair (CSI 4106's w_k) has its one edge named; "(1 × 1)" would add nothing.
    if (from.n * to.n > 1) edgeText.push(matrixLabel(from, to));
    if (namesEdges(sizes, k)) edgeText.push(...(edgeLabels(spec, from, to) ?? []));
  }
  const body = [
    ...edges,
    ...columns.flatMap((c) => drawColumn(spec, c)),
    ...edgeText,
    ...columns.flatMap((c) => [...headers(spec, c, labels), ...footers(spec, c, bottom, labels)]),
  ];
  const width = columns[columns.length - 1]!.x + margin(spec, spec.layers.length, labels);
  return svgDocument(width, bottom + FOOTER, `${spec.name}: ${sizes.join(' → ')}`, body);
}
