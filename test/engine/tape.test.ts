import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { centralDiff, maxRelErr, relErr } from '../../src/engine/fd.ts';
import {
  abs, add, backward, cos, div, exp, leakyRelu, log, mul, neg, pow, relu, sigmoid, sign, sin, softplus, sqrt, step,
  sub, sum, tan, tanh, value, type Value,
} from '../../src/engine/tape.ts';

/**
 * One op under test: `tape` builds it on the tape, `ref` computes the same function with
 * plain Math (never with the tape), and the tape gradient is compared with central
 * differences of `ref` at each point. Points stay away from kinks and poles.
 */
interface Case {
  readonly name: string;
  readonly tape: (x: readonly Value[]) => Value;
  readonly ref: (x: readonly number[]) => number;
  readonly points: readonly (readonly number[])[];
}

const refSigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const CASES: readonly Case[] = [
  { name: 'add', tape: ([a, b]) => add(a!, b!), ref: ([a, b]) => a! + b!, points: [[1, 2], [-3.5, 0.25]] },
  { name: 'sub', tape: ([a, b]) => sub(a!, b!), ref: ([a, b]) => a! - b!, points: [[1, 2], [-3.5, 0.25]] },
  { name: 'mul', tape: ([a, b]) => mul(a!, b!), ref: ([a, b]) => a! * b!, points: [[1.5, -2], [0.3, 7]] },
  { name: 'div', tape: ([a, b]) => div(a!, b!), ref: ([a, b]) => a! / b!, points: [[1.5, -2], [0.3, 0.7], [-4, 3]] },
  { name: 'neg', tape: ([a]) => neg(a!), ref: ([a]) => -a!, points: [[2], [-0.1]] },
  { name: 'sum', tape: (xs) => sum(xs), ref: (xs) => xs.reduce((s, x) => s + x, 0), points: [[1, -2, 3.5]] },
  { name: 'pow x^3', tape: ([a]) => pow(a!, 3), ref: ([a]) => a! ** 3, points: [[2], [-1.5], [0.2]] },
  { name: 'pow x^0.5', tape: ([a]) => pow(a!, 0.5), ref: ([a]) => Math.sqrt(a!), points: [[2], [0.3]] },
  { name: 'pow x^-2', tape: ([a]) => pow(a!, -2), ref: ([a]) => a! ** -2, points: [[2], [-0.7]] },
  { name: 'pow u^v', tape: ([u, v]) => pow(u!, v!), ref: ([u, v]) => u! ** v!, points: [[2, 3], [0.5, -1.3], [3.1, 0.4]] },
  { name: 'exp', tape: ([a]) => exp(a!), ref: ([a]) => Math.exp(a!), points: [[0], [1.3], [-2]] },
  { name: 'log', tape: ([a]) => log(a!), ref: ([a]) => Math.log(a!), points: [[0.1], [1], [25]] },
  { name: 'sqrt', tape: ([a]) => sqrt(a!), ref: ([a]) => Math.sqrt(a!), points: [[0.04], [2], [100]] },
  { name: 'abs', tape: ([a]) => abs(a!), ref: ([a]) => Math.abs(a!), points: [[-2], [0.3]] },
  { name: 'sin', tape: ([a]) => sin(a!), ref: ([a]) => Math.sin(a!), points: [[0], [1], [-4]] },
  { name: 'cos', tape: ([a]) => cos(a!), ref: ([a]) => Math.cos(a!), points: [[0.5], [2], [-4]] },
  { name: 'tan', tape: ([a]) => tan(a!), ref: ([a]) => Math.tan(a!), points: [[0], [1], [-1.2]] },
  { name: 'sigmoid', tape: ([a]) => sigmoid(a!), ref: ([a]) => refSigmoid(a!), points: [[0], [2], [-3], [15], [-15]] },
  { name: 'tanh', tape: ([a]) => tanh(a!), ref: ([a]) => Math.tanh(a!), points: [[0], [0.8], [-2]] },
  { name: 'relu', tape: ([a]) => relu(a!), ref: ([a]) => Math.max(a!, 0), points: [[1.5], [-0.5]] },
  {
    name: 'leaky_relu',
    tape: ([a]) => leakyRelu(a!, 0.1),
    ref: ([a]) => (a! > 0 ? a! : 0.1 * a!),
    points: [[1.5], [-0.5], [-20]],
  },
  {
    name: 'softplus',
    tape: ([a]) => softplus(a!),
    ref: ([a]) => Math.log(1 + Math.exp(a!)),
    points: [[0], [3], [-3], [30], [-30]],
  },
  { name: 'step', tape: ([a]) => step(a!), ref: ([a]) => (a! > 0 ? 1 : 0), points: [[1.5], [-0.5]] },
  { name: 'sign', tape: ([a]) => sign(a!), ref: ([a]) => Math.sign(a!), points: [[1.5], [-0.5]] },
  {
    name: 'composite with shared nodes',
    // f = x·x·y + sin(x·y) / exp(y): x·y and x are used twice, so adjoints must add up
    tape: ([x, y]) => {
      const xy = mul(x!, y!);
      return add(mul(xy, x!), div(sin(xy), exp(y!)));
    },
    ref: ([x, y]) => x! * y! * x! + Math.sin(x! * y!) / Math.exp(y!),
    points: [[0.7, -1.1], [2, 0.5]],
  },
];

/** Tape value and gradient of a case at a point. */
function onTape(c: Case, point: readonly number[]): { y: number; grad: number[] } {
  const xs = point.map(value);
  const out = c.tape(xs);
  backward(out);
  return { y: out.data, grad: xs.map((x) => x.grad) };
}

describe('scalar tape ops vs central differences', () => {
  for (const c of CASES) {
    it(c.name, () => {
      for (const point of c.points) {
        const { y, grad } = onTape(c, point);
        expect(relErr(y, c.ref(point))).toBeLessThan(1e-12);
        const fd = centralDiff((x) => c.ref(Array.from(x)), Float64Array.from(point));
        expect(maxRelErr(grad, fd), `${c.name} at ${point}`).toBeLessThan(1e-6);
      }
    });
  }

  it('smooth unary ops at random points (fast-check)', () => {
    const smooth = CASES.filter((c) => ['sin', 'cos', 'exp', 'sigmoid', 'tanh', 'softplus'].includes(c.name));
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        for (const c of smooth) {
          const fd = centralDiff((v) => c.ref(Array.from(v)), Float64Array.of(x));
          expect(relErr(onTape(c, [x]).grad[0]!, fd[0]!)).toBeLessThan(1e-6);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

/** d out / d x of a one-input graph. */
function derivative(build: (x: Value) => Value, at: number): number {
  const x = value(at);
  backward(build(x));
  return x.grad;
}

describe('conventions at kinks and edges', () => {
  it('picks the documented derivative at 0', () => {
    expect(derivative(relu, 0)).toBe(0);
    expect(derivative(abs, 0)).toBe(0);
    expect(derivative((x) => leakyRelu(x, 0.2), 0)).toBe(0.2);
    expect(derivative(step, 0)).toBe(0);
    expect(derivative(sign, 0)).toBe(0);
    expect(step(value(0)).data).toBe(0);
    expect(sign(value(-3)).data).toBe(-1);
  });

  it('evaluates sigmoid and softplus without overflow', () => {
    expect(sigmoid(value(-1000)).data).toBe(0);
    expect(sigmoid(value(1000)).data).toBe(1);
    expect(derivative(sigmoid, -1000)).toBe(0);
    expect(softplus(value(1000)).data).toBe(1000);
    expect(softplus(value(-1000)).data).toBe(0);
    expect(derivative(softplus, 1000)).toBe(1);
    // log1p keeps the digits a naive log(1 + e^x) loses: softplus(−40) = e^−40 to first order
    expect(relErr(softplus(value(-40)).data / Math.exp(-40), 1)).toBeLessThan(1e-12);
  });

  it('handles pow at negative and zero bases', () => {
    expect(derivative((x) => pow(x, 3), -2)).toBe(12); // 3·(−2)²
    expect(derivative((x) => pow(x, 0), 0)).toBe(0); // x^0 ≡ 1
    const u = value(-2);
    const v = value(3);
    backward(pow(u, v));
    expect(u.grad).toBe(12);
    expect(v.grad).toBeNaN(); // (−2)^v is not differentiable in v
    const u0 = value(0);
    const v0 = value(2);
    backward(pow(u0, v0));
    expect(v0.grad).toBe(0); // lim 0^v ln 0 = 0 for v > 0
  });

  it('u^v: d/dv = u^v ln u', () => {
    const v = value(1.5);
    backward(pow(3, v));
    expect(v.grad).toBeCloseTo(3 ** 1.5 * Math.log(3), 12);
  });

  it('number operands are constants', () => {
    const x = value(4);
    const out = add(mul(3, x), div(x, 2));
    backward(out);
    expect(out.data).toBe(14);
    expect(x.grad).toBe(3.5);
  });
});

describe('backward', () => {
  it('accumulates every path and is repeatable', () => {
    const x = value(3);
    const out = mul(x, x); // d(x²)/dx = 2x
    backward(out);
    expect(x.grad).toBe(6);
    backward(out);
    expect(x.grad).toBe(6);
  });

  it('survives graphs deeper than the call stack', () => {
    const x = value(0.5);
    let y: Value = x;
    for (let i = 0; i < 200_000; i++) y = add(y, x); // y = 200001·x
    backward(y);
    expect(x.grad).toBe(200_001);
  });
});
