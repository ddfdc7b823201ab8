// The sheet's two figures as blocks, with their words from the message catalog.
import type { NetworkSpec } from '../network/spec.ts';
import { inline, type Block } from './blocks.ts';
import type { Messages } from './i18n/messages.ts';
import { computationalGraph } from './svg/graph.ts';
import { networkDiagram } from './svg/network.ts';

export const figures = {
  network: (spec: NetworkSpec, m: Messages): Block => ({
    kind: 'figure',
    svg: networkDiagram(spec, m.figure),
    caption: inline(m.diagramCaption),
  }),
  graph: (spec: NetworkSpec, m: Messages): Block => ({
    kind: 'figure',
    svg: computationalGraph(spec, m.figure),
    caption: inline(m.graphCaption),
  }),
};
