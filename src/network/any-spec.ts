// Any spec file: a dense network (NetworkSpec) or a convolutional one (ConvNetSpec), told apart
// by its input volume or its layer types. Commands that support both read specs through here.
import { UserError, oneLine } from '../util/errors.ts';
import { inputName, readInputFile } from '../util/fs.ts';
import { parseJson } from '../util/json.ts';
import { isConvJson, type ConvNetSpec } from './conv-spec.ts';
import { validateConvSpec } from './conv-validate.ts';
import type { NetworkSpec } from './spec.ts';
import { validateSpec } from './validate.ts';

export type AnySpec = NetworkSpec | ConvNetSpec;

/** Is this a convolutional spec? */
export const isConvSpec = (spec: AnySpec): spec is ConvNetSpec => 'kind' in spec && spec.kind === 'conv';

/** Validate a parsed JSON value as whichever kind of spec it is. */
export function validateAnySpec(json: unknown, source = 'spec'): AnySpec {
  return isConvJson(json) ? validateConvSpec(json, source) : validateSpec(json, source);
}

/** Read and validate a spec file of either kind. */
export function loadAnySpec(path: string): AnySpec {
  const text = readInputFile(path, 'spec file');
  const name = inputName(path);
  if (text.trim() === '') throw new UserError(oneLine(`${name}: empty file, expected a JSON network spec`));
  return validateAnySpec(parseJson(text, name), name);
}
