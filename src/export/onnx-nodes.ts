// The pieces of an ONNX model (onnx.proto, opset 13) that the exports use: float32 tensors,
// value infos with a symbolic batch dimension, nodes with int, float and ints attributes, the
// activations, and the model around a graph.
import { DEFAULT_LEAKY_ALPHA, type Activation } from '../network/spec.ts';
import { Message } from './protobuf.ts';

/** ONNX's IR version for opset 13. */
const IR_VERSION = 7;
export const OPSET = 13;
const FLOAT = 1;
/** AttributeProto.AttributeType. */
const ATTRIBUTE = { float: 1, int: 2, ints: 7 } as const;

export function tensor(name: string, dims: readonly number[], values: ArrayLike<number>): Message {
  const t = new Message();
  for (const d of dims) t.int(1, d);
  const raw = Float32Array.from(values);
  return t.int(2, FLOAT).string(8, name).bytes(9, new Uint8Array(raw.buffer));
}

/** A float tensor [batch, ...dims]. */
export function valueInfo(name: string, dims: readonly number[]): Message {
  const shape = new Message().message(1, new Message().string(2, 'batch'));
  for (const d of dims) shape.message(1, new Message().int(1, d));
  const type = new Message().message(1, new Message().int(1, FLOAT).message(2, shape));
  return new Message().string(1, name).message(2, type);
}

export type Attribute = readonly [name: string, kind: 'float', value: number] | readonly [name: string, kind: 'int', value: number] | readonly [name: string, kind: 'ints', value: readonly number[]];

export function node(op: string, inputs: readonly string[], output: string, attributes: readonly Attribute[] = []): Message {
  const m = new Message();
  for (const i of inputs) m.string(1, i);
  m.string(2, output).string(3, output).string(4, op);
  for (const [name, kind, value] of attributes) {
    const a = new Message().string(1, name);
    if (kind === 'float') a.float(2, value);
    else if (kind === 'int') a.int(3, value);
    else for (const v of value) a.int(8, v);
    m.message(5, a.int(20, ATTRIBUTE[kind]));
  }
  return m;
}

/** The activation node of a layer, if it has one (identity has none); softmax over axis 1. */
export function activation(layer: { readonly activation: Activation; readonly alpha?: number }, input: string, output: string): Message | undefined {
  switch (layer.activation) {
    case 'identity': return undefined;
    case 'relu': return node('Relu', [input], output);
    case 'sigmoid': return node('Sigmoid', [input], output);
    case 'tanh': return node('Tanh', [input], output);
    case 'softplus': return node('Softplus', [input], output);
    case 'leaky_relu': return node('LeakyRelu', [input], output, [['alpha', 'float', layer.alpha ?? DEFAULT_LEAKY_ALPHA]]);
    case 'softmax': return node('Softmax', [input], output, [['axis', 'int', 1]]);
  }
}

/** A graph's parts, in the order onnx.proto numbers them. */
export interface Graph {
  readonly name: string;
  readonly nodes: readonly Message[];
  readonly initializers: readonly Message[];
  readonly input: Message;
  readonly output: Message;
}

/** The model's bytes (deterministic: the same graph gives the same file). */
export function modelBytes(g: Graph, producerVersion: string): Uint8Array {
  const graph = new Message();
  for (const n of g.nodes) graph.message(1, n);
  graph.string(2, g.name);
  for (const t of g.initializers) graph.message(5, t);
  graph.message(11, g.input).message(12, g.output);
  return new Message()
    .int(1, IR_VERSION)
    .string(2, 'symprop')
    .string(3, producerVersion)
    .message(7, graph)
    .message(8, new Message().string(1, '').int(2, OPSET))
    .encode();
}
