// The Derivation: the one artifact every output (sheet, code, checker) is made from.
// An ordered list of named bindings over the IR, the local derivative of every edge
// with the rules that produced it, the named backprop error terms (deltas) with their
// simplification steps, and for each requested variable the chain that gives its
// derivative. Every equation has a stable number.
import type { Expr } from '../ir/expr.ts';
import type { MatrixDerivation } from '../derive/matrix-backprop.ts';
import type { NetworkSpec } from '../network/spec.ts';
import type { StepRule } from '../simplify/steps.ts';
import type { TextbookRule } from '../simplify/textbook.ts';

export type BindingRole = 'forward' | 'output' | 'delta';

export interface Binding {
  /** The variable name (an identifier: 'z1', 'yhat', 'delta1'). */
  readonly name: string;
  /** Right-hand side, over earlier binding names, parameters and inputs. */
  readonly expr: Expr;
  readonly role: BindingRole;
  /** Equation number (stable, shown on the sheet and cited by generated code). */
  readonly eq: number;
}

/** ∂of/∂wrt for one edge of the binding graph. */
export interface LocalPartial {
  readonly of: string;
  readonly wrt: string;
  readonly expr: Expr;
  /** Ids of the rules of the table that produced it (see derive/rules.ts). */
  readonly rules: readonly string[];
}

export interface Step {
  /**
   * 'simplify': the simplified deltas substituted into a chain (CSI 4106's "se simplifie en").
   * 'softmax': e^{a_k} = ŷ_k S substituted; 'one-hot': Σ_k y_k = 1 used (simplify/facts.ts).
   * 'factor', 'identity': the result as a textbook writes it (simplify/textbook.ts).
   */
  readonly rule: StepRule | TextbookRule | 'substitute' | 'multiply' | 'simplify' | 'softmax' | 'one-hot';
  readonly expr: Expr;
}

/** A named error term δ = ∂J/∂(pre-activation): the adjoint of one node. */
export interface Delta extends Binding {
  readonly role: 'delta';
  /** The node whose adjoint it is. */
  readonly of: string;
  /** The chain of names it multiplies along, from the output down to `of`. */
  readonly chain: readonly string[];
  /** The factors of `product` as the sheet writes them (previous delta, then local partials). */
  readonly factors: readonly Expr[];
  /** The adjoint as first computed (product of the previous delta and local partials). */
  readonly product: Expr;
  /** Simplification steps from `product`; the last one is `expr`. */
  readonly steps: readonly Step[];
}

/** One path output -> ... -> wrt: names[i+1] is an argument of names[i]. */
export interface ChainPath {
  readonly names: readonly string[];
  /** factors[i] = ∂names[i]/∂names[i+1], as the sheet writes them before multiplying. */
  readonly factors: readonly Expr[];
}

/** The derivative of the output with respect to one variable. */
export interface Gradient {
  readonly wrt: string;
  readonly eq: number;
  /** Steps from the product of local partials (simplify, substitute intermediates, simplify).
   * The paths themselves are computed on demand: see derivation/paths.ts. */
  readonly steps: readonly Step[];
  /** The result in the inputs' own variables (no intermediates). */
  readonly result: Expr;
  /** The result through named deltas (network derivations only). */
  readonly deltaForm?: Expr;
}

/** What was differentiated. */
export type Subject =
  | { readonly kind: 'expression'; readonly expr: Expr }
  | { readonly kind: 'network'; readonly spec: NetworkSpec };

/** A whole derivation: what sheets, code and the checker read (see the README, "Library API"). */
export interface Derivation {
  readonly subject: Subject;
  /** The output's name (J for a network, z for an expression as in the Master 1 course). */
  readonly output: string;
  readonly source: string;
  readonly forward: readonly Binding[];
  readonly partials: readonly LocalPartial[];
  readonly deltas: readonly Delta[];
  readonly gradients: readonly Gradient[];
  /** The matrix form (δ recursion over whole layers), for network derivations. */
  readonly matrix?: MatrixDerivation;
}

export function findBinding(d: Derivation, name: string): Binding | undefined {
  return d.forward.find((b) => b.name === name) ?? d.deltas.find((b) => b.name === name);
}

export function partialOf(d: Derivation, of: string, wrt: string): LocalPartial | undefined {
  return d.partials.find((p) => p.of === of && p.wrt === wrt);
}
