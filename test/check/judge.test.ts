import { describe, expect, it } from 'vitest';
import { judgeExpressionClaim, judgeNetworkClaim, type Judgement } from '../../src/check/judge.ts';
import { deriveExpression, deriveNetwork, loadSpec, validateSpec, type NetworkSpec } from '../../src/index.ts';
import { binary, num, variable, type Expr } from '../../src/ir/expr.ts';
import { parseExpression } from '../../src/parse/expr.ts';

const scalar = loadSpec('examples/scalar-bce.json');
const scalarD = deriveNetwork(scalar);
const xor = loadSpec('examples/xor.json');
const xorD = deriveNetwork(xor);
// [1, 1, 1] tanh + identity, mse, λ = 0.1: z-a names like the scalar network.
const tanhL2 = validateSpec({ name: 'tanh-l2', notation: 'z-a', input: 1, layers: [{ units: 1, activation: 'tanh' }, { units: 1, activation: 'identity' }], loss: 'mse', l2: 0.1 });
const tanhL2D = deriveNetwork(tanhL2);
const softmax = validateSpec({ name: 'softmax', input: 2, layers: [{ units: 3, activation: 'softmax' }], loss: 'cross_entropy' });
const softmaxD = deriveNetwork(softmax);
const logxy = deriveExpression('log(x*y)', 'x');
const powxy = deriveExpression('x^y', 'x,y');

const nets: Record<string, [NetworkSpec, ReturnType<typeof deriveNetwork>]> = {
  scalar: [scalar, scalarD],
  xor: [xor, xorD],
  tanhL2: [tanhL2, tanhL2D],
  softmax: [softmax, softmaxD],
};

function judgeNet(net: string, param: string, claim: string): Judgement {
  const [spec, d] = nets[net]!;
  return judgeNetworkClaim(spec, d, param, parseExpression(claim));
}

// Right claims, in several equivalent forms (expanded, factored, through δ names, in σ(z)).
const RIGHT: [string, string, string][] = [
  ['scalar', 'w1', '(yhat - y)*w2*a1*(1-a1)*x'],
  ['scalar', 'w1', 'x*w2*(yhat - y)*(a1 - a1^2)'],
  ['scalar', 'w1', 'yhat*w2*a1*(1-a1)*x - y*w2*a1*(1-a1)*x'],
  ['scalar', 'w1', 'delta2*x'],
  ['scalar', 'w1', 'delta1*w2*a1*(1-a1)*x'],
  ['scalar', 'w1', '(sigmoid(z2) - y)*w2*sigmoid(z1)*(1 - sigmoid(z1))*x'],
  ['scalar', 'w1', '-(y/yhat - (1-y)/(1-yhat))*yhat*(1-yhat)*w2*a1*(1-a1)*x'],
  ['scalar', 'b1', '(yhat - y)*w2*a1*(1-a1)'],
  ['scalar', 'b1', 'delta2'],
  ['scalar', 'w2', '(yhat - y)*a1'],
  ['scalar', 'w2', 'delta1*sigmoid(w1*x + b1)'],
  ['scalar', 'b2', 'yhat - y'],
  ['scalar', 'b2', 'sigmoid(w2*sigmoid(w1*x+b1)+b2) - y'],
  ['xor', 'W1_1_2', 'delta1_1*x2'],
  ['xor', 'W1_1_2', '(yhat - y)*W2_1_1*step(a1_1)*x2'],
  ['xor', 'W1_2_1', 'delta2_1*W2_1_2*step(a1_2)*x1'],
  ['xor', 'W2_1_2', '(a2_1 - y)*h1_2'],
  ['xor', 'b1_1', 'delta1_1'],
  ['tanhL2', 'w1', 'delta2*x + 0.1*w1'],
  ['tanhL2', 'w1', '(yhat - y)*w2*(1 - a1^2)*x + 0.1*w1'],
  ['tanhL2', 'b1', '(yhat - y)*w2*(1 - tanh(z1)^2)'],
  ['softmax', 'W1_1_2', '(yhat1 - y1)*x2'],
  ['softmax', 'W1_3_1', 'delta1_3*x1'],
];

// Wrong claims: the mistake, and words and equation number the diagnosis must carry.
const WRONG: [string, string, string, readonly string[]][] = [
  ['scalar', 'w1', '(y - yhat)*w2*a1*(1-a1)*x', ['sign', 'eq. 16']],
  ['scalar', 'w1', '-delta2*x', ['sign', 'eq. 16']],
  ['scalar', 'w1', '(yhat - y)*w2*x', ['missing', "σ'(z₁) = a₁(1 − a₁)", 'eq. 16']],
  ['scalar', 'w1', '(yhat - y)*a1*(1-a1)*x', ['missing', 'w₂', 'eq. 16']],
  ['scalar', 'w1', 'delta2', ['missing', 'x', 'eq. 16']],
  ['scalar', 'w1', '(yhat - y)*yhat*(1-yhat)*w2*a1*(1-a1)*x', ['extra', 'ŷ(1 − ŷ)', 'bce after a sigmoid cancels it', 'eq. 16']],
  ['scalar', 'w1', '(yhat - y)*w2*(1-a1^2)*x', ['wrong activation', "tanh'", 'sigmoid', 'eq. 16']],
  ['scalar', 'b1', '(y - yhat)*w2*a1*(1-a1)', ['sign', 'eq. 17']],
  ['scalar', 'w2', '(yhat - y)*yhat*(1-yhat)*a1', ['extra', 'ŷ(1 − ŷ)', 'eq. 10']],
  ['scalar', 'w2', 'yhat - y', ['missing', 'a₁', 'eq. 10']],
  ['xor', 'W1_1_2', 'delta1_2*x1', ['index', '∂J/∂w¹₂₁ (eq. 21)', 'not ∂J/∂w¹₁₂ (eq. 20)', 'transpose']],
  ['xor', 'W1_1_2', 'delta1_1*x1', ['wrong input', 'x₁ used instead of x₂', 'eq. 20']],
  ['xor', 'W2_1_1', 'delta2_1*h1_2', ['wrong input', 'h¹₂ used instead of h¹₁', 'eq. 12']],
  ['xor', 'W1_1_2', '(yhat - y)*W2_1_1*x2', ['missing', "relu'(a¹₁)", 'eq. 20']],
  ['xor', 'W1_1_2', '(y - yhat)*W2_1_1*step(a1_1)*x2', ['sign', 'eq. 20']],
  ['tanhL2', 'w1', 'delta2*x', ['missing', 'regularisation', 'λ', 'eq. 16']],
  ['tanhL2', 'w1', '(yhat - y)*w2*a1*(1-a1)*x + 0.1*w1', ['wrong activation', "σ'", 'tanh', 'eq. 16']],
  ['softmax', 'W1_1_2', '(y1 - yhat1)*x2', ['sign', 'eq. 12']],
];

describe('network claims', () => {
  it.each(RIGHT)('%s: ∂J/∂%s = %s is equivalent', (net, param, claim) => {
    const j = judgeNet(net, param, claim);
    expect(j.verdict).toBe('equivalent');
    expect(j.probes).toBeGreaterThanOrEqual(50);
    expect(j.counterexample).toBeUndefined();
  });

  it.each(WRONG)('%s: ∂J/∂%s = %s is not equivalent', (net, param, claim, words) => {
    const j = judgeNet(net, param, claim);
    expect(j.verdict).toBe('not equivalent');
    for (const w of words) expect(j.diagnosis).toContain(w);
    const ce = j.counterexample!;
    expect(Math.abs(ce.claim - ce.truth)).toBeGreaterThan(1e-6 * Math.max(1, Math.abs(ce.truth)));
  });

  it('states the method: an exact proof when the normal form decides, and the numeric evidence', () => {
    const j = judgeNet('scalar', 'w1', 'delta2*x');
    expect(j.proof).toBe('symbolic');
    expect(j.method).toMatch(/^proved symbolically \(exact normal form\); numerically equivalent at 64 points \(64 drawn over the whole domain; tolerance 1e-30, 60( to \d+)? digits\)$/);
  });

  it('gives a counterexample in parameters, input and target only, at 4 significant digits, with the true value', () => {
    const ce = judgeNet('scalar', 'w1', '(yhat - y)*w2*x').counterexample!;
    expect(Object.keys(ce.point).sort()).toEqual(['b1', 'b2', 'w1', 'w2', 'x', 'y']);
    for (const v of Object.values(ce.point)) expect(Number(v.toPrecision(4))).toBe(v);
    expect([0, 1]).toContain(ce.point['y']);
    // The truth recomputed by hand at the (rounded) point: (ŷ − y) w2 a1 (1 − a1) x.
    const { w1, b1, w2, b2, x, y } = ce.point as Record<string, number>;
    const s = (u: number): number => 1 / (1 + Math.exp(-u));
    const a1 = s(w1! * x! + b1!);
    const yhat = s(w2! * a1 + b2!);
    expect(ce.truth).toBeCloseTo((yhat - y!) * w2! * a1 * (1 - a1) * x!, 3);
    expect(ce.claim).toBeCloseTo((yhat - y!) * w2! * x!, 3);
  });

  it('throws on an unknown parameter', () => {
    expect(() => judgeNet('scalar', 'w3', 'x')).toThrow(/unknown parameter w3/);
  });
});

describe("seed 000's expressions", () => {
  const judgeExpr = (d: typeof logxy, wrt: string, claim: string): Judgement => judgeExpressionClaim(d, wrt, parseExpression(claim));

  it.each([
    [logxy, 'x', '1/x'],
    [logxy, 'x', 'y/(x*y)'],
    [logxy, 'x', 'y/v'],
    [logxy, 'x', 'x^(-1)'],
    [powxy, 'y', 'x^y*log(x)'],
    [powxy, 'y', 'z*log(x)'],
    [powxy, 'y', 'exp(y*log(x))*log(x)'],
    [powxy, 'x', 'y*x^(y-1)'],
    [powxy, 'x', 'y*x^y/x'],
  ] as const)('claim %#: %s by %s = %s is equivalent', (d, wrt, claim) => {
    expect(judgeExpr(d, wrt, claim).verdict).toBe('equivalent');
  });

  it.each([
    [logxy, 'x', '1/y', ['wrong input', 'y used instead of x', 'eq. 3']],
    [logxy, 'x', '-1/x', ['sign', 'eq. 3']],
    [logxy, 'x', '1/(x*y)', ['missing', 'y', 'eq. 3']],
    [powxy, 'y', 'x^y', ['missing', 'log(x)', 'eq. 3']],
    [powxy, 'y', 'y*x^(y-1)', ['wrong input', '∂z/∂x', 'eq. 3']],
    [powxy, 'x', '-y*x^(y-1)', ['sign', 'eq. 2']],
  ] as const)('claim %#: %s by %s = %s is not equivalent', (d, wrt, claim, words) => {
    const j = judgeExpr(d, wrt, claim);
    expect(j.verdict).toBe('not equivalent');
    for (const w of words) expect(j.diagnosis).toContain(w);
  });

  it('says when the verdict is numeric only (an identity the exact normal form does not know: cos(asin x) = √(1 − x²))', () => {
    const j = judgeExpr(deriveExpression('asin(x)', 'x'), 'x', '1/cos(asin(x))');
    expect(j.proof).toBe('numeric');
    expect(j.method).toMatch(/^numerically equivalent at 64 points \(64 drawn over the whole domain; tolerance 1e-30, 60( to \d+)? digits\)$/);
  });

  it('counts a right claim that only holds where the function is defined (x, y > 0 for log) as equivalent', () => {
    expect(judgeExpr(logxy, 'x', '1/x').probes).toBe(64);
  });

  it('gives no diagnosis when no common mistake fits', () => {
    const j = judgeExpr(logxy, 'x', 'log(x)');
    expect(j.verdict).toBe('not equivalent');
    expect(j.diagnosis).toBeUndefined();
  });
});

describe('undecided, never a wrong "not equivalent"', () => {
  it('a sum of 20000 terms is too large', () => {
    let big: Expr = num(0);
    for (let i = 1; i <= 20000; i++) big = binary('add', big, binary('mul', num(i), variable('x')));
    const j = judgeNetworkClaim(scalar, scalarD, 'w1', big);
    expect(j.verdict).toBe('undecided');
    expect(j.reason).toMatch(/nodes/);
  });

  it('a work budget of 0 units', () => {
    const j = judgeNetworkClaim(scalar, scalarD, 'w1', parseExpression('delta2*x'), { budget: 0 });
    expect(j.verdict).toBe('undecided');
    expect(j.reason).toMatch(/work budget of 0 units exhausted/);
  });

  it('the wall-clock safety net, when it trips, names itself', () => {
    const j = judgeNetworkClaim(scalar, scalarD, 'w1', parseExpression('delta2*x'), { safetyNetMs: 0 });
    expect(j.verdict).toBe('undecided');
    expect(j.reason).toMatch(/safety net/);
  });

  it('a claim with a name the derivation does not know', () => {
    const j = judgeNetworkClaim(scalar, scalarD, 'w1', parseExpression('delta3*x'));
    expect(j.verdict).toBe('undecided');
    expect(j.reason).toMatch(/unknown names: delta3/);
  });
});

describe('determinism', () => {
  it('same seed, same judgement; another seed, another counterexample', () => {
    const claim = parseExpression('(yhat - y)*w2*x');
    const a = judgeNetworkClaim(scalar, scalarD, 'w1', claim, { seed: 7 });
    const b = judgeNetworkClaim(scalar, scalarD, 'w1', claim, { seed: 7 });
    const c = judgeNetworkClaim(scalar, scalarD, 'w1', claim, { seed: 8 });
    expect(b).toEqual(a);
    expect(c.counterexample!.point).not.toEqual(a.counterexample!.point);
    expect(c.diagnosis).toBe(a.diagnosis);
  });
});
