// The network diagram of the sheet: layers of units left to right, edges between consecutive
// layers, unit names inside the units (the Master 1 course: x_j, h_i^k; CSI 4106: a_i^k, ŷ), weight names
// on the edges of small layer pairs (w_ij^k links unit j of layer k−1 to unit i of layer k),
// and under each layer its activation and size. Big layers show their first units, ⋮, and the
// last unit, so [784,128,10] is as tall as a small network.
import { networkNames } from '../../network/names.ts';
import { layerSizes, type NetworkSpec } from '../../network/spec.ts';
import { drawingSvg } from './drawing-svg.ts';
import { boxesOverlap, boxMeetsCircle, circle, line, text, textBox, type Box, type Drawing, type Shape, type TextShape } from './drawing.ts';
import { activationLabel, sub, symbol, textWidth } from './text.ts';

/** The words of the diagram, from the sheet's message catalog. */
export interface DiagramLabels {
  readonly input: string;
  readonly output: string;
  /** The header of layer k ≥ 1: "layer 2", "couche 2". */
  readonly layer: (k: number) => string;
  /** The size of a layer: "784 units", "784 unités". */
  readonly units: (n: number) => string;
  /** The figure's title, "NAME: what" (French puts a space before the colon); default English. */
  readonly titled?: (name: string, what: string) => string;
}

/** Layers with more units than this are drawn cut: the first HEAD units, ⋮, the last. */
const MAX_DRAWN = 12;
const HEAD = 4;
/**
 * A pair's weights are named (w_ij^k on each edge) only when both its layers have at most
 * this many units; wider pairs get their matrix label alone. At 4 × 4 (circles) the labels
 * of the crossing edges crowd the middle and those of one source stack against its unit, so
 * which edge a label names is no longer clear; 3 × 3 is the densest pair that stays readable.
 */
const NAMED_WIDTH = 3;

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

/** Are the weights of the pair (k−1, k) named? Only if both layers are narrow (NAMED_WIDTH). */
function namesEdges(sizes: readonly number[], k: number): boolean {
  return sizes[k - 1]! <= NAMED_WIDTH && sizes[k]! <= NAMED_WIDTH;
}

/**
 * Named edges get a wider gap so their staggered labels fit between the columns; any gap
 * leaves room for the two columns' header and footer lines (a long "leaky ReLU, α = 0.01").
 */
function gapBefore(spec: NetworkSpec, k: number, labels: DiagramLabels): number {
  const sizes = layerSizes(spec);
  const edges = namesEdges(sizes, k) ? 120 + 14 * sizes[k - 1]! : 120;
  return Math.max(edges, halfWidth(spec, k - 1, labels) + halfWidth(spec, k, labels) + 12);
}

function columnsOf(spec: NetworkSpec, labels: DiagramLabels): Column[] {
  const sizes = layerSizes(spec);
  const tallest = Math.max(...sizes.map((n) => slotsOf(n).length));
  const columns: Column[] = [];
  let x = halfWidth(spec, 0, labels) + 12;
  sizes.forEach((n, k) => {
    if (k > 0) x += gapBefore(spec, k, labels);
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

function drawColumn(spec: NetworkSpec, c: Column): Shape[] {
  const out: Shape[] = [];
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
function drawEdges(from: Column, to: Column): Shape[] {
  const out: Shape[] = [];
  for (const a of units(from)) {
    for (const b of units(to)) {
      const len = Math.hypot(to.x - from.x, b.y - a.y);
      const [ux, uy] = [(to.x - from.x) / len, (b.y - a.y) / len];
      out.push(line(from.x + ux * R, a.y + uy * R, to.x - ux * R, b.y - uy * R, { width: 0.9, light: true }));
    }
  }
  return out;
}

const LABEL_SIZE = 12;

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
 * w_ij^k on each edge, each placed at the first candidate position whose box (textBox, halo
 * included) meets no label placed before it and no unit (greedy, in a fixed order, so
 * deterministic). Undefined when some label finds no free place: the pair then keeps only
 * its matrix label.
 */
function edgeLabels(spec: NetworkSpec, from: Column, to: Column): TextShape[] | undefined {
  const names = networkNames(spec);
  const sources = units(from);
  const unitCircles = [from, to].flatMap((c) => units(c).map((u) => circle(c.x, u.y, R)));
  const placed: Box[] = [];
  const out: TextShape[] = [];
  for (const [s, a] of sources.entries()) {
    for (const b of units(to)) {
      const label = symbol(names.weight(to.k, b.i, a.i));
      const at = (t: number): TextShape => text(from.x + t * (to.x - from.x), a.y + t * (b.y - a.y), label, { size: LABEL_SIZE, halo: true });
      const free = (box: Box): boolean => !placed.some((p) => boxesOverlap(box, p)) && !unitCircles.some((c) => boxMeetsCircle(box, c));
      const shape = candidates(s, sources.length).map(at).find((t) => free(textBox(t)));
      if (!shape) return undefined;
      placed.push(textBox(shape));
      out.push(shape);
    }
  }
  return out;
}

/** The pair's matrix and its shape, "W₁ (128 × 784)", above the edges; the only label of a big pair. */
function matrixLabel(from: Column, to: Column): Shape {
  return text((from.x + to.x) / 2, PAIR_Y, `W${sub(to.k)} (${to.n} × ${from.n})`, { size: 13, halo: true });
}

/** Header and footer lines of a column, so the outer columns can get the margin they need. */
function columnLines(spec: NetworkSpec, k: number, labels: DiagramLabels): string[] {
  const layer = spec.layers[k - 1];
  const header = k === 0 ? labels.input : labels.layer(k);
  const output = k === spec.layers.length ? [`(${labels.output})`] : [];
  return [header, ...output, labels.units(layerSizes(spec)[k]!), ...(layer ? [activationLabel(layer)] : [])];
}

/** Half the width of a column: its widest line (bold headers run ~10% wider) or the unit. */
function halfWidth(spec: NetworkSpec, k: number, labels: DiagramLabels): number {
  return Math.max(R, ...columnLines(spec, k, labels).map((s) => 0.55 * textWidth(s, 14)));
}

function headers(spec: NetworkSpec, c: Column, labels: DiagramLabels): Shape[] {
  const last = c.k === spec.layers.length;
  const out = [text(c.x, HEADER_Y, c.k === 0 ? labels.input : labels.layer(c.k), { size: 14, bold: true })];
  if (last) out.push(text(c.x, HEADER_Y + 18, `(${labels.output})`, { size: 13, italic: true }));
  return out;
}

function footers(spec: NetworkSpec, c: Column, bottom: number, labels: DiagramLabels): Shape[] {
  const layer = spec.layers[c.k - 1];
  const out = [text(c.x, bottom + 36, labels.units(c.n), { size: 12 })];
  if (layer) out.push(text(c.x, bottom + 16, activationLabel(layer), { size: 14 }));
  return out;
}

/** The network diagram's geometry (see the file comment). Deterministic. */
export function networkDrawing(spec: NetworkSpec, labels: DiagramLabels): Drawing {
  const sizes = layerSizes(spec);
  const columns = columnsOf(spec, labels);
  const tallest = Math.max(...columns.map((c) => c.slots.length));
  const bottom = UNITS_TOP + (tallest - 1) * PITCH + R;
  const edges: Shape[] = [];
  const edgeText: Shape[] = [];
  for (let k = 1; k < columns.length; k++) {
    const [from, to] = [columns[k - 1]!, columns[k]!];
    edges.push(...drawEdges(from, to));
    // A scalar pair (CSI 4106's w_k) has its one edge named; "(1 × 1)" would add nothing.
    if (from.n * to.n > 1) edgeText.push(matrixLabel(from, to));
    if (namesEdges(sizes, k)) edgeText.push(...(edgeLabels(spec, from, to) ?? []));
  }
  const shapes = [
    ...edges,
    ...columns.flatMap((c) => drawColumn(spec, c)),
    ...edgeText,
    ...columns.flatMap((c) => [...headers(spec, c, labels), ...footers(spec, c, bottom, labels)]),
  ];
  const width = columns[columns.length - 1]!.x + halfWidth(spec, spec.layers.length, labels) + 12;
  return { width, height: bottom + FOOTER, title: (labels.titled ?? ((n: string, w: string) => `${n}: ${w}`))(spec.name, sizes.join(' → ')), shapes };
}

/** The network as an inline SVG. Deterministic; all text escaped. */
export const networkDiagram = (spec: NetworkSpec, labels: DiagramLabels): string => drawingSvg(networkDrawing(spec, labels));
