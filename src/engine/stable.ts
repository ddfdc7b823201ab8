// Numerically guarded scalar functions shared by the scalar tape and the tensor engine.
// Only the guards the math obviously needs: no overflow of e^t, no log of a rounded 0.

/** σ(x) = 1/(1+e^−x). For x < 0 use the equal form e^x/(1+e^x), so e^t never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1+e^x) = max(x,0) + log1p(e^−|x|): exact for large |x| on both sides. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** Largest entry of v[from, from+len): the shift that makes log-sum-exp and softmax safe. */
export function maxOf(v: ArrayLike<number>, from = 0, len = v.length - from): number {
  let m = -Infinity;
  for (let i = from; i < from + len; i++) m = Math.max(m, v[i]!);
  return m;
}

/** log Σ_i e^{v_i} = m + log Σ_i e^{v_i − m} with m = max v (the terms are ≤ 1, one equals 1). */
export function logSumExp(v: ArrayLike<number>, from = 0, len = v.length - from): number {
  const m = maxOf(v, from, len);
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = from; i < from + len; i++) s += Math.exp(v[i]! - m);
  return m + Math.log(s);
}
