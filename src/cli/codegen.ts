// symprop codegen SPEC [-o FILE]
import { Command } from 'commander';
import { generateCode } from '../index.ts';
import { loadSpec } from '../network/validate.ts';
import { emit, type Io } from './io.ts';

export function codegenCommand(io: Io): Command {
  return new Command('codegen')
    .description('generate a dependency-free TypeScript module: forward, lossAndGrad, trainStep')
    .argument('<spec>', 'network spec (JSON)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action((specPath: string, o: { output?: string }) => {
      const spec = loadSpec(specPath);
      emit(io, generateCode(spec, o.output ? { source: specPath, output: o.output } : { source: specPath }), o.output);
    });
}
