// A Drawing as inline SVG, through the primitives of draw.ts (which escape the text and
// format every number with num()).
import { assertNever } from '../../ir/expr.ts';
import { visible } from '../../util/escape.ts';
import * as svg from './draw.ts';
import type { Drawing, Fill, Point, Shape, Stroke } from './drawing.ts';

/** The network's edges are dark grey, everything else ink. */
const EDGE = '#444';

const strokeOf = (s: Stroke): svg.StrokeOptions => ({ width: s.width, dashed: s.dashed, colour: s.light ? EDGE : svg.INK });
const fillOf = (f: Fill): string => (f === 'tint' ? svg.TINT : svg.PAPER);

/**
 * A straight arrow is draw.ts's arrow (shaft and head on one line of markup); a bent one is a
 * polyline whose last point stops under the head, then the head on its own line.
 */
function arrowSvg(points: readonly Point[], s: Stroke): string {
  const [x1, y1] = points[points.length - 2]!;
  const [x2, y2] = points[points.length - 1]!;
  if (points.length === 2) return svg.arrow(x1, y1, x2, y2, strokeOf(s));
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const back = Math.min(6, len);
  const end: Point = [x2 - ((x2 - x1) / len) * back, y2 - ((y2 - y1) / len) * back];
  return `${svg.polyline([...points.slice(0, -1), end], strokeOf(s))}\n${svg.arrowHead(x2, y2, x2 - x1, y2 - y1)}`;
}

function shapeSvg(sh: Shape): string {
  switch (sh.kind) {
    case 'line':
      return svg.line(sh.from[0], sh.from[1], sh.to[0], sh.to[1], strokeOf(sh.stroke));
    case 'polyline':
      return svg.polyline(sh.points, strokeOf(sh.stroke));
    case 'arrow':
      return arrowSvg(sh.points, sh.stroke);
    case 'circle':
      return svg.circle(sh.centre[0], sh.centre[1], sh.r, { ...strokeOf(sh.stroke), fill: fillOf(sh.fill) });
    case 'rect':
      return svg.rect(sh.x, sh.y, sh.w, sh.h, { ...strokeOf(sh.stroke), fill: fillOf(sh.fill) });
    case 'text':
      return svg.text(sh.at[0], sh.at[1], sh.text, sh.style);
    default:
      return assertNever(sh);
  }
}

/** The figure as a self-contained <svg> element (no ids, no external references). */
export function drawingSvg(d: Drawing): string {
  // The title holds the spec's name: shown escaped, on one line, so that an SVG inlined in
  // Markdown can never end its HTML block early (a blank line) and start a heading.
  return svg.svgDocument(d.width, d.height, visible(d.title), d.shapes.map(shapeSvg));
}
