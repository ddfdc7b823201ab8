// The loss curve: J on the training set after each epoch (epoch 0 is the initial θ), and J
// on the validation set beside it (dashed) when the run has one.
import { line, polyline } from '../sheet/svg/draw.ts';
import { axes, chart, finiteRuns, legend, type Box, localTicks } from './chart.ts';
import { CLASS_COLOURS } from './colour.ts';
import { extent, linear, linearTicks, niceDomain, type Range } from './scale.ts';

export interface LossPlot {
  /** How a decimal number is written (French: a comma); as is when absent. */
  readonly decimal?: (s: string) => string;
  readonly title: string;
  /** J at epochs 0, 1, ..., N. */
  readonly losses: readonly number[];
  /** J on the validation set at epochs 1, ..., N, with the legend's two labels. */
  readonly validation?: { readonly losses: readonly number[]; readonly trainLabel: string; readonly validationLabel: string };
  readonly xLabel: string;
  readonly yLabel: string;
}

const [WIDTH, HEIGHT] = [640, 400];
const FRAME: Box = { left: 80, top: 36, width: 530, height: 300 };

/** Losses are ≥ 0 for every loss of the spec (and λ ≥ 0), so the axis starts at 0. */
function lossDomain(losses: readonly number[]): Range {
  const r = extent(losses) ?? { min: 0, max: 1 };
  const min = Math.min(0, r.min);
  return niceDomain({ min, max: r.max > min ? r.max : min + 1 });
}

export function lossCurveSvg(p: LossPlot): string {
  const epochs: Range = { min: 0, max: Math.max(1, p.losses.length - 1) };
  const yDomain = lossDomain([...p.losses, ...(p.validation?.losses ?? [])]);
  const x = { label: p.xLabel, ticks: localTicks(linearTicks(epochs, 6, 1), p.decimal), map: linear(epochs, { min: FRAME.left, max: FRAME.left + FRAME.width }) };
  const y = { label: p.yLabel, ticks: localTicks(linearTicks(yDomain, 5), p.decimal), map: linear(yDomain, { min: FRAME.top + FRAME.height, max: FRAME.top }) };
  const points = p.losses.map((v, e): [number, number] => [x.map(e), y.map(v)]);
  const curve = finiteRuns(points).map((run) => polyline(run, { colour: CLASS_COLOURS[0], width: 2 }));
  const v = p.validation;
  if (!v) return chart(WIDTH, HEIGHT, p.title, [...axes(FRAME, x, y), `<g class="loss">`, ...curve, '</g>']);
  const style = { colour: CLASS_COLOURS[1], width: 2, dashed: true };
  const validation = finiteRuns(v.losses.map((l, e): [number, number] => [x.map(e + 1), y.map(l)])).map((run) => polyline(run, style));
  const key = legend(FRAME.left + FRAME.width - 150, FRAME.top + 16, [
    { label: v.trainLabel, swatch: (sx: number, sy: number) => line(sx - 9, sy, sx + 9, sy, { colour: CLASS_COLOURS[0], width: 2 }) },
    { label: v.validationLabel, swatch: (sx: number, sy: number) => line(sx - 9, sy, sx + 9, sy, style) },
  ]);
  return chart(WIDTH, HEIGHT, p.title, [...axes(FRAME, x, y), `<g class="loss">`, ...curve, '</g>', `<g class="validation">`, ...validation, '</g>', ...key]);
}
