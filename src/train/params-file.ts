// Reading NAME.params.json (what `train --out` writes) for predict and export: the JSON
// object, and checks that fail with one line naming the file and the field.
import { UserError, oneLine } from '../util/errors.ts';
import { inputName, readInputFile } from '../util/fs.ts';
import { parseJson } from '../util/json.ts';
import { shown } from '../network/validate.ts';

/** A parameters file's top level, as far as the readers look at it. */
export interface ParamsJson {
  readonly spec?: unknown;
  readonly classes?: unknown;
  readonly standardize?: { readonly per?: unknown; readonly mean?: unknown; readonly std?: unknown };
  readonly theta?: unknown;
}

/** The parsed file, its name for messages, and the field checks. */
export interface ParamsFile {
  readonly name: string;
  readonly json: ParamsJson;
  /** A UserError `FILE: FIELD: WHY`. */
  fail(field: string, why: string): never;
  /** `length` finite numbers, or a UserError naming the field (and the entry at fault). */
  numbers(field: string, value: unknown, length: number): Float64Array;
  /** Every entry > 0 (a standard deviation), or a UserError naming the first that is not. */
  positive(field: string, values: Float64Array): Float64Array;
}

/** Read a parameters file: a JSON object with a spec, or a UserError of one line. */
export function readParamsFile(path: string): ParamsFile {
  const name = inputName(path);
  const json = parseJson(readInputFile(path, 'parameters file'), name) as ParamsJson;
  const fail = (field: string, why: string): never => {
    throw new UserError(oneLine(`${name}: ${field}: ${why}`));
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('(top level)', 'expected { "spec", "standardize", "theta" } as `symprop train --out` writes it');
  if (json.spec === undefined) fail('spec', 'missing (a parameters file holds the network spec it was trained with)');
  if (json.standardize !== undefined && (json.standardize === null || typeof json.standardize !== 'object' || Array.isArray(json.standardize))) fail('standardize', 'expected { "mean": [...], "std": [...] }');
  const numbers = (field: string, v: unknown, length: number): Float64Array => {
    if (!Array.isArray(v)) return fail(field, `expected an array of ${length} numbers`);
    if (v.length !== length) fail(field, `${v.length} numbers, expected ${length}`);
    const bad = v.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
    if (bad >= 0) fail(`${field}[${bad}]`, `${shown(v[bad])} is not a finite number`);
    return Float64Array.from(v as number[]);
  };
  const positive = (field: string, values: Float64Array): Float64Array => {
    const zero = values.findIndex((s) => !(s > 0));
    if (zero >= 0) fail(`${field}[${zero}]`, 'must be > 0');
    return values;
  };
  return { name, json, fail, numbers, positive };
}
