// Equation numbers in reading order. A network's derivation is numbered as its sheet
// reads: the forward pass unit by unit, then in matrix form, the loss, and then each
// layer from the last to the first (its gradients as chains, its deltas, its matrix
// deltas and gradients). Generated code cites these numbers, so they are part of the
// derivation, not of one rendering.
import type { MatrixDerivation } from '../derive/matrix-backprop.ts';
import type { Derivation } from './model.ts';

/** The layer a network name belongs to: W2_1_3, w2, b2_1, z2, a2, h2_1 -> 2. */
export function layerOf(name: string): number {
  return Number(/^(?:W|w|b|z|a|h)(\d+)/.exec(name)?.[1] ?? NaN);
}

interface Counter {
  next(): number;
}

function renumberMatrix(md: MatrixDerivation, forward: Map<number, number>): MatrixDerivation {
  return {
    ...md,
    forward: md.forward.map((b) => ({ ...b, eq: forward.get(b.eq) ?? b.eq })),
  };
}

export function numberNetwork(d: Derivation, layers: number): Derivation {
  const md = d.matrix!;
  let n = 0;
  const counter: Counter = { next: () => ++n };
  const index = new Map<number, number>();
  const matrix = new Map<number, number>();
  for (const b of d.forward) if (b.role === 'forward') index.set(b.eq, counter.next());
  for (const b of md.forward) if (b.role === 'forward') matrix.set(b.eq, counter.next());
  const loss = counter.next();
  for (const b of md.forward) if (b.role === 'output') matrix.set(b.eq, loss);
  for (const b of d.forward) if (b.role === 'output') index.set(b.eq, loss);
  const deltaEq = new Map<string, number>();
  const mDeltaEq = new Map<string, number>();
  const gradEq = new Map<string, number>();
  const mGradEq = new Map<string, number>();
  // Grouped by layer once: scanning every list for every layer was quadratic in depth.
  const byLayer = <T,>(items: readonly T[], name: (t: T) => string): Map<number, T[]> => {
    const out = new Map<number, T[]>();
    for (const t of items) out.set(layerOf(name(t)), [...(out.get(layerOf(name(t))) ?? []), t]);
    return out;
  };
  const grads = byLayer(d.gradients, (g) => g.wrt);
  const deltas = byLayer(d.deltas, (x) => x.of);
  const mDeltas = byLayer(md.deltas, (x) => x.of);
  const mGrads = byLayer(md.gradients, (g) => g.wrt);
  for (let k = layers; k >= 1; k--) {
    for (const g of grads.get(k) ?? []) gradEq.set(g.wrt, counter.next());
    for (const x of deltas.get(k) ?? []) deltaEq.set(x.name, counter.next());
    for (const x of mDeltas.get(k) ?? []) mDeltaEq.set(x.name, counter.next());
    for (const g of mGrads.get(k) ?? []) mGradEq.set(g.wrt, counter.next());
  }
  return {
    ...d,
    forward: d.forward.map((b) => ({ ...b, eq: index.get(b.eq)! })),
    deltas: d.deltas.map((x) => ({ ...x, eq: deltaEq.get(x.name)! })),
    gradients: d.gradients.map((g) => ({ ...g, eq: gradEq.get(g.wrt)! })),
    matrix: {
      ...renumberMatrix(md, matrix),
      deltas: md.deltas.map((x) => ({ ...x, eq: mDeltaEq.get(x.name)! })),
      gradients: md.gradients.map((g) => ({ ...g, eq: mGradEq.get(g.wrt)! })),
    },
  };
}
