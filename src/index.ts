// The library API: everything the CLI does, as functions (README, "Library API").
import type { Derivation } from './derivation/model.ts';
import { derive } from './derive/backprop.ts';
import { deriveExpressionIR } from './derive/expression.ts';
import { emitNetworkModule } from './codegen/emit.ts';
import { loadModule, type NetworkModule } from './codegen/load.ts';
import { networkGraph } from './network/graph.ts';
import type { NetworkSpec } from './network/spec.ts';
import { parseExpression } from './parse/expr.ts';

export type { Derivation, NetworkModule, NetworkSpec };
export type { Expr } from './ir/expr.ts';
export { parseExpression };
export { loadSpec, validateSpec } from './network/validate.ts';
export { layerSizes, paramCount } from './network/spec.ts';
export { flatParams } from './network/names.ts';
export { renderDerivation, type RenderOptions } from './sheet/render.ts';
export { latex } from './print/latex.ts';
export { evaluate } from './ir/eval.ts';
export { loadModule };
export { engineForward, engineLossAndGrad } from './engine/network.ts';
export { centralDiff } from './engine/fd.ts';
export { trainSingleExample, SEED_004 } from './train/single-example.ts';
export { UserError } from './util/errors.ts';

/** Step-by-step derivative of a scalar expression (mathjs syntax) with respect to `wrt`. */
export function deriveExpression(text: string, wrt: string | readonly string[], source = 'expression'): Derivation {
  const vars = typeof wrt === 'string' ? wrt.split(',').map((s) => s.trim()) : wrt;
  return deriveExpressionIR(parseExpression(text, source), vars, source);
}

/** Backpropagation for a validated network spec: forward bindings, deltas, gradients. */
export function deriveNetwork(spec: NetworkSpec, source = `${spec.name}.json`): Derivation {
  return derive(networkGraph(spec, source));
}

export interface CodegenOptions {
  /** The spec's path, named in the generated header. */
  readonly source?: string;
  /** The output path, named in the header's regenerate command. */
  readonly output?: string;
  /** Straight-line code, one local per scalar (small networks); otherwise loops. */
  readonly unroll?: boolean;
}

/** The TypeScript module for a network (forward, lossAndGrad, trainStep). */
export function generateCode(spec: NetworkSpec, options: CodegenOptions = {}): string {
  const source = options.source ?? `${spec.name}.json`;
  const command = `symprop codegen ${source}${options.output ? ` -o ${options.output}` : ''}`;
  return emitNetworkModule({ spec, derivation: deriveNetwork(spec, source), source, command });
}

/** Generate and load a network's module in memory. */
export async function compileNetwork(spec: NetworkSpec, options: Pick<CodegenOptions, 'unroll'> = {}): Promise<NetworkModule> {
  return loadModule(generateCode(spec, options));
}
