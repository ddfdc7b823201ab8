// A Drawing as a TikZ picture, from the same numbers as the SVG: the picture's unit vectors
// are one CSS pixel (0.75 pt) with y pointing down, so every coordinate is the SVG's as num()
// prints it. One \draw or \node per shape. Needs \usepackage{tikz}, \usetikzlibrary{arrows.meta}
// (arrowheads of a given size) and \usepackage{graphicx} (\resizebox).
import { assertNever } from '../../ir/expr.ts';
import { visible } from '../../util/escape.ts';
import type { Drawing, Fill, Point, Shape, Stroke, TextStyle } from './drawing.ts';
import { num } from './text.ts';
import { figureTextTex } from './tex-text.ts';

/** CSS pixels to points (96 px = 72 pt), for the lengths TikZ takes in pt. */
const pt = (px: number): string => `${Math.round(px * 0.75 * 1000) / 1000}pt`;

const at = ([x, y]: Point): string => `(${num(x)},${num(y)})`;

// The SVG's #444 edges, its #ececec tint and its 6 4 dash; the 8 px arrowhead of draw.ts.
const EDGE = 'black!73';
const TINT = 'black!7';
const DASH = `dash pattern=on ${pt(6)} off ${pt(4)}`;
const HEAD = `-{Triangle[length=${pt(8)},width=${pt(7.2)}]}`;
/** Text is set at 10 pt (a size every font has) and scaled to the SVG's size. */
const BASE_FONT_PT = 10;

function strokeOptions(s: Stroke): string[] {
  return [`line width=${pt(s.width)}`, ...(s.light ? [EDGE] : []), ...(s.dashed ? [DASH] : [])];
}

const fillOption = (f: Fill): string => `fill=${f === 'tint' ? TINT : 'white'}`;

const draw = (options: readonly string[], path: string): string => `\\draw[${options.join(', ')}] ${path};`;

const ANCHOR: { readonly [A in TextStyle['anchor']]: string } = { start: 'base west', middle: 'base', end: 'base east' };

/**
 * The SVG puts the baseline 0.35 em below the text's centre; the node sits on that baseline.
 * A halo becomes a white box behind the text: TikZ has no stroke under glyphs.
 */
function textNode(p: Point, content: string, s: TextStyle): string {
  const options = [`anchor=${ANCHOR[s.anchor]}`, `scale=${Math.round(((s.size * 0.75) / BASE_FONT_PT) * 1000) / 1000}`];
  options.push(s.halo ? `fill=white, inner sep=${pt(1.5)}` : 'inner sep=0pt');
  const font = `${s.bold ? '\\bfseries' : ''}${s.italic ? '\\itshape' : ''}`;
  return `\\node[${options.join(', ')}] at ${at([p[0], p[1] + 0.35 * s.size])} {${font}${font ? ' ' : ''}${figureTextTex(content)}};`;
}

function shapeTikz(sh: Shape): string {
  switch (sh.kind) {
    case 'line':
      return draw(strokeOptions(sh.stroke), `${at(sh.from)} -- ${at(sh.to)}`);
    case 'polyline':
      return draw(strokeOptions(sh.stroke), sh.points.map(at).join(' -- '));
    case 'arrow':
      return draw([...strokeOptions(sh.stroke), HEAD], sh.points.map(at).join(' -- '));
    case 'circle':
      return draw([...strokeOptions(sh.stroke), fillOption(sh.fill)], `${at(sh.centre)} circle[radius=${pt(sh.r)}]`);
    case 'rect':
      return draw([...strokeOptions(sh.stroke), fillOption(sh.fill), `rounded corners=${pt(5)}`], `${at([sh.x, sh.y])} rectangle ${at([sh.x + sh.w, sh.y + sh.h])}`);
    case 'text':
      return textNode(sh.at, sh.text, sh.style);
    default:
      return assertNever(sh);
  }
}

/** A figure may take this much of the page's height, leaving room for its caption. */
const MAX_HEIGHT = '0.8\\textheight';

/**
 * The figure as LaTeX: a tikzpicture at the SVG's natural size, shrunk to the line width when
 * wider (as the HTML figure is by max-width) and to MAX_HEIGHT when taller (a deep network's
 * graph: a printed page does not scroll), never enlarged. The title is a comment only (it holds
 * the spec's name, which is never set as TeX).
 */
export function drawingTikz(d: Drawing): string {
  return [
    `% ${visible(d.title)}`,
    '\\begingroup\\setbox0=\\hbox{%',
    `\\begin{tikzpicture}[x=${pt(1)}, y=-${pt(1)}, font=\\fontsize{${BASE_FONT_PT}}{${BASE_FONT_PT * 1.2}}\\selectfont]`,
    `\\useasboundingbox (0,0) rectangle ${at([d.width, d.height])};`,
    ...d.shapes.map(shapeTikz),
    '\\end{tikzpicture}}%',
    '\\ifdim\\wd0>\\linewidth\\setbox0=\\hbox{\\resizebox{\\linewidth}{!}{\\box0}}\\fi',
    `\\ifdim\\ht0>${MAX_HEIGHT}\\setbox0=\\hbox{\\resizebox{!}{${MAX_HEIGHT}}{\\box0}}\\fi`,
    '\\leavevmode\\box0\\endgroup',
  ].join('\n');
}
