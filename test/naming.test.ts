import { describe, expect, it } from 'vitest';
import { symbolLatex, symbolText } from '../src/naming.ts';
import { networkNames } from '../src/network/names.ts';
import { validateSpec } from '../src/index.ts';

describe('symbolLatex: seed 000’s w_{ij}^k, superscript layer, subscript unit', () => {
  const cases: Array<[string, string]> = [
    ['W2_1_3', 'w^{2}_{13}'],
    ['W1_12_3', 'w^{1}_{12,3}'],
    ['b2_1', 'b^{2}_{1}'],
    ['z1_2', 'z^{1}_{2}'],
    ['h1_2', 'h^{1}_{2}'],
    ['delta1_2', '\\delta^{1}_{2}'],
    ['yhat2', '\\hat{y}_{2}'],
    ['yhat', '\\hat{y}'],
    ['x3', 'x_{3}'],
    ['y', 'y'],
    ['p2', 'p_{2}'],
    ['S', 'S'],
    // the scalar network keeps seed 004's subscripts
    ['w1', 'w_{1}'],
    ['delta1', '\\delta_{1}'],
    ['x_ij', 'x_{ij}'],
  ];
  for (const [name, tex] of cases) it(`${name} -> ${tex}`, () => expect(symbolLatex(name)).toBe(tex));
});

describe('symbolText: the same shapes in Unicode, for code comments', () => {
  const cases: Array<[string, string]> = [
    ['W2_1_3', 'w²₁₃'],
    ['W1_12_3', 'w¹₁₂,₃'],
    ['b2_1', 'b²₁'],
    ['z1_2', 'z¹₂'],
    ['delta1_2', 'δ¹₂'],
    // ŷ is y + U+0302 (combining circumflex), as the sheet's \hat{y}
    ['yhat2', 'y\u0302₂'],
    ['yhat', 'y\u0302'],
    ['delta1', 'δ₁'],
    ['w1', 'w₁'],
    ['x', 'x'],
    ['J', 'J'],
  ];
  for (const [name, text] of cases) it(`${name} -> ${text}`, () => expect(symbolText(name)).toBe(text));
});

describe('network names: the identifiers generated code and the claim checker rely on', () => {
  const spec = (notation: 'a-h' | 'z-a', sizes: number[]) =>
    validateSpec({ name: 't', notation, input: sizes[0], layers: sizes.slice(1).map((units) => ({ units, activation: 'tanh' })), loss: 'mse' });

  it('a-h, [3, 4, 2]: W{k}_{i}_{j}, b{k}_{i}, a{k}_{i}, h{k}_{i}, yhat{i}, delta{k}_{i}', () => {
    const n = networkNames(spec('a-h', [3, 4, 2]));
    expect([n.input(3), n.target(2), n.weight(1, 4, 3), n.bias(2, 1), n.pre(1, 2), n.act(1, 2), n.act(2, 1), n.delta(1, 4)]).toEqual([
      'x3', 'y2', 'W1_4_3', 'b2_1', 'a1_2', 'h1_2', 'yhat1', 'delta1_4',
    ]);
  });

  it('z-a, [1, 3, 1]: only a layer of one unit fed by one unit gets scalar names; deltas count from the output', () => {
    const n = networkNames(spec('z-a', [1, 3, 1]));
    expect([n.input(1), n.weight(1, 2, 1), n.bias(1, 2), n.weight(2, 1, 3), n.bias(2, 1), n.pre(2, 1), n.act(2, 1)]).toEqual([
      'x', 'W1_2_1', 'b1_2', 'W2_1_3', 'b2_1', 'z2_1', 'yhat',
    ]);
    expect([n.delta(2, 1), n.delta(1, 1), n.delta(1, 3)]).toEqual(['delta1_1', 'delta2_1', 'delta2_3']);
  });

  it('z-a, [1, 1, 1]: seed 004’s scalar names', () => {
    const n = networkNames(spec('z-a', [1, 1, 1]));
    expect([n.weight(1, 1, 1), n.bias(2, 1), n.pre(1, 1), n.act(1, 1), n.delta(2, 1), n.delta(1, 1)]).toEqual(['w1', 'b2', 'z1', 'a1', 'delta1', 'delta2']);
  });
});
