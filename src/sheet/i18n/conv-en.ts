import { ACTIVATION_NAME } from '../svg/text.ts';
import { shapeUnicode, type ConvMessages } from './conv-messages.ts';

const act = (a: keyof typeof ACTIVATION_NAME, alpha?: number): string => (a === 'leaky_relu' ? `leaky ReLU (${alpha})` : ACTIVATION_NAME[a]);

export const convEn: ConvMessages = {
  title: 'Backpropagation for the convolutional network',
  layerHeading: (k, kind) => `Layer ${k}: ${kind}`,
  kind: (l) => ({ conv2d: 'convolution', maxpool: 'max-pooling', avgpool: 'average pooling', flatten: 'flatten', dense: 'dense' })[l.type],
  window: (l) => {
    switch (l.type) {
      case 'conv2d': return `$${l.filters} \\times ${l.kernel[0]} \\times ${l.kernel[1]}$, $s = ${l.stride}$, $p = ${l.padding}$, ${act(l.activation, l.alpha)}`;
      case 'maxpool':
      case 'avgpool': return `$${l.size} \\times ${l.size}$, $s = ${l.stride}$${l.padding ? `, $p = ${l.padding}$` : ''}`;
      case 'flatten': return '';
      case 'dense': return `${l.units} unit${l.units === 1 ? '' : 's'}, ${act(l.activation, l.alpha)}`;
    }
  },
  shapeHeader: ['Layer', 'Type', 'Window or units', 'Output', 'Values', 'Parameters'],
  parameterCount: ({ total, kernels, weights, biases, hasDense }) =>
    `${total} parameters: ${kernels} in the kernels${hasDense ? `, ${weights} in the dense weights` : ''} and ${biases} biases (one per filter, one per dense unit).`,
  terms:
    'A convolution layer slides each of its filters (kernels) $K_f$ over its input and computes, at every position, a weighted sum of the values under the window plus the filter’s bias: each filter makes one feature map, and the maps are stacked as channels. A pooling layer summarises each window of each feature map by its maximum (max-pooling) or its mean (average pooling); it has no parameters. Flatten lays a volume out as a vector for the dense layers.',
  layout:
    'Layout (channels first, as in PyTorch and ONNX): the value at channel $c$, row $r$ and column $t$ of a $C \\times H \\times W$ volume, all counted from 0, is entry $(c H + r) W + t$ of the example; flatten keeps that order. (A volume written height × width × channels, as the CNN backpropagation note’s 24 × 24 × 8, is 8 × 24 × 24 here.) $\\theta$ holds, layer by layer, each kernel $K^k$ ($F \\times C \\times k_h \\times k_w$, row-major) then its bias $b^k$ (one per filter), then each dense $W^k$, $b^k$. In a window, $s$ is the stride and $p$ the padding (cells outside the input count as 0; −∞ for max-pooling).',
  shapeIntro: 'Layer by layer, the shape of one example’s values ($C \\times H \\times W$; $F \\times k \\times k$: $F$ filters of $k \\times k$; $s$ the stride, $p$ the padding):',
  outputSize: ({ H, p, k, s, out, layer }) =>
    `A window of side $k$ moved by $s$ over $H + 2p$ cells fits $\\lfloor (H + 2p - k)/s \\rfloor + 1$ times; for layer ${layer}: $\\lfloor (${H} + ${2 * p} - ${k})/${s} \\rfloor + 1 = ${out}$.`,
  forwardIntro: 'For one example; every value is stored for the backward pass (and for max-pooling, where each window’s maximum was).',
  forwardLayer: (k, l, shape) => {
    switch (l.type) {
      case 'conv2d': return `Layer ${k}, convolution: ${l.filters === 1 ? 'its filter gives one feature map' : `each of the ${l.filters} filters gives one feature map`}; the output is $${shape}$.`;
      case 'maxpool': return `Layer ${k}, max-pooling: the maximum of each $${l.size} \\times ${l.size}$ window; the output is $${shape}$.`;
      case 'avgpool': return `Layer ${k}, average pooling: the mean of each $${l.size} \\times ${l.size}$ window; the output is $${shape}$.`;
      case 'flatten': return `Layer ${k}, flatten: the same values as a vector of ${shape}, in the layout’s order.`;
      case 'dense': return `Layer ${k}, dense: ${l.units} unit${l.units === 1 ? '' : 's'}.`;
    }
  },
  lossIntro: 'The loss of one example:',
  objectiveIntro: 'Over a batch of $n$ examples (the L2 term, if any, on the kernels and the dense weights; not on the biases):',
  softmaxDelta:
    'With $\\partial L / \\partial \\hat{y}_c = -y_c / \\hat{y}_c$ and $\\sum_c y_c = 1$, the two cases add up to a simple error term at the output:',
  headDelta: 'The error term of the output layer:',
  deltaThroughActivation: 'The error term of the layer’s pre-activation: the error the next layer sent back, times the derivative of the activation.',
  deltaFromNext: (eq, from) => `This layer has no activation: its error term is the error layer ${from} sent back, (${eq}).`,
  outputDeltaAbove: (eq) => `Its error term is (${eq}), derived with the loss.`,
  convGradients:
    'Each kernel entry is used at every position $(i, j)$ of the output: its gradient adds up, over the positions, the error there times the input value that entry read. The bias is added everywhere, so its gradient is the sum of the errors.',
  denseGradients: 'The gradients of the weights and biases:',
  unitByUnit: 'Written out unit by unit (indices from 0), each derivative is a sum of products, one for each output position $(i, j)$ whose window reads the input:',
  maxpoolRouting:
    'Only the maximum of a window reaches the output, so the error of the window goes back to that one cell, and the other cells of the window get 0. Ties: the first maximum in row-major order (TensorFlow.js’s rule; libraries do not all break ties alike). When windows overlap (stride smaller than the window), a cell collects the errors of every window it is the maximum of.',
  avgpoolShare:
    'Each cell of a window counts for $1/\\text{size}^2$ of the mean, so it gets that share of the window’s error. Padding cells count as 0 in the sum and are counted in the divisor (PyTorch’s default, count_include_pad).',
  nothingBefore: 'No layer before this one has parameters, so its error is not sent further back.',
  routing: (kind, k, decimal) => ({
    title: `${kind === 'maxpool' ? 'Max-pooling' : 'Average pooling'} of layer ${k}: the values, and where the errors go`,
    forward: kind === 'maxpool' ? 'max' : 'mean',
    backward: kind === 'maxpool' ? 'to the max' : 'shared out',
    input: 'input (channel 0)',
    output: 'pooled',
    outputGrad: 'errors δ',
    inputGrad: 'errors sent back',
    format: (v) => formatCell(v, decimal),
  }),
  routingCaption: (kind, rows, cols) =>
    `The worked example’s numbers, top-left ${rows} × ${cols} corner of channel 0. ${kind === 'maxpool' ? 'Each window’s maximum is in bold; its error goes to it alone.' : 'Each cell gets an equal share of its window’s error.'}`,
  flattenBack: 'Flatten only reorders: the error of each value goes back to the cell it came from, by the same index map.',
  sendsBack: 'The error sent back to the layer’s input, which the layer before needs:',
  kernelFlip: (stride) =>
    stride === 1
      ? 'Why the kernel is flipped: the forward pass is a cross-correlation (input cell $(r, t)$ is read by output $(i, j)$ through tap $(u, v) = (r + p - i, t + p - j)$). Going back, each input cell collects the errors of the positions that read it, each times the tap that read it; written as a sum over the errors, the tap index runs backwards, which is a convolution with the kernel rotated by 180°, over the error padded by $k - 1 - p$ zeros (a “full” convolution; cropped by $p - k + 1$ when the padding exceeds $k - 1$).'
      : `Why the kernel is flipped: the forward pass is a cross-correlation with stride ${stride}, so only the input cells with $(r + p - u)$ divisible by ${stride} are read by tap $u$. Going back, each input cell collects the errors of the positions that read it: it is the full convolution, with the kernel rotated by 180°, of the error dilated by ${stride} (${stride - 1} zero${stride === 2 ? '' : 's'} between its values).`,
  firstLayerInput: (first) =>
    first
      ? 'The input $x$ has no parameters, so the error is not sent back to it (the generated code does not compute it). Were this layer preceded by another, it would send back:'
      : 'No layer before this one has parameters, so the error is not sent back further. Were one there, it would receive:',
  algorithm: ({ kinds, mean, l2, stems }) => {
    const { pre, act: h } = stems;
    const lines = [
      'Initialise the kernels $K^k$, the weights $W^k$ and the biases $b^k$; then, for each epoch and each mini-batch of $n$ examples:',
      `Forward pass, layer by layer from $${h}^0 = x$: convolution $${pre}^k_{f,i,j} = b^k_f + \\sum_{c,u,v} K^k_{f,c,u,v}\\, ${h}^{k-1}_{c,si+u-p,sj+v-p}$ and $${h}^k = g(${pre}^k)$${kinds.has('maxpool') ? '; max-pooling (keep where each maximum was)' : ''}${kinds.has('avgpool') ? '; average pooling' : ''}${kinds.has('flatten') ? '; flatten' : ''}${kinds.has('dense') ? `; dense $${pre}^k = W^k ${h}^{k-1} + b^k$` : ''}. Keep every value.`,
      `Loss: $J = ${mean ? '\\frac{1}{n}' : ''}\\sum_{e=1}^{n} L(\\hat{y}^{(e)}, y^{(e)})${l2 ? ` + \\frac{\\lambda}{2} \\sum_k \\lVert \\theta_k \\rVert^2$ over the kernels and weights, $\\lambda = ${l2}$` : '$'}.`,
      'Backward pass, from the output: $\\delta^L$ as derived above ($\\hat{y} - y$ for softmax with cross-entropy); then layer by layer, each receiving the error its successor sends back:',
      ...(kinds.has('dense') ? [`dense: $\\delta^k$ = the error back $\\odot\\, g'(${pre}^k)$ (below the output), $\\partial J/\\partial W^k = \\delta^k (${h}^{k-1})^\\top$, $\\partial J/\\partial b^k = \\delta^k$, error back $(W^k)^\\top \\delta^k$;`] : []),
      ...(kinds.has('flatten') ? ['flatten: the same errors, back in the volume’s shape;'] : []),
      ...(kinds.has('maxpool') ? ['max-pooling: each window’s error to its maximum, 0 to the other cells;'] : []),
      ...(kinds.has('avgpool') ? ['average pooling: each window’s error shared out equally over its cells;'] : []),
      `convolution: $\\delta^k$ = the error back $\\odot\\, g'(${pre}^k)$, $\\partial J/\\partial K^k_{f,c,u,v} = \\sum_{i,j} \\delta^k_{f,i,j}\\, ${h}^{k-1}_{c,si+u-p,sj+v-p}$, $\\partial J/\\partial b^k_f = \\sum_{i,j} \\delta^k_{f,i,j}$, error back: the full convolution of $\\delta^k$ with the kernels rotated by 180° (not for the first layer).`,
      'Update, with the learning rate $\\alpha$: $\\theta \\leftarrow \\theta - \\alpha \\nabla_\\theta J$ for every kernel, weight and bias; repeat.',
    ];
    return lines;
  },
  totalIntro: 'Over the batch, each gradient is the mean (the sum, for the reduction “sum”) of the examples’ gradients:',
  exampleTooLarge: (work, limit) => `This network is too big for a worked example here: one example takes ${work} multiply-adds, over the sheet's limit of ${limit}. The formulas above hold as they are; the generated code computes the numbers.`,
  exampleIntro: ({ seed, lr, full, rounded, trainLr }) =>
    `One example drawn with seed ${seed}: pixels in $[0, 1]$, parameters by He initialisation (biases 0)${rounded ? ', both rounded to two decimals' : ' (not rounded: the rounded draws tried all had a tie in a pooling window or a pre-activation at 0)'}; the target is the first class; the step below is one of plain gradient descent with $\\alpha = ${lr}$${trainLr ? ' (the learning rate symprop train gives a convolutional network, whose default update is Adam)' : ', chosen so that the step lowers J by about a tenth to first order ($\\alpha \\lVert \\nabla J \\rVert^2 = J/10$): one plain step at 0.01 would overshoot on this network'}. The output, the loss and the gradients are computed by the generated code, the layers’ values by the reference engine; numbers are rounded to 4 significant digits.${full ? '' : ' This network is too big to print every value: here are the output, the loss and some gradients.'}`,
  exampleSomeGradients: 'Gradients (the first filter’s kernel, and the small blocks):',
  figure: {
    input: 'input',
    title: (name) => `The volumes of the convolutional network ${name}, layer by layer`,
    layer: (spec, k) => volumeLines(spec, k, { conv: 'conv', filters: (n) => `${n} filter${n === 1 ? '' : 's'}`, max: 'maxpool', avg: 'avgpool', stride: 'stride', pad: 'pad', flatten: 'flatten', dense: 'dense' }),
    size: shapeUnicode,
  },
  volumesCaption: 'The network as volumes (channels × height × width); the small square is one window of the first kernel, and the dashed lines lead to the value it makes.',
  graph: {
    title: (name) => `The computational graph of ${name}, layer by layer`,
    loss: 'loss',
    backward: 'backward pass',
    op: (d, k, part) => graphOp(d, k, part, { conv: 'conv', max: 'max', avg: 'mean', flatten: 'flatten', dense: 'dense' }),
    shape: shapeUnicode,
  },
  graphCaption: 'Forward (solid) and backward (dashed) passes; each error term $\\delta$ is written beside the value it belongs to.',
};

/** A number in a grid cell: two decimals, the language's mark. */
export function formatCell(v: number, decimal: '.' | ','): string {
  const s = (Math.abs(v) < 0.005 ? 0 : v).toFixed(2).replace('-', '−');
  return decimal === ',' ? s.replace('.', ',') : s;
}

interface LayerWords {
  readonly conv: string;
  readonly filters: (n: number) => string;
  readonly max: string;
  readonly avg: string;
  readonly stride: string;
  readonly pad: string;
  readonly flatten: string;
  readonly dense: string;
}

/** The label of layer k's arrow in the volumes figure, on one or two lines. */
export function volumeLines(spec: { readonly layers: readonly import('../../network/conv-spec.ts').ConvNetLayer[] }, k: number, w: LayerWords): string[] {
  const l = spec.layers[k - 1]!;
  switch (l.type) {
    case 'conv2d': {
      const extra = [l.stride !== 1 ? `${w.stride} ${l.stride}` : '', l.padding !== 0 ? `${w.pad} ${l.padding}` : ''].filter((s) => s !== '').join(', ');
      return [`${w.conv} ${l.kernel[0]}×${l.kernel[1]}${extra ? `, ${extra}` : ''}`, `${w.filters(l.filters)}, ${act(l.activation, l.alpha)}`];
    }
    case 'maxpool':
    case 'avgpool':
      return [`${l.type === 'maxpool' ? w.max : w.avg} ${l.size}×${l.size}`, ...(l.stride !== l.size ? [`${w.stride} ${l.stride}`] : [])];
    case 'flatten':
      return [w.flatten];
    case 'dense':
      return [`${w.dense} ${l.units}`, act(l.activation, l.alpha)];
  }
}

/** What makes a^k or h^k, beside its arrow in the layer graph. */
export function graphOp(d: import('../../derive/conv-backprop.ts').ConvDerivation, k: number, part: 'pre' | 'act', w: { conv: string; max: string; avg: string; flatten: string; dense: string }): string {
  const l = d.spec.layers[k - 1]!;
  const sup = (n: number): string => [...String(n)].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]).join('');
  switch (l.type) {
    case 'conv2d': return part === 'pre' ? `${w.conv} K${sup(k)}, b${sup(k)}` : act(l.activation, l.alpha);
    case 'maxpool': return `${w.max} ${l.size}×${l.size}`;
    case 'avgpool': return `${w.avg} ${l.size}×${l.size}`;
    case 'flatten': return w.flatten;
    case 'dense': return part === 'pre' ? `${w.dense} W${sup(k)}, b${sup(k)}` : act(l.activation, l.alpha);
  }
}

export { act as activationText };
