// Load generated TypeScript in memory: esbuild strips the types, and the module is
// imported from a data: URL, so training and benchmarks need no file on disk.
import { transformSync } from 'esbuild';

/** The contract every generated network module keeps (README, "Generated module"). */
export interface NetworkModule {
  readonly layerSizes: readonly number[];
  readonly paramCount: number;
  /** θ's blocks in order: W1, b1, W2, b2, ... (w1, b1, ... for one-unit layers). */
  readonly paramNames: readonly string[];
  /** [rows, columns] of each block. */
  readonly paramShapes: readonly (readonly [number, number])[];
  forward(theta: Float64Array, X: Float64Array, n: number, out: Float64Array): void;
  lossAndGrad(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, grad: Float64Array): number;
  trainStep(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number): number;
  readonly momentumStateSize: number;
  momentumStep(theta: Float64Array, velocity: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number, mu: number): number;
  readonly adamStateSize: number;
  adamStep(theta: Float64Array, state: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number, t: number, beta1?: number, beta2?: number, eps?: number): number;
}

/** A generated module's source (TypeScript), compiled in memory with esbuild and loaded. */
export async function loadModule(source: string): Promise<NetworkModule> {
  const { code } = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' });
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  return (await import(url)) as NetworkModule;
}

/**
 * The same, synchronously (the sheet's worked example runs inside a synchronous renderer): the
 * module is compiled to CommonJS and evaluated as a function body. Generated modules import
 * nothing, so `exports` is all they see.
 */
export function loadModuleSync(source: string): NetworkModule {
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2022' });
  const exports: Record<string, unknown> = {};
  const module = { exports };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- our own generated code, compiled just above
  new Function('module', 'exports', code)(module, exports);
  return module.exports as unknown as NetworkModule;
}
