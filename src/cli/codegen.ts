// symprop codegen SPEC [-o FILE] [--unroll | --loops]; a convolutional spec gets loops (--unroll refused)
import { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { emit, type Io } from './io.ts';
import { load } from './lazy.ts';
import { outputFormat } from './output-format.ts';

/** Straight-line code beyond this many parameters is not a speed-up but a huge file. */
export const UNROLL_LIMIT = 2000;

interface CodegenOptions {
  output?: string;
  unroll?: boolean;
  loops?: boolean;
}

export function codegenCommand(io: Io): Command {
  return new Command('codegen')
    .description('generate a dependency-free TypeScript module: forward, lossAndGrad, trainStep')
    .argument('<spec>', 'network spec (JSON)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--unroll', `straight-line code, one local per scalar (networks up to ${UNROLL_LIMIT} parameters)`)
    .option('--loops', 'loops over Float64Array (the default except for one-unit-per-layer networks)')
    .action(async (specPath: string, o: CodegenOptions) => {
      if (o.unroll && o.loops) throw new UserError('give --unroll or --loops, not both');
      outputFormat('codegen', o.output, undefined, 'ts', ['ts'] as const);
      const { generateCode, loadAnySpec, isConvSpec } = await load();
      const any = loadAnySpec(specPath);
      if (isConvSpec(any)) {
        if (o.unroll) throw new UserError(`${specPath}: --unroll is for dense networks; a convolutional network's code is always loops (drop --unroll)`);
        emit(io, generateCode(any, { source: specPath, ...(o.output ? { output: o.output } : {}) }), o.output, [specPath]);
        return;
      }
      const spec = any;
      const params = spec.layers.reduce((acc, l, k) => acc + l.units * ((k ? spec.layers[k - 1]!.units : spec.input) + 1), 0);
      if (o.unroll && params > UNROLL_LIMIT) {
        throw new UserError(`${specPath}: --unroll: ${params} parameters is too many to unroll (limit ${UNROLL_LIMIT}); use loops`);
      }
      const unroll = o.unroll ? true : o.loops ? false : undefined;
      const code = generateCode(spec, { source: specPath, ...(o.output ? { output: o.output } : {}), ...(unroll === undefined ? {} : { unroll }) });
      emit(io, code, o.output, [specPath]);
    });
}
