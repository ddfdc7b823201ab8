import { describe, expect, it } from 'vitest';
import { deriveNetwork, validateSpec } from '../../src/index.ts';
import { derivationStats } from '../../src/derivation/stats.ts';

/** Width-2 sigmoid chain of the given depth, then one sigmoid output with BCE. */
function chain(depth: number) {
  const layers = [...Array(depth).fill({ units: 2, activation: 'sigmoid' }), { units: 1, activation: 'sigmoid' }];
  return validateSpec({ name: `chain-${depth}`, input: 2, layers, loss: 'bce' });
}

const stats = (depth: number) => derivationStats(deriveNetwork(chain(depth), 'chain', { indexForm: 'always' }));

describe('derivation size grows linearly with depth', () => {
  const [s5, s10, s20] = [stats(5), stats(10), stats(20)];

  it('distinct nodes: doubling the depth at most doubles the size (plus a constant)', () => {
    expect(s10.nodes / s5.nodes).toBeLessThan(2.05);
    expect(s20.nodes / s10.nodes).toBeLessThan(2.05);
    // And the size really depends on depth (the count is not a constant).
    expect(s20.nodes).toBeGreaterThan(s10.nodes);
  });

  it('bindings: one per unit and layer quantity', () => {
    // Per hidden layer: 2 pre-activations, 2 activations, 2 deltas.
    expect(s10.bindings - s5.bindings).toBe(5 * 6);
    expect(s20.bindings - s10.bindings).toBe(10 * 6);
  });

  it('without shared deltas the gradients blow up: the expanded size grows much faster', () => {
    expect(s10.expandedTreeSize / s5.expandedTreeSize).toBeGreaterThan(10);
    expect(s20.expandedTreeSize / s10.expandedTreeSize).toBeGreaterThan(100);
  });

  it('the matrix form is linear too', () => {
    expect(s20.matrixNodes! / s10.matrixNodes!).toBeLessThan(2.05);
  });
});
