import type { Messages } from './messages.ts';

export const en: Messages = {
  expressionTitle: (f, wrt) => `Derivative of $${f}$ with respect to $${wrt}$`,
  networkTitle: 'Backpropagation for the network',
  decomposition: 'Decomposition into intermediate variables',
  decompositionIntro: 'Each operation gets a name, so that the chain rule applies one step at a time.',
  localDerivatives: 'Local derivatives',
  localDerivativesIntro: 'The derivative of each intermediate with respect to its arguments, and the rule that gives it.',
  chainRule: 'Chain rule',
  chainIntro: 'Multiply the local derivatives along every path from the output to the variable.',
  result: 'Result',
  forwardPass: 'Forward pass',
  forwardIntro: 'For one example; the backward pass reuses every value computed here.',
  expandedGradients: 'Gradients by the chain rule',
  expandedIntro: 'Each gradient is a product of local derivatives along the path from the loss to the parameter.',
  deltas: 'Error terms (deltas)',
  deltasObservation:
    'The leading products of these chains are the same for every parameter of a layer: they are computed once and named $\\delta$, the error term of the pre-activation. Each $\\delta$ reuses the previous one, so the work grows linearly with depth.',
  deltaGradients: 'Gradients through the deltas',
  deltaGradientsIntro: 'Every gradient is now a delta times a local derivative.',
  batchNote: (mean, l2) =>
    `Over a batch of n examples, J is the ${mean ? 'mean' : 'sum'} of the per-example losses${l2 ? ` plus $\\frac{\\lambda}{2}\\sum_k \\lVert W_k \\rVert^2$ with $\\lambda = ${l2}$, which adds $\\lambda w$ to the gradient of each weight` : ''}; the gradients above are those of one example.`,
  rules: {
    identity: 'identity', sum: 'sum rule', difference: 'difference rule', product: 'product rule',
    quotient: 'quotient rule', power: 'power rule', negation: 'negation', exp: 'derivative of exp',
    log: 'derivative of log', sqrt: 'derivative of the square root', abs: 'derivative of |u|',
    sin: 'derivative of sin', cos: 'derivative of cos', tan: 'derivative of tan',
    sigmoid: "$\\sigma' = \\sigma(1 - \\sigma)$", tanh: "$\\tanh' = 1 - \\tanh^2$", relu: "relu' = step", softplus: "$\\operatorname{softplus}' = \\sigma$",
    leaky_relu: "leaky relu' = 1 or $\\alpha$", step: 'step function (derivative 0)', sign: 'sign function (derivative 0)',
    leaky_step: 'piecewise constant (derivative 0)',
  },
  matrixForm: 'Matrix form',
  matrixIntro:
    'The same computation for a whole layer at once: pre-activations, activations and error terms are column vectors, $W_k$ has $N_k$ rows and $N_{k-1}$ columns, and $\\odot$ is the entry-by-entry (Hadamard) product.',
  matrixBackward: 'Backward pass in matrix form',
  matrixBackwardIntro:
    'The error term of the output layer comes from the loss; every earlier one from the next layer, back through the transposed weights and times the derivative of the activation.',
  softmaxJacobian: 'The softmax couples its outputs, so its Jacobian has two cases:',
  matrixGradients: 'Gradients of each layer',
  matrixBatch:
    'Over a batch of n examples (superscript $(i)$), the gradients are averaged (summed for the reduction "sum") and the L2 term adds $\\lambda W_k$:',
  steps: {
    'common-denominator': 'common denominator', cancel: 'cancel common factors', expand: 'expand',
    collect: 'collect like terms', substitute: 'substitute', multiply: 'multiply', simplify: 'simplifies to',
    softmax: 'definition of the softmax', 'one-hot': 'since $\\sum_k y_k = 1$', 'inner-product': 'inner product written as a sum',
  },
};
