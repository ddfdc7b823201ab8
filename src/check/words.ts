// Words for the diagnosis: a local partial of the chain as the student knows it
// ("σ'(z1) = a1(1 − a1)", "w2", "∂J/∂ŷ").
import { findBinding, type Derivation } from '../derivation/model.ts';
import type { Expr } from '../ir/expr.ts';
import { symbolText } from '../naming.ts';
import { tsPrinter } from '../print/ts.ts';

/** One edge of a chain: factor = ∂of/∂wrt. */
export interface Edge {
  readonly derivation: Derivation;
  readonly of: string;
  readonly wrt: string;
  readonly factor: Expr;
  /** The factor is one operand of the edge's partial (a product), not the whole partial. */
  readonly part?: boolean;
}

export interface EdgeWords {
  readonly label: string;
  /** The edge's activation when `of` = g(wrt) for an elementwise activation g. */
  readonly activation?: string;
  /** Why the factor does not appear in the simplified gradient, when the loss cancels it. */
  readonly cancelledBy?: string;
}

/** yhat → ŷ, yhat2 → ŷ2; entries of the index form as the sheet writes them (W1_1_2 → w¹₁₂,
 * a1_2 → a¹₂); other names as they are, as the student typed them. */
export function pretty(name: string): string {
  return name.includes('_') ? symbolText(name) : name.replace(/^yhat/, 'ŷ');
}

/** Plain text of a small expression, with the sheet's names. */
export function plain(e: Expr): string {
  return tsPrinter(pretty)
    .print(e)
    .replace(/Math\./g, '')
    .replace(/ \* /g, '·')
    .replace(/ - /g, ' − ');
}

const ACTIVATION_WORDS: Readonly<Record<string, (a: string, z: string) => string>> = {
  sigmoid: (a, z) => `σ'(${z}) = ${a}(1 − ${a})`,
  tanh: (a, z) => `tanh'(${z}) = 1 − ${a}²`,
  relu: (_a, z) => `relu'(${z}) = step(${z})`,
  leaky_relu: (_a, z) => `leaky_relu'(${z})`,
  softplus: (_a, z) => `softplus'(${z}) = σ(${z})`,
};

export function describeEdge(edge: Edge): EdgeWords {
  if (edge.part) return { label: plain(edge.factor) };
  const binding = findBinding(edge.derivation, edge.of);
  const def = binding?.expr;
  const of = pretty(edge.of);
  if (def && 'a' in def && def.a.kind === 'var' && def.a.name === edge.wrt && !('b' in def)) {
    const words = ACTIVATION_WORDS[def.kind];
    if (words) {
      const subject = edge.derivation.subject;
      const cancels =
        def.kind === 'sigmoid' && binding.role !== 'delta' && subject.kind === 'network' && subject.spec.loss === 'bce' && edge.of.startsWith('yhat');
      return {
        label: words(of, edge.wrt),
        activation: def.kind,
        ...(cancels ? { cancelledBy: 'bce after a sigmoid cancels it (∂J/∂z = ŷ − y)' } : {}),
      };
    }
  }
  if (edge.factor.kind === 'var') return { label: pretty(edge.factor.name) };
  return { label: `∂${of}/∂${pretty(edge.wrt)} = ${plain(edge.factor)}` };
}
