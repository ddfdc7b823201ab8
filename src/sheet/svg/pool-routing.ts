// The pooling picture of a convolutional sheet, from the worked example's numbers: on top, a
// corner of the pooling layer's input with its windows outlined and each window's maximum in
// bold on a tint, and the pooled values; below, the errors of those pooled values and where
// they go: to the maximum of each window (max-pooling), or shared out (average pooling).
// Bold and the outline carry the meaning; the tint is only a help on screen.
import { arrow, line, rect, text, type Drawing, type Shape } from './drawing.ts';
import { textWidth } from './text.ts';

export interface RoutingGrids {
  readonly kind: 'maxpool' | 'avgpool';
  readonly size: number;
  readonly stride: number;
  /** The corner of the input: rows × cols values (row-major), and ∂J/∂ of each. */
  readonly rows: number;
  readonly cols: number;
  readonly input: readonly number[];
  readonly inputGrad: readonly number[];
  /** The pooled values of the windows inside the corner (wr × wc) and their errors. */
  readonly windows: readonly [number, number];
  readonly output: readonly number[];
  readonly outputGrad: readonly number[];
}

export interface RoutingLabels {
  readonly title: string;
  readonly forward: string;
  readonly backward: string;
  /** Headings over the four grids. */
  readonly input: string;
  readonly output: string;
  readonly outputGrad: string;
  readonly inputGrad: string;
  readonly format: (v: number) => string;
}

const CELL = 46;
const FONT = 12;
const HEAD = 14;

/** The first maximum of each window in row-major order (TensorFlow.js's rule, and ours), as an index into the corner. */
export function windowArgmax(g: Pick<RoutingGrids, 'size' | 'stride' | 'cols' | 'input' | 'windows'>, wi: number, wj: number): number {
  let best = -1;
  for (let u = 0; u < g.size; u++) {
    for (let v = 0; v < g.size; v++) {
      const at = (wi * g.stride + u) * g.cols + wj * g.stride + v;
      if (best < 0 || g.input[at]! > g.input[best]!) best = at;
    }
  }
  return best;
}

function grid(x: number, y: number, rows: number, cols: number, values: readonly number[], labels: RoutingLabels, marked: ReadonlySet<number>): Shape[] {
  const out: Shape[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (marked.has(i)) out.push(rect(x + c * CELL + 3, y + r * CELL + 3, CELL - 6, CELL - 6, { fill: 'tint', width: 0.6, light: true }));
      out.push(text(x + (c + 0.5) * CELL, y + (r + 0.5) * CELL, labels.format(values[i]!), { size: FONT, bold: marked.has(i) }));
    }
  }
  for (let r = 0; r <= rows; r++) out.push(line(x, y + r * CELL, x + cols * CELL, y + r * CELL, { width: 0.8, light: true }));
  for (let c = 0; c <= cols; c++) out.push(line(x + c * CELL, y, x + c * CELL, y + rows * CELL, { width: 0.8, light: true }));
  return out;
}

/** The windows' outlines (thick), over a grid at (x, y). */
function windowOutlines(x: number, y: number, g: RoutingGrids): Shape[] {
  const out: Shape[] = [];
  const [wr, wc] = g.windows;
  for (let i = 0; i < wr; i++) {
    for (let j = 0; j < wc; j++) {
      const [left, top, side] = [x + j * g.stride * CELL, y + i * g.stride * CELL, g.size * CELL];
      const inset = g.stride < g.size ? 2 * ((i + j) % 2) : 0;
      out.push(rect(left + inset, top + inset, side - 2 * inset, side - 2 * inset, { width: 2.4, fill: 'paper', dashed: g.stride < g.size && (i + j) % 2 === 1 }));
    }
  }
  return out;
}

export function routingDrawing(g: RoutingGrids, labels: RoutingLabels): Drawing {
  const [wr, wc] = g.windows;
  const maxima = new Set<number>();
  if (g.kind === 'maxpool') for (let i = 0; i < wr; i++) for (let j = 0; j < wc; j++) maxima.add(windowArgmax(g, i, j));
  const gap = Math.max(110, textWidth(labels.forward, FONT) + 30, textWidth(labels.backward, FONT) + 30);
  const [left, right] = [12, 12 + g.cols * CELL + gap];
  const top1 = 12 + HEAD + 8;
  const top2 = top1 + g.rows * CELL + 16 + HEAD + 8;
  const out: Shape[] = [];
  // Outlines first (paper-filled), then the grids over them: the cell lines stay visible.
  out.push(...windowOutlines(left, top1, g));
  out.push(...grid(left, top1, g.rows, g.cols, g.input, labels, maxima));
  out.push(...grid(right, top1 + ((g.rows - wr) * CELL) / 2, wr, wc, g.output, labels, new Set()));
  out.push(...grid(right, top2 + ((g.rows - wr) * CELL) / 2, wr, wc, g.outputGrad, labels, new Set()));
  out.push(...windowOutlines(left, top2, g));
  out.push(...grid(left, top2, g.rows, g.cols, g.inputGrad, labels, maxima));
  const [mid1, mid2] = [top1 + (g.rows * CELL) / 2, top2 + (g.rows * CELL) / 2];
  const [a, b] = [left + g.cols * CELL + 8, right - 8];
  out.push(arrow(a, mid1, b, mid1), text((a + b) / 2, mid1 - 12, labels.forward, { size: FONT }));
  out.push(arrow(b, mid2, a, mid2, { dashed: true }), text((a + b) / 2, mid2 - 12, labels.backward, { size: FONT }));
  const head = (x: number, y: number, s: string): Shape => text(x, y - 8 - HEAD / 2, s, { size: HEAD - 1, anchor: 'start' });
  out.push(head(left, top1, labels.input), head(right, top1 + ((g.rows - wr) * CELL) / 2, labels.output));
  out.push(head(left, top2, labels.inputGrad), head(right, top2 + ((g.rows - wr) * CELL) / 2, labels.outputGrad));
  const width = Math.max(right + wc * CELL, right + Math.max(textWidth(labels.output, HEAD), textWidth(labels.outputGrad, HEAD))) + 12;
  return { width, height: top2 + g.rows * CELL + 12, title: labels.title, shapes: out };
}
