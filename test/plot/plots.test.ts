import { describe, expect, it } from 'vitest';
import { decisionBoundarySvg, type BoundaryPlot, type Grid } from '../../src/plot/boundary.ts';
import { gradientNormsSvg, type SeriesPlot } from '../../src/plot/gradients.ts';
import { lossCurveSvg, type LossPlot } from '../../src/plot/loss.ts';
import { assertWellFormed } from '../well-formed.ts';

// The training plots: well-formed, self-contained, deterministic SVG that carries the data it
// is given (points per series, points per set, the colour of every heat-map cell).

const EVIL = 'a<b> & "c" \'d\'';

function assertSelfContained(svg: string): void {
  assertWellFormed(svg);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')).toBe(true);
  expect(svg.endsWith('</svg>\n')).toBe(true);
  expect(svg).toMatch(/<title>[^<]+<\/title>/);
  expect(svg).toContain('<rect width="'); // an opaque background: readable on a dark page too
  const rest = svg.replace('xmlns="http://www.w3.org/2000/svg"', '');
  for (const ref of ['http', 'href', 'url(', '@import', '@font-face', '<script', '<image', '<foreignObject', 'id="', '<style']) {
    expect(rest).not.toContain(ref);
  }
}

const pointsOf = (polyline: string): number => (/points="([^"]*)"/.exec(polyline)?.[1] ?? '').split(' ').filter((p) => p !== '').length;
const polylines = (svg: string): string[] => svg.match(/<polyline [^>]*>/g) ?? [];
const group = (svg: string, cls: string): string => {
  const start = svg.indexOf(`<g class="${cls}"`);
  return start < 0 ? '' : svg.slice(start, svg.indexOf('</g>', start));
};

describe('loss curve', () => {
  const plot: LossPlot = { title: 'circles: training loss', losses: [0.9, 0.7, 0.5, 0.4, 0.35, 0.3], xLabel: 'epoch', yLabel: 'J' };

  it('is a self-contained SVG with one point per epoch, axes and labels', () => {
    const svg = lossCurveSvg(plot);
    assertSelfContained(svg);
    const lines = polylines(group(svg, 'loss'));
    expect(lines).toHaveLength(1);
    expect(pointsOf(lines[0]!)).toBe(6);
    for (const label of ['>epoch<', '>J<', '>circles: training loss<', '>0<', '>5<', '>0.0<']) expect(svg).toContain(label);
  });

  it('draws a falling loss going down the page (SVG y grows downwards)', () => {
    const ys = (/points="([^"]*)"/.exec(lossCurveSvg(plot))?.[1] ?? '').split(' ').map((p) => Number(p.split(',')[1]));
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
  });

  it('is deterministic, depends on the data, and escapes the title', () => {
    expect(lossCurveSvg(plot)).toBe(lossCurveSvg({ ...plot }));
    expect(lossCurveSvg({ ...plot, losses: [0.9, 0.8] })).not.toBe(lossCurveSvg(plot));
    const svg = lossCurveSvg({ ...plot, title: EVIL });
    assertSelfContained(svg);
    expect(svg).toContain('a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;');
  });

  it('breaks the line at a diverged epoch instead of drawing NaN', () => {
    const svg = lossCurveSvg({ ...plot, losses: [0.9, 0.7, NaN, 0.5, 0.4] });
    assertSelfContained(svg);
    expect(svg).not.toContain('NaN');
    expect(polylines(group(svg, 'loss')).map(pointsOf)).toEqual([2, 2]);
  });
});

describe('gradient norms', () => {
  const epochs = [1, 2, 3, 4, 5, 6, 7, 8];
  const plot: SeriesPlot = {
    title: 'deep: gradient norm per layer',
    epochs,
    series: [1e-4, 1e-3, 1e-2, 1e-1].map((base, k) => ({ label: `W${k + 1}`, values: epochs.map((e) => base * (1 + e / 10)) })),
    xLabel: 'epoch',
    yLabel: '‖∂J/∂Wₖ‖',
  };

  it('has one line per layer with one point per epoch, a log axis and a legend', () => {
    const svg = gradientNormsSvg(plot);
    assertSelfContained(svg);
    const series = svg.split('<g class="series">').slice(1).map((s) => s.slice(0, s.indexOf('</g>')));
    expect(series).toHaveLength(4);
    for (const s of series) expect(polylines(s).map(pointsOf)).toEqual([8]);
    for (const label of ['>10⁻⁴<', '>10⁻³<', '>10⁻²<', '>10⁻¹<', '>10⁰<', '>W1<', '>W4<']) expect(svg).toContain(label);
  });

  it('puts each decade the same distance apart (log scale): layer k+1 sits one decade above layer k', () => {
    const firstY = (s: string): number => Number((/points="[\d.]+,([\d.]+)/.exec(s) ?? [])[1]);
    const ys = gradientNormsSvg(plot).split('<g class="series">').slice(1).map(firstY);
    const gaps = ys.slice(1).map((y, k) => ys[k]! - y);
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0]!, 0);
    expect(gaps[0]!).toBeGreaterThan(0);
  });

  it('leaves a gap for a zero norm (a dead layer has no logarithm)', () => {
    const dead: SeriesPlot = { ...plot, series: [{ label: 'W1', values: [1e-3, 1e-3, 0, 0, 1e-3, 1e-3, 1e-3, 1e-3] }] };
    const svg = gradientNormsSvg(dead);
    assertSelfContained(svg);
    expect(polylines(svg).map(pointsOf)).toEqual([2, 4]);
    expect(svg).not.toMatch(/Infinity|NaN/);
  });
});

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** values[j·nx + i] = f(x, y) at the centre of cell (i, j) over [−2, 2]². */
function grid(n: number, f: (x: number, y: number) => number): Grid {
  const r = { min: -2, max: 2 };
  const centre = (k: number): number => r.min + ((k + 0.5) / n) * (r.max - r.min);
  const values = Float64Array.from({ length: n * n }, (_, c) => f(centre(c % n), centre(Math.floor(c / n))));
  return { nx: n, ny: n, x: r, y: r, values };
}

/** The heat map's rectangles, in cell units: row 0 is the top row (y = max). */
function cells(svg: string): { x: number; row: number; width: number; fill: string }[] {
  return [...group(svg, 'heatmap').matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1" fill="(#[0-9a-f]{6})"\/>/g)].map((m) => ({
    x: Number(m[1]),
    row: Number(m[2]),
    width: Number(m[3]),
    fill: m[4]!,
  }));
}

function fillAt(svg: string, n: number, i: number, j: number): string {
  const rect = cells(svg).find((c) => c.row === n - 1 - j && c.x <= i && i < c.x + c.width);
  if (!rect) throw new Error(`no cell at (${i}, ${j})`);
  return rect.fill;
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];

describe('decision boundary', () => {
  const n = 40;
  const X = [-1.5, -1, 1.2, 0.5, -0.3, 1.8];
  const plot: BoundaryPlot = {
    title: 'xor: decision boundary',
    kind: 'binary',
    grid: grid(n, (x, y) => sigmoid(2 * x - 3 * y)),
    train: { X: X.slice(0, 4), Y: [0, 1] },
    test: { X: X.slice(4), Y: [1] },
    labels: { x: 'x₁', y: 'x₂', train: (c) => `train ${c}`, test: (c) => `test ${c}`, boundary: 'ŷ = 0.5', classLabel: (c) => `class ${c}`, trainSet: 'train', testSet: 'test' },
  };
  const svg = decisionBoundarySvg(plot);

  it('is a self-contained SVG with every training and test point, and a legend', () => {
    assertSelfContained(svg);
    expect(group(svg, 'train').match(/<circle /g)).toHaveLength(2);
    expect(group(svg, 'test').match(/<polygon /g)).toHaveLength(1);
    for (const label of ['>train 0<', '>train 1<', '>test 0<', '>test 1<', '>ŷ = 0.5<', '>x₁<', '>x₂<']) expect(svg).toContain(label);
  });

  it('tiles the plot: every row of the heat map covers the n cells once', () => {
    const rows = new Map<number, number>();
    for (const c of cells(svg)) rows.set(c.row, (rows.get(c.row) ?? 0) + c.width);
    expect(rows.size).toBe(n);
    expect([...rows.values()].every((w) => w === n)).toBe(true);
  });

  it('colours each cell by the output: red side where ŷ ≥ 0.5, blue side below, paler near 0.5', () => {
    for (const [i, j] of [[0, 39], [39, 0], [5, 30], [5, 9], [20, 20], [21, 19], [12, 30], [30, 12]] as const) {
      const p = plot.grid.values[j * n + i]!;
      const [r, , b] = rgb(fillAt(svg, n, i, j));
      expect(r > b, `cell (${i}, ${j}), ŷ = ${p}`).toBe(p >= 0.5);
    }
    const saturation = (hex: string): number => Math.abs(rgb(hex)[0] - rgb(hex)[2]);
    expect(saturation(fillAt(svg, n, 39, 0))).toBeGreaterThan(saturation(fillAt(svg, n, 21, 20)));
  });

  it('draws the 0.5 contour where the output crosses 0.5', () => {
    const vertical = decisionBoundarySvg({ ...plot, grid: grid(n, (x) => sigmoid(4 * x)) });
    const d = /<path class="contour" d="([^"]+)"/.exec(vertical)?.[1] ?? '';
    const xs = [...d.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    expect(xs.length).toBe(2 * (n - 1)); // one segment per row of squares
    expect(new Set(xs).size).toBe(1); // x = 0: a vertical line ...
    const zeroTick = /<text x="([\d.]+)" y="[\d.]+" font-size="12" text-anchor="middle" fill="#000">0<\/text>/.exec(vertical);
    expect(Number(zeroTick?.[1])).toBeCloseTo(xs[0]!, 0); // ... under the x axis' 0 tick
    expect(decisionBoundarySvg({ ...plot, grid: grid(n, () => 0.2) })).not.toContain('class="contour"');
  });

  it('is deterministic and escapes every label', () => {
    expect(decisionBoundarySvg(plot)).toBe(svg);
    const evil = decisionBoundarySvg({ ...plot, title: EVIL, labels: { ...plot.labels, x: EVIL, train: () => EVIL } });
    assertSelfContained(evil);
    expect(evil).not.toContain('a<b>');
    expect(evil.match(/a&lt;b&gt; &amp;/g)!.length).toBeGreaterThanOrEqual(4); // <title>, title text, x axis, two legend rows
  });

  it('regression: the heat map and its colour scale, no points or contour', () => {
    const reg = decisionBoundarySvg({ ...plot, kind: 'regression', grid: grid(n, (x, y) => x * y) });
    assertSelfContained(reg);
    expect(reg).not.toMatch(/class="(train|test|contour)"/);
    expect(new Set(cells(reg).map((c) => c.fill)).size).toBeLessThanOrEqual(10);
    expect(fillAt(reg, n, 0, 0)).toBe(fillAt(reg, n, n - 1, n - 1)); // x·y is the same at opposite corners
    expect(fillAt(reg, n, 0, 0)).not.toBe(fillAt(reg, n, 0, n - 1));
    expect(reg).toMatch(/>−3\.\d+</); // the colour bar's range, −(2 − 0.05)² … (2 − 0.05)²
  });
});

describe('decision regions of several classes (softmax)', () => {
  const n = 30;
  // Class 0 on the left half, 1 top right, 2 bottom right.
  const sector = (x: number, y: number): number => (x < 0 ? 0 : y >= 0 ? 1 : 2);
  const plot: BoundaryPlot = {
    title: 'blobs: decision regions',
    kind: 'multiclass',
    classes: 3,
    grid: grid(n, sector),
    train: { X: [-1, 1, 1, 1, 1, -1, -1.5, -1], Y: [0, 1, 2, 0] },
    test: { X: [1.5, 0.5], Y: [1] },
    labels: { x: 'x₁', y: 'x₂', train: (c) => `train ${c}`, test: (c) => `test ${c}`, boundary: 'ŷ = 0.5', classLabel: (c) => `class ${c}`, trainSet: 'train', testSet: 'test' },
  };
  const svg = decisionBoundarySvg(plot);
  const cell = (x: number, y: number): [number, number] => [Math.floor(((x + 2) / 4) * n), Math.floor(((y + 2) / 4) * n)];
  const pointFills = (s: string, cls: string): string[] => [...group(s, cls).matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/g)].map((m) => m[1]!);

  it('is a self-contained SVG with a legend row per class and the two point shapes, and no 0.5 contour', () => {
    assertSelfContained(svg);
    for (const label of ['>class 0<', '>class 1<', '>class 2<', '>train<', '>test<']) expect(svg).toContain(label);
    expect(svg).not.toContain('class="contour"');
    expect(svg).not.toContain('>train 0<');
  });

  it('tints every cell by its class: one fill per class, the same across each region', () => {
    const fills = [0, 1, 2].map((c) => new Set(cells(svg).filter((r) => sector(...centre(r)) === c).map((r) => r.fill)));
    function centre(r: { x: number; row: number }): [number, number] {
      return [-2 + ((r.x + 0.5) / n) * 4, 2 - ((r.row + 0.5) / n) * 4]; // a run's first cell
    }
    for (const f of fills) expect(f.size).toBe(1);
    expect(new Set(fills.map((f) => [...f][0])).size).toBe(3);
  });

  it('colours each point by its class, and each region a pale tint of that colour', () => {
    const train = pointFills(svg, 'train').filter((f) => f !== '#ffffff');
    expect(train).toHaveLength(4);
    expect(train[3]).toBe(train[0]); // both class 0
    expect(new Set(train.slice(0, 3)).size).toBe(3);
    expect(pointFills(svg, 'test').filter((f) => f !== '#ffffff')).toEqual([train[1]]); // a class-1 diamond
    const X = plot.train.X;
    for (let e = 0; e < 3; e++) {
      const region = rgb(fillAt(svg, n, ...cell(X[2 * e]!, X[2 * e + 1]!)));
      const point = rgb(train[e]!);
      // region = white + t · (point − white) for one t ∈ (0, 1) on every channel: the same hue, paler.
      // (A channel already at 255 in the point stays at 255.)
      const t = region.flatMap((v, k) => (point[k] === 255 ? (expect(v).toBe(255), []) : [(255 - v) / (255 - point[k]!)]));
      for (const tk of t) expect(tk).toBeCloseTo(t[0]!, 1);
      expect(t[0]!).toBeGreaterThan(0.1);
      expect(t[0]!).toBeLessThan(0.6);
    }
  });

  it('without a test set, no test rows in either legend', () => {
    const none = { X: [], Y: [] };
    expect(decisionBoundarySvg({ ...plot, test: none })).not.toContain('>test<');
    const binary = decisionBoundarySvg({ ...plot, kind: 'binary', grid: grid(n, (x) => sigmoid(x)), test: none });
    expect(binary).toContain('>train 1<');
    expect(binary).not.toMatch(/>test \d</);
  });
});
