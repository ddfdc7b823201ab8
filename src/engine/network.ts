// The reference loss and gradient of a network spec, built on the tensor engine.
//
// Conventions (project-wide): a_k = W_k h_{k−1} + b_k, h_k = g_k(a_k), h_0 = x, ŷ = h_L.
// With examples as rows of X this is A_k = H_{k−1} W_kᵀ + b_k, one affine op per layer.
//   J = (1/n) Σ_i L(ŷ_i, y_i) + (λ/2) Σ_k ‖W_k‖_F²     (no 1/n when reduction is 'sum';
//                                                       biases are not regularised)
import type { Layer, NetworkSpec } from '../network/spec.ts';
import { checkShapes, paramLayout } from './layout.ts';
import { Tape, add, affine, scale, sumSquares, tensor, type Tensor } from './tensor.ts';
import { pointwise, softmaxRows } from './tensor-activations.ts';
import { lossSum } from './tensor-losses.ts';

export { engineLossAndGradScalar } from './network-scalar.ts';

export interface LossAndGrad {
  readonly loss: number;
  /** ∂J/∂θ, laid out like θ. */
  readonly grad: Float64Array;
}

interface LayerParams {
  readonly W: Tensor;
  readonly b: Tensor;
}

/** Tensors that view θ and the matching slices of grad, so backward writes into grad directly. */
function paramTensors(spec: NetworkSpec, theta: Float64Array, grad: Float64Array): LayerParams[] {
  return paramLayout(spec).map((s) => ({
    W: tensor(s.rows, s.cols, theta.subarray(s.w, s.b), grad.subarray(s.w, s.b)),
    b: tensor(1, s.rows, theta.subarray(s.b, s.b + s.rows), grad.subarray(s.b, s.b + s.rows)),
  }));
}

function activate(tape: Tape, a: Tensor, layer: Layer): Tensor {
  if (layer.activation === 'softmax') return softmaxRows(tape, a);
  return pointwise(tape, a, layer.activation, layer.alpha);
}

/** Ŷ = H_L, one example per row; `seen` collects each layer's pre-activation and activation. */
function forward(tape: Tape, spec: NetworkSpec, params: readonly LayerParams[], X: Float64Array, n: number, seen?: LayerValues[]): Tensor {
  let h = tensor(n, spec.input, X); // X is only read; its grad is a scratch buffer
  spec.layers.forEach((layer, k) => {
    const p = params[k]!;
    const a = affine(tape, h, p.W, p.b);
    h = activate(tape, a, layer);
    seen?.push({ pre: a, act: h });
  });
  return h;
}

interface LayerValues {
  readonly pre: Tensor;
  readonly act: Tensor;
}

/** J of the header: the loss over the batch (its mean, unless reduction is 'sum'), then the L2 term. */
function objective(tape: Tape, spec: NetworkSpec, params: readonly LayerParams[], yhat: Tensor, Y: Float64Array, n: number): Tensor {
  let J = lossSum(tape, yhat, Y, spec.loss);
  if (spec.reduction === 'mean') J = scale(tape, J, 1 / n);
  if (spec.l2 !== 0) {
    for (const p of params) J = add(tape, J, scale(tape, sumSquares(tape, p.W), spec.l2 / 2));
  }
  return J;
}

/** One example through the network: every layer's values, and J with its gradient. */
export interface EngineTrace extends LossAndGrad {
  /** a_k (pre-activations), k = 1..L. */
  readonly pre: readonly Float64Array[];
  /** h_k = g_k(a_k), k = 1..L (h_L = ŷ). */
  readonly act: readonly Float64Array[];
  /** δ_k = ∂J/∂a_k, k = 1..L (numbered from the input). */
  readonly delta: readonly Float64Array[];
}

/** The reference values of the worked example: one example, reverse mode, each layer kept. */
export function engineTrace(spec: NetworkSpec, theta: Float64Array, x: Float64Array, y: Float64Array): EngineTrace {
  checkShapes(spec, theta, x, 1, y);
  const grad = new Float64Array(theta.length);
  const tape = new Tape();
  const params = paramTensors(spec, theta, grad);
  const seen: LayerValues[] = [];
  const J = objective(tape, spec, params, forward(tape, spec, params, x, 1, seen), y, 1);
  tape.backward(J);
  return { loss: J.data[0]!, grad, pre: seen.map((v) => v.pre.data), act: seen.map((v) => v.act.data), delta: seen.map((v) => v.pre.grad) };
}

/** The network outputs ŷ for the n rows of X: an n × N_L row-major matrix. */
export function engineForward(spec: NetworkSpec, theta: Float64Array, X: Float64Array, n: number): Float64Array {
  checkShapes(spec, theta, X, n);
  const tape = new Tape();
  return forward(tape, spec, paramTensors(spec, theta, new Float64Array(theta.length)), X, n).data;
}

/** J(θ) on the batch (X, Y) of n examples, and its gradient by reverse mode. */
export function engineLossAndGrad(
  spec: NetworkSpec,
  theta: Float64Array,
  X: Float64Array,
  Y: Float64Array,
  n: number,
): LossAndGrad {
  checkShapes(spec, theta, X, n, Y);
  const grad = new Float64Array(theta.length);
  const tape = new Tape();
  const params = paramTensors(spec, theta, grad);
  const J = objective(tape, spec, params, forward(tape, spec, params, X, n), Y, n);
  tape.backward(J);
  return { loss: J.data[0]!, grad };
}
