// The mathematician's reading of a formula (src/parse/reading.ts) and exact literals.
import { describe, expect, it } from 'vitest';
import * as B from '../../src/ir/build.ts';
import { variable } from '../../src/ir/expr.ts';
import { evaluate } from '../../src/ir/eval.ts';
import { evaluate as mathjsEvaluate } from 'mathjs';
import { parseExpression, readExpressionText } from '../../src/parse/expr.ts';
import { text } from '../../src/print/text.ts';

const x = variable('x');

describe('reading implicit products as a mathematician does', () => {
  it.each([
    ['x^x (log(x) + 1)', 'x^x*(log(x) + 1)'],
    ['x^x(log(x) + 1)', 'x^x*(log(x) + 1)'],
    ['x^x (log x + 1)', 'x^x*(log(x) + 1)'],
    ['e^x (x - 1)/x^2', 'exp(x)*(x - 1)/x^2'],
    ['e^x (x^2 + 2x)', 'exp(x)*(x^2 + 2*x)'],
    ['e^-x (x + 1)', 'exp(-x)*(x + 1)'],
    ['x(x + 1)', 'x*(x + 1)'],
    ['(x + 1)(x - 1)', '(x + 1)*(x - 1)'],
    ['sin x cos x', 'sin(x)*cos(x)'],
    ['sin 2x', 'sin(2*x)'],
    ['log x^2', 'log(x^2)'],
  ])('%s reads as %s', (typed, meant) => {
    expect(parseExpression(typed)).toBe(parseExpression(meant));
  });

  it('a power followed by a bracket multiplies the power, it does not extend the exponent', () => {
    const read = parseExpression('x^x (log(x) + 1)');
    expect(evaluate(read, { x: 2 })).toBeCloseTo(4 * (Math.log(2) + 1), 12);
  });

  it('a longer name before a bracket stays a function call (so a typo is an error, not a product)', () => {
    expect(() => parseExpression('lgo(x)')).toThrow(/unknown function lgo\(\)/);
  });

  it('notes a reading a reader could take two ways', () => {
    expect(readExpressionText('1/2x').notes).toEqual(['1/2x is read as (1/2)·x; write 1/(2x) for the other reading']);
    expect(readExpressionText('x^x (log x + 1)').notes).toEqual([]);
  });
});

describe('exact constants', () => {
  it('e and pi are the exact constants', () => {
    expect(parseExpression('e^x')).toBe(B.exp(x));
    expect(parseExpression('e')).toBe(B.exp(B.num(1)));
    expect(parseExpression('pi*x')).toBe(B.mul(B.pi(), x));
    expect(parseExpression('π x')).toBe(B.mul(B.pi(), x));
  });

  it('decimal literals are exact rationals, never rounded', () => {
    const c = parseExpression('2.0000001*x');
    expect(c.kind === 'mul' && c.a.kind === 'const' && c.a.q).toEqual({ n: 20000001n, d: 10000000n });
    const tiny = parseExpression('2.0000000000000000001*x');
    expect(tiny.kind === 'mul' && tiny.a.kind === 'const' && tiny.a.q).toEqual({ n: 20000000000000000001n, d: 10n ** 19n });
    expect(parseExpression('0.5*x')).toBe(B.mul(B.rational({ n: 1n, d: 2n }), x));
    expect(parseExpression('0.1 + 0.2')).toBe(parseExpression('3/10'));
  });

  it('folds constant arithmetic exactly', () => {
    expect(parseExpression('2*3*x')).toBe(B.mul(B.num(6), x));
    expect(parseExpression('3^2*x')).toBe(B.mul(B.num(9), x));
    expect(parseExpression('x + -2')).toBe(B.sub(x, B.num(2)));
  });
});

describe('the text printer (mathjs syntax)', () => {
  it.each([
    'x^x*(log(x) + 1)', 'exp(x)/(1 + exp(x))', '-(x - 1)^2', 'x^(-2)', '(-x)^3', '1/3*x', 'x^(1/8)', 'pi*x + e',
    'sigmoid(2*x)*(1 - sigmoid(2*x))', 'sech(x)^2', 'atan(x)/(1 + x^2)', 'leaky_relu(x, 0.2)', '2.0000001*x', 'x - (y - z)', 'x/(y*z)',
  ])('%s prints to text that parses back to the same node', (source) => {
    const e = parseExpression(source);
    expect(parseExpression(text(e))).toBe(e);
  });

  it('prints text that mathjs itself parses to the same value', () => {
    const e = parseExpression('x^x*(log(x) + 1) - 1/3*x');
    expect(mathjsEvaluate(text(e), { x: 1.7 })).toBeCloseTo(evaluate(e, { x: 1.7 }), 10);
  });
});

describe('LaTeX claims: the new functions and comma subscripts', async () => {
  const { parseClaim } = await import('../../src/check/claim.ts');
  const { loadSpec } = await import('../../src/network/validate.ts');
  const xor = loadSpec('examples/xor.json');
  it.each([
    ['\\operatorname{sech}^2(x)', 'sech(x)^2'],
    ['\\frac{1}{\\sqrt{1-x^2}}', '1/sqrt(1 - x^2)'],
    ['\\arctan(x) + \\sinh x \\cosh x', 'atan(x) + sinh(x)*cosh(x)'],
    ['\\sec^2 x', 'sec(x)^2'],
    ['H(x)', 'step(x)'],
  ])('%s reads as %s', (claim, meant) => {
    expect(parseClaim(claim, { kind: 'expression', variables: ['x'] }).expr).toBe(parseExpression(meant));
  });
  it.each([
    ['\\frac{|x|}{x}', 'abs(x)/x'],
    ['\\left|x - 1\\right|', 'abs(x - 1)'],
    ['\\frac{1}{3\\sqrt[3]{x^2}}', '1/(3*(x^2)^(1/3))'],
    ['1/(2√x)', '1/(2*sqrt(x))'],
    ['2x − x⁻²', '2*x - x^(-2)'],
    ['3x^2 ⋅ y', '3*x^2*y'],
    ['1 - tanh^2(x)', '1 - tanh(x)^2'],
    ['x^2e^x + 2xe^x', 'x^2*exp(x) + 2*x*exp(x)'],
    ['π x', 'pi*x'],
    ['x/|x|', 'x/abs(x)'],
    ['2|x - 1| + |y|', '2*abs(x - 1) + abs(y)'],
    ['sec^2 x', 'sec(x)^2'],
    ['1 + tan^2 x', '1 + tan(x)^2'],
    ['2/x log x', '(2/x)*log(x)'],
  ])('the way students write it: %s reads as %s', (claim, meant) => {
    expect(parseClaim(claim, { kind: 'expression', variables: ['x', 'y'] }).expr).toBe(parseExpression(meant));
  });

  it('notes a run of letters read as a product of known names', () => {
    expect(parseClaim('2xe^x', { kind: 'expression', variables: ['x'] }).read.notes).toEqual(['xe is read as the product x·e']);
  });

  it('a_{1,2} and w_{2,1,1} name layer then units', () => {
    expect(parseClaim('a_{1,2} + w_{2,1,1}', { kind: 'network', spec: xor }).read.text).toBe('a1[2] + W2[1][1]');
  });
});
