// The one matrix-product kernel of the loop form, emitted into every loop module.
// The three products of a training step are this kernel with different strides:
//   forward   A_k = H_{k−1}·W_kᵀ   (rows: examples, columns: units, sum over inputs)
//   backward  T   = Δ_k·W_k       (the Wᵀδ of every example, sum over units)
//   gradient  ∇W_k += Δ_kᵀ·H_{k−1} (sum over the examples of the block)
// It is register-blocked: a 4 × 2 tile of C lives in eight locals, so each step of the
// inner loop loads six numbers for eight multiply-adds instead of two loads per product.
// That is what takes plain loops from about 1.5 to about 4 GFLOP/s in V8 (npm run bench).

export const GEMM_SOURCE = `/**
 * C[c + p·cp + q·cq] += Σ_k A[a + p·ap + k·ak] · B[b + q·bq + k·bk], for p < P and q < Q.
 * Register-blocked in 4 × 2 tiles of C; the edges are done one row or column at a time.
 */
function gemm(
  P: number, Q: number, K: number,
  A: Float64Array, a: number, ap: number, ak: number,
  B: Float64Array, b: number, bq: number, bk: number,
  C: Float64Array, c: number, cp: number, cq: number,
): void {
  let p = 0;
  for (; p + 4 <= P; p += 4) {
    const a0 = a + p * ap, a1 = a0 + ap, a2 = a1 + ap, a3 = a2 + ap;
    let q = 0;
    for (; q + 2 <= Q; q += 2) {
      const b0 = b + q * bq, b1 = b0 + bq;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let k = 0; k < K; k++) {
        const u = B[b0 + k * bk]!, v = B[b1 + k * bk]!;
        const x0 = A[a0 + k * ak]!, x1 = A[a1 + k * ak]!, x2 = A[a2 + k * ak]!, x3 = A[a3 + k * ak]!;
        s00 += x0 * u; s01 += x0 * v; s10 += x1 * u; s11 += x1 * v;
        s20 += x2 * u; s21 += x2 * v; s30 += x3 * u; s31 += x3 * v;
      }
      const o = c + p * cp + q * cq;
      C[o]! += s00; C[o + cq]! += s01;
      C[o + cp]! += s10; C[o + cp + cq]! += s11;
      C[o + 2 * cp]! += s20; C[o + 2 * cp + cq]! += s21;
      C[o + 3 * cp]! += s30; C[o + 3 * cp + cq]! += s31;
    }
    for (; q < Q; q++) {
      const b0 = b + q * bq;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const u = B[b0 + k * bk]!;
        s0 += A[a0 + k * ak]! * u; s1 += A[a1 + k * ak]! * u;
        s2 += A[a2 + k * ak]! * u; s3 += A[a3 + k * ak]! * u;
      }
      const o = c + p * cp + q * cq;
      C[o]! += s0; C[o + cp]! += s1; C[o + 2 * cp]! += s2; C[o + 3 * cp]! += s3;
    }
  }
  for (; p < P; p++) {
    const a0 = a + p * ap;
    for (let q = 0; q < Q; q++) {
      const b0 = b + q * bq;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k * ak]! * B[b0 + k * bk]!;
      C[c + p * cp + q * cq]! += s;
    }
  }
}`;
