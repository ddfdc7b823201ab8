import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveExpression } from '../../src/api.ts';
import { chainPaths } from '../../src/derivation/paths.ts';
import { topoOrder, type Expr } from '../../src/ir/expr.ts';
import { evaluate } from '../../src/ir/eval.ts';
import { text } from '../../src/print/text.ts';
import { count } from '../../src/simplify/ops.ts';
import { textbookSteps } from '../../src/simplify/textbook.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import { rng } from '../helpers.ts';

const result = (expr: string, wrt = 'x'): Expr => deriveExpression(expr, wrt, 'test').gradients[0]!.result;
const final = (expr: string, wrt = 'x'): string => text(result(expr, wrt));

describe('final forms as a textbook writes them', () => {
  it('common factors out: x^x (log x + 1), x²(3 log x + 1), e^x (x − 1)/x²', () => {
    expect(final('x^x')).toBe('x^x * (log(x) + 1)');
    expect(final('x^3*log(x)')).toBe('x^2 * (3 * log(x) + 1)');
    expect(final('exp(x)/x')).toBe('exp(x) * (x - 1) / x^2');
    expect(final('x*exp(x)')).toBe('exp(x) * (x + 1)');
  });

  it('powers of powers merge: (1/8) x^{−7/8}, (3/2)√x, (x² + 1)^{−3/2}', () => {
    expect(final('sqrt(sqrt(sqrt(x)))')).toBe('0.125 * x^(-0.875)'); // 1/8 and 7/8, in decimals
    expect(final('sqrt(x)*x')).toBe('1.5 * sqrt(x)');
    expect(final('x/sqrt(1 + x^2)')).toBe('(x^2 + 1)^(-1.5)');
    expect(final('sqrt(x^4)')).toBe('2 * x');
  });

  it('denominators factored: 1/(x + 1)², −2/(x − 1)², y²/(x + y)²', () => {
    expect(final('x/(1 + x)')).toBe('1 / (x + 1)^2');
    expect(final('(x + 1)/(x - 1)')).toBe('-(2 / (x - 1)^2)');
    expect(final('x*y/(x + y)')).toBe('y^2 / (x + y)^2');
  });

  it('constants folded, no "+ −c"', () => {
    expect(final('3*x^(3^2)')).toBe('27 * x^8');
    expect(final('x^2*y + y^2*x')).toBe('y * (2 * x + y)');
    expect(final('(x - y)^2/y')).not.toContain('+ -');
  });
});

describe('known identities where they shorten', () => {
  it('σ: e^u/(1 + e^u) → σ(u), 1/(1 + e^{−u}) → σ(u), softplus′ = σ', () => {
    expect(final('exp(x)/(1 + exp(x))')).toBe('sigmoid(x) * (1 - sigmoid(x))');
    expect(final('1/(1 + exp(-x))')).toBe('sigmoid(x) * (1 - sigmoid(x))');
    expect(final('log(1 + exp(x))')).toBe('sigmoid(x)');
    expect(final('log(1 + exp(-y*x))')).toBe('y * (sigmoid(x * y) - 1)');
  });

  it('circular and hyperbolic: cos 2x, −tan x, sec² x, tanh x', () => {
    expect(final('sin(x)*cos(x)')).toBe('cos(2 * x)');
    expect(final('log(cos(x))')).toBe('-tan(x)');
    expect(final('tan(x)')).toBe('sec(x)^2');
    expect(final('log(cosh(x))')).toBe('tanh(x)');
    expect(final('sin(x)/(1 + cos(x))')).toBe('1 / (cos(x) + 1)');
  });

  it('keeps the activations the courses write: no sech or cosh brought in for tanh or σ', () => {
    expect(final('tanh(x)')).toBe('1 - tanh(x)^2');
    expect(final('sigmoid(w*x + b)')).toBe('sigmoid(w * x + b) * (1 - sigmoid(w * x + b)) * w');
    expect(final('sigmoid(2*x + 1)')).not.toMatch(/sech|cosh|tanh/);
    expect(final('(exp(x) - exp(-x))/(exp(x) + exp(-x))')).toBe('1 - tanh(x)^2');
    expect(final('cosh(x)^2')).toBe('sinh(2 * x)');
  });

  it('a factoring that already shortened is shown before the identity', () => {
    const g = deriveExpression('exp(x)/(1 + exp(x))', 'x', 'test').gradients[0]!;
    expect(g.steps.slice(-2).map((s) => [s.rule, text(s.expr)])).toEqual([
      ['factor', 'exp(x) / (exp(x) + 1)^2'],
      ['identity', 'sigmoid(x) * (1 - sigmoid(x))'],
    ]);
  });
});

describe('a final step never changes the value, and never lengthens the result', () => {
  const catalogue = JSON.parse(readFileSync('test/fixtures/expressions.json', 'utf8')) as { id: string; expr: string; wrt: string }[];
  it('every catalogue derivative: the final step agrees with the unsimplified product at random points', () => {
    const r = rng(5);
    let checked = 0;
    for (const entry of catalogue) {
      let g;
      try {
        const d = deriveExpression(entry.expr, entry.wrt, entry.id);
        g = { ...d.gradients[0]!, expanded: chainPaths(d, entry.wrt).expanded };
      } catch {
        continue; // functions the parser does not know yet
      }
      const before = g.steps.filter((s) => s.rule !== 'factor' && s.rule !== 'identity').at(-1)?.expr ?? g.expanded;
      const steps = g.steps.filter((s) => s.rule === 'factor' || s.rule === 'identity');
      for (const step of steps) {
        expect(count(step.expr), `${entry.id} ${text(step.expr)}`).toBeLessThanOrEqual(count(before));
        const vars = [...new Set(topoOrder([before]).filter((n) => n.kind === 'var').map((n) => (n as { name: string }).name))];
        for (let k = 0; k < 6; k++) {
          const env = Object.fromEntries(vars.map((v) => [v, 0.2 + 2.5 * r()]));
          const want = evaluate(before, env);
          if (!Number.isFinite(want) || Math.abs(want) > 1e12) continue;
          const got = evaluate(step.expr, env);
          expect(Math.abs(got - want), `${entry.id} ${text(step.expr)} at ${JSON.stringify(env)}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  }, 60_000); // derives the whole catalogue

  it('an expression already in its shortest form has no final step', () => {
    expect(textbookSteps(parseExpression('(yhat - y) * a1'))).toEqual([]);
    expect(textbookSteps(parseExpression('2 * x'))).toEqual([]);
  });
});
