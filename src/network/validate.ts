// Spec file -> NetworkSpec, or a UserError naming the file and the field.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { UserError, oneLine } from '../util/errors.ts';
import { DEFAULT_LEAKY_ALPHA, specSchema, type NetworkSpec } from './spec.ts';

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(top level)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${fieldPath(issue.path)}: ` : '';
    return `${where}unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  if (issue.code === 'invalid_value') {
    return `${fieldPath(issue.path)}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number' && Number(issue.minimum) === 0 && !issue.inclusive) {
    return `${fieldPath(issue.path)}: must be a positive ${'integer'}`;
  }
  return `${fieldPath(issue.path)}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
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
    throw new UserError(oneLine(`${source}: ${describeIssue(first)}`));
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
    throw new UserError(oneLine(`${path}: not valid JSON: ${(e as Error).message}`));
  }
  return validateSpec(json, path);
}
