// The network figure of a convolutional sheet, as the CNN courses draw it: each volume a box
// (channels as depth, height × width as its face) with its size under it, each layer an arrow
// labelled with what it does, the kernel drawn as a small square on the volume it slides over
// with lines to the one value it makes, and a vector after flatten drawn as a thin bar.
// Sizes are drawn on a compressed scale (a power below 1), so a 50 × 50 input and a 2 × 2 map
// both stay visible.
import { convNames } from '../../derive/conv-names.ts';
import type { ConvNetSpec, Shape } from '../../network/conv-spec.ts';
import { convShapes } from '../../network/conv-spec.ts';
import { arrow, line, polyline, text, type Drawing, type Point, type Shape as DrawnShape } from './drawing.ts';
import { sup, textWidth } from './text.ts';

/** The words of the figure, from the sheet's message catalog. */
export interface VolumeLabels {
  readonly input: string;
  /** The figure's title for screen readers, with the spec's name. */
  readonly title: (name: string) => string;
  /** What layer k does, on one or two lines: "conv 3×3, 8 filters" / "ReLU". */
  readonly layer: (spec: ConvNetSpec, k: number) => readonly string[];
  /** The size under a volume: "3 × 50 × 50", or "4608" for a vector. */
  readonly size: (shape: Shape) => string;
}

const FACE_MAX = 110;
const FACE_MIN = 14;
const DEPTH_MAX = 40;
const BAR_W = 12;
const LABEL = 13;
const TOP = 16;

interface Box {
  /** Front face: width and height; depth offset (dx right, dy up). */
  readonly w: number;
  readonly h: number;
  readonly dx: number;
  readonly dy: number;
  readonly vector: boolean;
}

function boxesOf(shapes: readonly Shape[]): Box[] {
  const vols = shapes.flatMap((s) => (s.kind === 'volume' ? [s.volume] : []));
  const side = Math.max(...vols.map((v) => Math.max(v.height, v.width)));
  const deepest = Math.max(...vols.map((v) => v.channels));
  const longest = Math.max(1, ...shapes.map((s) => (s.kind === 'vector' ? s.size : 0)));
  const scale = (n: number): number => FACE_MIN + (FACE_MAX - FACE_MIN) * Math.pow(n / side, 0.6);
  return shapes.map((s) => {
    if (s.kind === 'vector') return { w: BAR_W, h: FACE_MIN + (FACE_MAX - FACE_MIN) * Math.pow(s.size / longest, 0.35), dx: 0, dy: 0, vector: true };
    const v = s.volume;
    const depth = 4 + (DEPTH_MAX - 4) * Math.pow(v.channels / deepest, 0.5);
    return { w: scale(v.width), h: scale(v.height), dx: depth * 0.7, dy: depth * 0.5, vector: false };
  });
}

/** A box's outline: front face, then the top and right faces of its depth. */
function cuboid(x: number, y: number, b: Box): DrawnShape[] {
  const face = polyline([[x, y], [x + b.w, y], [x + b.w, y + b.h], [x, y + b.h], [x, y]]);
  if (b.dx === 0) return [face];
  return [
    face,
    polyline([[x, y], [x + b.dx, y - b.dy], [x + b.w + b.dx, y - b.dy], [x + b.w, y]]),
    polyline([[x + b.w + b.dx, y - b.dy], [x + b.w + b.dx, y + b.h - b.dy], [x + b.w, y + b.h]]),
  ];
}

export function volumeDrawing(spec: ConvNetSpec, labels: VolumeLabels): Drawing {
  const shapes = convShapes(spec);
  const boxes = boxesOf(shapes);
  const layerText = spec.layers.map((_, i) => labels.layer(spec, i + 1));
  const lines = Math.max(1, ...layerText.map((t) => t.length));
  const tallest = Math.max(...boxes.map((b) => b.h + b.dy));
  // Rows: the layer labels, then the boxes (front faces centred on one line), then the sizes.
  const centre = TOP + lines * (LABEL + 4) + 8 + tallest / 2 + Math.max(...boxes.map((b) => b.dy));
  const bottom = centre + Math.max(...boxes.map((b) => b.h / 2)) + 8;
  const out: DrawnShape[] = [];
  const sizes = shapes.map((s) => labels.size(s));
  const stem = convNames(spec).stems.act;
  const names = shapes.map((_, k) => (k === 0 ? 'x' : k === shapes.length - 1 ? 'ŷ' : `${stem}${sup(k)}`));
  let x = 8 + Math.max(0, (textWidth(sizes[0]!, LABEL) - boxes[0]!.w - boxes[0]!.dx) / 2);
  const lefts: number[] = [];
  boxes.forEach((b, k) => {
    if (k > 0) {
      const prev = boxes[k - 1]!;
      const words = Math.max(...layerText[k - 1]!.map((t) => textWidth(t, LABEL)));
      const sizeRoom = (textWidth(sizes[k - 1]!, LABEL) + textWidth(sizes[k]!, LABEL)) / 2 - (prev.w + prev.dx + b.w + b.dx) / 2;
      const gap = Math.max(56, words + 20 - prev.dx, sizeRoom + 16);
      x = lefts[k - 1]! + prev.w + prev.dx + gap;
    }
    lefts.push(x);
    const top = centre - b.h / 2;
    out.push(...cuboid(x, top, b));
    out.push(text(x + (b.w + b.dx) / 2, bottom + LABEL / 2, sizes[k]!, { size: LABEL }));
    out.push(text(x + (b.w + b.dx) / 2, bottom + LABEL * 2, names[k]!, { size: LABEL, italic: true }));
    if (k > 0) {
      const prev = boxes[k - 1]!;
      const from = lefts[k - 1]! + prev.w + prev.dx + 4;
      const to = x - 4;
      out.push(arrow(from, centre, to, centre));
      const mid = (from + to) / 2;
      const first = centre - tallest / 2 - Math.max(...boxes.map((bb) => bb.dy)) - 8 - (layerText[k - 1]!.length - 1) * (LABEL + 4) - LABEL / 2;
      layerText[k - 1]!.forEach((t, j) => out.push(text(mid, first + j * (LABEL + 4), t, { size: LABEL })));
    }
  });
  // The first convolution's kernel, drawn on its input, and the lines to the value it makes.
  const k = spec.layers.findIndex((l) => l.type === 'conv2d');
  if (k >= 0) {
    const layer = spec.layers[k]!;
    const [src, dst] = [boxes[k]!, boxes[k + 1]!];
    const input = shapes[k]!;
    if (layer.type === 'conv2d' && input.kind === 'volume' && !src.vector) {
      const kw = Math.max(5, (src.w * layer.kernel[1]) / input.volume.width);
      const kh = Math.max(5, (src.h * layer.kernel[0]) / input.volume.height);
      const [x0, y0] = [lefts[k]! + src.w * 0.2, centre - src.h / 2 + src.h * 0.2];
      out.push(polyline([[x0, y0], [x0 + kw, y0], [x0 + kw, y0 + kh], [x0, y0 + kh], [x0, y0]], { width: 2 }));
      const target: Point = [lefts[k + 1]! + dst.w * 0.25, centre - dst.h / 2 + dst.h * 0.25];
      for (const corner of [[x0 + kw, y0], [x0 + kw, y0 + kh]] as const) out.push(line(corner[0], corner[1], target[0], target[1], { dashed: true, light: true, width: 1 }));
    }
  }
  const width = Math.max(...out.flatMap((s) => (s.kind === 'text' ? [s.at[0] + textWidth(s.text, LABEL) / 2] : s.kind === 'polyline' ? s.points.map((p) => p[0]) : []))) + 10;
  return { width, height: bottom + LABEL * 2 + 12, title: labels.title(spec.name), shapes: out };
}
