// A convolutional spec (JSON) -> ConvNetSpec, or a UserError of one line naming the field:
//   cnn.json: layers[3]: a dense layer cannot follow maxpool: add { "type": "flatten" } before it
// Each layer is checked by the schema of its "type"; then the shapes are followed from the input,
// and a layer that does not fit says the size it would get.
import { z } from 'zod';
import { UserError, oneLine } from '../util/errors.ts';
import { convParamCount, layerOutput, outputSize, volumeSize, type ConvNetLayer, type ConvNetSpec, type Shape, type Volume } from './conv-spec.ts';
import { ACTIVATIONS, DEFAULT_LEAKY_ALPHA, LOSSES, MAX_PARAMS, NOTATIONS, REDUCTIONS, type Activation } from './spec.ts';
import { describeIssue, lossMatchesOutput, pickIssue, shown, type KnownFields } from './validate.ts';

/** Limits (README, "Limits"): a volume is held per example in every buffer of a batch. */
export const MAX_VOLUME = 1_000_000;
export const MAX_CHANNELS = 1024;
export const MAX_SIDE = 4096;
export const MAX_KERNEL = 64;

const int = (what: string) => z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` });
const positive = (max: number, what = 'a positive integer') => int(what).positive({ error: `must be ${what}` }).max(max, { error: `must be at most ${max} (the limit)` });
const nonNegative = (max: number) => int('a whole number >= 0').nonnegative({ error: 'must be >= 0' }).max(max, { error: `must be at most ${max} (the limit)` });
const activation = z.enum(ACTIVATIONS);
const alpha = z.number({ error: 'must be a finite number' }).positive({ error: 'must be > 0' }).optional();

const inputSchema = z
  .object({ channels: positive(MAX_CHANNELS), height: positive(MAX_SIDE), width: positive(MAX_SIDE) }, { error: 'must be a number of inputs, or { "channels": C, "height": H, "width": W }' })
  .strict();

const kernel = z.union([positive(MAX_KERNEL), z.tuple([positive(MAX_KERNEL), positive(MAX_KERNEL)])], { error: 'must be a positive integer or [kh, kw]' });

const LAYER_SCHEMAS = {
  conv2d: z
    .object({
      type: z.literal('conv2d'),
      filters: positive(MAX_CHANNELS),
      kernel,
      stride: positive(MAX_KERNEL).default(1),
      padding: z.union([nonNegative(MAX_KERNEL), z.literal('same')], { error: 'must be a whole number >= 0 or "same"' }).default(0),
      activation,
      alpha,
    })
    .strict(),
  maxpool: z.object({ type: z.literal('maxpool'), size: positive(MAX_KERNEL), stride: positive(MAX_KERNEL).optional(), padding: nonNegative(MAX_KERNEL).default(0) }).strict(),
  avgpool: z.object({ type: z.literal('avgpool'), size: positive(MAX_KERNEL), stride: positive(MAX_KERNEL).optional(), padding: nonNegative(MAX_KERNEL).default(0) }).strict(),
  flatten: z.object({ type: z.literal('flatten') }).strict(),
  dense: z.object({ type: z.literal('dense').optional(), units: positive(100_000), activation, alpha }).strict(),
} as const;

type LayerType = keyof typeof LAYER_SCHEMAS;
const LAYER_TYPES = Object.keys(LAYER_SCHEMAS) as LayerType[];

const topSchema = z
  .object({
    name: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
    notation: z.enum(NOTATIONS).default('a-h'),
    title: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }).optional(),
    input: inputSchema,
    layers: z.array(z.unknown(), { error: 'must be a list of layers' }).min(1, { error: 'must have at least one layer' }).max(1000, { error: 'must have at most 1000 layers (the limit)' }),
    loss: z.enum(LOSSES),
    l2: z.number({ error: 'must be a finite number' }).nonnegative({ error: 'must be >= 0' }).default(0),
    reduction: z.enum(REDUCTIONS).default('mean'),
  }, { error: 'must be a JSON object' })
  .strict();

const knownFields: KnownFields = (path) => {
  if (path.length === 0) return Object.keys(topSchema.shape);
  if (path[0] === 'input') return Object.keys(inputSchema.shape);
  return ['type', 'units', 'activation', 'alpha', 'filters', 'kernel', 'stride', 'padding', 'size'];
};

const dims = (v: Volume): string => `${v.channels} × ${v.height} × ${v.width}`;
const shapeText = (s: Shape): string => (s.kind === 'volume' ? dims(s.volume) : String(s.size));

function parseLayer(raw: unknown, k: number, json: unknown, fail: (m: string) => never): ConvNetLayer {
  const type = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? ((raw as { type?: unknown }).type ?? 'dense') : undefined;
  if (type === undefined) return fail(`layers[${k}]: must be an object like { "type": "conv2d", "filters": 8, "kernel": 3, "activation": "relu" } or { "units": 4, "activation": "relu" }`);
  if (typeof type !== 'string' || !(LAYER_TYPES as string[]).includes(type)) return fail(`layers[${k}].type: unknown value ${shown(type)} (one of ${LAYER_TYPES.join(', ')})`);
  const parsed = LAYER_SCHEMAS[type as LayerType].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ ...i, path: ['layers', k, ...i.path] }));
    // A layer's misspelt field is matched against its own kind's fields ("size" on a flatten is not "units").
    const own: KnownFields = (path) => (path.length === 2 ? Object.keys(LAYER_SCHEMAS[type as LayerType].shape) : knownFields(path));
    return fail(describeIssue(pickIssue(issues, json), json, own));
  }
  const l = parsed.data as Record<string, unknown>;
  const slope = (a: unknown, act: unknown): { alpha?: number } => {
    if (a !== undefined && act !== 'leaky_relu') fail(`layers[${k}].alpha: only a leaky_relu layer takes alpha, this one is ${String(act)}`);
    return act === 'leaky_relu' ? { alpha: (a as number | undefined) ?? DEFAULT_LEAKY_ALPHA } : {};
  };
  switch (type as LayerType) {
    case 'conv2d': {
      const [kh, kw] = typeof l['kernel'] === 'number' ? [l['kernel'], l['kernel']] : (l['kernel'] as [number, number]);
      const stride = l['stride'] as number;
      let padding = l['padding'] as number;
      if (l['padding'] === 'same') {
        if (stride !== 1) fail(`layers[${k}].padding: "same" is for stride 1, this layer has stride ${stride}`);
        // One padding on every side, as the engine and the generated code take it.
        if (kh !== kw || kh % 2 === 0) fail(`layers[${k}].padding: "same" needs a square kernel of odd size (the padding is (k − 1)/2 on each side), got ${kh} × ${kw}`);
        padding = (kh - 1) / 2;
      }
      return { type: 'conv2d', filters: l['filters'] as number, kernel: [kh, kw], stride, padding, activation: l['activation'] as Activation, ...slope(l['alpha'], l['activation']) };
    }
    case 'maxpool':
    case 'avgpool': {
      const size = l['size'] as number;
      const padding = l['padding'] as number;
      // PyTorch's rule: a window must hold at least one real cell.
      if (2 * padding > size) fail(`layers[${k}].padding: at most half the window (${Math.floor(size / 2)} for size ${size}), got ${padding}`);
      return { type: type as 'maxpool' | 'avgpool', size, stride: (l['stride'] as number | undefined) ?? size, padding };
    }
    case 'flatten':
      return { type: 'flatten' };
    case 'dense':
      return { type: 'dense', units: l['units'] as number, activation: l['activation'] as Activation, ...slope(l['alpha'], l['activation']) };
  }
}

/** Follow the shapes from the input; the first layer that does not fit is the error. */
function shapeProblem(input: Volume, layers: readonly ConvNetLayer[]): string | undefined {
  if (volumeSize(input) > MAX_VOLUME) return `input: ${dims(input)} holds ${volumeSize(input)} values, over the limit of ${MAX_VOLUME}`;
  let shape: Shape = { kind: 'volume', volume: input };
  const trail: string[] = [dims(input)];
  for (const [k, layer] of layers.entries()) {
    const where = `layers[${k}] (${layer.type})`;
    if (layer.type === 'dense' && shape.kind === 'volume') {
      return `layers[${k}]: a dense layer cannot follow a ${k === 0 ? 'volume input' : layers[k - 1]!.type} layer's ${dims(shape.volume)} volume directly: add { "type": "flatten" } before it`;
    }
    if (layer.type !== 'dense' && shape.kind === 'vector') {
      return `${where}: needs a volume (channels × height × width), but ${layers[k - 1]?.type === 'flatten' ? 'the flatten before it' : layers[k - 1]?.type === 'dense' ? 'the dense layer before it' : 'the layer before it'} made a vector of ${shape.size}`;
    }
    if (shape.kind === 'volume' && (layer.type === 'conv2d' || layer.type === 'maxpool' || layer.type === 'avgpool')) {
      const v = shape.volume;
      const [kh, kw] = layer.type === 'conv2d' ? layer.kernel : [layer.size, layer.size];
      const [ph, pw] = [layer.padding, layer.padding];
      if (kh > v.height + 2 * ph || kw > v.width + 2 * pw) {
        const field = layer.type === 'conv2d' ? 'kernel' : 'size';
        return `layers[${k}].${field}: the window ${kh} × ${kw} is larger than its padded input ${v.height + 2 * ph} × ${v.width + 2 * pw} (sizes so far: ${trail.join(' → ')})`;
      }
      if (outputSize(v.height, kh, layer.stride, ph) < 1 || outputSize(v.width, kw, layer.stride, pw) < 1) return `${where}: its output would be empty (sizes so far: ${trail.join(' → ')})`;
    }
    shape = layerOutput(layer, shape);
    trail.push(shapeText(shape));
    if (shape.kind === 'volume' && volumeSize(shape.volume) > MAX_VOLUME) return `${where}: its output ${dims(shape.volume)} holds ${volumeSize(shape.volume)} values, over the limit of ${MAX_VOLUME}`;
  }
  if (shape.kind === 'volume') return `layers[${layers.length - 1}]: the last layer must be a dense output layer (add { "type": "flatten" } and a dense layer; sizes: ${trail.join(' → ')})`;
  return undefined;
}

/** Validate a parsed convolutional spec; `source` (the file) starts every error message. */
export function validateConvSpec(json: unknown, source = 'spec'): ConvNetSpec {
  const fail = (message: string): never => {
    throw new UserError(oneLine(`${source}: ${message}`));
  };
  const parsed = topSchema.safeParse(json);
  if (!parsed.success) return fail(describeIssue(pickIssue(parsed.error.issues, json), json, knownFields));
  const { title, layers: rawLayers, ...rest } = parsed.data;
  const layers = rawLayers.map((raw, k) => parseLayer(raw, k, json, fail));
  const problem = shapeProblem(rest.input, layers);
  if (problem) return fail(problem);
  const last = layers.length - 1;
  const misplaced = layers.findIndex((l, k) => (l.type === 'conv2d' || l.type === 'dense') && l.activation === 'softmax' && k !== last);
  if (misplaced >= 0) return fail(`layers[${misplaced}].activation: softmax is allowed on the last layer (layers[${last}]) only`);
  const dense = layers.flatMap((l) => (l.type === 'dense' ? [{ units: l.units, activation: l.activation }] : []));
  const lossProblem = lossMatchesOutput({ layers: dense.slice(-1).map((l) => ({ ...l })), loss: rest.loss });
  if (lossProblem) return fail(lossProblem.replace(/layers\[0\]/g, `layers[${last}]`));
  const spec: ConvNetSpec = { kind: 'conv', ...rest, ...(title === undefined ? {} : { title }), layers };
  const count = convParamCount(spec);
  if (count > MAX_PARAMS) return fail(`the network has ${count} parameters, over the limit of ${MAX_PARAMS} (θ, its gradient and training's state take 8 bytes per parameter each)`);
  return spec;
}
