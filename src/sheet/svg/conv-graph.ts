// The computational graph of a convolutional network at layer level: one row per quantity
// (x, then a^k and h^k of each layer, ŷ, the loss J), each with its shape; on the left of each
// arrow the operation that makes it, on the right the error term δ that belongs to it, and a
// dashed arrow carrying the backward pass up. Top to bottom, like the dense sheet's graph.
import type { ConvDerivation } from '../../derive/conv-backprop.ts';
import type { Shape } from '../../network/conv-spec.ts';
import { arrow, arrowPath, rect, text, type Drawing, type Shape as DrawnShape } from './drawing.ts';
import { textWidth } from './text.ts';

export interface ConvGraphLabels {
  readonly title: (name: string) => string;
  readonly loss: string;
  readonly backward: string;
  /** What makes the row's quantity from the one above: "conv K¹, b¹", "ReLU", "max 2×2". */
  readonly op: (d: ConvDerivation, k: number, part: 'pre' | 'act') => string;
  readonly shape: (s: Shape) => string;
}

const ROW = 54;
const BOX_H = 30;
const FONT = 13;

/** "a¹" from the LaTeX "a^{1}": the figure writes Unicode. */
const plain = (tex: string): string => tex.replace(/\\hat\{y\}/g, 'ŷ').replace(/\\delta/g, 'δ').replace(/\^\{(\d+)\}/g, (_, k: string) => [...k].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]).join(''));

export function layerGraphDrawing(d: ConvDerivation, labels: ConvGraphLabels): Drawing {
  interface Row { readonly name: string; readonly shape: string; readonly op?: string; readonly delta?: string }
  const n = d.names;
  const rows: Row[] = [{ name: 'x', shape: labels.shape(d.shapes[0]!) }];
  for (const step of d.layers) {
    const k = step.k;
    const withAct = step.layer.type === 'conv2d' || step.layer.type === 'dense';
    const own = step.delta ? plain(step.delta.latex.slice(0, step.delta.latex.indexOf('_{'))) : undefined;
    if (withAct) {
      rows.push({ name: plain(n.pre(k).latex), shape: labels.shape(step.output), op: labels.op(d, k, 'pre'), ...(own ? { delta: own } : {}) });
      rows.push({ name: plain(n.act(k).latex), shape: labels.shape(step.output), op: labels.op(d, k, 'act') });
    } else {
      rows.push({ name: plain(n.act(k).latex), shape: labels.shape(step.output), op: labels.op(d, k, 'act'), ...(own ? { delta: own } : {}) });
    }
  }
  rows.push({ name: 'J', shape: '', op: labels.loss });
  const boxes = rows.map((r) => Math.max(70, textWidth(`${r.name}  ${r.shape}`, FONT) + 20));
  const opW = Math.max(...rows.map((r) => (r.op ? textWidth(r.op, FONT) : 0))) + 16;
  const boxW = Math.max(...boxes);
  const [cx, top] = [opW + boxW / 2 + 10, 14];
  const deltaX = cx + boxW / 2 + 18;
  const out: DrawnShape[] = [];
  rows.forEach((r, i) => {
    const y = top + i * ROW;
    out.push(rect(cx - boxW / 2, y, boxW, BOX_H, { fill: r.name === 'J' ? 'tint' : 'paper' }));
    out.push(text(cx, y + BOX_H / 2, r.shape ? `${r.name}  ${r.shape}` : r.name, { size: FONT }));
    if (i > 0) {
      out.push(arrow(cx, y - ROW + BOX_H, cx, y));
      if (r.op) out.push(text(cx - 10, y - (ROW - BOX_H) / 2, r.op, { size: FONT - 1, anchor: 'end', italic: false }));
    }
    if (r.delta) out.push(text(deltaX + 14, y + BOX_H / 2, r.delta, { size: FONT, anchor: 'start', italic: true }));
  });
  // The backward pass: one dashed arrow from J up to the first δ, on the right.
  const withDelta = rows.map((r, i) => (r.delta ? i : -1)).filter((i) => i >= 0);
  if (withDelta.length) {
    const [from, to] = [top + (rows.length - 1) * ROW + BOX_H / 2, top + withDelta[0]! * ROW + BOX_H / 2];
    out.push(arrowPath([[cx + boxW / 2, from], [deltaX, from], [deltaX, to], [deltaX + 10, to]], { dashed: true }));
    out.push(text(deltaX + 14, from, labels.backward, { size: FONT - 1, anchor: 'start' }));
  }
  const width = deltaX + 14 + Math.max(textWidth(labels.backward, FONT), ...rows.map((r) => (r.delta ? textWidth(r.delta, FONT) : 0))) + 12;
  return { width, height: top + rows.length * ROW, title: labels.title(d.spec.name), shapes: out };
}
