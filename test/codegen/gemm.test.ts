import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transformSync } from 'esbuild';
import { GEMM_SOURCE } from '../../src/codegen/gemm.ts';
import { rng } from '../helpers.ts';

type Gemm = (
  P: number, Q: number, K: number,
  A: Float64Array, a: number, ap: number, ak: number,
  B: Float64Array, b: number, bq: number, bk: number,
  C: Float64Array, c: number, cp: number, cq: number,
) => void;

async function loadGemm(): Promise<Gemm> {
  const { code } = transformSync(`${GEMM_SOURCE}\nexport { gemm };`, { loader: 'ts', format: 'esm' });
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { gemm: Gemm };
  return mod.gemm;
}

/** The textbook triple loop, the reference the blocked kernel must equal. */
function naive(P: number, Q: number, K: number, A: Float64Array, ap: number, ak: number, B: Float64Array, bq: number, bk: number, C: Float64Array, cp: number, cq: number): void {
  for (let p = 0; p < P; p++) {
    for (let q = 0; q < Q; q++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[p * ap + k * ak]! * B[q * bq + k * bk]!;
      C[p * cp + q * cq]! += s;
    }
  }
}

describe('the blocked gemm kernel of the loop form', () => {
  it('equals the triple loop for every shape, both layouts of each operand and an offset', async () => {
    const gemm = await loadGemm();
    const dims = fc.integer({ min: 0, max: 11 });
    fc.assert(
      fc.property(dims, dims, dims, fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }), (P, Q, K, aT, bT, seed) => {
        const r = rng(seed);
        const off = 3; // each operand starts past an offset, as θ's blocks and X's rows do
        const A = Float64Array.from({ length: off + P * K }, () => r() - 0.5);
        const B = Float64Array.from({ length: off + Q * K }, () => r() - 0.5);
        const C0 = Float64Array.from({ length: off + P * Q }, () => r() - 0.5);
        const [ap, ak] = aT ? [1, P] : [K, 1];
        const [bq, bk] = bT ? [1, Q] : [K, 1];
        const got = Float64Array.from(C0);
        gemm(P, Q, K, A, off, ap, ak, B, off, bq, bk, got, off, Q, 1);
        const want = Float64Array.from(C0);
        naive(P, Q, K, A.subarray(off), ap, ak, B.subarray(off), bq, bk, want.subarray(off), Q, 1);
        for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 12);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
