// Central finite differences: the gradient check that needs no derivative at all.
//
// ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h has truncation error O(h²) (the even Taylor
// terms cancel) and rounding error O(ε|f|/h); h ≈ 1e-5 balances the two for smooth f,
// giving roughly 1e-10 absolute accuracy when f and its derivatives are O(1).

/**
 * Gradient of f at x by central differences. Coordinate i is probed with step
 * h·max(1, |x_i|), so large coordinates get a proportionate step. x is modified during
 * the probes and restored exactly afterwards.
 */
export function centralDiff(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const step = h * Math.max(1, Math.abs(xi));
    const plus = xi + step;
    const minus = xi - step;
    x[i] = plus;
    const fPlus = f(x);
    x[i] = minus;
    const fMinus = f(x);
    x[i] = xi;
    // Divide by the distance actually travelled: plus − minus is exact in floating point,
    // 2·step is not always representable as such.
    grad[i] = (fPlus - fMinus) / (plus - minus);
  }
  return grad;
}

/**
 * Relative error |a − b| / max(1, |a|, |b|): absolute for values below 1 (where a relative
 * error would blow up near 0), relative above. 0 when a and b are identical, including
 * equal infinities; NaN if either is NaN.
 */
export function relErr(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}

/** Largest relErr over two equally long vectors (Infinity if the lengths differ, NaN if any is). */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = relErr(a[i]!, b[i]!);
    if (Number.isNaN(e)) return NaN; // a NaN must never be hidden by a later max
    worst = Math.max(worst, e);
  }
  return worst;
}
