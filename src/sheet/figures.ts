// The sheet's two figures as blocks, with their words from the message catalog: one drawing
// each, which HTML and Markdown show as SVG and LaTeX as TikZ.
import type { NetworkSpec } from '../network/spec.ts';
import { inline, type Block } from './blocks.ts';
import type { Messages } from './i18n/messages.ts';
import type { Drawing } from './svg/drawing.ts';
import { drawingSvg } from './svg/drawing-svg.ts';
import { graphDrawing } from './svg/graph.ts';
import { networkDrawing } from './svg/network.ts';

const figure = (name: string, drawing: Drawing, caption: string): Block => ({ kind: 'figure', name, drawing, svg: drawingSvg(drawing), caption: inline(caption) });

export const figures = {
  network: (spec: NetworkSpec, m: Messages): Block => figure('network', networkDrawing(spec, m.figure), m.diagramCaption),
  graph: (spec: NetworkSpec, m: Messages): Block => figure('graph', graphDrawing(spec, m.figure), m.graphCaption),
};
