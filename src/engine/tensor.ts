// Tensor-level reverse-mode autodiff over row-major Float64Array matrices.
//
// Each op computes its output eagerly and pushes onto the tape a closure that, given the
// output's adjoint (out.grad = ∂J/∂out), adds the vector-Jacobian product into the grads
// of its inputs. Tape.backward runs the closures newest first, which is a reverse
// topological order because an op can only use tensors that already exist.
// Activations live in tensor-activations.ts, losses in tensor-losses.ts.

/** A rows × cols matrix; entry (i, j) is data[i·cols + j]. grad has the same layout. */
export interface Tensor {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly grad: Float64Array;
}

/**
 * A tensor; pass data and/or grad to wrap existing storage (e.g. views into a flat
 * parameter vector and its gradient), otherwise they are fresh zeros.
 */
export function tensor(
  rows: number,
  cols: number,
  data: Float64Array = new Float64Array(rows * cols),
  grad: Float64Array = new Float64Array(rows * cols),
): Tensor {
  if (data.length !== rows * cols || grad.length !== rows * cols) {
    throw new Error(`tensor ${rows}×${cols}: data has ${data.length} entries, grad ${grad.length}`);
  }
  return { rows, cols, data, grad };
}

export class Tape {
  private readonly steps: (() => void)[] = [];

  /** Record the backward step of an op that has just computed its output. */
  push(step: () => void): void {
    this.steps.push(step);
  }

  /**
   * Accumulate ∂root/∂t into t.grad for every tensor t that root depends on. The seed is
   * root's adjoint: 1 for a scalar (1×1) loss, or any cotangent v, which makes the input
   * grads the vector-Jacobian product vᵀJ. Grads accumulate; run it once per tape.
   */
  backward(root: Tensor, seed?: Float64Array): void {
    if (seed === undefined && root.data.length !== 1) {
      throw new Error(`backward: root is ${root.rows}×${root.cols}; pass a seed for non-scalar roots`);
    }
    root.grad.set(seed ?? [1]);
    for (let i = this.steps.length - 1; i >= 0; i--) this.steps[i]!();
  }
}

function sameShape(op: string, a: Tensor, b: Tensor): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`${op}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
  }
}

/** C = A B for A n×k, B k×m. Backward: ∂A += ∂C Bᵀ, ∂B += Aᵀ ∂C. */
export function matmul(tape: Tape, a: Tensor, b: Tensor): Tensor {
  if (a.cols !== b.rows) throw new Error(`matmul: ${a.rows}×${a.cols} times ${b.rows}×${b.cols}`);
  const [n, k, m] = [a.rows, a.cols, b.cols];
  const c = tensor(n, m);
  // i-p-j loop order: the innermost loop walks rows of B and C contiguously.
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a.data[i * k + p]!;
      for (let j = 0; j < m; j++) c.data[i * m + j]! += aip * b.data[p * m + j]!;
    }
  }
  tape.push(() => {
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < k; p++) {
        const aip = a.data[i * k + p]!;
        let dA = 0;
        for (let j = 0; j < m; j++) {
          const dC = c.grad[i * m + j]!;
          dA += dC * b.data[p * m + j]!; // (∂C Bᵀ)_ip
          b.grad[p * m + j]! += aip * dC; // (Aᵀ ∂C)_pj, summed over i
        }
        a.grad[i * k + p]! += dA;
      }
    }
  });
  return c;
}

/**
 * The layer map A = H Wᵀ + 1 b: H is n×N_in (one example per row), W is N_out×N_in
 * (row r holds the weights into output unit r), b is 1×N_out, broadcast over the rows.
 * Backward: ∂H += ∂A W, ∂W += ∂Aᵀ H, ∂b += column sums of ∂A.
 */
export function affine(tape: Tape, h: Tensor, w: Tensor, b: Tensor): Tensor {
  if (h.cols !== w.cols || b.rows !== 1 || b.cols !== w.rows) {
    throw new Error(`affine: H ${h.rows}×${h.cols}, W ${w.rows}×${w.cols}, b ${b.rows}×${b.cols}`);
  }
  const [n, nIn, nOut] = [h.rows, h.cols, w.rows];
  const out = tensor(n, nOut);
  // A_ir = b_r + Σ_j H_ij W_rj: a dot product of two contiguous rows.
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < nOut; r++) {
      let s = b.data[r]!;
      for (let j = 0; j < nIn; j++) s += h.data[i * nIn + j]! * w.data[r * nIn + j]!;
      out.data[i * nOut + r] = s;
    }
  }
  tape.push(() => {
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < nOut; r++) {
        const dA = out.grad[i * nOut + r]!;
        if (dA === 0) continue; // common after relu; skipping a zero product is exact
        b.grad[r]! += dA;
        for (let j = 0; j < nIn; j++) {
          h.grad[i * nIn + j]! += dA * w.data[r * nIn + j]!;
          w.grad[r * nIn + j]! += dA * h.data[i * nIn + j]!;
        }
      }
    }
  });
  return out;
}

/** Elementwise a + b (same shapes); the adjoint passes through unchanged to both. */
export function add(tape: Tape, a: Tensor, b: Tensor): Tensor {
  sameShape('add', a, b);
  const out = tensor(a.rows, a.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i]! + b.data[i]!;
  tape.push(() => {
    for (let i = 0; i < out.data.length; i++) {
      a.grad[i]! += out.grad[i]!;
      b.grad[i]! += out.grad[i]!;
    }
  });
  return out;
}

/** c·x for a constant c; ∂x += c ∂out. */
export function scale(tape: Tape, x: Tensor, c: number): Tensor {
  const out = tensor(x.rows, x.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = c * x.data[i]!;
  tape.push(() => {
    for (let i = 0; i < out.data.length; i++) x.grad[i]! += c * out.grad[i]!;
  });
  return out;
}

/** Σ_ij x_ij² as a 1×1 tensor (the squared Frobenius norm); ∂x += 2x ∂out. */
export function sumSquares(tape: Tape, x: Tensor): Tensor {
  let s = 0;
  for (const v of x.data) s += v * v;
  const out = tensor(1, 1, Float64Array.of(s));
  tape.push(() => {
    const g = out.grad[0]!;
    for (let i = 0; i < x.data.length; i++) x.grad[i]! += 2 * x.data[i]! * g;
  });
  return out;
}
