// The optimisers a training run can use: each is a function of the generated module
// (trainStep, momentumStep, adamStep). Apart from the loop so that option parsing stays light.

/** The update rules of the generated module (trainStep, momentumStep, adamStep). */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];

/** Each optimiser's hyper-parameters, as PyTorch and Kingma & Ba default them. */
export const OPTIMIZER_DEFAULTS = { momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

export interface OptimizerOptions {
  /** sgd (trainStep) when absent. */
  readonly optimizer?: Optimizer;
  /** momentum's μ (default 0.9). */
  readonly momentum?: number;
  /** Adam's β₁, β₂ and ε (defaults 0.9, 0.999, 1e-8). */
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
}
