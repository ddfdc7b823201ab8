// Spec file -> NetworkSpec, or a UserError of one line naming the file and the field:
//   examples/bad.json: layers[0].units: must be a positive integer, got 0
import type { z } from 'zod';
import { UserError, oneLine } from '../util/errors.ts';
import { inputName, readInputFile } from '../util/fs.ts';
import { isConvJson } from './conv-spec.ts';
import { parseJson } from '../util/json.ts';
import { closest } from '../util/suggest.ts';
import { DEFAULT_LEAKY_ALPHA, exampleSchema, layerSchema, MAX_EXAMPLE_SEED, MAX_PARAMS, paramCount, specSchema, type Activation, type ExampleSpec, type NetworkSpec } from './spec.ts';
import { table } from '../util/table.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Names people use for a field or a value, from the courses and common libraries. */
const ALIASES: Readonly<Record<string, string>> = table({
  lambda: 'l2',
  'λ': 'l2',
  weight_decay: 'l2',
  neurons: 'units',
  size: 'units',
  linear: 'identity',
  logistic: 'sigmoid',
  mean_squared_error: 'mse',
  square_error: 'mse',
  squared_error: 'mse',
  binary_cross_entropy: 'bce',
  output: 'from-output',
  input: 'from-input',
  sup: 'superscript',
  sub: 'subscript',
});

export function fieldPath(path: Path): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(top level)' : out;
}

/** The value at a path of the raw JSON, as the user wrote it. */
function valueAt(json: unknown, path: Path): unknown {
  let v: unknown = json;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/**
 * A value for a message: a scalar as JSON, never more than 40 characters; an object or a
 * list by its kind only, so that a claims file pointing at a classmate's JSON file (or an
 * answer key) never gets any of its content quoted back.
 */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length}`;
  if (v !== null && typeof v === 'object') return 'an object';
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const samePath = (a: Path, b: Path): boolean => a.length === b.length && a.every((k, i) => k === b[i]);
const isMissing = (issue: Issue, json: unknown): boolean => issue.path.length > 0 && valueAt(json, issue.path) === undefined;

/**
 * The issue to report. Zod lists a missing field before the unknown keys of the same object,
 * but `{ "unit": 4 }` is a misspelling of "units", so the unknown key is the better report.
 */
export function pickIssue(issues: readonly Issue[], json: unknown): Issue {
  const first = issues[0]!;
  if (!isMissing(first, json)) return first;
  const parent = first.path.slice(0, -1);
  return issues.find((i) => i.code === 'unrecognized_keys' && samePath(i.path, parent)) ?? first;
}

/** The fields an object at this path may have (for "did you mean"): the spec's, a layer's, the example's. */
export type KnownFields = (path: Path) => readonly string[];

const denseFields: KnownFields = (path) => Object.keys(path.length === 0 ? specSchema.shape : path[0] === 'example' ? exampleSchema.shape : layerSchema.shape);

function unknownField(keys: readonly string[], path: Path, knownFields: KnownFields): string {
  const known = [...knownFields(path)];
  const key = keys.find((k) => closest(k, known, ALIASES)) ?? keys[0]!;
  const hint = closest(key, known, ALIASES);
  const where = path.length ? `${fieldPath(path)}: ` : '';
  return `${where}unknown field ${shown(key)} (${hint ? `did you mean "${hint}"?` : `fields: ${known.join(', ')}`})`;
}

/** One zod issue as the user reads it: the field, what it must be, what it was. */
export function describeIssue(issue: Issue, json: unknown, knownFields: KnownFields = denseFields): string {
  const field = fieldPath(issue.path);
  const got = valueAt(json, issue.path);
  if (issue.code === 'unrecognized_keys') return unknownField(issue.keys, issue.path, knownFields);
  const options = issue.code === 'invalid_value' ? issue.values.map(String) : undefined;
  if (isMissing(issue, json)) return `${field}: missing (required, ${options ? `one of ${options.join(', ')}` : issue.message})`;
  if (!options) return `${field}: ${issue.message}, got ${shown(got)}`;
  if (typeof got !== 'string') return `${field}: must be one of ${options.join(', ')}, got ${shown(got)}`;
  const hint = closest(got, options, ALIASES);
  return `${field}: unknown value ${shown(got)} (${hint ? `did you mean "${hint}"?` : `one of ${options.join(', ')}`})`;
}

/** Softmax couples the units of a layer, so it can only produce the outputs. */
function softmaxPlacement(spec: NetworkSpec): string | undefined {
  const last = spec.layers.length - 1;
  const k = spec.layers.findIndex((l, i) => l.activation === 'softmax' && i !== last);
  return k < 0 ? undefined : `layers[${k}].activation: softmax is allowed on the last layer (layers[${last}]) only`;
}

/** The loss that reads each kind of output, as advice ("use ... after ..."). */
const LOSS_AFTER: Partial<Record<Activation, string>> = {
  sigmoid: 'use "bce" after sigmoid',
  softmax: 'use "cross_entropy" after softmax',
  identity: 'use "cross_entropy_with_logits" after identity',
};

/** Each loss reads a particular kind of output; on a mismatch, say what fits instead. */
export function lossMatchesOutput(spec: Pick<NetworkSpec, 'layers' | 'loss'>): string | undefined {
  const last = spec.layers.length - 1;
  const out: Activation = spec.layers[last]!.activation;
  const set = (a: Activation): string => `set layers[${last}].activation to "${a}"`;
  const mismatch = (rule: string, ...advice: (string | undefined)[]): string =>
    `loss: ${rule}, got ${out} on layers[${last}] (${advice.filter((a) => a !== undefined).join(', or ')})`;
  switch (spec.loss) {
    case 'bce':
      // bce reads one probability per output; softmax outputs sum to 1, so use cross_entropy.
      if (out === 'sigmoid') return undefined;
      return out === 'softmax'
        ? mismatch('bce needs a sigmoid output layer', LOSS_AFTER.softmax)
        : mismatch('bce needs a sigmoid output layer', set('sigmoid'), 'use "mse"');
    case 'cross_entropy':
      if (out === 'softmax') return undefined;
      return mismatch('cross_entropy needs a softmax output layer', LOSS_AFTER[out], set('softmax'));
    case 'cross_entropy_with_logits':
      if (out === 'identity') return undefined;
      return out === 'softmax'
        ? mismatch('cross_entropy_with_logits applies softmax itself, so the last layer must be identity', LOSS_AFTER.softmax, set('identity'))
        : mismatch('cross_entropy_with_logits takes logits, so the last layer must be identity', LOSS_AFTER[out], set('identity'));
    case 'mse':
    case 'l1':
      if (out !== 'softmax') return undefined;
      return `loss: a softmax output layer must be followed by cross_entropy, got ${spec.loss} (use "cross_entropy")`;
  }
}

function alphaOnlyOnLeakyRelu(raw: z.output<typeof specSchema>): string | undefined {
  const k = raw.layers.findIndex((l) => l.alpha !== undefined && l.activation !== 'leaky_relu');
  return k < 0 ? undefined : `layers[${k}].alpha: only a leaky_relu layer takes alpha, this one is ${raw.layers[k]!.activation}`;
}

/** Zod leaves absent optional fields undefined; a validated spec omits them (it validates again as itself). */
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The worked example must fit the network, and its target the loss (p − y assumes Σ y = 1). */
function exampleFits(spec: NetworkSpec): string | undefined {
  const ex = spec.example;
  if (!ex) return undefined;
  const outputs = spec.layers[spec.layers.length - 1]!.units;
  if (ex.x.length !== spec.input) return `example.x: must hold ${spec.input} number${spec.input === 1 ? '' : 's'} (one per input), got ${ex.x.length}`;
  if (ex.y.length !== outputs) return `example.y: must hold ${outputs} number${outputs === 1 ? '' : 's'} (one per output), got ${ex.y.length}`;
  if (Array.isArray(ex.theta) && ex.theta.length !== paramCount(spec)) return `example.theta: must hold ${paramCount(spec)} numbers (one per parameter, in θ's order), got ${ex.theta.length}`;
  if (typeof ex.theta === 'string' && Number(ex.theta.slice(5)) > MAX_EXAMPLE_SEED) return `example.theta: the seed must be at most ${MAX_EXAMPLE_SEED}, got ${ex.theta.slice(5)}`;
  if (spec.loss === 'bce') {
    const i = ex.y.findIndex((v) => v < 0 || v > 1);
    if (i >= 0) return `example.y[${i}]: bce reads a probability, so the target must be in [0, 1], got ${ex.y[i]}`;
  }
  if (spec.loss === 'cross_entropy' || spec.loss === 'cross_entropy_with_logits') {
    const i = ex.y.findIndex((v) => v < 0);
    if (i >= 0) return `example.y[${i}]: ${spec.loss} reads class probabilities, so the target must be >= 0, got ${ex.y[i]}`;
    const sum = ex.y.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) return `example.y: ${spec.loss} reads class probabilities, so the target must sum to 1 (one-hot), got a sum of ${sum}`;
  }
  return undefined;
}

/** What a command that reads dense networks only says of a convolutional spec (check and start say it their own way). */
export const CONV_NOT_YET = 'a convolutional network (conv2d, maxpool, avgpool, flatten): derive, sheet, codegen, train, predict and export take it; check and start read dense networks only';

/** Validate a parsed JSON value; `source` (the file) starts every error message. */
export function validateSpec(json: unknown, source = 'spec'): NetworkSpec {
  const fail = (message: string): never => {
    throw new UserError(oneLine(`${source}: ${message}`));
  };
  if (isConvJson(json)) return fail(CONV_NOT_YET);
  const parsed = specSchema.safeParse(json);
  if (!parsed.success) return fail(describeIssue(pickIssue(parsed.error.issues, json), json));
  const raw = parsed.data;
  const alphaProblem = alphaOnlyOnLeakyRelu(raw);
  if (alphaProblem) return fail(alphaProblem);
  const { title, deltas, layerIndex, example, ...rest } = raw;
  const spec: NetworkSpec = {
    ...rest,
    ...(title === undefined ? {} : { title }),
    ...(deltas === undefined ? {} : { deltas }),
    ...(layerIndex === undefined ? {} : { layerIndex }),
    ...(example === undefined ? {} : { example: withoutUndefined(example) as ExampleSpec }),
    // alpha only where it means something, so that a validated spec validates again as itself.
    layers: raw.layers.map((l) => (l.activation === 'leaky_relu' ? { units: l.units, activation: l.activation, alpha: l.alpha ?? DEFAULT_LEAKY_ALPHA } : { units: l.units, activation: l.activation })),
  };
  const count = paramCount(spec);
  if (count > MAX_PARAMS) return fail(`the network has ${count} parameters, over the limit of ${MAX_PARAMS} (θ, its gradient and training's state take 8 bytes per parameter each)`);
  const problem = softmaxPlacement(spec) ?? lossMatchesOutput(spec) ?? exampleFits(spec);
  if (problem) return fail(problem);
  return spec;
}

/** Read and validate a spec file; a convolutional one is refused with `convRefusal`, after the file's name. */
export function loadSpec(path: string, convRefusal = CONV_NOT_YET): NetworkSpec {
  const text = readInputFile(path, 'spec file');
  const name = inputName(path);
  if (text.trim() === '') throw new UserError(oneLine(`${name}: empty file, expected a JSON network spec`));
  const json = parseJson(text, name);
  if (isConvJson(json)) throw new UserError(oneLine(`${name}: ${convRefusal}`));
  return validateSpec(json, name);
}

