// The classifier's output over the (standardised) input plane: a heat map of the output in
// bands, the ŷ = 0.5 contour, and the training and test points coloured by class. For a
// regression network, the heat map alone with its colour scale.
import { circle, INK, line, text } from '../sheet/svg/draw.ts';
import { num } from '../sheet/svg/text.ts';
import { axes, chart, legend, type Box, type LegendEntry } from './chart.ts';
import { CLASS_COLOURS, probabilityColour, sequentialColour } from './colour.ts';
import { marchingSquares, type Samples } from './contour.ts';
import { extent, linear, linearTicks, tickLabel, niceStep, type Range } from './scale.ts';

/** Samples at the centres of nx × ny equal cells over x × y; values[j·nx + i] is cell (i, j), j = 0 at y.min. */
export interface Grid extends Samples {
  readonly x: Range;
  readonly y: Range;
}

/** n points: X is n × 2 row-major, Y the n targets (class 0 or 1). */
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
}

export interface BoundaryPlot {
  readonly title: string;
  readonly kind: 'binary' | 'regression';
  readonly grid: Grid;
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

const trainMarker = (x: number, y: number, cls: number): string => circle(x, y, 3.5, { fill: CLASS_COLOURS[cls ? 1 : 0], colour: '#fff', width: 0.8 });
function testMarker(x: number, y: number, cls: number): string {
  const r = 4.5;
  const pts = [[x, y - r], [x + r, y], [x, y + r], [x - r, y]].map(([a, b]) => `${num(a!)},${num(b!)}`).join(' ');
  return `<polygon points="${pts}" fill="#fff" stroke="${CLASS_COLOURS[cls ? 1 : 0]}" stroke-width="1.8"/>`;
}

function points(g: Grid, set: PointSet, cls: string, marker: (x: number, y: number, c: number) => string): string[] {
  const mx = linear(g.x, { min: FRAME.left, max: FRAME.left + FRAME.width });
  const my = linear(g.y, { min: FRAME.top + FRAME.height, max: FRAME.top });
  const out = [`<g class="${cls}">`];
  for (let e = 0; e < set.Y.length; e++) out.push(marker(mx(set.X[2 * e]!), my(set.X[2 * e + 1]!), set.Y[e]! > 0.5 ? 1 : 0));
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

function binaryLegend(labels: BoundaryLabels): LegendEntry[] {
  return [
    ...[0, 1].map((c) => ({ label: labels.train(c), swatch: (x: number, y: number) => trainMarker(x, y, c) })),
    ...[0, 1].map((c) => ({ label: labels.test(c), swatch: (x: number, y: number) => testMarker(x, y, c) })),
    { label: labels.boundary, swatch: (x: number, y: number) => line(x - 9, y, x + 9, y, { width: 2 }) },
  ];
}

export function decisionBoundarySvg(p: BoundaryPlot): string {
  const { grid } = p;
  const x = { label: p.labels.x, ticks: linearTicks(grid.x, 5), map: linear(grid.x, { min: FRAME.left, max: FRAME.left + FRAME.width }) };
  const y = { label: p.labels.y, ticks: linearTicks(grid.y, 5), map: linear(grid.y, { min: FRAME.top + FRAME.height, max: FRAME.top }) };
  if (p.kind === 'regression') {
    const range = extent(Array.from(grid.values)) ?? { min: 0, max: 1 };
    const unit = linear(range, { min: 0, max: 1 });
    return chart(WIDTH, HEIGHT, p.title, [...heatMap(grid, (v) => sequentialColour(unit(v))), ...axes(FRAME, x, y, false), ...colourBar(range)]);
  }
  const body = [
    ...heatMap(grid, probabilityColour),
    ...axes(FRAME, x, y, false),
    contour(grid),
    ...points(grid, p.train, 'train', trainMarker),
    ...points(grid, p.test, 'test', testMarker),
    ...legend(LEGEND_X, FRAME.top + 10, binaryLegend(p.labels)),
  ];
  return chart(WIDTH, HEIGHT, p.title, body.filter((s) => s !== ''));
}
