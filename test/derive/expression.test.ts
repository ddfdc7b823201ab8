import { describe, expect, it } from 'vitest';
import { deriveExpression } from '../../src/index.ts';
import { variable } from '../../src/ir/expr.ts';
import { evaluate, type Env } from '../../src/ir/eval.ts';
import { latex } from '../../src/print/latex.ts';
import type { Derivation } from '../../src/derivation/model.ts';
import { withPaths } from '../../src/derivation/paths.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import { centralDifference, relErr, rng } from '../helpers.ts';

/** Values of the inputs and of every intermediate, so steps written in v, w... can be evaluated. */
function withIntermediates(d: Derivation, env: Env): Env {
  const all: Record<string, number> = { ...env };
  for (const b of d.forward) all[b.name] = evaluate(b.expr, all);
  return all;
}

describe('seed 000: f(x, y) = log(xy), step by step', () => {
  const d = deriveExpression('log(x*y)', 'x');
  const g = withPaths(d, d.gradients[0]!);

  // The course writes v = xy, w = log v, z = w; the renaming z = w (derivative 1) is left out.
  it('decomposes into v = xy, z = log v', () => {
    expect(d.forward.map((b) => `${b.name} = ${latex(b.expr)}`)).toEqual(['v = x y', 'z = \\log\\left(v\\right)']);
  });

  it('multiplies ∂z/∂v · ∂v/∂x = 1/v · y, each factor with its rule', () => {
    expect(g.paths).toHaveLength(1);
    expect(g.paths[0]!.names).toEqual(['z', 'v', 'x']);
    expect(g.paths[0]!.factors.map(latex)).toEqual(['\\frac{1}{v}', 'y']);
    const rules = g.paths[0]!.names.slice(1).map((wrt, i) => d.partials.find((p) => p.of === g.paths[0]!.names[i] && p.wrt === wrt)!.rules);
    expect(rules).toEqual([['log'], ['product']]);
  });

  it('simplifies to y/v, then to 1/x', () => {
    expect(g.steps.map((s) => latex(s.expr))).toEqual(['\\frac{y}{v}', '\\frac{y}{x y}', '\\frac{1}{x}']);
    expect(g.result).toBe(parseExpression('1/x'));
  });
});

const CASES: ReadonlyArray<readonly [string, string, (r: () => number) => Env]> = [
  ['log(x*y)', 'x', (r) => ({ x: 0.5 + r(), y: 0.5 + r() })],
  ['exp(sin(x)^2)', 'x', (r) => ({ x: 4 * r() - 2 })],
  ['x^y', 'x', (r) => ({ x: 0.2 + 2 * r(), y: 3 * r() - 1 })],
  ['x^y', 'y', (r) => ({ x: 0.2 + 2 * r(), y: 3 * r() - 1 })],
  ['sigmoid(w*x+b)', 'w', (r) => ({ w: 4 * r() - 2, x: 4 * r() - 2, b: r() })],
  ['sqrt(x^2+1)', 'x', (r) => ({ x: 6 * r() - 3 })],
  ['x*y + x*sin(y*x)', 'x', (r) => ({ x: 4 * r() - 2, y: 4 * r() - 2 })],
  ['tanh(x)^2 / (1 + abs(x))', 'x', (r) => ({ x: 0.1 + 2 * r() })],
  ['softplus(3*x) - relu(x - 1) + leaky_relu(x, 0.2)', 'x', (r) => ({ x: 0.3 + 0.5 * r() })],
];

describe('other expressions: every step agrees with central differences', () => {
  for (const [text, wrt, point] of CASES) {
    it(`d/d${wrt} ${text}`, () => {
      const f = parseExpression(text);
      const d = deriveExpression(text, wrt);
      const g = withPaths(d, d.gradients[0]!);
      expect(g.steps.length).toBeGreaterThan(0);
      const r = rng(text.length);
      for (let k = 0; k < 20; k++) {
        const env = point(r);
        const numeric = centralDifference((t) => evaluate(f, { ...env, [wrt]: t }), env[wrt]!);
        const all = withIntermediates(d, env);
        expect(relErr(evaluate(g.expanded, all), numeric)).toBeLessThan(1e-6);
        for (const step of g.steps) expect(relErr(evaluate(step.expr, all), numeric)).toBeLessThan(1e-6);
        // The final result uses the inputs only.
        expect(relErr(evaluate(g.result, env), numeric)).toBeLessThan(1e-6);
      }
    });
  }

  it('sums over paths when a variable feeds two operations: d/dx (log x + xy) = 1/x + y', () => {
    const e = deriveExpression('log(x) + x*y', 'x');
    const g = withPaths(e, e.gradients[0]!);
    expect(g.paths.map((p) => p.names.join(' '))).toEqual(['z v x', 'z w x']);
    expect(latex(g.result)).toBe('\\frac{1}{x} + y');
  });

  it('the product rule inside one operation: d/dx (x·x) = 2x', () => {
    expect(deriveExpression('x*x', 'x').gradients[0]!.result).toBe(parseExpression('2*x'));
  });

  it('x^y by y is x^y log x', () => {
    expect(deriveExpression('x^y', 'y').gradients[0]!.result).toBe(parseExpression('x^y * log(x)'));
  });

  it('names intermediates around the expression’s own variables', () => {
    const d = deriveExpression('v*w + z', 'v');
    expect(d.forward.map((b) => b.name)).toEqual(['u', 'f']);
    expect(d.output).toBe('f');
    expect(variable('f')).toBe(variable(d.output));
  });
});
