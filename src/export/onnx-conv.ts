// A trained convolutional network as an ONNX graph: input "x" [batch, C, H, W], channels first
// as θ's layout and ONNX's own, raw pixels (standardised inside the model per channel:
// Sub and Div by mean and std of shape [C, 1, 1], which broadcast over the batch and the
// pixels), then per layer:
//   conv2d   Conv(h, K_k [F, C, kh, kw], b_k [F]; kernel_shape, strides, pads) and its activation
//   maxpool  MaxPool (padded cells never win, as in the engine, which skips them)
//   avgpool  AveragePool with count_include_pad = 1: the divisor is size², padding included,
//            as the engine's (conv.ts) and PyTorch's default
//   flatten  Flatten(axis = 1): [batch, C·H·W] in (c, r, t) order, the order W_k reads
//   dense    Gemm(h, W_k, b_k, transB = 1) and its activation
// and output "yhat" [batch, N_L]. Floor division for the output sizes (ceil_mode 0), as the spec.
import { convParamBlocks, convShapes, type ConvNetLayer, type Shape } from '../network/conv-spec.ts';
import type { ConvTrainedParams } from '../train/conv-params.ts';
import { activation, node, tensor, valueInfo, type Attribute, type Graph } from './onnx-nodes.ts';
import type { Message } from './protobuf.ts';

const dims = (s: Shape): number[] => (s.kind === 'volume' ? [s.volume.channels, s.volume.height, s.volume.width] : [s.size]);

/** kernel_shape, strides and pads (top, left, bottom, right: the same p on every side). */
const windowAttributes = (kh: number, kw: number, stride: number, p: number): Attribute[] => [
  ['kernel_shape', 'ints', [kh, kw]],
  ['strides', 'ints', [stride, stride]],
  ['pads', 'ints', [p, p, p, p]],
];

/** The nodes of layer k, reading h and writing out. */
function layerNodes(layer: ConvNetLayer, k: number, h: string, out: string): Message[] {
  switch (layer.type) {
    case 'conv2d':
    case 'dense': {
      const [w, b] = [layer.type === 'conv2d' ? `K${k}` : `W${k}`, `b${k}`];
      const act = activation(layer, `a${k}`, out);
      const linear = layer.type === 'conv2d'
        ? node('Conv', [h, w, b], act ? `a${k}` : out, windowAttributes(layer.kernel[0], layer.kernel[1], layer.stride, layer.padding))
        : node('Gemm', [h, w, b], act ? `a${k}` : out, [['transB', 'int', 1]]);
      return act ? [linear, act] : [linear];
    }
    case 'maxpool':
      return [node('MaxPool', [h], out, windowAttributes(layer.size, layer.size, layer.stride, layer.padding))];
    case 'avgpool':
      return [node('AveragePool', [h], out, [['count_include_pad', 'int', 1], ...windowAttributes(layer.size, layer.size, layer.stride, layer.padding)])];
    case 'flatten':
      return [node('Flatten', [h], out, [['axis', 'int', 1]])];
  }
}

export function convGraph(params: ConvTrainedParams): Graph {
  const { spec, theta, standardize } = params;
  const C = spec.input.channels;
  const initializers: Message[] = [tensor('mean', [C, 1, 1], standardize.mean), tensor('std', [C, 1, 1], standardize.std)];
  for (const b of convParamBlocks(spec)) initializers.push(tensor(b.name, b.shape, theta.subarray(b.offset, b.offset + b.size)));
  const nodes: Message[] = [node('Sub', ['x', 'mean'], 'x_centred'), node('Div', ['x_centred', 'std'], 'h0')];
  const L = spec.layers.length;
  spec.layers.forEach((layer, i) => nodes.push(...layerNodes(layer, i + 1, `h${i}`, i + 1 === L ? 'yhat' : `h${i + 1}`)));
  const shapes = convShapes(spec);
  return { name: spec.name, nodes, initializers, input: valueInfo('x', dims(shapes[0]!)), output: valueInfo('yhat', dims(shapes[L]!)) };
}
