// The loss curve: J on the training set after each epoch (epoch 0 is the initial θ).
import { polyline } from '../sheet/svg/draw.ts';
import { axes, chart, finiteRuns, type Box } from './chart.ts';
import { CLASS_COLOURS } from './colour.ts';
import { extent, linear, linearTicks, niceDomain, type Range } from './scale.ts';

export interface LossPlot {
  readonly title: string;
  /** J at epochs 0, 1, ..., N. */
  readonly losses: readonly number[];
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
  const yDomain = lossDomain(p.losses);
  const x = { label: p.xLabel, ticks: linearTicks(epochs, 6, 1), map: linear(epochs, { min: FRAME.left, max: FRAME.left + FRAME.width }) };
  const y = { label: p.yLabel, ticks: linearTicks(yDomain, 5), map: linear(yDomain, { min: FRAME.top + FRAME.height, max: FRAME.top }) };
  const points = p.losses.map((v, e): [number, number] => [x.map(e), y.map(v)]);
  const curve = finiteRuns(points).map((run) => polyline(run, { colour: CLASS_COLOURS[0], width: 2 }));
  return chart(WIDTH, HEIGHT, p.title, [...axes(FRAME, x, y), `<g class="loss">`, ...curve, '</g>']);
}
