// The core operations: derive, generate code. The CLI, the checker and the library API
// (index.ts) all call these; this module imports none of them.
import type { Derivation } from './derivation/model.ts';
import { numberNetwork } from './derivation/numbering.ts';
import { derive } from './derive/backprop.ts';
import { deriveExpressionIR } from './derive/expression.ts';
import { deriveMatrix } from './derive/matrix-backprop.ts';
import { emitNetworkModule, type CodeForm } from './codegen/emit.ts';
import { generateConvCode } from './codegen/conv/emit.ts';
import type { ConvNetSpec } from './network/conv-spec.ts';
import { loadModule, type NetworkModule } from './codegen/load.ts';
import { networkGraph } from './network/graph.ts';
import { matrixGraph } from './network/matrix-graph.ts';
import { paramCount, type NetworkSpec } from './network/spec.ts';
import { parseExpression } from './parse/expr.ts';
import { UserError } from './util/errors.ts';

/** Step-by-step derivative of a scalar expression (mathjs syntax) with respect to `wrt`. */
export function deriveExpression(text: string, wrt: string | readonly string[], source = 'expression'): Derivation {
  const vars = typeof wrt === 'string' ? wrt.split(',').map((s) => s.trim()) : wrt;
  return deriveExpressionIR(parseExpression(text, source), vars, source);
}

/**
 * Networks up to this many parameters get the index form (every ∂J/∂w_ij written out) by
 * default: past it the sheet sprawls (circles' 37 parameters took 80 equations and 16 pages).
 */
export const INDEX_FORM_LIMIT = 12;

/** The course's scalar chains (one unit per layer) keep the index form up to this many: it is their matrix form. */
export const SCALAR_CHAIN_LIMIT = 50;

const isScalarChain = (spec: NetworkSpec): boolean => spec.input === 1 && spec.layers.every((l) => l.units === 1);

/** Does deriveNetwork write the index form by default? (The sheet and the generated code's comments agree on it.) */
export function defaultIndexForm(spec: NetworkSpec): boolean {
  const count = paramCount(spec);
  return count <= INDEX_FORM_LIMIT || (isScalarChain(spec) && count <= SCALAR_CHAIN_LIMIT);
}

/** The index form is never built past this many parameters: its cost grows with depth × parameters. */
export const INDEX_FORM_MAX = 2000;

/** Options of deriveNetwork. */
export interface DeriveNetworkOptions {
  /** The unit-by-unit form: 'auto' (default) writes it where defaultIndexForm says (up to
   * INDEX_FORM_LIMIT parameters, or a scalar chain); 'always' up to INDEX_FORM_MAX (more is a UserError). */
  readonly indexForm?: 'auto' | 'always' | 'never';
}

/** Backpropagation for a validated network spec: the index form (small networks) and the matrix form. */
export function deriveNetwork(spec: NetworkSpec, source = `${spec.name}.json`, options: DeriveNetworkOptions = {}): Derivation {
  const mode = options.indexForm ?? 'auto';
  const count = paramCount(spec);
  if (mode === 'always' && count > INDEX_FORM_MAX) {
    throw new UserError(`${source}: the index form (every ∂J/∂w_ij written out) is limited to ${INDEX_FORM_MAX} parameters (the limit); this network has ${count}`);
  }
  const index = mode === 'always' || (mode === 'auto' && defaultIndexForm(spec));
  const base: Derivation = index
    ? derive(networkGraph(spec, source))
    : { subject: { kind: 'network', spec }, output: 'J', source, forward: [], partials: [], deltas: [], gradients: [] };
  const nextEq = Math.max(0, ...base.forward.map((b) => b.eq), ...base.deltas.map((b) => b.eq), ...base.gradients.map((g) => g.eq)) + 1;
  return numberNetwork({ ...base, matrix: deriveMatrix(matrixGraph(spec), nextEq) }, spec.layers.length);
}

/**
 * Straight-line code by default only for the course's scalar networks (one unit per layer,
 * and small: a 1000-layer chain unrolled took a minute; in loops it takes a second).
 */
function defaultForm(spec: NetworkSpec): CodeForm {
  return isScalarChain(spec) && paramCount(spec) <= SCALAR_CHAIN_LIMIT ? 'unrolled' : 'loops';
}

/** Options of generateCode. */
export interface CodegenOptions {
  /** The spec's path, named in the generated header. */
  readonly source?: string;
  /** The output path, named in the header's regenerate command. */
  readonly output?: string;
  /** true: straight-line code, one local per scalar; false: loops. Default: unrolled only for
   * networks of one unit per layer (the course's scalar network), loops otherwise. */
  readonly unroll?: boolean;
}

const isConv = (spec: NetworkSpec | ConvNetSpec): spec is ConvNetSpec => 'kind' in spec && spec.kind === 'conv';

/**
 * The TypeScript module for a network (forward, lossAndGrad, trainStep). A convolutional spec
 * gets direct loops (codegen/conv), with inputShape and blockShapes exported too; `unroll: true`
 * is refused for it.
 */
export function generateCode(spec: NetworkSpec | ConvNetSpec, options: CodegenOptions = {}): string {
  if (isConv(spec)) {
    if (options.unroll === true) throw new UserError(`${options.source ?? `${spec.name}.json`}: --unroll is for dense networks; a convolutional network's code is always loops`);
    return generateConvCode(spec, { ...(options.source === undefined ? {} : { source: options.source }), ...(options.output === undefined ? {} : { output: options.output }) });
  }
  const source = options.source ?? `${spec.name}.json`;
  const form: CodeForm = options.unroll === undefined ? defaultForm(spec) : options.unroll ? 'unrolled' : 'loops';
  const flag = options.unroll === undefined ? '' : options.unroll ? ' --unroll' : ' --loops';
  const command = `symprop codegen ${source}${flag}${options.output ? ` -o ${options.output}` : ''}`;
  // Loops read the matrix form, but keep the index form where the sheet has it, so that the
  // equation numbers the code cites are the sheet's.
  const derivation = deriveNetwork(spec, source, { indexForm: form === 'unrolled' ? 'always' : 'auto' });
  return emitNetworkModule({ spec, derivation, source, command }, form);
}

/** Generate and load a network's module in memory. */
export async function compileNetwork(spec: NetworkSpec | ConvNetSpec, options: Pick<CodegenOptions, 'unroll'> = {}): Promise<NetworkModule> {
  return loadModule(generateCode(spec, options));
}
