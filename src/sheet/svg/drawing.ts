// The figures as data: a canvas and a list of shapes, in the SVG's pixel coordinates (y
// down). The builders (network.ts, graph.ts) decide the geometry once; the emitters
// (drawing-svg.ts, drawing-tikz.ts) only translate it, so the HTML and LaTeX figures agree.
// Every field is resolved here (no defaults left to an emitter), so two emitters cannot
// disagree on a default.
import { textWidth } from './text.ts';

export type Point = readonly [number, number];

export interface Stroke {
  readonly width: number;
  readonly dashed: boolean;
  /** Dark grey rather than black: the network's many edges, so units and labels stand out. */
  readonly light: boolean;
}

/** White paper, or the light tint of an operation box (never the only cue: it may not print). */
export type Fill = 'paper' | 'tint';

export interface TextStyle {
  readonly size: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly bold: boolean;
  readonly italic: boolean;
  /** A white outline under the glyphs, so a label stays legible where it crosses lines. */
  readonly halo: boolean;
}

export type Shape =
  | { readonly kind: 'line'; readonly from: Point; readonly to: Point; readonly stroke: Stroke }
  | { readonly kind: 'polyline'; readonly points: readonly Point[]; readonly stroke: Stroke }
  /** A path with a filled head at its last point, pointing along its last segment. */
  | { readonly kind: 'arrow'; readonly points: readonly Point[]; readonly stroke: Stroke }
  | { readonly kind: 'circle'; readonly centre: Point; readonly r: number; readonly stroke: Stroke; readonly fill: Fill }
  /** Rounded corners (5 px), top-left at (x, y). */
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly stroke: Stroke; readonly fill: Fill }
  /** One line of Unicode text, centred vertically on `at`; `anchor` places it horizontally. */
  | { readonly kind: 'text'; readonly at: Point; readonly text: string; readonly style: TextStyle };


export type TextShape = Extract<Shape, { kind: 'text' }>;
export type CircleShape = Extract<Shape, { kind: 'circle' }>;

export interface Drawing {
  readonly width: number;
  readonly height: number;
  /** What the figure shows, for screen readers (SVG <title>); holds the spec's name. */
  readonly title: string;
  readonly shapes: readonly Shape[];
}

export type StrokeOptions = Partial<Stroke>;
export type TextOptions = Partial<TextStyle>;

const stroke = (o: StrokeOptions): Stroke => ({ width: o.width ?? 1.4, dashed: o.dashed ?? false, light: o.light ?? false });

export const line = (x1: number, y1: number, x2: number, y2: number, o: StrokeOptions = {}): Shape => ({
  kind: 'line',
  from: [x1, y1],
  to: [x2, y2],
  stroke: stroke(o),
});

export const polyline = (points: readonly Point[], o: StrokeOptions = {}): Shape => ({ kind: 'polyline', points, stroke: stroke(o) });

/** An arrow from (x1, y1) to (x2, y2); `arrowPath` for one that turns corners. */
export const arrow = (x1: number, y1: number, x2: number, y2: number, o: StrokeOptions = {}): Shape => arrowPath([[x1, y1], [x2, y2]], o);

export const arrowPath = (points: readonly Point[], o: StrokeOptions = {}): Shape => ({ kind: 'arrow', points, stroke: stroke(o) });

export const circle = (cx: number, cy: number, r: number, o: StrokeOptions & { readonly fill?: Fill } = {}): CircleShape => ({
  kind: 'circle',
  centre: [cx, cy],
  r,
  stroke: stroke(o),
  fill: o.fill ?? 'paper',
});

export const rect = (x: number, y: number, w: number, h: number, o: StrokeOptions & { readonly fill?: Fill } = {}): Shape => ({
  kind: 'rect',
  x,
  y,
  w,
  h,
  stroke: stroke(o),
  fill: o.fill ?? 'paper',
});

export const text = (x: number, y: number, content: string, o: TextOptions = {}): TextShape => ({
  kind: 'text',
  at: [x, y],
  text: content,
  style: { size: o.size ?? 14, anchor: o.anchor ?? 'middle', bold: o.bold ?? false, italic: o.italic ?? false, halo: o.halo ?? false },
});

/** An axis-aligned box: left, top, right, bottom. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** How far a halo reaches beyond the glyphs (draw.ts strokes it 4 px wide, half outside). */
const HALO = 2;

/**
 * The box a text shape covers, by the layout's own estimate (textWidth, one em tall, bold
 * ~10% wider, plus the halo): what the layout and its overlap checks use, never measured glyphs.
 */
export function textBox(t: TextShape): Box {
  const w = textWidth(t.text, t.style.size) * (t.style.bold ? 1.1 : 1);
  const [x, y] = t.at;
  const left = t.style.anchor === 'start' ? x : t.style.anchor === 'end' ? x - w : x - w / 2;
  const pad = t.style.halo ? HALO : 0;
  return { left: left - pad, top: y - t.style.size / 2 - pad, right: left + w + pad, bottom: y + t.style.size / 2 + pad };
}

export const boxesOverlap = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Does the box reach inside the circle (closest point of the box nearer than r to the centre)? */
export function boxMeetsCircle(b: Box, c: CircleShape): boolean {
  const [cx, cy] = c.centre;
  const dx = Math.max(b.left - cx, 0, cx - b.right);
  const dy = Math.max(b.top - cy, 0, cy - b.bottom);
  return Math.hypot(dx, dy) < c.r;
}
