// The classifier's output over the (standardised) input plane: a heat map of the output in
// bands, the ŷ = 0.5 contour, and the training and test points coloured by class. For several
// classes (softmax), each cell tinted by its argmax class. For a regression network, the heat
// map alone with its colour scale.
import { circle, INK, line, rect, text } from '../sheet/svg/draw.ts';
import { num } from '../sheet/svg/text.ts';
import { axes, chart, legend, type Box, type LegendEntry, localTicks } from './chart.ts';
import { classColour, probabilityColour, regionColour, sequentialColour } from './colour.ts';
import { marchingSquares, type Samples } from './contour.ts';
import { extent, linear, linearTicks, tickLabel, niceStep, type Range } from './scale.ts';

/** Samples at the centres of nx × ny equal cells over x × y; values[j·nx + i] is cell (i, j), j = 0 at y.min. */
export interface Grid extends Samples {
  readonly x: Range;
  readonly y: Range;
}

/** n points: X is n × 2 row-major, Y the n targets (a class index for classifiers). */
export interface PointSet {
  readonly X: ArrayLike<number>;
  readonly Y: ArrayLike<number>;
}

export interface BoundaryLabels {
  readonly x: string;
  readonly y: string;
  readonly train: (cls: number) => string;
  readonly test: (cls: number) => string;
  readonly boundary: string;
  /** Several classes: one legend row per class, then the two point shapes. */
  readonly classLabel: (cls: number) => string;
  readonly trainSet: string;
  readonly testSet: string;
}

export interface BoundaryPlot {
  /** How a decimal number is written (French: a comma); as is when absent. */
  readonly decimal?: (s: string) => string;
  readonly title: string;
  readonly kind: 'binary' | 'multiclass' | 'regression';
  /** Grid values: ŷ for binary and regression, the argmax class index for multiclass. */
  readonly grid: Grid;
  /** Number of classes (multiclass). */
  readonly classes?: number;
  readonly train: PointSet;
  readonly test: PointSet;
  readonly labels: BoundaryLabels;
}

const [WIDTH, HEIGHT] = [680, 500];
const FRAME: Box = { left: 80, top: 36, width: 400, height: 400 };
const LEGEND_X = FRAME.left + FRAME.width + 16;
/** A scale factor with enough digits for 400 px over many cells, and stable bytes. */
const fixed = (v: number): string => String(Number(v.toFixed(4)));

/**
 * One <rect> per run of equal colour along a row, in cell units inside a scaled group (row 0 at
 * the top, i.e. y.max), so the file stays small and a cell's colour is easy to look up.
 */
function heatMap(g: Grid, colour: (v: number) => string): string[] {
  const [cw, ch] = [FRAME.width / g.nx, FRAME.height / g.ny];
  const out = [`<g class="heatmap" transform="translate(${num(FRAME.left)} ${num(FRAME.top)}) scale(${fixed(cw)} ${fixed(ch)})" shape-rendering="crispEdges">`];
  for (let j = g.ny - 1; j >= 0; j--) {
    const row = g.ny - 1 - j;
    for (let i = 0; i < g.nx; ) {
      const fill = colour(g.values[j * g.nx + i]!);
      let end = i + 1;
      while (end < g.nx && colour(g.values[j * g.nx + end]!) === fill) end++;
      out.push(`<rect x="${i}" y="${row}" width="${end - i}" height="1" fill="${fill}"/>`);
      i = end;
    }
  }
  return [...out, '</g>'];
}

/** The ŷ = 0.5 level set as one path, from grid coordinates (sample i at cell centre i + ½) to pixels. */
function contour(g: Grid): string {
  const px = (i: number): number => FRAME.left + ((i + 0.5) / g.nx) * FRAME.width;
  const py = (j: number): number => FRAME.top + FRAME.height - ((j + 0.5) / g.ny) * FRAME.height;
  const d = marchingSquares(g, 0.5).map(([[x1, y1], [x2, y2]]) => `M${num(px(x1))} ${num(py(y1))}L${num(px(x2))} ${num(py(y2))}`);
  return d.length ? `<path class="contour" d="${d.join('')}" fill="none" stroke="${INK}" stroke-width="2" stroke-linecap="round"/>` : '';
}

type Marker = (x: number, y: number, colour: string) => string;
const trainMarker: Marker = (x, y, colour) => circle(x, y, 3.5, { fill: colour, colour: '#fff', width: 0.8 });
const testMarker: Marker = (x, y, colour) => {
  const r = 4.5;
  const pts = [[x, y - r], [x + r, y], [x, y + r], [x - r, y]].map(([a, b]) => `${num(a!)},${num(b!)}`).join(' ');
  return `<polygon points="${pts}" fill="#fff" stroke="${colour}" stroke-width="1.8"/>`;
};

/** The class of a target: 0/1 for binary (a target above 0.5 is class 1), the index itself for multiclass. */
const classOf = (p: BoundaryPlot, y: number): number => (p.kind === 'binary' ? (y > 0.5 ? 1 : 0) : y);

function points(p: BoundaryPlot, set: PointSet, cls: string, marker: Marker): string[] {
  const mx = linear(p.grid.x, { min: FRAME.left, max: FRAME.left + FRAME.width });
  const my = linear(p.grid.y, { min: FRAME.top + FRAME.height, max: FRAME.top });
  const classes = p.classes ?? 2;
  const out = [`<g class="${cls}">`];
  for (let e = 0; e < set.Y.length; e++) out.push(marker(mx(set.X[2 * e]!), my(set.X[2 * e + 1]!), classColour(classOf(p, set.Y[e]!), classes)));
  return [...out, '</g>'];
}

/** A vertical bar of the bands, lowest value at the bottom, labelled with the range. */
function colourBar(values: Range): string[] {
  const [x, top, h, bands] = [LEGEND_X + 4, FRAME.top + 20, 200, 10];
  const out = Array.from({ length: bands }, (_, k) => `<rect x="${num(x)}" y="${num(top + ((bands - 1 - k) * h) / bands)}" width="18" height="${num(h / bands)}" fill="${sequentialColour((k + 0.5) / bands)}"/>`);
  const step = niceStep(values.max - values.min, 50);
  out.push(text(x + 24, top + h, tickLabel(values.min, step), { size: 12, anchor: 'start' }), text(x + 24, top, tickLabel(values.max, step), { size: 12, anchor: 'start' }));
  return out;
}

/** Test rows only when there is a test set (--test-split 0 has none). */
function binaryLegend(p: BoundaryPlot): LegendEntry[] {
  const { labels } = p;
  const colour = (c: number): string => classColour(c, 2);
  return [
    ...[0, 1].map((c) => ({ label: labels.train(c), swatch: (x: number, y: number) => trainMarker(x, y, colour(c)) })),
    ...(p.test.Y.length ? [0, 1] : []).map((c) => ({ label: labels.test(c), swatch: (x: number, y: number) => testMarker(x, y, colour(c)) })),
    { label: labels.boundary, swatch: (x: number, y: number) => line(x - 9, y, x + 9, y, { width: 2 }) },
  ];
}

/** One row per class (its region's tint around its colour), then what the two shapes mean. */
function classLegend(p: BoundaryPlot, classes: number): LegendEntry[] {
  const { labels } = p;
  const swatch = (c: number) => (x: number, y: number) => rect(x - 9, y - 7, 18, 14, { fill: regionColour(c, classes), colour: classColour(c, classes), width: 1 }) + trainMarker(x, y, classColour(c, classes));
  return [
    ...Array.from({ length: classes }, (_, c) => ({ label: labels.classLabel(c), swatch: swatch(c) })),
    { label: labels.trainSet, swatch: (x: number, y: number) => trainMarker(x, y, INK) },
    ...(p.test.Y.length ? [{ label: labels.testSet, swatch: (x: number, y: number) => testMarker(x, y, INK) }] : []),
  ];
}

export function decisionBoundarySvg(p: BoundaryPlot): string {
  const { grid } = p;
  const x = { label: p.labels.x, ticks: localTicks(linearTicks(grid.x, 5), p.decimal), map: linear(grid.x, { min: FRAME.left, max: FRAME.left + FRAME.width }) };
  const y = { label: p.labels.y, ticks: localTicks(linearTicks(grid.y, 5), p.decimal), map: linear(grid.y, { min: FRAME.top + FRAME.height, max: FRAME.top }) };
  if (p.kind === 'regression') {
    const range = extent(Array.from(grid.values)) ?? { min: 0, max: 1 };
    const unit = linear(range, { min: 0, max: 1 });
    return chart(WIDTH, HEIGHT, p.title, [...heatMap(grid, (v) => sequentialColour(unit(v))), ...axes(FRAME, x, y, false), ...colourBar(range)]);
  }
  const classes = p.classes ?? 2;
  const multiclass = p.kind === 'multiclass';
  const body = [
    ...heatMap(grid, multiclass ? (c) => regionColour(c, classes) : probabilityColour),
    ...axes(FRAME, x, y, false),
    multiclass ? '' : contour(grid),
    ...points(p, p.train, 'train', trainMarker),
    ...points(p, p.test, 'test', testMarker),
    ...legend(LEGEND_X, FRAME.top + 10, multiclass ? classLegend(p, classes) : binaryLegend(p)),
  ];
  return chart(WIDTH, HEIGHT, p.title, body.filter((s) => s !== ''));
}
