// The words of a convolutional network's sheet (sheet/conv-sheet.ts): part of every message
// catalog (Messages.conv), so that the compiler checks each language has them all.
import type { ConvNetLayer, Shape } from '../../network/conv-spec.ts';
import type { ConvGraphLabels } from '../svg/conv-graph.ts';
import type { RoutingLabels } from '../svg/pool-routing.ts';
import type { VolumeLabels } from '../svg/volumes.ts';

export interface ConvAlgorithmWords {
  readonly kinds: ReadonlySet<ConvNetLayer['type']>;
  readonly mean: boolean;
  readonly l2: string | undefined;
  /** The notation's letters: pre-activation, activation. */
  readonly stems: { readonly pre: string; readonly act: string };
}

export interface ConvMessages {
  readonly title: string;
  /** "Layer 2: max-pooling". */
  readonly layerHeading: (k: number, kind: string) => string;
  /** "convolution", "max-pooling", … for the headings and the table. */
  readonly kind: (layer: ConvNetLayer) => string;
  /** The table's window column: "$3 \\times 3$, stride 1, padding 0", "5 units". */
  readonly window: (layer: ConvNetLayer) => string;
  readonly shapeHeader: readonly string[];
  readonly parameterCount: (o: { total: string; kernels: string; weights: string; biases: string; hasDense: boolean }) => string;
  /** The courses' terms: convolution layer, kernel / filter, feature map, pooling, flatten. */
  readonly terms: string;
  /** Channels first, 0-based indices, the flat index, θ's order. */
  readonly layout: string;
  readonly shapeIntro: string;
  readonly outputSize: (o: { H: number; p: number; k: number; s: number; out: number; layer: number }) => string;
  readonly forwardIntro: string;
  readonly forwardLayer: (k: number, layer: ConvNetLayer, shape: string) => string;
  readonly lossIntro: string;
  readonly objectiveIntro: string;
  /** After the softmax's two cases: δ = ŷ − y (the CNN note, eq. 7 and 9). */
  readonly softmaxDelta: string;
  readonly headDelta: string;
  readonly deltaThroughActivation: string;
  /** A layer without activation: its δ is equation `eq`, which layer `from` sent back. */
  readonly deltaFromNext: (eq: number, from: number) => string;
  readonly outputDeltaAbove: (eq: number) => string;
  readonly convGradients: string;
  readonly denseGradients: string;
  readonly unitByUnit: string;
  /** The argmax rule, ties and overlapping windows. */
  readonly maxpoolRouting: string;
  readonly avgpoolShare: string;
  readonly nothingBefore: string;
  readonly routing: (kind: 'maxpool' | 'avgpool', k: number, decimal: '.' | ',') => RoutingLabels;
  readonly routingCaption: (kind: 'maxpool' | 'avgpool', rows: number, cols: number) => string;
  readonly flattenBack: string;
  readonly sendsBack: string;
  /** Why the input gradient convolves with the kernel rotated by 180° (dilated δ for stride > 1). */
  readonly kernelFlip: (stride: number) => string;
  /** The first layer's input needs no error: the formula is shown for the flip only. */
  readonly firstLayerInput: (first: boolean) => string;
  readonly algorithm: (o: ConvAlgorithmWords) => string[];
  readonly totalIntro: string;
  readonly exampleIntro: (o: { seed: number; lr: string; full: boolean; rounded: boolean; trainLr: boolean }) => string;
  /** No worked example: one example's forward pass takes `work` multiply-adds, over `limit`. */
  readonly exampleTooLarge: (work: string, limit: string) => string;
  readonly exampleSomeGradients: string;
  readonly figure: VolumeLabels;
  readonly volumesCaption: string;
  readonly graph: ConvGraphLabels;
  readonly graphCaption: string;
}

/** Unicode sizes for the figures: "3 × 50 × 50", "4608". */
export const shapeUnicode = (s: Shape): string => (s.kind === 'vector' ? String(s.size) : `${s.volume.channels} × ${s.volume.height} × ${s.volume.width}`);

