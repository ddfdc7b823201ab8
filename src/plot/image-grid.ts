// Images in a grid with a caption under each (the misclassified test images: "true → predicted").
import { text } from '../sheet/svg/draw.ts';
import { textWidth } from '../sheet/svg/text.ts';
import { chart } from './chart.ts';
import { pixelImage } from './pixels.ts';

export interface GridImage {
  /** Channels first, values in [0, 1]. */
  readonly pixels: Float64Array;
  readonly caption: string;
  /** A second, smaller line: where the image came from. */
  readonly source?: string;
}

export interface ImageGridPlot {
  readonly title: string;
  readonly images: readonly GridImage[];
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** Shown instead of the grid when there is no image (every test image classified right). */
  readonly empty: string;
  /** The line under the grid (e.g. "12 of 240 test images; the first 32 shown"). */
  readonly caption: string;
}

const FONT = 11;
const COLUMNS = 8;

const cut = (s: string, width: number, size: number): string => {
  let t = s;
  while (t.length > 1 && textWidth(t, size) > width) t = t.slice(0, -1);
  return t === s ? s : `${t.slice(0, -1)}…`;
}

export function imageGridSvg(p: ImageGridPlot): string {
  // Each image drawn at least 64 px on its long side (whole pixels per input pixel when enlarged).
  const scale = Math.max(1, Math.ceil(72 / Math.max(p.height, p.width)));
  const [w, h] = [Math.max(72, p.width * scale), Math.max(72, p.height * scale) * (p.height / Math.max(p.height, p.width))];
  const cellW = Math.max(w, 96) + 12;
  const cellH = h + 42;
  const columns = Math.min(COLUMNS, Math.max(1, p.images.length));
  const body: string[] = [];
  p.images.forEach((img, i) => {
    const [x, y] = [16 + (i % columns) * cellW, 40 + Math.floor(i / columns) * cellH];
    const ix = x + (cellW - w) / 2;
    body.push(pixelImage(ix, y, w, h, img.pixels, p.channels, p.height, p.width));
    body.push(text(x + cellW / 2, y + h + 12, cut(img.caption, cellW - 4, FONT), { size: FONT }));
    if (img.source !== undefined) body.push(text(x + cellW / 2, y + h + 26, cut(img.source, cellW - 4, FONT - 2), { size: FONT - 2 }).replace('fill="#000"', 'fill="#555"'));
  });
  const rows = Math.ceil(p.images.length / columns);
  const gridBottom = 40 + rows * cellH;
  if (p.images.length === 0) body.push(text(200, 60, p.empty, { size: FONT + 2 }));
  const bottom = Math.max(gridBottom, 80);
  body.push(text(16, bottom + 6, p.caption, { size: FONT + 1, anchor: 'start' }));
  const width = Math.max(32 + columns * cellW, textWidth(p.title, 15) + 40, textWidth(p.caption, FONT + 1) + 40, 400);
  return chart(width, bottom + 24, p.title, body);
}
