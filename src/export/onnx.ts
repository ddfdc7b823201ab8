// A trained network as an ONNX model (opset 13), so it runs in onnxruntime, PyTorch,
// TensorFlow and the browser: input "x" [batch, N₀] (raw inputs, standardised inside the
// model by the training split's mean and std, as `predict` does), then per layer
// Gemm(h, W_k, b_k, transB = 1) and its activation, output "yhat" [batch, N_L]. Weights are
// float32 initializers in θ's layout (W_k row-major N_k × N_{k−1}). The batch dimension is
// symbolic ("batch").
import { layerSizes, slopeOf, type Layer } from '../network/spec.ts';
import type { TrainedParams } from '../train/predict.ts';
import { Message } from './protobuf.ts';

/** ONNX's IR version for opset 13. */
const IR_VERSION = 7;
export const OPSET = 13;
const FLOAT = 1;
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;

function tensor(name: string, dims: readonly number[], values: ArrayLike<number>): Message {
  const t = new Message();
  for (const d of dims) t.int(1, d);
  const raw = Float32Array.from(values);
  return t.int(2, FLOAT).string(8, name).bytes(9, new Uint8Array(raw.buffer));
}

function valueInfo(name: string, width: number): Message {
  const shape = new Message().message(1, new Message().string(2, 'batch')).message(1, new Message().int(1, width));
  const type = new Message().message(1, new Message().int(1, FLOAT).message(2, shape));
  return new Message().string(1, name).message(2, type);
}

type Attribute = readonly [name: string, kind: 'float' | 'int', value: number];

function node(op: string, inputs: readonly string[], output: string, attributes: readonly Attribute[] = []): Message {
  const m = new Message();
  for (const i of inputs) m.string(1, i);
  m.string(2, output).string(3, output).string(4, op);
  for (const [name, kind, value] of attributes) {
    const a = new Message().string(1, name);
    if (kind === 'float') a.float(2, value).int(20, ATTRIBUTE_FLOAT);
    else a.int(3, value).int(20, ATTRIBUTE_INT);
    m.message(5, a);
  }
  return m;
}

/** The activation node, if the layer has one (identity has none). */
function activation(layer: Layer, input: string, output: string): Message | undefined {
  switch (layer.activation) {
    case 'identity': return undefined;
    case 'relu': return node('Relu', [input], output);
    case 'sigmoid': return node('Sigmoid', [input], output);
    case 'tanh': return node('Tanh', [input], output);
    case 'softplus': return node('Softplus', [input], output);
    case 'leaky_relu': return node('LeakyRelu', [input], output, [['alpha', 'float', slopeOf(layer)]]);
    case 'softmax': return node('Softmax', [input], output, [['axis', 'int', 1]]);
  }
}

/** The model's bytes (deterministic: the same parameters give the same file). */
export function onnxModel(params: TrainedParams, producerVersion: string): Uint8Array {
  const { spec, theta, standardize } = params;
  const sizes = layerSizes(spec);
  const L = spec.layers.length;
  const graph = new Message();
  const initializers: Message[] = [tensor('mean', [sizes[0]!], standardize.mean), tensor('std', [sizes[0]!], standardize.std)];
  graph.message(1, node('Sub', ['x', 'mean'], 'x_centred'));
  graph.message(1, node('Div', ['x_centred', 'std'], 'h0'));
  let offset = 0;
  let h = 'h0';
  for (let k = 1; k <= L; k++) {
    const [rows, cols] = [sizes[k]!, sizes[k - 1]!];
    initializers.push(tensor(`W${k}`, [rows, cols], theta.subarray(offset, offset + rows * cols)));
    offset += rows * cols;
    initializers.push(tensor(`b${k}`, [rows], theta.subarray(offset, offset + rows)));
    offset += rows;
    const out = k === L ? 'yhat' : `h${k}`;
    const act = activation(spec.layers[k - 1]!, `a${k}`, out);
    graph.message(1, node('Gemm', [h, `W${k}`, `b${k}`], act ? `a${k}` : out, [['transB', 'int', 1]]));
    if (act) graph.message(1, act);
    h = out;
  }
  graph.string(2, spec.name);
  for (const t of initializers) graph.message(5, t);
  graph.message(11, valueInfo('x', sizes[0]!));
  graph.message(12, valueInfo('yhat', sizes[L]!));
  return new Message()
    .int(1, IR_VERSION)
    .string(2, 'symprop')
    .string(3, producerVersion)
    .message(7, graph)
    .message(8, new Message().string(1, '').int(2, OPSET))
    .encode();
}
