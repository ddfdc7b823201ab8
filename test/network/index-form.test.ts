// The index form of every activation and loss: the deltas of the last layer come from
// differentiating the bindings (a softmax included), and reduce to ŷ_i − y_i by shown steps.
import { describe, expect, it } from 'vitest';
import { deriveNetwork, validateSpec } from '../../src/index.ts';
import { evaluate } from '../../src/ir/eval.ts';
import { freeVars } from '../../src/ir/expr.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import type { Derivation } from '../../src/derivation/model.ts';
import { rng } from '../helpers.ts';

const net = (input: number, layers: Array<[number, string]>, loss: string, notation = 'a-h') =>
  validateSpec({ name: 't', notation, input, layers: layers.map(([units, activation]) => ({ units, activation })), loss });
const delta = (d: Derivation, name: string) => d.deltas.find((x) => x.name === name)!;
const e = (text: string) => parseExpression(text);

/** Values of every forward binding at a random point, the targets one-hot on class `cls`. */
function point(d: Derivation, cls: number, seed: number): Record<string, number> {
  const r = rng(seed);
  const env: Record<string, number> = {};
  for (const b of d.forward) {
    for (const v of freeVars(b.expr)) env[v] ??= /^y\d*$/.test(v) ? Number(v === `y${cls}`) : 2 * r() - 1;
    env[b.name] = evaluate(b.expr, env);
  }
  return env;
}

describe('softmax + cross_entropy (seed 003): bindings for S and each ŷ_i', () => {
  const d = deriveNetwork(net(2, [[3, 'tanh'], [3, 'softmax']], 'cross_entropy'), undefined, { indexForm: 'always' });

  it('writes the normaliser S = Σ_j e^{a_j} and ŷ_i = e^{a_i} / S, then the loss', () => {
    const names = d.forward.map((b) => b.name);
    expect(names.slice(-5)).toEqual(['S', 'yhat1', 'yhat2', 'yhat3', 'J']);
    expect(d.forward.find((b) => b.name === 'S')!.expr).toBe(e('exp(a2_1) + exp(a2_2) + exp(a2_3)'));
    expect(d.forward.find((b) => b.name === 'yhat2')!.expr).toBe(e('exp(a2_2) / S'));
    expect(d.forward.at(-1)!.expr).toBe(e('-(y1 * log(yhat1) + y2 * log(yhat2) + y3 * log(yhat3))'));
  });

  it('∂ŷ_k/∂S is seed 003’s −e^{t_c}/Sum² (eq. 7); ∂ŷ_i/∂a_i is ŷ_i', () => {
    expect(d.partials.find((p) => p.of === 'yhat1' && p.wrt === 'S')!.expr).toBe(e('-(exp(a2_1) / S^2)'));
    expect(d.partials.find((p) => p.of === 'yhat1' && p.wrt === 'a2_1')!.expr).toBe(e('yhat1'));
  });

  it('δ²_i is Σ_j ∂J/∂ŷ_j ∂ŷ_j/∂a_i, reduced to ŷ_i − y_i by the verified one-hot step', () => {
    for (const i of [1, 2, 3]) {
      const di = delta(d, `delta2_${i}`);
      expect(di.product).not.toBe(e(`yhat${i} - y${i}`)); // never hard-coded
      expect(di.steps[0]!.rule).toBe('softmax');
      expect(di.steps.at(-1)!.rule).toBe('one-hot');
      expect(di.steps.at(-2)!.expr).toBe(e(`y1 * yhat${i} + y2 * yhat${i} + y3 * yhat${i} - y${i}`));
      expect(di.expr).toBe(e(`yhat${i} - y${i}`));
    }
  });

  it('every step keeps the value, with a one-hot target', () => {
    for (const cls of [1, 2, 3]) {
      const env = point(d, cls, 10 + cls);
      for (const di of d.deltas.slice(0, 3)) {
        const value = evaluate(di.product, env);
        for (const s of di.steps) expect(evaluate(s.expr, env), s.rule).toBeCloseTo(value, 12);
      }
    }
  });

  it('hidden deltas sum over the units they feed, in unit order', () => {
    const d1 = delta(d, 'delta1_2');
    expect(d1.chain).toEqual(['a1_2']);
    expect(d1.expr).toBe(e('(delta2_1 * W2_1_2 + delta2_2 * W2_2_2 + delta2_3 * W2_3_2) * (1 - h1_2^2)'));
    expect(d.deltas.map((x) => x.name)).toEqual(['delta2_1', 'delta2_2', 'delta2_3', 'delta1_1', 'delta1_2', 'delta1_3']);
  });
});

describe('cross_entropy_with_logits (seed 002): −Σ_k y_k ŷ_k + log Σ_k e^{ŷ_k}', () => {
  const d = deriveNetwork(net(2, [[2, 'relu'], [3, 'identity']], 'cross_entropy_with_logits', 'z-a'), undefined, { indexForm: 'always' });

  it('names the softmax of the logits p_i, and the loss uses log S', () => {
    expect(d.forward.map((b) => b.name).slice(-5)).toEqual(['S', 'p1', 'p2', 'p3', 'J']);
    expect(d.forward.at(-1)!.expr).toBe(e('-(y1 * yhat1 + y2 * yhat2 + y3 * yhat3) + log(S)'));
  });

  it('δ_i = softmax(ŷ)_i − y_i through steps, with no assumption on y', () => {
    const d1 = delta(d, 'delta1_2');
    expect(d1.of).toBe('z2_2');
    expect(d1.product).toBe(e('-y2 + exp(yhat2) / S'));
    expect(d1.steps.map((s) => s.rule)).toEqual(['softmax', 'collect']);
    expect(d1.expr).toBe(e('p2 - y2'));
  });
});

describe('the other losses, unit by unit', () => {
  it('sigmoid + bce: δ_i = ŷ_i − y_i, as in the scalar network', () => {
    const d = deriveNetwork(net(3, [[2, 'relu'], [2, 'sigmoid']], 'bce'), undefined, { indexForm: 'always' });
    for (const i of [1, 2]) expect(delta(d, `delta2_${i}`).expr).toBe(e(`yhat${i} - y${i}`));
  });

  it('identity + mse: δ_i = ŷ_i − y_i', () => {
    const d = deriveNetwork(net(3, [[4, 'sigmoid'], [2, 'identity']], 'mse'), undefined, { indexForm: 'always' });
    for (const i of [1, 2]) expect(delta(d, `delta2_${i}`).expr).toBe(e(`yhat${i} - y${i}`));
    expect(delta(d, 'delta2_1').chain).toEqual(['J', 'yhat1', 'a2_1']);
  });

  it('identity + l1: δ_i = sign(ŷ_i − y_i)', () => {
    const d = deriveNetwork(net(1, [[2, 'identity']], 'l1'), undefined, { indexForm: 'always' });
    expect(delta(d, 'delta1_1').expr).toBe(e('sign(yhat1 - y1)'));
  });

  it('a softmax of one unit: ŷ = 1, and δ = ŷ − y still holds for y = 1', () => {
    const d = deriveNetwork(net(2, [[1, 'softmax']], 'cross_entropy'), undefined, { indexForm: 'always' });
    expect(delta(d, 'delta1_1').expr).toBe(e('yhat - y'));
  });
});
