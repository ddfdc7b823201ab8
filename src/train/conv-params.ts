// A convolutional network's parameters file, as `train CNN --out` writes it (conv-outputs.ts):
//   { spec, classes, standardize: { per: "channel", mean: [C], std: [C] }, theta }
// the spec with its defaults filled in (and "kind": "conv"), the class names in output order,
// the training split's per-channel mean and standard deviation, and θ in the generated
// module's order. Each field is checked; a bad one is one line naming the file and the field.
import { validateConvSpec } from '../network/conv-validate.ts';
import { convParamCount, type ConvNetSpec } from '../network/conv-spec.ts';
import { shown } from '../network/validate.ts';
import { visible } from '../util/escape.ts';
import { classCount, type ChannelScaler, type ImageTask } from './conv-data.ts';
import type { ParamsFile } from './params-file.ts';

/** A trained convolutional network, as predict and export read it. */
export interface ConvTrainedParams {
  readonly spec: ConvNetSpec;
  /** The class names, class k being output k (one sigmoid: class 1 is ŷ > 0.5). */
  readonly classes: readonly string[];
  /** Per channel: x ← (x − mean_c)/std_c. */
  readonly standardize: ChannelScaler;
  readonly theta: Float64Array;
}

/** What an image classifier's loss says it learns; a UserError naming the field otherwise. */
function taskOf(file: ParamsFile, spec: ConvNetSpec): ImageTask {
  if (spec.loss.startsWith('cross_entropy')) return 'multiclass';
  if (spec.loss === 'bce') return 'binary';
  return file.fail('spec.loss', `${spec.loss}: a convolutional network's parameters file is an image classifier's (softmax with a cross-entropy, or one sigmoid with bce), as train writes it`);
}

function classNames(file: ParamsFile, value: unknown, count: number): string[] {
  const expected = `a list of ${count} class names (the network's outputs in order), as train --out writes it`;
  if (!Array.isArray(value)) return file.fail('classes', `expected ${expected}`);
  if (value.length !== count) file.fail('classes', `${value.length} names, expected ${expected}`);
  value.forEach((c, k) => {
    if (typeof c !== 'string' || c === '') file.fail(`classes[${k}]`, 'must be a non-empty string');
    if (value.indexOf(c) !== k) file.fail(`classes[${k}]`, `"${visible(c as string)}" is already classes[${value.indexOf(c)}]`);
  });
  return value as string[];
}

/** The checked contents of a convolutional network's parameters file. */
export function convParams(file: ParamsFile): ConvTrainedParams {
  const { json, numbers, positive } = file;
  // train saves the validated spec, which carries its kind; a spec file does not.
  const raw = json.spec;
  const { kind, ...rest } = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const spec = validateConvSpec(kind === 'conv' ? rest : raw, `${file.name}: spec`);
  const classes = classNames(file, json.classes, classCount(spec, taskOf(file, spec)));
  const per = json.standardize?.per;
  if (per !== undefined && per !== 'channel') file.fail('standardize.per', `expected "channel" (a convolutional network's inputs are standardised per channel), got ${shown(per)}`);
  const C = spec.input.channels;
  const mean = numbers('standardize.mean', json.standardize?.mean, C);
  const std = positive('standardize.std', numbers('standardize.std', json.standardize?.std, C));
  const theta = numbers('theta', json.theta, convParamCount(spec));
  return { spec, classes, standardize: { mean, std }, theta };
}
