// The catalogue: claims from the course's examples, end to end (parse -> judge),
// right ones in several forms and syntaxes, wrong ones carrying each classic mistake.
import { describe, expect, it } from 'vitest';
import { checkClaim, Subjects, type CheckRequest } from '../../src/check/run.ts';

const S = 'examples/scalar-bce.json';
const XOR = 'examples/xor.json';
const TANH = 'examples/tanh-regression.json';
const net = (specPath: string, param: string, claim: string): CheckRequest => ({ kind: 'network', specPath, param, claim });
const expr = (e: string, wrt: string, claim: string): CheckRequest => ({ kind: 'expression', expr: e, wrt, claim });

/** [request, expected verdict, words the diagnosis must contain (wrong claims)]. */
const CATALOGUE: ReadonlyArray<readonly [CheckRequest, 'equivalent' | 'not equivalent', RegExp?]> = [
  // Seed 004, eq. (1)-(4) and (11)-(14): right, in mathjs and in LaTeX, expanded, factored, through δ.
  [net(S, 'w2', '(yhat - y) * a1'), 'equivalent'],
  [net(S, 'w2', '\\left(\\hat{y} - y\\right) a_1'), 'equivalent'],
  [net(S, 'w2', 'delta1 * a1'), 'equivalent'],
  [net(S, 'w2', '\\delta_1 \\cdot a_1'), 'equivalent'],
  [net(S, 'w2', 'yhat*a1 - y*a1'), 'equivalent'],
  [net(S, 'w2', '-(y/yhat - (1-y)/(1-yhat)) * yhat*(1-yhat) * a1'), 'equivalent'],
  [net(S, 'b2', 'yhat - y'), 'equivalent'],
  [net(S, 'b2', '\\hat{y} - y'), 'equivalent'],
  [net(S, 'b2', 'sigmoid(z2) - y'), 'equivalent'],
  [net(S, 'w1', '(yhat - y) * w2 * a1 * (1 - a1) * x'), 'equivalent'],
  [net(S, 'w1', '(\\hat{y} - y)\\, w_2\\, a_1 (1 - a_1)\\, x'), 'equivalent'],
  [net(S, 'w1', "(yhat - y) * w2 * sigma'(z1) * x"), 'equivalent'],
  [net(S, 'w1', "\\delta_1 w_2 \\sigma'(z_1) x"), 'equivalent'],
  [net(S, 'w1', 'delta2 * x'), 'equivalent'],
  [net(S, 'b1', '(yhat - y) * w2 * a1 * (1 - a1)'), 'equivalent'],
  [net(S, 'b1', '\\delta_2'), 'equivalent'],
  // Seed 004: wrong, one mistake each.
  [net(S, 'b2', 'y - yhat'), 'not equivalent', /sign/],
  [net(S, 'w2', '-(yhat - y) * a1'), 'not equivalent', /sign/],
  [net(S, 'w1', '(yhat - y) * w2 * x'), 'not equivalent', /missing.*a₁\(1 − a₁\)/],
  [net(S, 'w1', '(yhat - y) * a1 * (1 - a1) * x'), 'not equivalent', /missing.*w₂/],
  [net(S, 'b2', '(yhat - y) * yhat * (1 - yhat)'), 'not equivalent', /extra.*bce after a sigmoid cancels it/],
  [net(S, 'w1', '(yhat - y) * w2 * (1 - a1^2) * x'), 'not equivalent', /wrong activation/],
  [net(S, 'w1', "\\delta_1 w_2 \\tanh'(z_1) x"), 'not equivalent', /wrong activation/],
  [net(S, 'w2', '(yhat - y) * x'), 'not equivalent'],
  // Seed 002's XOR network (a-h notation, W1 is 2×2): indices and inputs.
  [net(XOR, 'W1[1][2]', "delta2 * W2[1][1] * relu'(a1[1]) * x2"), 'equivalent'],
  [net(XOR, 'W1[1][2]', "\\delta_2 w^{(2)}_{11} \\operatorname{relu}'(a^{1}_{1}) x_2"), 'equivalent'],
  [net(XOR, 'W1[1][2]', 'delta1[1] * x2'), 'equivalent'],
  [net(XOR, 'W1[1][2]', "delta2 * W2[1][1] * relu'(a1[1]) * x1"), 'not equivalent', /wrong input/],
  [net(XOR, 'W1[1][2]', "delta2 * W2[1][2] * relu'(a1[2]) * x1"), 'not equivalent', /index/],
  [net(XOR, 'W2[1][1]', 'delta2 * h1[1]'), 'equivalent'],
  [net(XOR, 'W2', 'delta2 * h1^T'), 'equivalent'],
  [net(XOR, 'W2', 'h1 * delta2^T'), 'not equivalent', /transpose/],
  [net(XOR, 'W1', "((W2^T * delta2) .* relu'(a1)) * x^T"), 'equivalent'],
  [net(XOR, 'b1', "(W2^T * delta2) .* relu'(a1)"), 'equivalent'],
  [net(XOR, 'b2', 'yhat - y'), 'equivalent'],
  // A regularised network (λ = 0.01): λw belongs to the weights' gradient, not the biases'.
  [net(TANH, 'W3[1][1]', 'delta3 * h2[1] + 0.01 * W3[1][1]'), 'equivalent'],
  [net(TANH, 'W3[1][1]', 'delta3 * h2[1]'), 'not equivalent', /missing.*λ/],
  [net(TANH, 'b3', 'delta3'), 'equivalent'],
  // Batch notation: the mean over n examples.
  [net(S, 'w2', '(1/n) * sum((yhat - y) * a1)'), 'equivalent'],
  [net(S, 'w2', '\\frac{1}{n} \\sum_{i=1}^{n} (\\hat{y}_i - y_i) a_1^{(i)}'), 'equivalent'],
  [net(S, 'w2', 'sum((yhat - y) * a1)'), 'not equivalent', /missing.*1\/n/],
  // Seed 000: log(xy) by x, and friends.
  [expr('log(x*y)', 'x', '1/x'), 'equivalent'],
  [expr('log(x*y)', 'x', '\\frac{y}{x y}'), 'equivalent'],
  [expr('log(x*y)', 'x', '-1/x'), 'not equivalent', /sign/],
  [expr('log(x*y)', 'x', '1/y'), 'not equivalent', /wrong input/],
  [expr('x^y', 'y', 'x^y * log(x)'), 'equivalent'],
  [expr('x^y', 'x', 'y * x^(y-1)'), 'equivalent'],
  [expr('sqrt(x^2+1)', 'x', 'x / sqrt(x^2+1)'), 'equivalent'],
  [expr('sigmoid(w*x+b)', 'w', 'sigmoid(w*x+b) * (1 - sigmoid(w*x+b)) * x'), 'equivalent'],
  [expr('sigmoid(w*x+b)', 'w', 'sigmoid(w*x+b) * (1 - sigmoid(w*x+b))'), 'not equivalent', /missing/],
];

describe('the claim catalogue (≥ 40 claims from the course)', () => {
  const subjects = new Subjects();
  it('has at least 40 claims, right and wrong', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(40);
    expect(CATALOGUE.filter(([, v]) => v === 'not equivalent').length).toBeGreaterThanOrEqual(15);
  });
  for (const [request, verdict, words] of CATALOGUE) {
    const label = 'specPath' in request ? `${request.specPath} ∂J/∂${request.param}: ${request.claim}` : 'expr' in request ? `d/d${request.wrt} ${request.expr}: ${request.claim}` : `${request.param}: ${request.claim}`;
    it(`${label} → ${verdict}`, () => {
      const r = checkClaim(request, subjects);
      expect(r.verdict, JSON.stringify(r)).toBe(verdict);
      if (verdict === 'not equivalent') {
        expect(r.counterexample ?? r.diagnosis, 'a counterexample or a diagnosis').toBeDefined();
        if (words) expect(r.diagnosis ?? '').toMatch(words);
        if (words) expect(r.diagnosis ?? '').toMatch(/\(eq\. \d+\)/);
      }
    });
  }
});
