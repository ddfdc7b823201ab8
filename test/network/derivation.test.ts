import { describe, expect, it } from 'vitest';
import { deriveNetwork, validateSpec } from '../../src/index.ts';
import { latex } from '../../src/print/latex.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import type { Derivation } from '../../src/derivation/model.ts';
import { withPaths } from '../../src/derivation/paths.ts';

const scalar = (over: object = {}) =>
  validateSpec({ name: 'scalar-bce', notation: 'z-a', input: 1, layers: [{ units: 1, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }], loss: 'bce', ...over });

const grad = (d: Derivation, wrt: string) => d.gradients.find((g) => g.wrt === wrt)!;
const delta = (d: Derivation, name: string) => d.deltas.find((x) => x.name === name)!;
const e = (text: string) => parseExpression(text);

describe('seed 004: the scalar network with BCE', () => {
  const d = deriveNetwork(scalar());

  it('writes the forward pass in the z-a notation', () => {
    expect(d.forward.map((b) => `${b.name} = ${latex(b.expr)}`)).toEqual([
      'z1 = w_{1} x + b_{1}',
      'a1 = \\sigma\\left(z_{1}\\right)',
      'z2 = w_{2} a_{1} + b_{2}',
      'yhat = \\sigma\\left(z_{2}\\right)',
      'J = -\\left(y \\log\\left(\\hat{y}\\right) + \\left(1 - y\\right) \\log\\left(1 - \\hat{y}\\right)\\right)',
    ]);
  });

  it('∂J/∂ŷ is the course’s −(y/ŷ − (1 − y)/(1 − ŷ))', () => {
    const p = d.partials.find((x) => x.of === 'J' && x.wrt === 'yhat')!;
    expect(p.expr).toBe(e('-(y/yhat - (1-y)/(1-yhat))'));
  });

  it('δ1 = ∂J/∂ŷ · ∂ŷ/∂z2 (eq. 9) simplifies step by step to ŷ − y', () => {
    const d1 = delta(d, 'delta1');
    expect(d1.of).toBe('z2');
    expect(d1.chain).toEqual(['J', 'yhat', 'z2']);
    expect(d1.factors).toEqual([e('-(y/yhat - (1-y)/(1-yhat))'), e('yhat*(1-yhat)')]);
    expect(d1.steps.map((s) => s.rule)).toEqual(['common-denominator', 'cancel', 'expand', 'collect']);
    expect(d1.expr).toBe(e('yhat - y'));
  });

  it('δ2 = δ1 · w2 · a1(1 − a1) (eq. 10): reuses δ1, no re-expansion', () => {
    const d2 = delta(d, 'delta2');
    expect(d2.chain).toEqual(['z2', 'a1', 'z1']);
    expect(d2.expr).toBe(e('delta1 * w2 * (a1*(1-a1))'));
  });

  it('gives the seed’s key derivatives (1)-(4) and their δ forms (11)-(14)', () => {
    const expected: Array<[string, string, string]> = [
      ['w2', '(yhat - y) * a1', 'delta1 * a1'],
      ['b2', 'yhat - y', 'delta1'],
      ['w1', '(yhat - y) * w2 * (a1*(1-a1)) * x', 'delta2 * x'],
      ['b1', '(yhat - y) * w2 * (a1*(1-a1))', 'delta2'],
    ];
    expect(d.gradients.map((g) => g.wrt)).toEqual(['w2', 'b2', 'w1', 'b1']);
    for (const [wrt, result, deltaForm] of expected) {
      expect(grad(d, wrt).result).toBe(e(result));
      expect(grad(d, wrt).deltaForm).toBe(e(deltaForm));
    }
  });

  it('shows the expanded chain before the δ form', () => {
    const g = withPaths(d, grad(d, 'w1'));
    expect(g.paths[0]!.names).toEqual(['J', 'yhat', 'z2', 'a1', 'z1', 'w1']);
    expect(g.paths[0]!.factors).toHaveLength(5);
  });
});

describe('the deltas come from differentiating the graph, not from a formula', () => {
  it('mse after a sigmoid keeps σ′: δ1 = (ŷ − y) ŷ (1 − ŷ)', () => {
    const d = deriveNetwork(scalar({ loss: 'mse' }));
    expect(delta(d, 'delta1').expr).toBe(e('(yhat - y) * (yhat*(1-yhat))'));
  });

  it('tanh hidden layer: δ2 = δ1 · w2 · (1 − a1²)', () => {
    const d = deriveNetwork(scalar({ layers: [{ units: 1, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] }));
    expect(delta(d, 'delta2').expr).toBe(e('delta1 * w2 * (1 - a1^2)'));
  });

  it('a-h notation names pre-activations a_k, activations h_k and deltas by layer', () => {
    const d = deriveNetwork(scalar({ notation: 'a-h' }));
    expect(d.forward.map((b) => b.name)).toEqual(['a1', 'h1', 'a2', 'yhat', 'J']);
    expect(d.deltas.map((x) => `${x.name}:${x.of}`)).toEqual(['delta2:a2', 'delta1:a1']);
  });
});
