// The canonical generated files of the examples: generated/<name>.ts for each spec in
// examples/, made exactly as `symprop codegen examples/<name>.json -o generated/<name>.ts`
// makes them. `npm run generate` writes them; a test fails when they drift.
import { generateCode } from './index.ts';
import { loadSpec } from './network/validate.ts';

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export function generatedFiles(exampleFiles: readonly string[]): GeneratedFile[] {
  return exampleFiles
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const source = `examples/${f}`;
      const path = `generated/${f.replace(/\.json$/, '.ts')}`;
      return { path, content: generateCode(loadSpec(source), { source, output: path }) };
    });
}
