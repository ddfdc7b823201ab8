// A trained network as an ONNX model (opset 13), so it runs in onnxruntime, PyTorch,
// TensorFlow and the browser: input "x" [batch, N₀] (raw inputs, standardised inside the
// model by the training split's mean and std, as `predict` does), then per layer
// Gemm(h, W_k, b_k, transB = 1) and its activation, output "yhat" [batch, N_L]. Weights are
// float32 initializers in θ's layout (W_k row-major N_k × N_{k−1}). The batch dimension is
// symbolic ("batch"). A convolutional network's graph is onnx-conv.ts's.
import { layerSizes } from '../network/spec.ts';
import { isConvParams, type AnyTrainedParams, type TrainedParams } from '../train/predict.ts';
import { convGraph } from './onnx-conv.ts';
import { activation, modelBytes, node, tensor, valueInfo, type Graph } from './onnx-nodes.ts';
import type { Message } from './protobuf.ts';

export { OPSET } from './onnx-nodes.ts';

function denseGraph(params: TrainedParams): Graph {
  const { spec, theta, standardize } = params;
  const sizes = layerSizes(spec);
  const L = spec.layers.length;
  const initializers: Message[] = [tensor('mean', [sizes[0]!], standardize.mean), tensor('std', [sizes[0]!], standardize.std)];
  const nodes: Message[] = [node('Sub', ['x', 'mean'], 'x_centred'), node('Div', ['x_centred', 'std'], 'h0')];
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
    nodes.push(node('Gemm', [h, `W${k}`, `b${k}`], act ? `a${k}` : out, [['transB', 'int', 1]]));
    if (act) nodes.push(act);
    h = out;
  }
  return { name: spec.name, nodes, initializers, input: valueInfo('x', [sizes[0]!]), output: valueInfo('yhat', [sizes[L]!]) };
}

/** The model's bytes (deterministic: the same parameters give the same file). */
export function onnxModel(params: AnyTrainedParams, producerVersion: string): Uint8Array {
  return modelBytes(isConvParams(params) ? convGraph(params) : denseGraph(params), producerVersion);
}
