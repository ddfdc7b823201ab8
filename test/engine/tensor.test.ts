import { describe, it, expect } from 'vitest';
import { centralDiff, maxRelErr } from '../../src/engine/fd.ts';
import { Tape, add, affine, matmul, scale, sumSquares, tensor, type Tensor } from '../../src/engine/tensor.ts';
import { POINTWISE, pointwise, softmaxRows } from '../../src/engine/tensor-activations.ts';
import { LOSS_KINDS, lossSum, type LossKind } from '../../src/engine/tensor-losses.ts';
import { mulberry32, oneHot, uniform } from './rng.ts';

type Shape = readonly [rows: number, cols: number];
type Build = (tape: Tape, inputs: readonly Tensor[]) => Tensor;

/**
 * Vector-Jacobian check: with a random cotangent v, backward(out, v) must leave in each
 * input's grad the gradient of x ↦ Σ v ⊙ op(x), which central differences estimate from
 * forward evaluations alone.
 */
function checkVjp(build: Build, data: readonly Float64Array[], shapes: readonly Shape[], seed = 1): void {
  const rng = mulberry32(seed);
  const wrap = () => shapes.map(([r, c], i) => tensor(r, c, data[i]!));
  const inputs = wrap();
  const tape = new Tape();
  const out = build(tape, inputs);
  const v = uniform(rng, out.data.length);
  tape.backward(out, v);
  const project = () => build(new Tape(), wrap()).data.reduce((s, y, j) => s + v[j]! * y, 0);
  inputs.forEach((input, i) => {
    const fd = centralDiff(project, data[i]!);
    expect(maxRelErr(input.grad, fd), `input ${i}`).toBeLessThan(1e-7);
  });
}

function randomInputs(seed: number, shapes: readonly Shape[], lo = -2, hi = 2): Float64Array[] {
  const rng = mulberry32(seed);
  return shapes.map(([r, c]) => uniform(rng, r * c, lo, hi));
}

describe('matmul and affine', () => {
  it('matmul computes A B', () => {
    const a = tensor(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    const b = tensor(3, 2, Float64Array.of(7, 8, 9, 10, 11, 12));
    // [1 2 3; 4 5 6] [7 8; 9 10; 11 12] = [58 64; 139 154]
    expect(Array.from(matmul(new Tape(), a, b).data)).toEqual([58, 64, 139, 154]);
  });

  it('affine computes H Wᵀ + b row by row', () => {
    const h = tensor(2, 2, Float64Array.of(1, 2, 3, 4));
    const w = tensor(3, 2, Float64Array.of(1, 0, 0, 1, 1, -1)); // rows: weights into units 1..3
    const b = tensor(1, 3, Float64Array.of(10, 20, 30));
    // example (1,2): [1+10, 2+20, −1+30]; example (3,4): [3+10, 4+20, −1+30]
    expect(Array.from(affine(new Tape(), h, w, b).data)).toEqual([11, 22, 29, 13, 24, 29]);
  });

  it('matmul gradient', () => {
    const shapes: Shape[] = [[3, 4], [4, 2]];
    checkVjp((t, [a, b]) => matmul(t, a!, b!), randomInputs(1, shapes), shapes);
  });

  it('affine gradient', () => {
    const shapes: Shape[] = [[5, 3], [4, 3], [1, 4]];
    checkVjp((t, [h, w, b]) => affine(t, h!, w!, b!), randomInputs(2, shapes), shapes);
  });

  it('rejects mismatched shapes', () => {
    const t = new Tape();
    expect(() => matmul(t, tensor(2, 3), tensor(2, 3))).toThrow(/matmul/);
    expect(() => affine(t, tensor(2, 3), tensor(4, 2), tensor(1, 4))).toThrow(/affine/);
    expect(() => add(t, tensor(2, 3), tensor(3, 2))).toThrow(/add/);
    expect(() => tensor(2, 2, new Float64Array(3))).toThrow();
  });
});

describe('add, scale, sumSquares', () => {
  it('values', () => {
    const t = new Tape();
    const x = tensor(1, 3, Float64Array.of(1, -2, 3));
    expect(Array.from(add(t, x, x).data)).toEqual([2, -4, 6]);
    expect(Array.from(scale(t, x, -0.5).data)).toEqual([-0.5, 1, -1.5]);
    expect(sumSquares(t, x).data[0]).toBe(14);
  });

  it('gradients', () => {
    const shapes: Shape[] = [[2, 3], [2, 3]];
    const data = randomInputs(3, shapes);
    checkVjp((t, [a, b]) => add(t, a!, b!), data, shapes);
    checkVjp((t, [a]) => scale(t, a!, 2.5), data, shapes);
    checkVjp((t, [a]) => sumSquares(t, a!), data, shapes);
  });

  it('backward of a non-scalar root needs a seed', () => {
    const t = new Tape();
    expect(() => t.backward(scale(t, tensor(2, 2), 1))).toThrow(/seed/);
  });
});

describe('activations', () => {
  const refs: Record<(typeof POINTWISE)[number], (x: number) => number> = {
    identity: (x) => x,
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    tanh: (x) => (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x)),
    relu: (x) => (x > 0 ? x : 0),
    leaky_relu: (x) => (x > 0 ? x : 0.05 * x),
    softplus: (x) => Math.log(1 + Math.exp(x)),
  };
  const shapes: Shape[] = [[3, 4]];

  for (const kind of POINTWISE) {
    it(`${kind}: values and gradient`, () => {
      const data = randomInputs(4, shapes, -3, 3);
      const y = pointwise(new Tape(), tensor(3, 4, data[0]!), kind, 0.05);
      expect(maxRelErr(y.data, data[0]!.map(refs[kind]))).toBeLessThan(1e-12);
      checkVjp((t, [x]) => pointwise(t, x!, kind, 0.05), data, shapes);
    });
  }

  it('relu and leaky_relu take the documented derivative at the kink', () => {
    const slopeAtZero = (kind: 'relu' | 'leaky_relu') => {
      const x = tensor(1, 1, Float64Array.of(0));
      const tape = new Tape();
      tape.backward(pointwise(tape, x, kind, 0.05));
      return x.grad[0];
    };
    expect(slopeAtZero('relu')).toBe(0);
    expect(slopeAtZero('leaky_relu')).toBe(0.05);
  });

  it('softmax rows: values, large logits, gradient', () => {
    const x = tensor(2, 3, Float64Array.of(1, 2, 3, 1000, 1000, 1000));
    const p = softmaxRows(new Tape(), x);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(maxRelErr(p.data, [Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z, 1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-15);
    checkVjp((t, [a]) => softmaxRows(t, a!), randomInputs(5, [[4, 3]]), [[4, 3]]);
  });
});

describe('losses', () => {
  /** Per-example references from the definitions, plain Math. */
  function refLoss(kind: LossKind, p: Float64Array, y: Float64Array, cols: number): number {
    let s = 0;
    for (let i = 0; i < p.length; i += cols) {
      const row = Array.from(p.subarray(i, i + cols));
      const t = Array.from(y.subarray(i, i + cols));
      const lse = Math.log(row.reduce((z, a) => z + Math.exp(a), 0));
      row.forEach((pk, k) => {
        const yk = t[k]!;
        if (kind === 'mse') s += 0.5 * (pk - yk) ** 2;
        if (kind === 'l1') s += Math.abs(pk - yk);
        if (kind === 'bce') s -= yk * Math.log(pk) + (1 - yk) * Math.log(1 - pk);
        if (kind === 'cross_entropy') s -= yk * Math.log(pk);
        if (kind === 'cross_entropy_with_logits') s -= yk * pk;
      });
      if (kind === 'cross_entropy_with_logits') s += lse;
    }
    return s;
  }

  for (const kind of LOSS_KINDS) {
    it(`${kind}: value and gradient`, () => {
      const rng = mulberry32(6);
      const [rows, cols] = [4, 3];
      const probs = kind === 'bce' || kind === 'cross_entropy';
      const p = uniform(rng, rows * cols, probs ? 0.05 : -2, probs ? 0.95 : 2);
      const y = kind === 'bce'
        ? uniform(rng, rows * cols, 0, 1)
        : kind.startsWith('cross') ? oneHot(rng, rows, cols) : uniform(rng, rows * cols, -2, 2);
      const out = lossSum(new Tape(), tensor(rows, cols, p), y, kind);
      expect(maxRelErr(out.data, [refLoss(kind, p, y, cols)])).toBeLessThan(1e-13);
      checkVjp((t, [a]) => lossSum(t, a!, y, kind), [p], [[rows, cols]]);
    });
  }

  it('0·log 0 = 0: a one-hot target ignores an underflowed probability', () => {
    const t = new Tape();
    const p = tensor(1, 2, Float64Array.of(1, 0));
    const ce = lossSum(t, p, Float64Array.of(1, 0), 'cross_entropy');
    const bce = lossSum(t, tensor(1, 1, Float64Array.of(1)), Float64Array.of(1), 'bce');
    expect(ce.data[0]).toBe(0);
    expect(bce.data[0]).toBe(0);
  });

  it('cross_entropy_with_logits is stable for huge logits', () => {
    const logits = tensor(1, 2, Float64Array.of(1000, 0));
    const out = lossSum(new Tape(), logits, Float64Array.of(0, 1), 'cross_entropy_with_logits');
    expect(out.data[0]).toBe(1000); // −0 + log(e^1000 + 1) = 1000 in double precision
  });
});
