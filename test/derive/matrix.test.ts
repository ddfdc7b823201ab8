import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../src/index.ts';
import { deriveMatrix, type MatrixDerivation } from '../../src/derive/matrix-backprop.ts';
import { MATRIX_RULES } from '../../src/derive/matrix-rules.ts';
import { matrixGraph } from '../../src/network/matrix-graph.ts';
import { matrixLatex } from '../../src/print/matrix-latex.ts';

function derive(hidden: string, out: string, loss: string, notation = 'a-h'): MatrixDerivation {
  const layers = [{ units: 3, activation: hidden }, { units: 2, activation: out }];
  return deriveMatrix(matrixGraph(validateSpec({ name: 't', notation, input: 2, layers, loss })));
}
const delta = (d: MatrixDerivation, name: string) => d.deltas.find((x) => x.name === name)!;
const tex = (d: MatrixDerivation, name: string) => matrixLatex(delta(d, name).expr);

describe('δ of the output layer, from differentiating the loss', () => {
  it('sigmoid + bce: simplifies to ŷ − y through common denominator, cancel, expand, collect', () => {
    const d = derive('tanh', 'sigmoid', 'bce');
    expect(tex(d, 'delta2')).toBe('\\hat{y} - y');
    expect(delta(d, 'delta2').steps.map((s) => s.rule)).toEqual(['common-denominator', 'cancel', 'expand', 'collect']);
  });

  it('softmax + cross_entropy: the Jacobian product becomes p − y through Σ_k y_k = 1', () => {
    const d = derive('tanh', 'softmax', 'cross_entropy');
    expect(matrixLatex(delta(d, 'delta2').product)).toContain('\\hat{y}^{\\top}');
    expect(delta(d, 'delta2').steps.map((s) => s.rule).slice(0, 2)).toEqual(['inner-product', 'one-hot']);
    expect(tex(d, 'delta2')).toBe('\\hat{y} - y');
  });

  it('identity + mse: ŷ − y; cross_entropy_with_logits: softmax(a) − y', () => {
    expect(tex(derive('relu', 'identity', 'mse'), 'delta2')).toBe('\\hat{y} - y');
    expect(tex(derive('relu', 'identity', 'cross_entropy_with_logits'), 'delta2')).toBe('\\operatorname{softmax}\\left(a_{2}\\right) - y');
  });

  it('otherwise ∇_ŷ L ⊙ g′(a_L): tanh + mse keeps (ŷ − y) ⊙ (1 − ŷ²)', () => {
    expect(tex(derive('relu', 'tanh', 'mse'), 'delta2')).toBe('\\left(\\hat{y} - y\\right) \\odot \\left(1 - \\hat{y}^{2}\\right)');
  });
});

describe('δ recursion and gradients', () => {
  const cases: Array<[string, string]> = [
    ['sigmoid', '\\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot h_{1} \\odot \\left(1 - h_{1}\\right)'],
    ['tanh', '\\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot \\left(1 - h_{1}^{2}\\right)'],
    ['relu', "\\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot \\operatorname{relu}'\\left(a_{1}\\right)"],
    ['softplus', '\\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot \\sigma\\left(a_{1}\\right)'],
    ['identity', 'W_{2}^{\\top} \\delta_{2}'],
  ];
  for (const [g, expected] of cases) {
    it(`δ_1 = (W_2ᵀ δ_2) ⊙ ${g}'(a_1)`, () => {
      expect(tex(derive(g, 'identity', 'mse'), 'delta1')).toBe(expected);
    });
  }

  it('∇W_k = δ_k h_{k−1}ᵀ and ∇b_k = δ_k, last layer first', () => {
    const d = derive('tanh', 'sigmoid', 'bce');
    expect(d.gradients.map((g) => `${g.wrt}: ${matrixLatex(g.expr)}`)).toEqual([
      'W2: \\delta_{2} h_{1}^{\\top}',
      'b2: \\delta_{2}',
      'W1: \\delta_{1} x^{\\top}',
      'b1: \\delta_{1}',
    ]);
  });

  it('z-a notation numbers deltas from the output (seed 004)', () => {
    const d = derive('tanh', 'sigmoid', 'bce', 'z-a');
    expect(d.deltas.map((x) => `${x.name}:${x.of}`)).toEqual(['delta1:z2', 'delta2:z1']);
    expect(tex(d, 'delta2')).toBe('\\left(W_{2}^{\\top} \\delta_{1}\\right) \\odot \\left(1 - a_{1}^{2}\\right)');
  });
});

// Type-level: a matrix rule table missing a node kind does not compile.
// @ts-expect-error -- the softmax rule is missing
const incomplete: typeof MATRIX_RULES = (({ softmax: _dropped, ...rest }) => rest)(MATRIX_RULES);
void incomplete;
