// The network spec: the JSON contract users write (README, "Network spec").
// Validated with zod so that every error names its field; the cross-field rules
// (what may follow what) live in validate.ts.
import { z } from 'zod';
import { DELTA_NUMBERINGS, LAYER_INDEX_STYLES, type DeltaNumbering, type LayerIndexStyle } from './notation-options.ts';

export { DELTA_NUMBERINGS, LAYER_INDEX_STYLES, type DeltaNumbering, type LayerIndexStyle };

export const ACTIVATIONS = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus', 'softmax'] as const;
export const LOSSES = ['mse', 'l1', 'bce', 'cross_entropy', 'cross_entropy_with_logits'] as const;
export const NOTATIONS = ['a-h', 'z-a'] as const;
export const REDUCTIONS = ['mean', 'sum'] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type LossName = (typeof LOSSES)[number];
export type Notation = (typeof NOTATIONS)[number];
export type Reduction = (typeof REDUCTIONS)[number];

/**
 * Limits, checked before any work (README, "Limits"). Each δ, each layer's code and each
 * sheet page costs time linear in the layers; θ, its gradient and training's copies cost
 * 8 bytes per parameter each.
 */
export const MAX_LAYERS = 1000;
export const MAX_UNITS = 100_000;
export const MAX_PARAMS = 5_000_000;

// Each check carries the message the user sees after the field name ("layers[0].units:
// must be a positive integer, got 0"); validate.ts adds the field and the value.
const positiveInt = z
  .number({ error: 'must be a positive integer' })
  .int({ error: 'must be a positive integer' })
  .positive({ error: 'must be a positive integer' });

const units = positiveInt.max(MAX_UNITS, { error: `must be at most ${MAX_UNITS} units (the limit)` });

export const layerSchema = z
  .object({
    /** Optional in a dense network (every layer is dense); the convolutional spec's layers name their type. */
    type: z.literal('dense', { error: 'must be "dense" (conv2d, maxpool, avgpool and flatten make a convolutional network)' }).optional(),
    units,
    activation: z.enum(ACTIVATIONS),
    alpha: z.number({ error: 'must be a finite number' }).positive({ error: 'must be > 0' }).optional(),
  }, { error: 'must be an object like { "units": 4, "activation": "relu" }' })
  .strict();

const finite = z.number({ error: 'must be a finite number' });
const MAX_EXAMPLE_SEED = 2 ** 31 - 1;

/** The sheet's worked example: one input, its target and the parameters (a list, or "seed:N" for a seeded draw). */
export const exampleSchema = z
  .object({
    x: z.array(finite, { error: 'must be a list of numbers, one per input' }),
    y: z.array(finite, { error: 'must be a list of numbers, one per output' }),
    theta: z
      .union([
        z.string().regex(/^seed:\d{1,10}$/, { error: 'must be "seed:N" (N a whole number) or a list of numbers' }),
        z.array(finite, { error: 'must be "seed:N" or a list of numbers, one per parameter' }),
      ], { error: 'must be "seed:N" (N a whole number) or a list of numbers, one per parameter' })
      .optional(),
    lr: finite.positive({ error: 'must be > 0' }).optional(),
  }, { error: 'must be an object like { "x": [1, 2], "y": [1], "theta": "seed:1" }' })
  .strict();
export { MAX_EXAMPLE_SEED };

export const specSchema = z
  .object({
    name: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
    notation: z.enum(NOTATIONS).default('a-h'),
    input: units,
    layers: z
      .array(layerSchema, { error: 'must be a list of layers' })
      .min(1, { error: 'must have at least one layer' })
      .max(MAX_LAYERS, { error: `must have at most ${MAX_LAYERS} layers (the limit)` }),
    loss: z.enum(LOSSES),
    l2: z.number({ error: 'must be a finite number' }).nonnegative({ error: 'must be >= 0' }).default(0),
    reduction: z.enum(REDUCTIONS).default('mean'),
    title: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }).optional(),
    deltas: z.enum(DELTA_NUMBERINGS).optional(),
    layerIndex: z.enum(LAYER_INDEX_STYLES).optional(),
    example: exampleSchema.optional(),
  }, { error: 'must be a JSON object' })
  .strict();

export interface ExampleSpec {
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** θ in flat order, or "seed:N"; absent: "seed:1". */
  readonly theta?: string | readonly number[];
  /** The learning rate of the example's one update (training's default otherwise). */
  readonly lr?: number;
}

/** A spec as written in the JSON file (optional fields may be absent). */
export type SpecInput = z.input<typeof specSchema>;

export interface Layer {
  readonly units: number;
  readonly activation: Activation;
  /** Slope for negative inputs: present on leaky_relu layers only (validation fills in 0.01). */
  readonly alpha?: number;
}

/** A leaky_relu layer's slope for negative inputs (validated specs always carry it). */
export const slopeOf = (layer: Layer): number => layer.alpha ?? DEFAULT_LEAKY_ALPHA;

/** A validated spec with every default filled in. */
export interface NetworkSpec {
  readonly name: string;
  readonly notation: Notation;
  /** The sheet's heading, as the course writes it (the spec's name otherwise). */
  readonly title?: string;
  /** Overrides the notation's δ numbering ("z-a" counts from the output, "a-h" from the input). */
  readonly deltas?: DeltaNumbering;
  /** How the sheet writes a layer index (superscript by default). */
  readonly layerIndex?: LayerIndexStyle;
  /** The sheet's worked example (a seeded draw otherwise: README, "Worked example"). */
  readonly example?: ExampleSpec;
  readonly input: number;
  readonly layers: readonly Layer[];
  readonly loss: LossName;
  readonly l2: number;
  readonly reduction: Reduction;
}

export const DEFAULT_LEAKY_ALPHA = 0.01;

/** Layer sizes N_0, N_1, ..., N_L. */
export function layerSizes(spec: NetworkSpec): number[] {
  return [spec.input, ...spec.layers.map((l) => l.units)];
}

/** Number of parameters: Σ_k N_k (N_{k-1} + 1). */
export function paramCount(spec: NetworkSpec): number {
  const sizes = layerSizes(spec);
  let count = 0;
  for (let k = 1; k < sizes.length; k++) count += sizes[k]! * (sizes[k - 1]! + 1);
  return count;
}
