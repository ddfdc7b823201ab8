// symprop start: the main job on the built-in default example (what `npm start` runs).
// Derivation, generated code, then seed 004's single-example training run.
import { join } from 'node:path';
import { Command } from 'commander';
import { compileNetwork, deriveNetwork, generateCode, renderDerivation, trainSingleExample, SEED_004 } from '../index.ts';
import { loadSpec } from '../network/validate.ts';
import { writeFileAtomic } from '../util/fs.ts';
import type { Io } from './io.ts';

export const DEFAULT_SPEC = 'examples/scalar-bce.json';

const fmt = (v: number): string => v.toFixed(2);

export function startCommand(io: Io): Command {
  return new Command('start')
    .description('run the default example: derivation, generated code and a training run')
    .option('--spec <file>', 'network spec', DEFAULT_SPEC)
    .option('--out <dir>', 'output directory', 'out')
    .action(async (o: { spec: string; out: string }) => {
      const spec = loadSpec(o.spec);
      const derivation = deriveNetwork(spec, o.spec);
      const files = {
        html: join(o.out, `${spec.name}.html`),
        md: join(o.out, `${spec.name}.md`),
        tex: join(o.out, `${spec.name}.tex`),
        code: join(o.out, `${spec.name}.ts`),
      };
      writeFileAtomic(files.html, renderDerivation(derivation, { format: 'html' }));
      writeFileAtomic(files.md, renderDerivation(derivation, { format: 'md' }));
      writeFileAtomic(files.tex, renderDerivation(derivation, { format: 'tex', standalone: true }));
      writeFileAtomic(files.code, generateCode(spec, { source: o.spec, output: files.code }));
      io.out(`Derivation sheet: ${files.html} (open it in a browser; also ${files.md} and ${files.tex})\nGenerated code: ${files.code}\n`);

      const net = await compileNetwork(spec);
      const run = trainSingleExample(net, SEED_004);
      const { x, y, lr, steps } = SEED_004;
      io.out(`Training on one example (x = ${x}, y = ${y}), learning rate ${lr}, ${steps} steps:\n`);
      io.out(`Before: y_hat = ${fmt(run.before.yhat)}, loss = ${fmt(run.before.loss)}\n`);
      io.out(`After:  y_hat = ${fmt(run.after.yhat)}, loss = ${fmt(run.after.loss)}\n`);
    });
}
