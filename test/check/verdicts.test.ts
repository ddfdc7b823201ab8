// A verdict is a pipeline (judge.ts): high precision with proven error bounds, the whole
// domain with the breakpoints of kinks, work budgets, the wording of the proof, claims that
// cannot be evaluated, claim-syntax counterexamples, and the same for matrix and batch claims.
import { describe, expect, it } from 'vitest';
import { judgeExpressionClaim, judgeNetworkClaim } from '../../src/check/judge.ts';
import { TOLERANCE_DIGITS, BASE_DIGITS, settingsFor } from '../../src/check/precision.ts';
import { checkClaim, Subjects, type CheckRequest } from '../../src/check/run.ts';
import { claimSyntaxName } from '../../src/check/claim-syntax.ts';
import { deriveExpression, deriveNetwork, loadSpec } from '../../src/index.ts';
import { parseExpression } from '../../src/parse/expr.ts';

const S = 'examples/scalar-bce.json';
const XOR = 'examples/xor.json';
const subjects = new Subjects();
const expr = (e: string, wrt: string, claim: string): CheckRequest => ({ kind: 'expression', expr: e, wrt, claim });
const net = (specPath: string, param: string, claim: string): CheckRequest => ({ kind: 'network', specPath, param, claim });
const check = (r: CheckRequest) => checkClaim(r, subjects);

describe('1. high precision: a claim off by a tiny constant is not equivalent', () => {
  it.each([
    ['x^2', '2.0000001*x'],
    ['exp(x)', 'exp(x) + 1e-10'],
    ['x^2', '2.000000000001*x'],
    ['x^2', '2*x + 1e-40'],
    ['x^2', '2*x*(1 + 1e-70)'],
    ['x^2', '2.0000000000000000000000000000000000000000000000000000000000000001*x'],
  ])('d/dx %s ≠ %s', (e, claim) => {
    const r = check(expr(e, 'x', claim));
    expect(r.verdict).toBe('not equivalent');
    expect(r.proof).toBe('numeric');
    const gap = /claim − truth = (\S+) at the counterexample/.exec(r.method!)?.[1];
    expect(Number(gap)).not.toBe(0);
  });

  it('T = 1e-30 at 60 digits, smaller with more digits when the claim writes long or tiny constants', () => {
    expect(TOLERANCE_DIGITS).toBe(30);
    expect(BASE_DIGITS).toBe(60);
    expect(settingsFor([parseExpression('2*x')])).toEqual({ toleranceDigits: 30, ladder: [60, 120, 240, 480] });
    const tiny = settingsFor([parseExpression('2*x + 1e-70')]);
    expect(tiny.toleranceDigits).toBe(81);
    expect(tiny.ladder[0]).toBe(111);
  });

  it('a right claim is still equivalent with the truth written differently, whatever the cancellation', () => {
    for (const [e, claim] of [['x^2', '(x+1)^2 - x^2 - 1'], ['log(x*y)', 'y/(x*y)'], ['sigmoid(x)', 'exp(-x)/(1 + exp(-x))^2']] as const) {
      expect(check(expr(e, 'x', claim)).verdict, `${e}: ${claim}`).toBe('equivalent');
    }
  });
});

describe('2. the whole domain, and both sides of every breakpoint', () => {
  it('2x + relu(x − 4) is not 2x: the counterexample has x > 4', () => {
    const r = check(expr('x^2', 'x', '2*x + relu(x - 4)'));
    expect(r.verdict).toBe('not equivalent');
    expect(r.counterexample!.point['x']).toBeGreaterThan(4);
  });

  it('a claim wrong only for tiny |x| or only beyond 100 is caught', () => {
    for (const claim of ['2*x + relu(0.01 - abs(x))', '2*x + relu(x - 150)', '2*x + step(x - 4) * step(4.0001 - x)']) {
      expect(check(expr('x^2', 'x', claim)).verdict, claim).toBe('not equivalent');
    }
  });

  it('scalar-bce ∂J/∂b2 = ŷ − y + relu(b2 − 2.5): not equivalent, with b2 > 2.5', () => {
    const r = check(net(S, 'b2', 'yhat - y + relu(b2 - 2.5)'));
    expect(r.verdict).toBe('not equivalent');
    expect(r.counterexample!.point['b2']).toBeGreaterThan(2.5);
  });

  it('network parameters are drawn at every scale: a claim wrong only for w1 > 20 is caught', () => {
    expect(check(net(S, 'b2', 'yhat - y + step(w1 - 20) * 0.5')).verdict).toBe('not equivalent');
  });

  it('breakpoints of the truth too: the right relu network claims stay equivalent beside them', () => {
    const r = check(net(XOR, 'W1[1][2]', "delta2 * W2[1][1] * relu'(a1[1]) * x2"));
    expect(r.verdict).toBe('equivalent');
    expect(r.method).toMatch(/\d+ beside breakpoints/);
  });
});

describe('3. budgets count work, not time', () => {
  const spec = loadSpec(S);
  it('the same claim gets the same judgement, and a cached subject does not change it', () => {
    const fresh = deriveNetwork(spec);
    const claim = parseExpression('(yhat - y)*w2*x');
    const alone = judgeNetworkClaim(spec, fresh, 'w1', claim);
    judgeNetworkClaim(spec, fresh, 'w1', parseExpression('delta2*x'));
    expect(judgeNetworkClaim(spec, fresh, 'w1', claim)).toEqual(alone);
  });

  it('work done once for the subject is charged to every claim: a small budget is exhausted also when the points are cached', () => {
    const d = deriveNetwork(spec);
    judgeNetworkClaim(spec, d, 'w1', parseExpression('delta2*x'));
    const j = judgeNetworkClaim(spec, d, 'w1', parseExpression('delta2*x'), { budget: 2000 });
    expect(j.verdict).toBe('undecided');
    expect(j.reason).toMatch(/work budget of 2000 units/);
  });
});

describe('4. the words of an equivalent verdict', () => {
  it('"proved symbolically (exact normal form)" only with an exact proof; "numerically equivalent at N points (tolerance T, digits)" otherwise', () => {
    const proved = check(expr('x^2', 'x', '2*x'));
    expect(proved).toMatchObject({ verdict: 'equivalent', proof: 'symbolic' });
    expect(proved.method).toMatch(/^proved symbolically \(exact normal form\); numerically equivalent at 64 points/);
    // 1/cos(asin x) = 1/√(1 − x²) is an identity the exact normal form does not know.
    const numeric = check(expr('asin(x)', 'x', '1/cos(asin(x))'));
    expect(numeric).toMatchObject({ verdict: 'equivalent', proof: 'numeric' });
    expect(numeric.method).toMatch(/^numerically equivalent at 64 points \(64 drawn over the whole domain; tolerance 1e-30, 60( to \d+)? digits\)$/);
  });
});

describe('5. a claim that cannot be evaluated where the truth can', () => {
  it('scalar-bce ∂J/∂b2 with ŷ and y swapped in the bce derivative: not equivalent, division by zero', () => {
    const r = check(net(S, 'b2', '-(yhat/y - (1-yhat)/(1-y)) * yhat*(1-yhat)'));
    expect(r.verdict).toBe('not equivalent');
    expect(r.reason).toMatch(/cannot be evaluated at the counterexample \(division by zero\)/);
    expect(r.counterexample!.claim).toBeNaN();
    expect(Number.isFinite(r.counterexample!.truth)).toBe(true);
  });

  it('a log of a negative number', () => {
    const logxy = deriveExpression('log(x*y)', 'x');
    const j = judgeExpressionClaim(logxy, 'x', parseExpression('log(-1 - x^2)'));
    expect(j.verdict).toBe('not equivalent');
    expect(j.reason).toMatch(/log of a negative number/);
  });

  it('a removable singularity is never probed: 2x²/x is 2x', () => {
    expect(check(expr('x^2', 'x', '2*x^2/x')).verdict).toBe('equivalent');
    expect(check(expr('x^2', 'x', '2*sin(x)*x/sin(x)')).verdict).toBe('equivalent');
  });
});

describe('6. counterexamples in claim syntax', () => {
  it('W1[1][2], b1[2], x[1], never W1_1_2', () => {
    const r = check(net(XOR, 'W1[1][2]', 'delta1[1] * x1'));
    expect(r.verdict).toBe('not equivalent');
    const keys = Object.keys(r.counterexample!.point);
    expect(keys).toEqual(expect.arrayContaining(['W1[1][2]', 'b1[2]', 'W2[1][1]', 'x[1]', 'x[2]', 'y']));
    expect(keys.some((k) => k.includes('_'))).toBe(false);
  });

  it('scalar layers keep seed 004 names, expressions their variables', () => {
    expect(Object.keys(check(net(S, 'w1', '(yhat - y)*w2*x')).counterexample!.point)).toEqual(['w1', 'b1', 'w2', 'b2', 'x', 'y']);
    expect(Object.keys(check(expr('x*y', 'x', 'x')).counterexample!.point)).toEqual(['x', 'y']);
    expect(claimSyntaxName('W1_1_2')).toBe('W1[1][2]');
    expect(claimSyntaxName('b1_2')).toBe('b1[2]');
  });
});

describe('7. matrix and batch claims get the same guarantees', () => {
  it('a matrix claim off by 1e-9, or wrong only for large weights, is not equivalent', () => {
    expect(check(net(XOR, 'W2', 'delta2 * h1^T + 1e-9')).verdict).toBe('not equivalent');
    expect(check(net(XOR, 'W2', 'delta2 * h1^T + relu(W2 - 5)')).verdict).toBe('not equivalent');
    const right = check(net(XOR, 'W2', 'delta2 * h1^T'));
    expect(right).toMatchObject({ verdict: 'equivalent', proof: 'symbolic' });
  });

  it('a batch claim off by 1e-12, or wrong only for large inputs, is not equivalent; its counterexample names each example', () => {
    const off = check(net(S, 'w2', '(1/n) * sum((yhat - y) * a1) + 1e-12'));
    expect(off.verdict).toBe('not equivalent');
    expect(Object.keys(off.counterexample!.point)).toEqual(expect.arrayContaining(['w2', 'x(1)', 'x(3)', 'y(2)']));
    expect(check(net(S, 'w2', '(1/n) * sum((yhat - y) * a1 + relu(x - 30))')).verdict).toBe('not equivalent');
    expect(check(net(S, 'w2', '(1/n) * sum((yhat - y) * a1)'))).toMatchObject({ verdict: 'equivalent', proof: 'numeric' });
  });
});

describe('the engine cross-check', () => {
  it('a derivation whose truth disagrees with the engine is an internal error, never a verdict', () => {
    const spec = loadSpec(S);
    const d = deriveNetwork(spec);
    const broken = { ...d, gradients: d.gradients.map((g) => (g.wrt === 'w1' ? { ...g, result: parseExpression('2*x') } : g)) };
    const j = judgeNetworkClaim(spec, broken, 'w1', parseExpression('2*x'));
    expect(j.verdict).toBe('undecided');
    expect(j.reason).toMatch(/internal error: the derivation and the numeric engine disagree/);
  });
});
