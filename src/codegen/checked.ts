// A validating wrapper around a generated module. The generated functions trust their
// arguments, so a wrong length reads past the end of a typed array (undefined, then NaN)
// or leaves part of the output unwritten, silently, and a NaN input gives a finite loss
// while trainStep fills θ with NaN. `checked` makes each call check its arguments once (their
// sizes, and one pass for a non-finite entry), without allocating, then calls the generated
// function unchanged: the hot loop itself never checks anything.
//
//   const net = checked(await compileNetwork(spec));
//   net.lossAndGrad(theta, X, Y, 2, grad);
//   // UserError: lossAndGrad: X has 5 entries, expected n × N_0 = 2 × 3 = 6
import { UserError } from '../util/errors.ts';
import type { NetworkModule } from './load.ts';

type FunctionName = 'forward' | 'lossAndGrad' | 'trainStep' | 'momentumStep' | 'adamStep';

/** How a wrong argument is shown: numbers as written, anything else by its kind. */
function shown(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return (v as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  return typeof v;
}

/** The argument checks of one function, every message starting with its name. */
class Checks {
  constructor(readonly fn: FunctionName) {}

  fail(message: string): never {
    throw new UserError(`${this.fn}: ${message}`);
  }

  float64(name: string, v: unknown): void {
    if (!(v instanceof Float64Array)) this.fail(`${name} must be a Float64Array, got ${shown(v)}`);
  }

  positiveInteger(name: string, v: unknown): void {
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) this.fail(`${name} must be a positive integer, got ${shown(v)}`);
  }

  finite(name: string, v: unknown): void {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`${name} must be a finite number, got ${shown(v)}`);
  }

  /** Every entry finite, or the index of the first that is not. */
  allFinite(name: string, a: Float64Array): void {
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i]!)) this.fail(`${name}[${i}] is ${a[i]}, not a finite number`);
    }
  }

  /** `a` has `expected` entries; `why` says where the number comes from ("paramCount = 4"). */
  length(name: string, a: Float64Array, expected: number, why: string): void {
    if (a.length !== expected) this.fail(`${name} has ${a.length} ${a.length === 1 ? 'entry' : 'entries'}, expected ${why}`);
  }

  /** An output must not overlap an input: the generated code reads the inputs while it writes. */
  apart(name: string, out: Float64Array, other: string, input: Float64Array): void {
    const overlaps =
      out.buffer === input.buffer &&
      out.byteOffset < input.byteOffset + input.byteLength &&
      input.byteOffset < out.byteOffset + out.byteLength;
    if (overlaps) this.fail(`${name} shares memory with ${other}, pass a separate Float64Array`);
  }
}

/** The module with each function checking its arguments first (README, "Generated module"). */
export function checked(module: NetworkModule): NetworkModule {
  const sizes = module.layerSizes;
  const inputs = sizes[0]!;
  const outputs = sizes[sizes.length - 1]!;
  const params = module.paramCount;
  const perExample = (n: number, count: number, symbol: string): string => `n × ${symbol} = ${n} × ${count} = ${n * count}`;

  /** θ, X and n, common to the three functions. */
  const checkInputs = (c: Checks, theta: unknown, X: unknown, n: unknown): void => {
    c.float64('theta', theta);
    c.float64('X', X);
    c.positiveInteger('n', n);
    c.length('theta', theta as Float64Array, params, `paramCount = ${params}`);
    c.length('X', X as Float64Array, (n as number) * inputs, perExample(n as number, inputs, 'N_0'));
    c.allFinite('theta', theta as Float64Array);
    c.allFinite('X', X as Float64Array);
  };
  /** An n × N_L array: the targets Y, or the outputs of forward. */
  const checkPerOutput = (c: Checks, name: string, a: unknown, n: number): void => {
    c.float64(name, a);
    c.length(name, a as Float64Array, n * outputs, perExample(n, outputs, 'N_L'));
  };

  const forward = new Checks('forward');
  const lossAndGrad = new Checks('lossAndGrad');
  const trainStep = new Checks('trainStep');
  const momentumStep = new Checks('momentumStep');
  const adamStep = new Checks('adamStep');
  /** What every training step checks: θ, X, n, Y and lr, and that θ shares memory with neither X nor Y. */
  const checkStep = (c: Checks, theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number): void => {
    checkInputs(c, theta, X, n);
    checkPerOutput(c, 'Y', Y, n);
    c.allFinite('Y', Y);
    c.finite('lr', lr);
    c.apart('theta', theta, 'X', X);
    c.apart('theta', theta, 'Y', Y);
  };
  /** An optimiser's state: its own Float64Array of `size` finite entries, apart from θ. */
  const checkState = (c: Checks, name: string, state: unknown, size: number, why: string, theta: Float64Array): void => {
    c.float64(name, state);
    c.length(name, state as Float64Array, size, why);
    c.allFinite(name, state as Float64Array);
    c.apart(name, state as Float64Array, 'theta', theta);
  };
  return {
    layerSizes: sizes,
    paramCount: params,
    paramNames: module.paramNames,
    paramShapes: module.paramShapes,
    forward(theta, X, n, out) {
      checkInputs(forward, theta, X, n);
      checkPerOutput(forward, 'out', out, n);
      forward.apart('out', out, 'theta', theta);
      forward.apart('out', out, 'X', X);
      module.forward(theta, X, n, out);
    },
    lossAndGrad(theta, X, Y, n, grad) {
      checkInputs(lossAndGrad, theta, X, n);
      checkPerOutput(lossAndGrad, 'Y', Y, n);
      lossAndGrad.allFinite('Y', Y);
      lossAndGrad.float64('grad', grad);
      lossAndGrad.length('grad', grad, params, `paramCount = ${params}`);
      lossAndGrad.apart('grad', grad, 'theta', theta);
      lossAndGrad.apart('grad', grad, 'X', X);
      lossAndGrad.apart('grad', grad, 'Y', Y);
      return module.lossAndGrad(theta, X, Y, n, grad);
    },
    trainStep(theta, X, Y, n, lr) {
      checkStep(trainStep, theta, X, Y, n, lr);
      return module.trainStep(theta, X, Y, n, lr);
    },
    momentumStateSize: module.momentumStateSize,
    momentumStep(theta, velocity, X, Y, n, lr, mu) {
      checkStep(momentumStep, theta, X, Y, n, lr);
      checkState(momentumStep, 'velocity', velocity, module.momentumStateSize, `momentumStateSize = ${module.momentumStateSize}`, theta);
      momentumStep.finite('mu', mu);
      return module.momentumStep(theta, velocity, X, Y, n, lr, mu);
    },
    adamStateSize: module.adamStateSize,
    adamStep(theta, state, X, Y, n, lr, t, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) {
      checkStep(adamStep, theta, X, Y, n, lr);
      checkState(adamStep, 'state', state, module.adamStateSize, `adamStateSize = ${module.adamStateSize}`, theta);
      adamStep.positiveInteger('t', t);
      for (const [name, v] of [['beta1', beta1], ['beta2', beta2]] as const) if (!(v >= 0 && v < 1)) adamStep.fail(`${name} must be in [0, 1), got ${shown(v)}`);
      if (!(eps > 0)) adamStep.fail(`eps must be > 0, got ${shown(eps)}`);
      return module.adamStep(theta, state, X, Y, n, lr, t, beta1, beta2, eps);
    },
  };
}
