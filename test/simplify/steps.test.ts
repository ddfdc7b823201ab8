import { describe, expect, it } from 'vitest';
import * as B from '../../src/ir/build.ts';
import { variable } from '../../src/ir/expr.ts';
import { evaluate } from '../../src/ir/eval.ts';
import { simplify, simplifySteps } from '../../src/simplify/steps.ts';
import { isIdenticallyZero } from '../../src/simplify/rational.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import { rng } from '../helpers.ts';

const y = variable('y');
const yhat = variable('yhat');
const one = B.num(1);

describe('simplification steps', () => {
  it('BCE after a sigmoid: −(y/ŷ − (1−y)/(1−ŷ))·ŷ(1−ŷ) simplifies to ŷ − y (seed 004)', () => {
    const dJ = B.neg(B.sub(B.div(y, yhat), B.div(B.sub(one, y), B.sub(one, yhat))));
    const steps = simplifySteps(B.mul(dJ, B.mul(yhat, B.sub(one, yhat))));
    expect(steps.map((s) => s.rule)).toEqual(['common-denominator', 'cancel', 'expand', 'collect']);
    expect(steps.at(-1)!.expr).toBe(B.sub(yhat, y));
  });

  it('cancels a common factor: y/(x y) = 1/x (seed 000)', () => {
    expect(simplify(parseExpression('y/(x*y)'))).toBe(parseExpression('1/x'));
  });

  it('keeps a product unexpanded when expanding would not shorten it', () => {
    const e = parseExpression('(yhat - y) * a1');
    expect(simplifySteps(e)).toEqual([]);
  });

  it('collects like terms and finds zero', () => {
    expect(simplify(parseExpression('x*y + 2*y*x - 3*x*y'))).toBe(B.num(0));
    expect(isIdenticallyZero(parseExpression('(a+b)^2 - a^2 - 2*a*b - b^2'))).toBe(true);
    expect(isIdenticallyZero(parseExpression('(a+b)^2 - a^2 - b^2'))).toBe(false);
  });

  it('every step keeps the value (random points)', () => {
    const exprs = ['(x^2 - 1)/(x - 1)', '-(y/h - (1-y)/(1-h))*h*(1-h)', 'x/(2*sqrt(x)) * 2', '(a*b + a)/(a*(b+1)) + c'];
    const r = rng(7);
    for (const text of exprs) {
      const e = parseExpression(text);
      for (const step of simplifySteps(e)) {
        for (let k = 0; k < 5; k++) {
          const env = { x: 2 + r(), y: r(), h: 0.1 + 0.8 * r(), a: 1 + r(), b: 1 + r(), c: r() };
          expect(evaluate(step.expr, env)).toBeCloseTo(evaluate(e, env), 10);
        }
      }
    }
  });
});
