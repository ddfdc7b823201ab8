// checked(module): each call checks its arguments, then calls the generated function with
// exactly those arguments. The expected messages are written out in full.
import { beforeAll, describe, expect, it } from 'vitest';
import * as m from '../../generated/scalar-bce.ts';
import { checked } from '../../src/codegen/checked.ts';
import type { NetworkModule } from '../../src/codegen/load.ts';
import { compileNetwork } from '../../src/index.ts';
import { validateSpec } from '../../src/network/validate.ts';
import { UserError } from '../../src/util/errors.ts';

const f64 = (...values: number[]) => Float64Array.from(values);
const zeros = (length: number) => new Float64Array(length);

/** The message of the UserError `call` throws. */
function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError, the call went through');
}

/** Pass anything, as JavaScript callers (or `as never` in TypeScript) can. */
const any = (v: unknown) => v as never;

describe('checked(generated/scalar-bce.ts): N_0 = 1, N_L = 1, 4 parameters', () => {
  const net = checked(m);
  const theta = f64(0.5, 0, 0.5, 0);

  it('rejects a non-finite input, target or parameter with the index of the first one', () => {
    const grad = zeros(4);
    expect(messageOf(() => net.lossAndGrad(theta, f64(1, NaN), f64(1, 0), 2, grad))).toBe('lossAndGrad: X[1] is NaN, not a finite number');
    expect(messageOf(() => net.trainStep(theta, f64(1, 2), f64(Infinity, 0), 2, 0.1))).toBe('trainStep: Y[0] is Infinity, not a finite number');
    expect(messageOf(() => net.forward(f64(0.5, 0, NaN, 0), f64(1), 1, zeros(1)))).toBe('forward: theta[2] is NaN, not a finite number');
  });

  it('keeps the layout', () => {
    expect(net.layerSizes).toEqual([1, 1, 1]);
    expect(net.paramCount).toBe(4);
    expect(net.paramNames).toEqual(['w1', 'b1', 'w2', 'b2']);
  });

  it('returns what the generated functions return, and writes the same outputs', () => {
    const X = f64(3.14, -1);
    const Y = f64(1, 0);
    const grad = zeros(4);
    const rawGrad = zeros(4);
    expect(net.lossAndGrad(theta, X, Y, 2, grad)).toBe(m.lossAndGrad(theta, X, Y, 2, rawGrad));
    expect(grad).toEqual(rawGrad);
    const out = zeros(2);
    const rawOut = zeros(2);
    net.forward(theta, X, 2, out);
    m.forward(theta, X, 2, rawOut);
    expect(out).toEqual(rawOut);
    const t1 = Float64Array.from(theta);
    const t2 = Float64Array.from(theta);
    expect(net.trainStep(t1, X, Y, 2, 0.1)).toBe(m.trainStep(t2, X, Y, 2, 0.1));
    expect(t1).toEqual(t2);
    expect(t1).not.toEqual(theta);
  });

  it('theta: paramCount entries', () => {
    expect(messageOf(() => net.lossAndGrad(f64(0.5, 0, 0.5), f64(1), f64(1), 1, zeros(4)))).toBe(
      'lossAndGrad: theta has 3 entries, expected paramCount = 4',
    );
    expect(messageOf(() => net.forward(zeros(5), f64(1), 1, zeros(1)))).toBe('forward: theta has 5 entries, expected paramCount = 4');
    expect(messageOf(() => net.trainStep(zeros(0), f64(1), f64(1), 1, 0.1))).toBe('trainStep: theta has 0 entries, expected paramCount = 4');
  });

  it('X: n × N_0 entries', () => {
    expect(messageOf(() => net.lossAndGrad(theta, f64(1, 2, 3), f64(1, 0), 2, zeros(4)))).toBe(
      'lossAndGrad: X has 3 entries, expected n × N_0 = 2 × 1 = 2',
    );
  });

  it('Y: n × N_L entries', () => {
    expect(messageOf(() => net.trainStep(Float64Array.from(theta), f64(1, 2), f64(1), 2, 0.1))).toBe(
      'trainStep: Y has 1 entry, expected n × N_L = 2 × 1 = 2',
    );
  });

  it('out: n × N_L entries', () => {
    expect(messageOf(() => net.forward(theta, f64(1, 2, 3), 3, zeros(2)))).toBe('forward: out has 2 entries, expected n × N_L = 3 × 1 = 3');
  });

  it('grad: paramCount entries', () => {
    expect(messageOf(() => net.lossAndGrad(theta, f64(1), f64(1), 1, zeros(2)))).toBe('lossAndGrad: grad has 2 entries, expected paramCount = 4');
  });

  it.each([
    [0, 'lossAndGrad: n must be a positive integer, got 0'],
    [-1, 'lossAndGrad: n must be a positive integer, got -1'],
    [1.5, 'lossAndGrad: n must be a positive integer, got 1.5'],
    [NaN, 'lossAndGrad: n must be a positive integer, got NaN'],
    ['1', 'lossAndGrad: n must be a positive integer, got "1"'],
  ])('n = %o', (n, message) => {
    expect(messageOf(() => net.lossAndGrad(theta, f64(1), f64(1), any(n), zeros(4)))).toBe(message);
  });

  it.each([
    [NaN, 'trainStep: lr must be a finite number, got NaN'],
    [Infinity, 'trainStep: lr must be a finite number, got Infinity'],
    [undefined, 'trainStep: lr must be a finite number, got undefined'],
  ])('lr = %o', (lr, message) => {
    expect(messageOf(() => net.trainStep(Float64Array.from(theta), f64(1), f64(1), 1, any(lr)))).toBe(message);
  });

  it('every array is a Float64Array', () => {
    expect(messageOf(() => net.lossAndGrad(any([0.5, 0, 0.5, 0]), f64(1), f64(1), 1, zeros(4)))).toBe(
      'lossAndGrad: theta must be a Float64Array, got Array',
    );
    expect(messageOf(() => net.lossAndGrad(theta, any(new Float32Array(1)), f64(1), 1, zeros(4)))).toBe(
      'lossAndGrad: X must be a Float64Array, got Float32Array',
    );
    expect(messageOf(() => net.lossAndGrad(theta, f64(1), any(null), 1, zeros(4)))).toBe('lossAndGrad: Y must be a Float64Array, got null');
    expect(messageOf(() => net.lossAndGrad(theta, f64(1), f64(1), 1, any(undefined)))).toBe(
      'lossAndGrad: grad must be a Float64Array, got undefined',
    );
    expect(messageOf(() => net.forward(theta, f64(1), 1, any(3)))).toBe('forward: out must be a Float64Array, got 3');
  });

  it('an output may not share memory with an input', () => {
    const buffer = new Float64Array(8);
    const thetaView = buffer.subarray(0, 4);
    expect(messageOf(() => net.lossAndGrad(thetaView, f64(1), f64(1), 1, thetaView))).toBe(
      'lossAndGrad: grad shares memory with theta, pass a separate Float64Array',
    );
    expect(messageOf(() => net.forward(theta, buffer.subarray(4, 5), 1, buffer.subarray(4, 5)))).toBe(
      'forward: out shares memory with X, pass a separate Float64Array',
    );
    expect(messageOf(() => net.trainStep(buffer.subarray(0, 4), f64(1), buffer.subarray(3, 4), 1, 0.1))).toBe(
      'trainStep: theta shares memory with Y, pass a separate Float64Array',
    );
    // Two views of one buffer that do not overlap are fine.
    expect(() => net.lossAndGrad(buffer.subarray(0, 4), f64(1), f64(1), 1, buffer.subarray(4, 8))).not.toThrow();
  });
});

describe('checked(a 2-3-2 network compiled in memory): N_0 = 2, N_L = 2, 17 parameters', () => {
  const spec = validateSpec({
    name: 'two-three-two',
    input: 2,
    layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'identity' }],
    loss: 'mse',
  });
  let raw: NetworkModule;
  let net: NetworkModule;
  beforeAll(async () => {
    raw = await compileNetwork(spec, { unroll: true });
    net = checked(raw);
  });
  // 2·3 + 3 + 3·2 + 2 = 17
  const theta = Float64Array.from({ length: 17 }, (_, i) => ((i % 5) - 2) / 4);

  it('keeps the layout', () => {
    expect(net.layerSizes).toEqual([2, 3, 2]);
    expect(net.paramCount).toBe(17);
  });

  it('passes correct calls through', () => {
    const X = f64(1, 2, -1, 0.5);
    const Y = f64(0, 1, 1, 0);
    const grad = zeros(17);
    const rawGrad = zeros(17);
    expect(net.lossAndGrad(theta, X, Y, 2, grad)).toBe(raw.lossAndGrad(theta, X, Y, 2, rawGrad));
    expect(grad).toEqual(rawGrad);
    const out = zeros(4);
    net.forward(theta, X, 2, out);
    const rawOut = zeros(4);
    raw.forward(theta, X, 2, rawOut);
    expect(out).toEqual(rawOut);
  });

  it('X: n × N_0 entries', () => {
    expect(messageOf(() => net.lossAndGrad(theta, f64(1, 2, 3), f64(0, 1, 1, 0), 2, zeros(17)))).toBe(
      'lossAndGrad: X has 3 entries, expected n × N_0 = 2 × 2 = 4',
    );
  });

  it('Y and out: n × N_L entries', () => {
    expect(messageOf(() => net.lossAndGrad(theta, f64(1, 2, 3, 4, 5, 6), f64(0, 1), 3, zeros(17)))).toBe(
      'lossAndGrad: Y has 2 entries, expected n × N_L = 3 × 2 = 6',
    );
    expect(messageOf(() => net.forward(theta, f64(1, 2), 1, zeros(1)))).toBe('forward: out has 1 entry, expected n × N_L = 1 × 2 = 2');
  });

  it('theta and grad: paramCount entries', () => {
    expect(messageOf(() => net.trainStep(zeros(16), f64(1, 2), f64(0, 1), 1, 0.1))).toBe('trainStep: theta has 16 entries, expected paramCount = 17');
    expect(messageOf(() => net.lossAndGrad(theta, f64(1, 2), f64(0, 1), 1, zeros(4)))).toBe(
      'lossAndGrad: grad has 4 entries, expected paramCount = 17',
    );
  });
});

describe('checked delegates without touching the arguments', () => {
  // A stand-in for the 3-4-2 network of seed 000 that records its calls.
  const calls: unknown[][] = [];
  const recorder: NetworkModule = {
    layerSizes: [3, 4, 2],
    paramCount: 26,
    paramNames: [],
    paramShapes: [],
    forward: (...args) => void calls.push(['forward', ...args]),
    lossAndGrad: (...args) => (calls.push(['lossAndGrad', ...args]), 0.25),
    trainStep: (...args) => (calls.push(['trainStep', ...args]), 0.5),
    momentumStateSize: 26,
    momentumStep: (...args) => (calls.push(['momentumStep', ...args]), 0.75),
    adamStateSize: 52,
    adamStep: (...args) => (calls.push(['adamStep', ...args]), 1),
  };
  const net = checked(recorder);

  it('the same arrays (not copies) and the same return value', () => {
    calls.length = 0;
    const theta = zeros(26);
    const X = zeros(6);
    const Y = zeros(4);
    const grad = zeros(26);
    expect(net.lossAndGrad(theta, X, Y, 2, grad)).toBe(0.25);
    expect(net.trainStep(theta, X, Y, 2, 0.1)).toBe(0.5);
    net.forward(theta, X, 2, Y);
    expect(calls).toHaveLength(3);
    const [lg, ts, fw] = calls;
    expect(lg![1]).toBe(theta);
    expect(lg![2]).toBe(X);
    expect(lg![3]).toBe(Y);
    expect(lg![5]).toBe(grad);
    expect(ts!.slice(4)).toEqual([2, 0.1]);
    expect(fw![4]).toBe(Y);
  });

  it('a bad call never reaches the module', () => {
    calls.length = 0;
    expect(messageOf(() => net.lossAndGrad(zeros(26), zeros(5), zeros(4), 2, zeros(26)))).toBe(
      'lossAndGrad: X has 5 entries, expected n × N_0 = 2 × 3 = 6',
    );
    expect(calls).toHaveLength(0);
  });
});
