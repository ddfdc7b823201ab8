// Floating-point operations of one training step, counted explicitly so GFLOP/s means the
// same thing for every implementation. Per example, for each layer k (N_k × N_{k−1}):
//   forward   a_k = W_k h_{k−1} + b_k     2·N_k·N_{k−1}   (a multiply and an add per weight)
//   gradient  ∇W_k += δ_k h_{k−1}ᵀ        2·N_k·N_{k−1}
//   delta     W_kᵀ δ_k, for k ≥ 2          2·N_k·N_{k−1}   (layer 1 needs no δ_0)
// and once per step the update θ ← θ − lr∇θ, 2 per parameter. Biases, activations and the
// loss are O(N_k) per example and left out: for [784,128,10] they add about 0.2 %.
//   FLOPs = n · Σ_k (4 + 2·[k ≥ 2]) · N_k · N_{k−1} + 2·P
export function trainingStepFlops(sizes: readonly number[], n: number): number {
  let perExample = 0;
  let params = 0;
  for (let k = 1; k < sizes.length; k++) {
    const weights = sizes[k]! * sizes[k - 1]!;
    perExample += (k >= 2 ? 6 : 4) * weights;
    params += weights + sizes[k]!;
  }
  return n * perExample + 2 * params;
}

/** GFLOP/s of a step taking `micros` µs. */
export function gflops(flops: number, micros: number): number {
  return flops / (micros * 1e3);
}
