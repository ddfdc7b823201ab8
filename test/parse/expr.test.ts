import { describe, expect, it } from 'vitest';
import * as B from '../../src/ir/build.ts';
import { variable } from '../../src/ir/expr.ts';
import { parseExpression } from '../../src/parse/expr.ts';

describe('parseExpression', () => {
  it('builds hash-consed IR: equal text, identical node', () => {
    expect(parseExpression('log(x*y)')).toBe(parseExpression('log( x * y )'));
    expect(parseExpression('log(x*y)')).toBe(B.log(B.mul(variable('x'), variable('y'))));
  });

  it('knows the activations and implicit multiplication', () => {
    expect(parseExpression('sigmoid(2w)')).toBe(B.sigmoid(B.mul(B.num(2), variable('w'))));
    expect(parseExpression('leaky_relu(x, 0.2)')).toBe(B.leakyRelu(variable('x'), 0.2));
    expect(parseExpression('ln(x)')).toBe(B.log(variable('x')));
  });

  it('reports a syntax error with its position', () => {
    expect(() => parseExpression('log(x*', '--expr')).toThrow(/^--expr: .*position 7/);
  });

  it('reports an unknown function with its position', () => {
    expect(() => parseExpression('x + foo(y)', '--expr')).toThrow('--expr: unknown function foo() (known: exp');
    expect(() => parseExpression('x + foo(y)', '--expr')).toThrow(/at position 5/);
  });

  it('rejects empty input and unsupported syntax', () => {
    expect(() => parseExpression('  ')).toThrow(/empty expression/);
    expect(() => parseExpression('[1, 2]')).toThrow(/unsupported syntax/);
    expect(() => parseExpression('x == y')).toThrow(/unsupported operator "=="/);
  });
});
