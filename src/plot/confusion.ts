// A confusion matrix as a picture: one cell per (true, predicted) class pair with its count,
// shaded by the share of its row (the true class's recall along the diagonal), so a weak class
// shows as a pale diagonal cell whatever the class sizes.
import { text } from '../sheet/svg/draw.ts';
import { escapeXml, num, textWidth } from '../sheet/svg/text.ts';
import { chart } from './chart.ts';
import { hex } from './colour.ts';

export interface ConfusionPlot {
  readonly title: string;
  /** counts[true][predicted]. */
  readonly counts: readonly (readonly number[])[];
  readonly classes: readonly string[];
  readonly trueLabel: string;
  readonly predictedLabel: string;
  /** The line under the matrix (the set and its accuracy). */
  readonly caption: string;
}

const FONT = 12;
/** ColorBrewer Blues' darkest, mixed with white by the row share. */
const DARK: readonly [number, number, number] = [8, 48, 107];

const shade = (u: number): string => hex([255 + (DARK[0] - 255) * u, 255 + (DARK[1] - 255) * u, 255 + (DARK[2] - 255) * u]);

/** Class names cut to fit a label column. */
const shortName = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function confusionSvg(p: ConfusionPlot): string {
  const k = p.classes.length;
  const cell = Math.max(14, Math.min(56, Math.floor(560 / Math.max(k, 1))));
  const names = p.classes.map((c) => shortName(c, 16));
  const labelWidth = Math.max(40, ...names.map((n) => textWidth(n, FONT))) + 10;
  const left = 30 + labelWidth;
  const top = 64 + (cell < 30 ? labelWidth : 20);
  const size = k * cell;
  const body: string[] = [];
  p.counts.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => {
      const u = total > 0 ? count / total : 0;
      const [x, y] = [left + j * cell, top + i * cell];
      body.push(`<rect x="${num(x)}" y="${num(y)}" width="${cell}" height="${cell}" fill="${shade(u)}" stroke="#bbb" stroke-width="0.5"><title>${escapeXml(`${p.classes[i]} → ${p.classes[j]}: ${count}`)}</title></rect>`);
      if (cell >= 24) body.push(text(x + cell / 2, y + cell / 2, String(count), { size: cell >= 40 ? 14 : 10, bold: i === j }).replace('fill="#000"', `fill="${u > 0.5 ? '#fff' : '#000'}"`));
    });
  });
  names.forEach((n, i) => body.push(text(left - 6, top + (i + 0.5) * cell, n, { size: FONT, anchor: 'end' })));
  names.forEach((n, j) => {
    const x = left + (j + 0.5) * cell;
    body.push(cell < 30 ? `<text x="${num(x + 4)}" y="${num(top - 6)}" font-size="${FONT}" text-anchor="start" transform="rotate(-90 ${num(x + 4)} ${num(top - 6)})">${escapeXml(n)}</text>` : text(x, top - 10, n, { size: FONT }));
  });
  body.push(text(left + size / 2, top - (cell < 30 ? labelWidth : 20) - 14, p.predictedLabel, { size: FONT + 1, bold: true }));
  const ty = top + size / 2;
  body.push(`<text x="14" y="${num(ty)}" font-size="${FONT + 1}" font-weight="bold" text-anchor="middle" transform="rotate(-90 14 ${num(ty)})">${escapeXml(p.trueLabel)}</text>`);
  body.push(text(left + size / 2, top + size + 20, p.caption, { size: FONT }));
  const width = Math.max(left + size + 30, textWidth(p.title, 15) + 40, textWidth(p.caption, FONT) + 40);
  return chart(width, top + size + 40, p.title, body);
}
