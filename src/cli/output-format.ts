// `-o FILE` names the format by its extension: `derive -o sheet.tex` is LaTeX without
// --format. An explicit --format (or --json) that contradicts the extension is an error
// rather than a .html file holding Markdown. Unknown extensions leave the choice to --format.
import { extname } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../util/errors.ts';

/** Every format an output can have. */
export type OutputFormat = 'md' | 'tex' | 'html' | 'json' | 'ts' | 'csv' | 'onnx';

const BY_EXTENSION: ReadonlyMap<string, OutputFormat> = new Map([
  ['.md', 'md'], ['.markdown', 'md'], ['.tex', 'tex'], ['.html', 'html'], ['.htm', 'html'], ['.json', 'json'], ['.ts', 'ts'], ['.csv', 'csv'], ['.onnx', 'onnx'],
]);

/** The format the extension of `file` names, if it names one. */
export function formatOfPath(file: string | undefined): OutputFormat | undefined {
  return file && file !== '-' ? BY_EXTENSION.get(extname(file).toLowerCase()) : undefined;
}

/**
 * The format to write: an explicit choice, else the extension's, else the default. `allowed`
 * are the formats this command writes; `explicit` is the one the flags asked for, if any.
 */
export function outputFormat<F extends OutputFormat>(command: string, file: string | undefined, explicit: F | undefined, fallback: F, allowed: readonly F[]): F {
  const byPath = formatOfPath(file);
  if (byPath !== undefined && !(allowed as readonly OutputFormat[]).includes(byPath)) {
    throw new UserError(`-o ${file}: ${command} writes ${allowed.map((f) => `.${f}`).join(', ')}, not .${byPath}`);
  }
  if (explicit !== undefined && byPath !== undefined && explicit !== byPath) {
    throw new UserError(`-o ${file} is .${byPath} but the format asked for is ${explicit}: give one of them, or make them agree`);
  }
  return explicit ?? (byPath as F | undefined) ?? fallback;
}

/** The option's value if the user gave it (not commander's default). */
export function given<T>(cmd: Command, option: string, value: T): T | undefined {
  return cmd.getOptionValueSource(option) === 'default' ? undefined : value;
}
