// SVG primitives for the figures. Black on white with strokes, so a figure prints and needs no
// colour; every number goes through num() so the bytes are stable. Arrowheads are drawn as
// polygons rather than <marker>s: a marker needs an id, and two figures inlined in one HTML
// page would then share (and clash on) ids.
import { escapeXml, num } from './text.ts';

export const INK = '#000';
export const PAPER = '#fff';
/** Light enough to print as a tint, dark enough to show on screen; never the only cue. */
export const TINT = '#ececec';

export interface StrokeOptions {
  readonly dashed?: boolean;
  readonly width?: number;
  readonly colour?: string;
}

export interface TextOptions {
  readonly size?: number;
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** A white outline under the glyphs, so a label stays legible where it crosses lines. */
  readonly halo?: boolean;
}

const DASH = '6 4';

function strokeAttrs(o: StrokeOptions): string {
  const dash = o.dashed ? ` stroke-dasharray="${DASH}"` : '';
  return `stroke="${o.colour ?? INK}" stroke-width="${num(o.width ?? 1.4)}"${dash}`;
}

/** The root element: scales to its container, up to its natural width. */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  const w = num(width);
  const h = num(height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="100%" style="max-width:${w}px;height:auto" role="img" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${w}" height="${h}" fill="${PAPER}"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

export function line(x1: number, y1: number, x2: number, y2: number, o: StrokeOptions = {}): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" ${strokeAttrs(o)}/>`;
}

/** An open path through the points (the backward flow turns corners). */
export function polyline(points: readonly (readonly [number, number])[], o: StrokeOptions = {}): string {
  const pts = points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
  return `<polyline points="${pts}" fill="none" ${strokeAttrs(o)}/>`;
}

/** A filled triangle at (x, y) pointing along (dx, dy). */
export function arrowHead(x: number, y: number, dx: number, dy: number, size = 8): string {
  const len = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / len, dy / len];
  const [bx, by] = [x - ux * size, y - uy * size];
  const half = size * 0.45;
  const pts = [[x, y], [bx - uy * half, by + ux * half], [bx + uy * half, by - ux * half]] as const;
  return `<polygon points="${pts.map(([px, py]) => `${num(px)},${num(py)}`).join(' ')}" fill="${INK}"/>`;
}

/** A straight arrow; the shaft stops under the head so a dashed shaft does not poke through. */
export function arrow(x1: number, y1: number, x2: number, y2: number, o: StrokeOptions = {}): string {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const back = Math.min(6, len);
  const sx = x2 - ((x2 - x1) / len) * back;
  const sy = y2 - ((y2 - y1) / len) * back;
  return line(x1, y1, sx, sy, o) + arrowHead(x2, y2, x2 - x1, y2 - y1);
}

export function circle(cx: number, cy: number, r: number, o: StrokeOptions & { readonly fill?: string } = {}): string {
  return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${o.fill ?? PAPER}" ${strokeAttrs(o)}/>`;
}

export function rect(x: number, y: number, w: number, h: number, o: StrokeOptions & { readonly fill?: string } = {}): string {
  const box = `x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="5"`;
  return `<rect ${box} fill="${o.fill ?? PAPER}" ${strokeAttrs(o)}/>`;
}

/**
 * One line of text centred vertically on y. The baseline is moved down by 0.35 em by hand
 * (not dominant-baseline, which some renderers ignore), so every engine agrees.
 */
export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const size = o.size ?? 14;
  const attrs = [
    `x="${num(x)}"`,
    `y="${num(y + 0.35 * size)}"`,
    `font-size="${num(size)}"`,
    `text-anchor="${o.anchor ?? 'middle'}"`,
    o.bold ? 'font-weight="bold"' : '',
    o.italic ? 'font-style="italic"' : '',
    o.halo ? `stroke="${PAPER}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"` : '',
    `fill="${INK}"`,
  ];
  return `<text ${attrs.filter((a) => a !== '').join(' ')}>${escapeXml(content)}</text>`;
}
