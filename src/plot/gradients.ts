// Per-layer gradient norms over the epochs, on a log scale: vanishing gradients show as the
// first layers' lines sitting decades below the last layer's (Glorot and Bengio 2010).
import { line, polyline } from '../sheet/svg/draw.ts';
import { axes, chart, finiteRuns, legend, type Box, localTicks } from './chart.ts';
import { seriesColour } from './colour.ts';
import { extent, linear, linearTicks, logarithmic, logAxis, type Range } from './scale.ts';

export interface Series {
  readonly label: string;
  /** One value per entry of the plot's epochs; values ≤ 0 leave a gap (no log). */
  readonly values: readonly number[];
}

export interface SeriesPlot {
  /** How a decimal number is written (French: a comma); as is when absent. */
  readonly decimal?: (s: string) => string;
  readonly title: string;
  readonly epochs: readonly number[];
  readonly series: readonly Series[];
  readonly xLabel: string;
  readonly yLabel: string;
}

const [WIDTH, HEIGHT] = [640, 400];
const FRAME: Box = { left: 80, top: 36, width: 450, height: 300 };

export function gradientNormsSvg(p: SeriesPlot): string {
  const epochs: Range = extent(p.epochs) ?? { min: 0, max: 1 };
  const xDomain = epochs.max > epochs.min ? epochs : { min: epochs.min, max: epochs.min + 1 };
  const positive = extent(p.series.flatMap((s) => s.values.filter((v) => v > 0))) ?? { min: 1, max: 10 };
  const log = logAxis(positive);
  const x = { label: p.xLabel, ticks: localTicks(linearTicks(xDomain, 6, 1), p.decimal), map: linear(xDomain, { min: FRAME.left, max: FRAME.left + FRAME.width }) };
  const y = { label: p.yLabel, ticks: localTicks(log.ticks, p.decimal), map: logarithmic(log.domain, { min: FRAME.top + FRAME.height, max: FRAME.top }) };
  const lines = p.series.flatMap((s, i) => {
    const points = s.values.map((v, k): [number, number] => [x.map(p.epochs[k]!), v > 0 ? y.map(v) : NaN]);
    return [`<g class="series">`, ...finiteRuns(points).map((run) => polyline(run, { colour: seriesColour(i), width: 2 })), '</g>'];
  });
  const entries = p.series.map((s, i) => ({ label: s.label, swatch: (cx: number, cy: number) => line(cx - 9, cy, cx + 9, cy, { colour: seriesColour(i), width: 2.5 }) }));
  return chart(WIDTH, HEIGHT, p.title, [...axes(FRAME, x, y), ...lines, ...legend(FRAME.left + FRAME.width + 14, FRAME.top + 10, entries)]);
}
