// Spec file -> NetworkSpec, or a UserError naming the file and the field.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { UserError, oneLine } from '../util/errors.ts';
import { closest } from '../util/suggest.ts';
import { DEFAULT_LEAKY_ALPHA, layerSchema, specSchema, type NetworkSpec } from './spec.ts';

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(top level)' : out;
}

/** The value at a path of the raw JSON, shown as the user wrote it. */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = json;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function shown(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const field = fieldPath(issue.path);
  const got = valueAt(json, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(issue.path.length ? layerSchema.shape : specSchema.shape);
    const hint = closest(issue.keys[0]!, known);
    const where = issue.path.length ? `${field}: ` : '';
    return `${where}unknown field ${JSON.stringify(issue.keys[0])}${hint ? ` (did you mean "${hint}"?)` : ` (fields: ${known.join(', ')})`}`;
  }
  if (got === undefined) return `${field}: missing (required)`;
  if (issue.code === 'invalid_value') {
    const options = issue.values.map(String);
    const hint = typeof got === 'string' ? closest(got, options) : undefined;
    return `${field}: unknown value ${shown(got)} (${hint ? `did you mean "${hint}"?` : `one of ${options.join(', ')}`})`;
  }
  return `${field}: ${issue.message}, got ${shown(got)}`;
}

/** Rules that involve more than one field. */
function crossFieldRules(spec: NetworkSpec): string | undefined {
  const last = spec.layers.length - 1;
  for (const [k, layer] of spec.layers.entries()) {
    if (layer.activation === 'softmax' && k !== last) {
      return `layers[${k}].activation: softmax is allowed on the last layer only`;
    }
  }
  const out = spec.layers[last]!.activation;
  if (spec.loss === 'bce' && out !== 'sigmoid') {
    return `loss: bce needs a sigmoid output layer, got ${out} (use cross_entropy after softmax, or mse)`;
  }
  if (spec.loss === 'cross_entropy' && out !== 'softmax') {
    return `loss: cross_entropy needs a softmax output layer, got ${out} (use cross_entropy_with_logits after identity)`;
  }
  if (out === 'softmax' && spec.loss !== 'cross_entropy') {
    return `loss: a softmax output layer must be followed by cross_entropy, got ${spec.loss}`;
  }
  if (spec.loss === 'cross_entropy_with_logits' && out !== 'identity') {
    return `loss: cross_entropy_with_logits takes logits, so the last layer must be identity, got ${out}`;
  }
  return undefined;
}

/** Validate a parsed JSON value; `source` names the file in error messages. */
export function validateSpec(json: unknown, source = 'spec'): NetworkSpec {
  const parsed = specSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UserError(oneLine(`${source}: ${describeIssue(first, json)}`));
  }
  const raw = parsed.data;
  for (const [k, layer] of raw.layers.entries()) {
    if (layer.alpha !== undefined && layer.activation !== 'leaky_relu') {
      throw new UserError(`${source}: layers[${k}].alpha: only a leaky_relu layer takes alpha`);
    }
  }
  const spec: NetworkSpec = {
    ...raw,
    layers: raw.layers.map((l) => ({ units: l.units, activation: l.activation, alpha: l.alpha ?? DEFAULT_LEAKY_ALPHA })),
  };
  const problem = crossFieldRules(spec);
  if (problem) throw new UserError(oneLine(`${source}: ${problem}`));
  return spec;
}

/** Read and validate a spec file. */
export function loadSpec(path: string): NetworkSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read spec file (${code === 'ENOENT' ? 'no such file' : code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(oneLine(`${path}: not valid JSON: ${withLineColumn((e as Error).message, text)}`));
  }
  return validateSpec(json, path);
}

/** Node reports a character offset; people look for a line and a column. */
function withLineColumn(message: string, text: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return message.replace(/ in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '') + ` at line ${line}, column ${column}`;
}
