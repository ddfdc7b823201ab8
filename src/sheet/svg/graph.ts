// The computational graph at layer (matrix) level, as in CSI 4106's figure: x, then per layer
// W_k and b_k feeding "a_k = W_k h_{k−1} + b_k", then "h_k = g(a_k)", and the loss J fed by
// y. Beside each pre-activation stands its error term δ = ∂J/∂(pre-activation), and dashed
// arrows carry the backward pass from J up through the δs.
//
// Top to bottom, one row per node: the width stays the same for 1 or 6 layers (only the
// height grows), which is what a phone screen and a printed page both have room for.
import { notationOf } from '../../network/names.ts';
import type { NetworkSpec } from '../../network/spec.ts';
import { drawingSvg } from './drawing-svg.ts';
import { arrow, arrowPath, circle, rect, text, type Drawing, type Shape } from './drawing.ts';
import { ACTIVATION_NAME, LOSS_TEXT, sub, textWidth } from './text.ts';

/** The words of the graph, from the sheet's message catalog. */
export interface GraphLabels {
  readonly input: string;
  readonly loss: string;
  readonly forward: string;
  readonly backward: string;
  /** The figure's title, "NAME: what"; default English. */
  readonly titled?: (name: string, what: string) => string;
}

/** What one layer's rows say. */
interface LayerText {
  readonly W: string;
  readonly b: string;
  readonly preEq: string;
  readonly actEq: string;
  readonly delta: string;
}

const FONT = 14;
const ROW = 70;
const BOX_H = 36;
const NODE_R = 17;
const PARAM_X = 36;
const BOX_LEFT = 84;
const TOP = 34;

/**
 * The notation's names (README, "notation"), from notationOf: "a-h" writes a_k = W_k h_{k−1} + b_k,
 * "z-a" (CSI 4106) z_k = W_k a_{k−1} + b_k, and the deltas are numbered as the spec says
 * (by default by layer for "a-h", from the output back for "z-a": δ_1 = ∂J/∂z_L, eq. 9–10). A one-unit layer fed by one unit keeps CSI 4106's
 * scalar w_k, as names.ts does.
 */
function layerText(spec: NetworkSpec, k: number): LayerText {
  const L = spec.layers.length;
  const { pre: preStem, act: actStem, deltaNumber: numberOf } = notationOf(spec);
  const scalar = spec.layers[k - 1]!.units === 1 && (k === 1 ? spec.input : spec.layers[k - 2]!.units) === 1;
  const W = `${scalar ? 'w' : 'W'}${sub(k)}`;
  const b = `b${sub(k)}`;
  const pre = `${preStem}${sub(k)}`;
  const prev = k === 1 ? 'x' : `${actStem}${sub(k - 1)}`;
  const act = k === L ? 'ŷ' : `${actStem}${sub(k)}`;
  const g = spec.layers[k - 1]!.activation;
  const deltaNumber = numberOf(k);
  return {
    W,
    b,
    preEq: `${pre} = ${W}${prev} + ${b}`,
    actEq: g === 'identity' ? `${act} = ${pre}` : `${act} = ${ACTIVATION_NAME[g]}(${pre})`,
    delta: `δ${sub(deltaNumber)} = ∂J/∂${pre}`,
  };
}

/** The J box: the loss of one example, and the L2 term on a second line when λ > 0. */
function lossLines(spec: NetworkSpec): string[] {
  return spec.l2 > 0 ? [LOSS_TEXT[spec.loss], `+ (λ/2) Σₖ ‖Wₖ‖², λ = ${spec.l2}`] : [LOSS_TEXT[spec.loss]];
}

interface Geometry {
  readonly boxW: number;
  readonly centre: number;
  readonly deltaLeft: number;
  readonly deltaW: number;
  readonly width: number;
  readonly xY: number;
  readonly preY: (k: number) => number;
  readonly actY: (k: number) => number;
  readonly lossY: number;
  readonly lossH: number;
}

function geometry(spec: NetworkSpec, layers: readonly LayerText[], labels: GraphLabels): Geometry {
  const L = layers.length;
  const boxTexts = [...layers.flatMap((t) => [t.preEq, t.actEq]), ...lossLines(spec)];
  const boxW = Math.max(160, ...boxTexts.map((s) => textWidth(s, FONT))) + 24;
  const deltaW = Math.max(...layers.map((t) => textWidth(t.delta, FONT))) + 18;
  const deltaLeft = BOX_LEFT + boxW + 18;
  const legendW = 64 + Math.max(textWidth(labels.forward, 13), textWidth(labels.backward, 13));
  const captionRight = BOX_LEFT + boxW / 2 + NODE_R + 8 + textWidth(labels.input, 13);
  const lossH = BOX_H + (lossLines(spec).length - 1) * 18;
  return {
    boxW,
    centre: BOX_LEFT + boxW / 2,
    deltaLeft,
    deltaW,
    width: Math.max(deltaLeft + deltaW, legendW, captionRight) + 16,
    xY: TOP,
    preY: (k) => TOP + (2 * k - 1) * ROW,
    actY: (k) => TOP + 2 * k * ROW,
    lossY: TOP + (2 * L + 1) * ROW + (lossH - BOX_H) / 2,
    lossH,
  };
}

/** An operation box (tinted, like CSI 4106's pink boxes) with one or more lines of text. */
function opBox(g: Geometry, y: number, lines: readonly string[], h = BOX_H): Shape[] {
  const out = [rect(BOX_LEFT, y - h / 2, g.boxW, h, { fill: 'tint' })];
  const first = y - ((lines.length - 1) * 18) / 2;
  lines.forEach((s, i) => out.push(text(g.centre, first + i * 18, s, { size: i === 0 ? FONT : 12 })));
  return out;
}

/** A variable node (x, y, W_k, b_k): a white circle with its name. */
function variable(x: number, y: number, name: string): Shape[] {
  return [circle(x, y, NODE_R), text(x, y, name, { size: FONT })];
}

/** Solid arrows down the chain x → a_1 → h_1 → … → ŷ → J. */
function forwardChain(g: Geometry, L: number): Shape[] {
  const tops = [g.xY + NODE_R];
  const out: Shape[] = [];
  for (let k = 1; k <= L; k++) {
    out.push(arrow(g.centre, tops[tops.length - 1]!, g.centre, g.preY(k) - BOX_H / 2));
    out.push(arrow(g.centre, g.preY(k) + BOX_H / 2, g.centre, g.actY(k) - BOX_H / 2));
    tops.push(g.actY(k) + BOX_H / 2);
  }
  out.push(arrow(g.centre, tops[tops.length - 1]!, g.centre, g.lossY - g.lossH / 2));
  return out;
}

/** W_k above-left and b_k below-left of the pre-activation box, each with its arrow in. */
function parameters(g: Geometry, t: LayerText, k: number): Shape[] {
  const y = g.preY(k);
  return [
    ...variable(PARAM_X, y - 20, t.W),
    ...variable(PARAM_X, y + 20, t.b),
    arrow(PARAM_X + NODE_R, y - 16, BOX_LEFT, y - 7),
    arrow(PARAM_X + NODE_R, y + 16, BOX_LEFT, y + 7),
  ];
}

/**
 * The δ boxes (dashed: they belong to the backward pass) beside the pre-activations, and the
 * dashed flow: from J right and up to δ of the last layer, then from each δ up to the next.
 */
function backward(g: Geometry, layers: readonly LayerText[]): Shape[] {
  const L = layers.length;
  const lane = g.deltaLeft + g.deltaW / 2;
  const dashed = { dashed: true } as const;
  const out: Shape[] = [];
  layers.forEach((t, idx) => {
    const y = g.preY(idx + 1);
    out.push(rect(g.deltaLeft, y - 15, g.deltaW, 30, dashed), text(lane, y, t.delta, { size: FONT }));
  });
  const jRight = BOX_LEFT + g.boxW;
  const endL = g.preY(L) + 15;
  out.push(arrowPath([[jRight, g.lossY], [lane, g.lossY], [lane, endL]], dashed));
  for (let k = L; k > 1; k--) out.push(arrow(lane, g.preY(k) - 15, lane, g.preY(k - 1) + 15, dashed));
  return out;
}

function legend(g: Geometry, y: number, labels: GraphLabels): Shape[] {
  return [
    arrow(16, y, 56, y),
    text(64, y, labels.forward, { size: 13, anchor: 'start' }),
    arrow(16, y + 22, 56, y + 22, { dashed: true }),
    text(64, y + 22, labels.backward, { size: 13, anchor: 'start' }),
  ];
}

/** The computational graph's geometry (see the file comment). Deterministic. */
export function graphDrawing(spec: NetworkSpec, labels: GraphLabels): Drawing {
  const L = spec.layers.length;
  const layers = spec.layers.map((_, i) => layerText(spec, i + 1));
  const g = geometry(spec, layers, labels);
  const lossBottom = g.lossY + g.lossH / 2;
  const shapes = [
    ...forwardChain(g, L),
    ...variable(g.centre, g.xY, 'x'),
    text(g.centre + NODE_R + 8, g.xY, labels.input, { size: 13, italic: true, anchor: 'start' }),
    ...layers.flatMap((t, i) => [...parameters(g, t, i + 1), ...opBox(g, g.preY(i + 1), [t.preEq]), ...opBox(g, g.actY(i + 1), [t.actEq])]),
    ...variable(PARAM_X, g.lossY, 'y'),
    arrow(PARAM_X + NODE_R, g.lossY, BOX_LEFT, g.lossY),
    ...opBox(g, g.lossY, lossLines(spec), g.lossH),
    text(g.centre, lossBottom + 14, labels.loss, { size: 13, italic: true }),
    ...backward(g, layers),
    ...legend(g, lossBottom + 44, labels),
  ];
  const title = (labels.titled ?? ((n: string, w: string) => `${n}: ${w}`))(spec.name, `${labels.forward} / ${labels.backward}`);
  return { width: g.width, height: lossBottom + 84, title, shapes };
}

/** The computational graph as an inline SVG. Deterministic; all text escaped. */
export const computationalGraph = (spec: NetworkSpec, labels: GraphLabels): string => drawingSvg(graphDrawing(spec, labels));
