import { describe, expect, it } from 'vitest';
import { parseClaim, parseParam } from '../../src/check/claim.ts';
import type { Judgement } from '../../src/check/judge.ts';
import { judgeMatrixClaim } from '../../src/check/matrix-judge.ts';
import { checkClaim } from '../../src/check/run.ts';
import { main } from '../../src/cli/main.ts';
import { deriveNetwork, loadSpec } from '../../src/index.ts';

const nets = {
  // a-h notation: delta{k} by layer; 2 → 2 relu → 1 identity, mse.
  xor: 'examples/xor.json',
  // z-a notation: deltas from the output back (delta1 output, delta3 the first layer); 2 → 4 relu → 4 relu → 1 sigmoid, bce.
  circles: 'examples/circles.json',
} as const;
const loaded = Object.fromEntries(
  Object.entries(nets).map(([k, path]) => {
    const spec = loadSpec(path);
    return [k, { spec, derivation: deriveNetwork(spec, path, { indexForm: 'always' }) }];
  }),
) as Record<keyof typeof nets, { spec: ReturnType<typeof loadSpec>; derivation: ReturnType<typeof deriveNetwork> }>;

function judge(net: keyof typeof nets, param: string, claim: string): Judgement {
  const { spec, derivation } = loaded[net];
  const parsed = parseClaim(claim, { kind: 'network', spec });
  expect(parsed.form).toBe('matrix');
  return judgeMatrixClaim(spec, derivation, parseParam(param, spec), parsed.mathjs, { probes: 32 });
}

const eqOf = (net: keyof typeof nets, wrt: string): number => loaded[net].derivation.matrix!.gradients.find((g) => g.wrt === wrt)!.eq;
/** W2 -> W₂: diagnoses name blocks as the sheet writes them. */
const sub = (name: string): string => name.replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);

describe('judgeMatrixClaim: right claims are equivalent', () => {
  it.each([
    ['xor', 'W2', 'delta2 * h1^T'],
    ['xor', 'W1', 'delta1 * x^T'],
    ['xor', 'b1', 'delta1'],
    ['xor', 'b1', "(W2^T * delta2) .* relu'(a1)"],
    ['xor', 'W1', "((W2^T * delta2) .* relu'(a1)) * x^T"],
    ['xor', 'W1', "((W2' * delta2) ⊙ relu'(a1)) * x'"],
    ['circles', 'W3', 'delta1 * a2^T'],
    ['circles', 'W3', '(yhat - y) * a2^T'],
    ['circles', 'W2', 'delta2 * a1^T'],
    ['circles', 'b2', 'delta2'],
    ['circles', 'b2', "(W3^T * delta1) .* relu'(z2)"],
    ['circles', 'W1', 'delta3 * x^T'],
    ['circles', 'b1', 'delta3'],
    ['circles', 'b1', "(W2^T * delta2) .* relu'(z1)"],
    ['circles', 'W1', "((W2^T * ((W3^T * delta1) .* relu'(z2))) .* relu'(z1)) * x^T"],
  ] as const)('%s: ∂J/∂%s = %s', (net, param, claim) => {
    const j = judge(net, param, claim);
    expect(j.verdict, j.reason ?? j.method).toBe('equivalent');
    expect(j.method).toMatch(/numerically equivalent at \d+ points \(32 drawn over the whole domain.*\), matrix form entry by entry$/);
    expect(j.probes).toBeGreaterThanOrEqual(32);
  });

  it('one entry of a matrix claim is compared as 1×1', () => {
    const { spec, derivation } = loaded.circles;
    const j = judgeMatrixClaim(spec, derivation, { kind: 'scalar', name: 'W2_3_2' }, 'transpose(delta2_3 * a1_2)', { probes: 8 });
    expect(j.verdict).toBe('equivalent');
    const wrong = judgeMatrixClaim(spec, derivation, { kind: 'scalar', name: 'W2_3_2' }, 'transpose(delta2_2 * a1_3)', { probes: 8 });
    expect(wrong.verdict).toBe('not equivalent');
  });
});

describe('judgeMatrixClaim: wrong claims', () => {
  it('a transposed outer product of another shape: transpose diagnosis citing the matrix equation', () => {
    const j = judge('xor', 'W2', 'h1 * delta2^T');
    expect(j.verdict).toBe('not equivalent');
    expect(j.diagnosis).toBe(`transpose: the claim is 2×1 but ∂J/∂W₂ (eq. ${eqOf('xor', 'W2')}) is 1×2; its transpose is the gradient`);
  });

  it('a transposed square outer product: not equivalent, the transpose named, a counterexample', () => {
    for (const [net, param, claim] of [['circles', 'W2', 'a1 * delta2^T'], ['xor', 'W1', 'x * delta1^T']] as const) {
      const j = judge(net, param, claim);
      expect(j.verdict).toBe('not equivalent');
      expect(j.diagnosis).toBe(`transpose: the claim is the transpose of ∂J/∂${sub(param)} (eq. ${eqOf(net, param)})`);
      expect(j.counterexample!.claim).not.toBeCloseTo(j.counterexample!.truth, 6);
    }
  });

  it("the δ of another layer (z-a numbering: delta3 is the first layer's) is not equivalent", () => {
    for (const [param, claim] of [['W2', 'delta3 * a1^T'], ['W1', 'delta2 * x^T'], ['b1', 'delta2']] as const) {
      const j = judge('circles', param, claim);
      expect(j.verdict, `${param} = ${claim}`).toBe('not equivalent');
      expect(j.diagnosis ?? '').not.toMatch(/transpose/);
    }
    expect(judge('xor', 'W1', 'delta1 * h1^T').verdict).toBe('not equivalent');
  });

  it('the wrong activation derivative or a missing factor is not equivalent', () => {
    expect(judge('circles', 'b2', "(W3^T * delta1) .* sigmoid'(z2)").verdict).toBe('not equivalent');
    expect(judge('circles', 'b2', 'W3^T * delta1').verdict).toBe('not equivalent');
  });

  it('a sign error is named', () => {
    const j = judge('xor', 'W1', '-delta1 * x^T');
    expect(j.verdict).toBe('not equivalent');
    expect(j.diagnosis).toMatch(/^sign error: .*∂J\/∂W₁ \(eq\. \d+\)/);
  });

  it('shapes that do not conform, or a wrong shape that is not a transpose: not equivalent with a shape message', () => {
    const product = judge('xor', 'W1', 'delta1 * x');
    expect(product.verdict).toBe('not equivalent');
    expect(product.diagnosis).toMatch(/shapes do not conform.*∂J\/∂W₁ .* is 2×2/);
    const column = judge('circles', 'W2', 'delta2');
    expect(column.verdict).toBe('not equivalent');
    expect(column.diagnosis).toMatch(/^shape: the claim is 4×1 but ∂J\/∂W₂ \(eq\. \d+\) is 4×4$/);
  });
});

describe('symprop check with matrix claims', () => {
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  }

  it('checkClaim judges a whole-matrix claim instead of leaving it undecided', () => {
    expect(checkClaim({ kind: 'network', specPath: 'examples/circles.json', param: 'W1', claim: 'delta3 * x^T' }).verdict).toBe('equivalent');
    expect(checkClaim({ kind: 'network', specPath: 'examples/circles.json', param: 'W1', claim: 'x * delta3^T' }).verdict).toBe('not equivalent');
  });

  it('check examples/xor.json --param W2 --claim "delta2 * h1^T" exits 0', async () => {
    const r = await run('check', 'examples/xor.json', '--param', 'W2', '--claim', 'delta2 * h1^T');
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: equivalent');
    expect(r.out).toMatch(/matrix form/);
  });

  it('the transposed claim exits 1 with the transpose diagnosis', async () => {
    const r = await run('check', 'examples/xor.json', '--param', 'W2', '--claim', 'h1 * delta2^T');
    expect(r.code).toBe(1);
    expect(r.out).toContain('verdict: not equivalent');
    expect(r.out).toMatch(/transpose/);
  });
});
