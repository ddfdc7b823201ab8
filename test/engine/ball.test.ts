// Ball arithmetic (src/engine/ball*.ts): every op's ball holds the exact value (checked against
// decimal.js with 40 more digits), faults are faults at any precision, exact inputs stay exact,
// and the float programs agree with the IR's own evaluator.
import { describe, expect, it } from 'vitest';
import { BallProgram } from '../../src/engine/ball-eval.ts';
import { DOWN, isFault, precision, type BallValue } from '../../src/engine/ball.ts';
import { Decimal } from '../../src/engine/decimal.ts';
import { exp, expm1 } from '../../src/engine/fast-exp.ts';
import { FloatProgram } from '../../src/engine/float-eval.ts';
import { evaluate } from '../../src/ir/eval.ts';
import * as B from '../../src/ir/build.ts';
import { UNARY_OPS, unary, variable, type Expr } from '../../src/ir/expr.ts';
import { mulberry32 } from '../../src/train/rng.ts';
import { parseExpression } from '../../src/parse/expr.ts';

const ball = (text: string, x: number | string, digits = 60): BallValue => {
  const P = precision(digits);
  return new BallProgram([], [parseExpression(text)]).run(P, new Map([['x', P.exactBall(x)]])).roots[0]!;
};

/** The same function written with decimal.js at digits + 40, as a reference. */
const R = Decimal.clone({ precision: 100 });
const one = new R(1);
const REFERENCE: Record<string, (x: InstanceType<typeof R>) => InstanceType<typeof R>> = {
  'exp(x)': (x) => x.exp(),
  'log(x)': (x) => x.ln(),
  'sqrt(x)': (x) => x.sqrt(),
  'sin(x)': (x) => x.sin(),
  'cos(x)': (x) => x.cos(),
  'tan(x)': (x) => x.tan(),
  'tanh(x)': (x) => x.tanh(),
  'sinh(x)': (x) => x.sinh(),
  'cosh(x)': (x) => x.cosh(),
  'sech(x)': (x) => one.div(x.cosh()),
  'csch(x)': (x) => one.div(x.sinh()),
  'coth(x)': (x) => one.div(x.tanh()),
  'sec(x)': (x) => one.div(x.cos()),
  'csc(x)': (x) => one.div(x.sin()),
  'cot(x)': (x) => one.div(x.tan()),
  'atan(x)': (x) => x.atan(),
  'sigmoid(x)': (x) => one.div(one.plus(x.neg().exp())),
  'softplus(x)': (x) => one.plus(x.exp()).ln(),
  'x^3 - 2*x': (x) => x.pow(3).minus(x.times(2)),
  'x^(5/2)': (x) => x.pow(2.5),
  '1/(x - 1/3)': (x) => one.div(x.minus(one.div(3))),
  'relu(x) + abs(x) + leaky_relu(x, 0.2)': (x) => R.max(0, x).plus(x.abs()).plus(x.gt(0) ? x : x.times(0.2)),
};

describe('ball arithmetic', () => {
  for (const [text, reference] of Object.entries(REFERENCE)) {
    it(`${text}: the ball holds the exact value, its radius is tiny`, () => {
      for (const x of [0.37, 1.9, 7.25, 0.001, 42.5, -0.8, -3.3]) {
        const v = ball(text, x);
        const want = reference(new R(x));
        if (!want.isFinite()) continue;
        expect(isFault(v), `${text} at ${x}`).toBe(false);
        if (isFault(v)) continue;
        expect(new R(v.m).minus(want).abs().lte(v.r), `${text} at ${x}: ${v.m} ± ${v.r} vs ${want}`).toBe(true);
        expect(v.r.lte(want.abs().times(1e-45).plus(1e-50)), `${text} at ${x}: radius ${v.r}`).toBe(true);
      }
    });
  }

  it('saturation is seen with enough digits: σ(80)(1 − σ(80)) is unknown at 30 digits, about e^−80 at 120', () => {
    const low = ball('sigmoid(x) * (1 - sigmoid(x))', 80, 30);
    expect(isFault(low) || low.r.gte(low.m.abs())).toBe(true);
    const high = ball('sigmoid(x) * (1 - sigmoid(x))', 80, 120);
    expect(isFault(high)).toBe(false);
    if (!isFault(high)) expect(high.m.toNumber() / Math.exp(-80)).toBeCloseTo(1, 10);
  });

  it('faults are proven whatever the digits: log of a negative number, an exact division by 0, √ of a negative number, asin(2), (−8)^(1/3)', () => {
    expect(ball('log(x)', -1)).toEqual({ fault: 'log of a negative number' });
    expect(ball('1/(x - 2)', 2)).toEqual({ fault: 'division by zero' });
    expect(ball('sqrt(x)', -4)).toEqual({ fault: 'square root of a negative number' });
    expect(isFault(ball('asin(x)', 2))).toBe(true);
    expect(ball('x^(1/3)', -8)).toEqual({ fault: 'a negative number to a non-integer power' });
    expect(ball('log(x) * x^2 + x', -1)).toEqual({ fault: 'log of a negative number' });
  });

  it('exact inputs stay exact: (x + 1)² − x² − 2x is exactly 1 at x = 1e20', () => {
    const v = ball('(x + 1)^2 - x^2 - 2*x', '1e20');
    if (isFault(v)) throw new Error('fault');
    expect(v.m.toString()).toBe('1');
    expect(v.r.isZero()).toBe(true);
  });

  it('a constant keeps every digit: 2.000000000001·x is not 2x', () => {
    const v = ball('2.000000000001*x', 3);
    if (isFault(v)) throw new Error('fault');
    expect(v.m.toString()).toBe('6.000000000003');
  });
});

describe('random compositions of every op', () => {
  it('the 60-digit ball holds the 240-digit value, and both agree on faults', () => {
    const rng = mulberry32(11);
    const ops = UNARY_OPS.filter((o) => o !== 'neg');
    const binary = [B.add, B.sub, B.mul, B.div, B.pow];
    const gen = (depth: number): Expr => {
      if (depth === 0 || rng() < 0.2) return rng() < 0.7 ? variable('x') : B.num(Math.round(rng() * 40 - 20) / 4);
      if (rng() < 0.45) return unary(ops[Math.floor(rng() * ops.length)]!, gen(depth - 1));
      return binary[Math.floor(rng() * binary.length)]!(gen(depth - 1), gen(depth - 1));
    };
    let compared = 0;
    for (let i = 0; i < 80; i++) {
      const e = gen(3);
      const x = (rng() < 0.5 ? -1 : 1) * 10 ** (rng() * 4 - 2);
      const at = (digits: number): BallValue => {
        const P = precision(digits);
        return new BallProgram([], [e]).run(P, new Map([['x', P.exactBall(x)]])).roots[0]!;
      };
      const [low, high] = [at(60), at(240)];
      expect(isFault(low), `fault at 60 and 240 digits alike, at x = ${x}`).toBe(isFault(high));
      if (isFault(low) || isFault(high) || !low.r.isFinite() || !high.r.isFinite()) continue;
      compared++;
      expect(new DOWN(low.m).minus(high.m).abs().lte(low.r.plus(high.r)), `at x = ${x}: ${low.m} ± ${low.r} vs ${high.m}`).toBe(true);
    }
    expect(compared).toBeGreaterThan(40);
  });
});

describe('fast exp (BigInt fixed point)', () => {
  it('is within one ulp of decimal.js at 60 to 480 digits, also for e^x − 1 of tiny x', () => {
    for (const p of [60, 120, 240, 480]) {
      const D = Decimal.clone({ precision: p });
      const Ref = Decimal.clone({ precision: p + 40 });
      for (const xs of ['1e-9', '-3e-6', '0.00123', '-0.693', '1', '-17.25', '100.125', '-745.5', '1234.5678', '-99999.5', '999999.5']) {
        const x = new D(xs);
        for (const [f, ref] of [[exp, (v: Decimal) => new Ref(v).exp()], [expm1, (v: Decimal) => new Ref(v).exp().minus(1)]] as const) {
          const want = ref(x);
          const ulps = new Ref(f(D, x, p)).minus(want).div(want).abs().times(new Ref(10).pow(p - 1));
          expect(ulps.toNumber(), `${f.name}(${xs}) at ${p} digits`).toBeLessThan(1);
        }
      }
    }
  });
});

describe('float programs', () => {
  it('agree with ir/eval.ts on every op', () => {
    for (const op of UNARY_OPS.filter((o) => o !== 'neg')) {
      const e = parseExpression(`${op}(x) + x^2/(x + 3) - leaky_relu(x - 1, 0.1)`);
      for (const x of [0.3, -0.45, 0.9, 2.2]) {
        const run = new FloatProgram([], [e]).run(new Map([['x', x]]));
        const want = evaluate(e, { x });
        if (Number.isNaN(want)) expect(run.roots[0]).toBeNaN();
        else expect(run.roots[0], `${op} at ${x}`).toBeCloseTo(want, 12);
      }
    }
  });

  it('measure the saturation of exponentials: σ(100) saturates by 43 digits, tanh(100) by 87', () => {
    expect(new FloatProgram([], [parseExpression('sigmoid(x)')]).run(new Map([['x', 100]])).saturation).toBeCloseTo(43.4, 1);
    expect(new FloatProgram([], [parseExpression('tanh(x)')]).run(new Map([['x', -100]])).saturation).toBeCloseTo(86.9, 1);
  });
});
