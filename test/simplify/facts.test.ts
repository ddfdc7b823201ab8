import { describe, expect, it } from 'vitest';
import * as B from '../../src/ir/build.ts';
import { substitute, variable } from '../../src/ir/expr.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import { deltaSteps, provedByOneHot } from '../../src/simplify/facts.ts';

const e = (text: string) => parseExpression(text);
const targets = ['y1', 'y2', 'y3'];
// ŷ_k = e^{a_k}/S and S = Σ e^{a_j}: what the proof inlines, so ŷ, S are not free atoms
const S = e('exp(a1) + exp(a2) + exp(a3)');
const defs = new Map([
  [variable('S').id, S],
  ...[1, 2, 3].map((k) => [variable(`yhat${k}`).id, B.div(B.exp(variable(`a${k}`)), S)] as const),
]);
const inline = (x: ReturnType<typeof e>) => substitute(x, defs);

describe('the one-hot step is shown only when the normal form proves it', () => {
  it('ŷ_i Σ_k y_k − y_i = ŷ_i − y_i given Σ_k y_k = 1', () => {
    expect(provedByOneHot(e('y1*yhat2 + y2*yhat2 + y3*yhat2 - y2'), e('yhat2 - y2'), targets, inline)).toBe(true);
  });

  it('the unsimplified softmax delta, with e^{a_k} and S still in it', () => {
    const product = e('-(y1/yhat1)*yhat1 + (y1/yhat1*exp(a1)/S^2 + y2/yhat2*exp(a2)/S^2 + y3/yhat3*exp(a3)/S^2)*exp(a1)');
    expect(provedByOneHot(product, e('yhat1 - y1'), targets, inline)).toBe(true);
  });

  it('refuses a false claim', () => {
    expect(provedByOneHot(e('y1*yhat2 + y2*yhat2 + y3*yhat2 - y2'), e('yhat2 - y1'), targets, inline)).toBe(false);
    expect(provedByOneHot(e('2*y1*yhat2 + y2*yhat2 + y3*yhat2 - y2'), e('yhat2 - y2'), targets, inline)).toBe(false);
  });

  it('refuses what holds without the fact (that is no one-hot step)', () => {
    expect(provedByOneHot(e('yhat2 - y2 + 0*y1'), e('yhat2 - y2'), targets, inline)).toBe(false);
  });

  it('deltaSteps: definition, algebra, then one-hot; nothing when no claim is made', () => {
    const definitions = new Map([1, 2, 3].map((k) => [B.exp(variable(`a${k}`)).id, B.mul(variable(`yhat${k}`), variable('S'))] as const));
    const product = e('-(y1/yhat1)*yhat1 + (y1/yhat1*exp(a1)/S^2 + y2/yhat2*exp(a2)/S^2 + y3/yhat3*exp(a3)/S^2)*exp(a1)');
    const claims = new Map([['a1', e('yhat1 - y1')]]);
    const steps = deltaSteps(product, 'a1', { definitions, oneHot: { targets, claims } }, inline);
    expect(steps[0]!.rule).toBe('softmax');
    expect(steps.at(-1)).toEqual({ rule: 'one-hot', expr: e('yhat1 - y1') });
    expect(deltaSteps(product, 'a1', { definitions }, inline).at(-1)!.rule).toBe('collect');
  });
});
