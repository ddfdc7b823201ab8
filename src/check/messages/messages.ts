// The shape of a diagnosis catalog. Every word a diagnosis prints comes from a catalog; the
// formulas it is given are already written as the sheet writes them (σ'(z₁) = a₁(1 − a₁),
// w¹₁₂, ŷ), so a catalog holds words, number formatting and the order of a sentence. A
// language is one file satisfying this interface, listed in index.ts: the compiler then
// checks that no sentence is missing.

/** A gradient, derivative or δ as cited: what it is (∂J/∂w₁) and its equation on the sheet. */
export interface Ref {
  readonly what: string;
  readonly eq?: number | undefined;
}

/** Why a factor the claim has is not in the gradient: bce cancels the output sigmoid's σ′, a linear output has none. */
export type Cancel = 'bce-sigmoid' | 'softmax-ce' | 'identity-output';

/** How a matrix-form claim's shape relates to the gradient's. */
export interface Shapes {
  readonly claim: string;
  readonly truth: string;
}

export interface DiagnosisMessages {
  /** "∂J/∂w₁ (eq. 16)"; the bare name when the equation is unknown. */
  readonly cite: (ref: Ref) => string;
  /** A number as the language writes it (0.01; 0,01 in French). */
  readonly number: (v: number) => string;
  /** Last pass over a whole sentence (French: decimal commas in the formulas). */
  readonly finish: (sentence: string) => string;
  /** "; the other factors ŷ − y, w₂, x are right" ("the factors" when `all`: every factor of the gradient), or "" when there are none. */
  readonly rightFactors: (factors: readonly string[], all?: boolean) => string;

  readonly sign: (g: Ref) => string;
  readonly missingFactor: (factor: string, g: Ref) => string;
  readonly extraFactor: (factor: string, g: Ref, cancel?: Cancel) => string;
  /** The chain rule's inner derivative is missing: `factor` = ∂argument/∂x, the argument of `outer`. */
  readonly missingChainFactor: (factor: string, argument: string, outer: string, g: Ref) => string;
  /** Another activation's derivative: `unit` is "a₁ = sigmoid(z₁)". */
  readonly wrongActivation: (used: string, unit: string, needed: string, g: Ref) => string;
  readonly activationOfWrongQuantity: (used: string, needed: string, g: Ref) => string;
  readonly functionForDerivative: (fn: string, derivative: string, g: Ref) => string;
  /**
   * The chain stops at a later layer's δ (`stop`, of the pre-activation `from`): the factors
   * from `from` down to `to` are missing; `sum` > 1 when δ of `to` sums over that many units.
   */
  readonly missingHiddenChain: (stop: Ref, from: string, to: string, factors: readonly string[], sum: number, g: Ref) => string;
  /** Another δ than the parameter's own (`right`, with its equation); `numbering` cites δ of the output when deltas count from it (z-a). */
  readonly wrongDelta: (used: string, right: Ref, g: Ref, numbering?: Ref) => string;
  /** The gradient of another parameter. */
  readonly index: (other: Ref, otherName: string, param: Ref, paramName: string) => string;
  /** The gradient of the transposed entry (w_ji for w_ij). */
  readonly swappedIndicesGradient: (other: Ref, param: Ref) => string;
  /** Weights with swapped indices inside the formula: pairs of [used, right]. */
  readonly swappedIndices: (pairs: readonly (readonly [string, string])[], g: Ref) => string;
  /** Another input of the same unit: the gradient of another column. */
  readonly wrongInputGradient: (used: string, right: string, other: Ref, param: Ref) => string;
  readonly wrongInput: (used: string, right: string, g: Ref) => string;
  /** An expression's derivative with respect to another variable. */
  readonly wrongVariable: (other: Ref, otherVar: string, right: Ref, rightVar: string) => string;
  readonly missingLambda: (weight: string, lambda: number, g: Ref) => string;
  readonly doubleLambda: (weight: string, lambda: number, g: Ref) => string;
  /** Batch claims: λ·w added once per example instead of once per batch. */
  readonly lambdaPerExample: (weight: string, lambda: number, g: Ref) => string;
  readonly lambdaOnBias: (bias: string, lambda: number, g: Ref) => string;
  /** ŷᵢ taken for σ(aᵢ): `pre` is the output pre-activation's letter (a or z); `deltaEqs` the output δ's equations. */
  readonly softmaxAsSigmoid: (pre: string, deltaEqs: readonly number[], g: Ref) => string;
  /** What of Σₖ ∂J/∂ŷₖ · ∂ŷₖ/∂aᵢ the claim kept: the k = i term, the numerator's route, the routes through S. */
  readonly softmaxOnePath: (kept: 'diagonal' | 'numerator' | 'normaliser', pre: string, g: Ref) => string;
  /** z = u·v and the claim keeps one of u′v, uv′. */
  readonly missingProductTerm: (u: string, v: string, kept: string, dropped: string, g: Ref) => string;
  /** One of `paths` chain-rule paths (the one through `via`) dropped, not at a product. */
  readonly missingPathTerm: (paths: number, via: string, dropped: string, g: Ref) => string;
  readonly missingBatchMean: (g: Ref) => string;
  readonly extraBatchMean: (g: Ref) => string;
  /** Matrix form: δ_k lacks ⊙ g′: `gprime` is "tanh'(a₁) = 1 − h₁ ⊙ h₁", `delta` its definition. */
  readonly matrixMissingGprime: (gprime: string, delta: Ref, g: Ref) => string;
  /** `shapes` when the claim has the transposed shape; none when both are square. */
  readonly transpose: (g: Ref, shapes?: Shapes) => string;
  readonly shape: (shapes: Shapes, g: Ref) => string;
  /** The claim's matrices do not conform (mathjs's `detail`). */
  readonly nonConforming: (detail: string, truthShape: string, g: Ref) => string;
}
