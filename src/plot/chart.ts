// The parts every training plot shares: the plot area's frame, axes with ticks and labels,
// a title and a legend. Pure functions returning SVG elements as strings; the primitives and
// the escaping come from the sheet's figures (src/sheet/svg).
import { INK, line, svgDocument, text } from '../sheet/svg/draw.ts';
import { escapeXml, num, textWidth } from '../sheet/svg/text.ts';
import type { Tick } from './scale.ts';

/** The plot area, in pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Tick labels in the page's language: French writes 0,5 where English writes 0.5. */
export function localTicks(ticks: readonly Tick[], decimal?: (s: string) => string): readonly Tick[] {
  return decimal ? ticks.map((t) => ({ ...t, label: decimal(t.label) })) : ticks;
}

export interface Axis {
  readonly label: string;
  readonly ticks: readonly Tick[];
  /** Data value to pixel. */
  readonly map: (v: number) => number;
}

export interface LegendEntry {
  readonly label: string;
  /** The marker or line sample, centred on (x, y). */
  readonly swatch: (x: number, y: number) => string;
}

const GRID = '#e3e3e3';
const TICK = 5;
const FONT = 12;

/** Text turned a quarter anticlockwise about its anchor (the y axis label). */
function verticalText(x: number, y: number, content: string): string {
  const at = `x="${num(x)}" y="${num(y)}"`;
  return `<text ${at} transform="rotate(-90 ${num(x)} ${num(y)})" font-size="${FONT + 1}" text-anchor="middle" fill="${INK}">${escapeXml(content)}</text>`;
}

/** Grid lines (unless grid is false: a heat map fills the frame), the frame, ticks and labels, axis labels. */
export function axes(frame: Box, x: Axis, y: Axis, grid = true): string[] {
  const { left, top, width, height } = frame;
  const [right, bottom] = [left + width, top + height];
  const out: string[] = [];
  for (const t of x.ticks) {
    const px = x.map(t.value);
    if (grid) out.push(line(px, top, px, bottom, { colour: GRID, width: 1 }));
    out.push(line(px, bottom, px, bottom + TICK, { width: 1 }), text(px, bottom + TICK + 10, t.label, { size: FONT }));
  }
  for (const t of y.ticks) {
    const py = y.map(t.value);
    if (grid) out.push(line(left, py, right, py, { colour: GRID, width: 1 }));
    out.push(line(left - TICK, py, left, py, { width: 1 }), text(left - TICK - 3, py, t.label, { size: FONT, anchor: 'end' }));
  }
  out.push(`<rect x="${num(left)}" y="${num(top)}" width="${num(width)}" height="${num(height)}" fill="none" stroke="${INK}" stroke-width="1"/>`);
  out.push(text(left + width / 2, bottom + TICK + 32, x.label, { size: FONT + 1 }));
  const widest = Math.max(0, ...y.ticks.map((t) => textWidth(t.label, FONT)));
  out.push(verticalText(left - TICK - widest - 16, top + height / 2, y.label));
  return out;
}

/** Entries stacked downwards from (x, y): swatch, then label. */
export function legend(x: number, y: number, entries: readonly LegendEntry[]): string[] {
  return entries.flatMap((e, i) => {
    const cy = y + i * 20;
    return [e.swatch(x + 10, cy), text(x + 26, cy, e.label, { size: FONT, anchor: 'start' })];
  });
}

/** Runs of consecutive finite points: a diverged epoch (NaN, ∞) breaks the line instead of ending the plot. */
export function finiteRuns(points: readonly (readonly [number, number])[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  for (const [x, y] of points) {
    if (Number.isFinite(x) && Number.isFinite(y)) {
      run.push([x, y]);
    } else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** A complete SVG: white background, the title centred at the top, then the body. */
export function chart(width: number, height: number, title: string, body: readonly string[]): string {
  return `${svgDocument(width, height, title, [text(width / 2, 18, title, { size: 15, bold: true }), ...body])}\n`;
}
