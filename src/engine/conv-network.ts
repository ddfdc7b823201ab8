// The reference loss and gradient of a convolutional network spec, on the tensor engine's own
// conv2d, pooling and dense ops (conv.ts, tensor.ts): nothing here comes from the rule tables.
//   J = (1/n) Σ_i L(ŷ_i, y_i) + (λ/2) Σ_k ‖θ_k‖²_F over the kernels K_k and the matrices W_k
//   (kernels are weights too; biases are not regularised).
// θ in the spec's order (conv-spec.ts): K_k (F × C × kh × kw) then b_k, W_k then b_k.
import { convParamBlocks, convParamCount, convShapes, shapeSize, type ConvNetLayer, type ConvNetSpec, type Shape } from '../network/conv-spec.ts';
import { avgPool2d, conv2d, flatten, maxPool2d, type VolumeShape } from './conv.ts';
import type { LossAndGrad } from './network.ts';
import { Tape, add, affine, scale, sumSquares, tensor, type Tensor } from './tensor.ts';
import { pointwise, softmaxRows } from './tensor-activations.ts';
import { lossSum } from './tensor-losses.ts';

interface Params {
  /** K_k (F × C·kh·kw) or W_k, and b_k (1 × F or 1 × N_k); views of θ and of the gradient. */
  readonly weight: Tensor;
  readonly bias: Tensor;
}

function paramTensors(spec: ConvNetSpec, theta: Float64Array, grad: Float64Array): Map<number, Params> {
  const blocks = convParamBlocks(spec);
  const out = new Map<number, Params>();
  for (let i = 0; i < blocks.length; i += 2) {
    const [w, b] = [blocks[i]!, blocks[i + 1]!];
    const rows = w.shape[0]!;
    const view = (x: Float64Array, o: number, n: number): Float64Array => x.subarray(o, o + n);
    out.set(w.layer, {
      weight: tensor(rows, w.size / rows, view(theta, w.offset, w.size), view(grad, w.offset, w.size)),
      bias: tensor(1, b.size, view(theta, b.offset, b.size), view(grad, b.offset, b.size)),
    });
  }
  return out;
}

function activate(tape: Tape, a: Tensor, layer: Extract<ConvNetLayer, { activation: unknown }>): Tensor {
  return layer.activation === 'softmax' ? softmaxRows(tape, a) : pointwise(tape, a, layer.activation, layer.alpha);
}

const volumeOf = (s: Shape): VolumeShape => {
  if (s.kind !== 'volume') throw new Error('a volume was expected (validation keeps vectors after flatten)');
  return s.volume;
};

/** Layer k's tensors: a^k (conv, dense) and h^k, for a trace. */
interface LayerTensors {
  readonly pre?: Tensor;
  readonly act: Tensor;
}

/** Ŷ for the n rows of X (each C·H·W values, channels first); `seen` collects each layer's tensors. */
function forward(tape: Tape, spec: ConvNetSpec, params: Map<number, Params>, X: Float64Array, n: number, seen?: LayerTensors[]): Tensor {
  const shapes = convShapes(spec);
  let h = tensor(n, shapeSize(shapes[0]!), X);
  spec.layers.forEach((layer, i) => {
    const k = i + 1;
    const shape = shapes[i]!;
    switch (layer.type) {
      case 'conv2d': {
        const p = params.get(k)!;
        const a = conv2d(tape, h, volumeOf(shape), p.weight, p.bias, { kh: layer.kernel[0], kw: layer.kernel[1], stride: layer.stride, padding: layer.padding });
        h = activate(tape, a, layer);
        seen?.push({ pre: a, act: h });
        return;
      }
      case 'maxpool':
        h = maxPool2d(tape, h, volumeOf(shape), { size: layer.size, stride: layer.stride, padding: layer.padding });
        break;
      case 'avgpool':
        h = avgPool2d(tape, h, volumeOf(shape), { size: layer.size, stride: layer.stride, padding: layer.padding });
        break;
      case 'flatten':
        h = flatten(h, volumeOf(shape));
        break;
      case 'dense': {
        const p = params.get(k)!;
        const a = affine(tape, h, p.weight, p.bias);
        h = activate(tape, a, layer);
        seen?.push({ pre: a, act: h });
        return;
      }
    }
    seen?.push({ act: h });
  });
  return h;
}

function check(spec: ConvNetSpec, theta: Float64Array, X: Float64Array, n: number, Y?: Float64Array): void {
  const shapes = convShapes(spec);
  const problems = [
    theta.length !== convParamCount(spec) && `θ has ${theta.length} entries, the spec needs ${convParamCount(spec)}`,
    !(Number.isInteger(n) && n > 0) && `n must be a positive integer, got ${n}`,
    X.length !== n * shapeSize(shapes[0]!) && `X has ${X.length} entries, expected n × ${shapeSize(shapes[0]!)}`,
    Y !== undefined && Y.length !== n * shapeSize(shapes.at(-1)!) && `Y has ${Y.length} entries, expected n × ${shapeSize(shapes.at(-1)!)}`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new Error(`${spec.name}: ${problems.join('; ')}`);
}

/** The network outputs ŷ for the n rows of X: an n × N_L row-major matrix. */
export function engineConvForward(spec: ConvNetSpec, theta: Float64Array, X: Float64Array, n: number): Float64Array {
  check(spec, theta, X, n);
  return forward(new Tape(), spec, paramTensors(spec, theta, new Float64Array(theta.length)), X, n).data;
}

/** J(θ) on the batch (X, Y) of n examples, and its gradient by reverse mode. */
export function engineConvLossAndGrad(spec: ConvNetSpec, theta: Float64Array, X: Float64Array, Y: Float64Array, n: number): LossAndGrad {
  check(spec, theta, X, n, Y);
  const grad = new Float64Array(theta.length);
  const tape = new Tape();
  const params = paramTensors(spec, theta, grad);
  let J = lossSum(tape, forward(tape, spec, params, X, n), Y, spec.loss);
  if (spec.reduction === 'mean') J = scale(tape, J, 1 / n);
  if (spec.l2 !== 0) {
    for (const p of params.values()) J = add(tape, J, scale(tape, sumSquares(tape, p.weight), spec.l2 / 2));
  }
  tape.backward(J);
  return { loss: J.data[0]!, grad };
}

/** One example through the network: every layer's values and their adjoints (the sheet's worked example). */
export interface ConvTrace {
  readonly loss: number;
  readonly grad: Float64Array;
  /** Layer k (index k − 1): a^k and δ^k = ∂J/∂a^k for conv and dense layers. */
  readonly pre: readonly (Float64Array | undefined)[];
  readonly preGrad: readonly (Float64Array | undefined)[];
  /** Layer k: h^k and ∂J/∂h^k. */
  readonly act: readonly Float64Array[];
  readonly actGrad: readonly Float64Array[];
}

/** J for one example (x, y) and every layer's values and adjoints, by reverse mode. */
export function engineConvTrace(spec: ConvNetSpec, theta: Float64Array, x: Float64Array, y: Float64Array): ConvTrace {
  check(spec, theta, x, 1, y);
  const grad = new Float64Array(theta.length);
  const tape = new Tape();
  const params = paramTensors(spec, theta, grad);
  const seen: LayerTensors[] = [];
  let J = lossSum(tape, forward(tape, spec, params, x, 1, seen), y, spec.loss);
  if (spec.l2 !== 0) {
    for (const p of params.values()) J = add(tape, J, scale(tape, sumSquares(tape, p.weight), spec.l2 / 2));
  }
  tape.backward(J);
  return {
    loss: J.data[0]!,
    grad,
    pre: seen.map((s) => s.pre?.data),
    preGrad: seen.map((s) => s.pre?.grad),
    act: seen.map((s) => s.act.data),
    actGrad: seen.map((s) => s.act.grad),
  };
}
