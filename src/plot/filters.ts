// The learned kernels of the first convolutional layer as grey pictures: one row per filter,
// one kernel per input channel, each tap a square. One grey scale for the whole layer, centred
// on 0 (black −m, mid grey 0, white +m, m the largest |K|), so filters compare at a glance and
// a tap's sign reads as darker or lighter than the background.
import { text } from '../sheet/svg/draw.ts';
import { escapeXml, num, textWidth } from '../sheet/svg/text.ts';
import { chart } from './chart.ts';
import { hex } from './colour.ts';

export interface FiltersPlot {
  readonly title: string;
  /** F × C × kh × kw, row-major (the spec's layout of K₁). */
  readonly kernel: Float64Array;
  readonly shape: readonly [number, number, number, number];
  /** "filter 1", "channel R", in the page's language. */
  readonly filterLabel: (f: number) => string;
  readonly channelLabels: readonly string[];
  /** How a decimal number is written (French: a comma). */
  readonly decimal: (s: string) => string;
}

const FONT = 12;
const grey = (u: number): string => hex([255 * u, 255 * u, 255 * u]);

/** Filters per row of the grid. */
const PER_ROW = 8;

export function filtersSvg(p: FiltersPlot): string {
  const [F, C, kh, kw] = p.shape;
  const m = Math.max(1e-12, ...Array.from(p.kernel, Math.abs));
  const tap = Math.max(4, Math.min(16, Math.floor(64 / Math.max(kh, kw))));
  const [bw, bh, gap] = [kw * tap, kh * tap, 3];
  // One cell per filter: its C kernels side by side, its label under them.
  const cellW = Math.max(C * bw + (C - 1) * gap, textWidth(p.filterLabel(F), FONT)) + 18;
  const cellH = bh + 30;
  const columns = Math.min(F, PER_ROW);
  const [left, top] = [16, C > 1 ? 56 : 40];
  const body: string[] = [];
  for (let f = 0; f < F; f++) {
    const [cx, y] = [left + (f % columns) * cellW, top + Math.floor(f / columns) * cellH];
    const x0 = cx + (cellW - (C * bw + (C - 1) * gap)) / 2;
    for (let c = 0; c < C; c++) {
      const x = x0 + c * (bw + gap);
      for (let u = 0; u < kh; u++) {
        for (let v = 0; v < kw; v++) {
          const value = p.kernel[((f * C + c) * kh + u) * kw + v]!;
          body.push(`<rect x="${num(x + v * tap)}" y="${num(y + u * tap)}" width="${tap}" height="${tap}" fill="${grey(0.5 + value / (2 * m))}"><title>${escapeXml(p.decimal(value.toFixed(3)))}</title></rect>`);
        }
      }
      body.push(`<rect x="${num(x)}" y="${num(y)}" width="${bw}" height="${bh}" fill="none" stroke="#888" stroke-width="0.5"/>`);
      if (C > 1 && f < columns) body.push(text(x + bw / 2, top - 10, p.channelLabels[c] ?? String(c + 1), { size: FONT - 1 }));
    }
    body.push(text(cx + cellW / 2, y + bh + 12, p.filterLabel(f + 1), { size: FONT }));
  }
  // The scale: a bar from −m to +m under the grid.
  const [sy, sw] = [top + Math.ceil(F / columns) * cellH + 4, 160];
  const steps = 16;
  for (let i = 0; i < steps; i++) body.push(`<rect x="${num(left + (i * sw) / steps)}" y="${num(sy)}" width="${num(sw / steps + 0.3)}" height="10" fill="${grey((i + 0.5) / steps)}"/>`);
  body.push(`<rect x="${num(left)}" y="${num(sy)}" width="${sw}" height="10" fill="none" stroke="#888" stroke-width="0.5"/>`);
  const label = (v: number): string => p.decimal(v.toPrecision(2));
  body.push(text(left, sy + 22, `−${label(m)}`, { size: FONT - 1, anchor: 'start' }), text(left + sw / 2, sy + 22, '0', { size: FONT - 1 }), text(left + sw, sy + 22, label(m), { size: FONT - 1, anchor: 'end' }));
  const width = Math.max(left + columns * cellW + 16, left + sw + 40, textWidth(p.title, 15) + 40);
  return chart(width, sy + 40, p.title, body);
}
