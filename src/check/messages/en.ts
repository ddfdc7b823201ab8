import type { Cancel, DiagnosisMessages, Ref } from './messages.ts';

const cite = (r: Ref): string => (r.eq === undefined ? r.what : `${r.what} (eq. ${r.eq})`);
const number = (v: number): string => String(v);
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
/** eq. 56, eq. 56–58, eq. 56, 60 */
const eqs = (ns: readonly number[]): string => {
  const consecutive = ns.every((n, i) => i === 0 || n === ns[i - 1]! + 1);
  return ns.length > 1 && consecutive ? `eq. ${ns[0]}–${ns[ns.length - 1]}` : `eq. ${ns.join(', ')}`;
};

/** ŷₖ = exp(aₖ)/S and its two routes from aᵢ, for both softmax sentences. */
const routes = (a: string): string => `ŷₖ = exp(${a}ₖ)/S depends on ${a}ᵢ through exp(${a}ᵢ) (k = i) and through S = Σⱼ exp(${a}ⱼ) (every k)`;

const CANCEL = {
  'bce-sigmoid': 'bce after a sigmoid cancels it (∂J/∂z = ŷ − y)',
  'softmax-ce': 'cross-entropy after a softmax cancels it (∂J/∂a = ŷ − y)',
  'identity-output': 'the output layer is linear (identity), so ∂ŷ/∂a = 1',
} as const satisfies Record<Cancel, string>;

export const en: DiagnosisMessages = {
  cite,
  number,
  finish: (s) => s,
  rightFactors: (fs, all) =>
    fs.length === 0 ? '' : `; the ${all ? '' : 'other '}${plural(fs.length, 'factor', 'factors')} ${fs.join(', ')} ${plural(fs.length, 'is', 'are')} right`,

  sign: (g) => `sign error: the claim is the negative of ${cite(g)}`,
  missingFactor: (f, g) => `missing factor ${f} in ${cite(g)}`,
  extraFactor: (f, g, cancel) => `extra factor ${f}${cancel ? `: ${CANCEL[cancel]}` : ''}, in ${cite(g)}`,
  missingChainFactor: (f, arg, outer, g) => `missing chain-rule factor ${f}, the derivative of the argument ${arg} of ${outer}, in ${cite(g)}`,
  wrongActivation: (used, unit, needed, g) => `wrong activation derivative: ${used} used where ${unit} needs ${needed}, in ${cite(g)}`,
  activationOfWrongQuantity: (used, needed, g) => `activation derivative of the wrong quantity: ${used} used where ${needed} is needed, in ${cite(g)}`,
  functionForDerivative: (fn, derivative, g) => `the function instead of its derivative: ${fn} used where ${derivative} is needed, in ${cite(g)}`,
  missingHiddenChain: (stop, from, to, fs, sum, g) =>
    `chain rule not carried through the hidden layer: the claim stops at ${cite(stop)} and lacks the ${plural(fs.length, 'factor', 'factors')} ${fs.join(' · ')} from ${from} down to ${to}` +
    `${sum > 1 ? ` (and the sum over the ${sum} units of that layer)` : ''}, in ${cite(g)}`,
  wrongDelta: (used, right, g, numbering) =>
    `index: ${used} used instead of ${cite(right)}, in ${cite(g)}${numbering ? `; δ is numbered from the output back (${cite(numbering)})` : ''}`,
  index: (other, otherName, param, paramName) => `index: this is ${cite(other)}, the gradient of ${otherName}, not of ${paramName}${param.eq === undefined ? '' : ` (eq. ${param.eq})`}`,
  swappedIndicesGradient: (other, param) => `swapped indices: this is ${cite(other)}, not ${cite(param)}; the index ij is read as ji, as by a transpose`,
  swappedIndices: (pairs, g) =>
    `swapped indices: ${pairs.map(([used, right]) => `${used} used for ${right}`).join(', ')} in ${cite(g)} (wᵏᵢⱼ links unit j of layer k − 1 to unit i of layer k)`,
  wrongInputGradient: (used, right, other, param) => `wrong input: ${used} used instead of ${right}; this is ${cite(other)}, not ${cite(param)}`,
  wrongInput: (used, right, g) => `wrong input: ${used} used instead of ${right} in ${cite(g)}`,
  wrongVariable: (other, otherVar, right, rightVar) =>
    `wrong input: this is ${cite(other)}, the derivative with respect to ${otherVar}, not ${rightVar}${right.eq === undefined ? '' : ` (eq. ${right.eq})`}`,
  missingLambda: (w, l, g) => `missing regularisation term λ·${w} (λ = ${number(l)}): ${cite(g)} includes λ·${w} from the L2 penalty`,
  doubleLambda: (w, l, g) => `2λ for λ: the L2 penalty (λ/2)·‖W‖² adds λ·${w} (λ = ${number(l)}) to ${cite(g)}, not 2λ·${w}`,
  lambdaPerExample: (w, l, g) => `λ·${w} counted once per example: ${cite(g)} has the L2 penalty's λ·${w} (λ = ${number(l)}) once per batch`,
  lambdaOnBias: (b, l, g) => `λ applied to a bias: the L2 penalty (λ = ${number(l)}) regularises the weights only, so ${cite(g)} has no term λ·${b}`,
  softmaxAsSigmoid: (a, deltaEqs, g) =>
    `softmax treated as a sigmoid: the claim takes σ(${a}ᵢ) for ŷᵢ, as if each output were a sigmoid of its own ${a}ᵢ; ` +
    `the softmax ŷᵢ = exp(${a}ᵢ)/Σₖ exp(${a}ₖ) couples the outputs, and with the cross-entropy δᵢ = ŷᵢ − yᵢ${deltaEqs.length ? ` (${eqs(deltaEqs)})` : ''}, in ${cite(g)}`,
  softmaxOnePath: (kept, a, g) =>
    kept === 'diagonal'
      ? `one path of the softmax only: the claim keeps the k = i term of δᵢ = Σₖ ∂J/∂ŷₖ · ∂ŷₖ/∂${a}ᵢ, ŷᵢ(1 − ŷᵢ) elementwise as for a sigmoid, and drops the k ≠ i terms −ŷₖŷᵢ, in ${cite(g)}`
      : `one path of the softmax only: ${routes(a)}; the claim keeps ` +
        (kept === 'numerator' ? `the direct path ŷᵢ → ${a}ᵢ (S held constant) and drops the paths through S` : `the paths through S and drops the direct path through exp(${a}ᵢ) (the k = i term)`) +
        `, in ${cite(g)}`,
  missingProductTerm: (u, v, kept, dropped, g) => `missing product-rule term: (u·v)′ = u′·v + u·v′ with u = ${u}, v = ${v}; the claim keeps ${kept} and drops ${dropped}, in ${cite(g)}`,
  missingPathTerm: (n, via, dropped, g) => `missing term: ${cite(g)} is the sum over the ${n} paths of the chain rule; the claim drops ${dropped}, the path through ${via}`,
  missingBatchMean: (g) => `missing batch mean 1/n: the spec averages over the batch (reduction "mean"), so ${cite(g)} has a factor 1/n`,
  extraBatchMean: (g) => `extra 1/n: the spec sums over the batch (reduction "sum"), so ${cite(g)} has no factor 1/n`,
  matrixMissingGprime: (gp, delta, g) => `missing ⊙ g′: the claim lacks the Hadamard factor ⊙ ${gp} of ${cite(delta)}, in ${cite(g)}`,
  transpose: (g, shapes) =>
    shapes ? `transpose: the claim is ${shapes.claim} but ${cite(g)} is ${shapes.truth}; its transpose is the gradient` : `transpose: the claim is the transpose of ${cite(g)}`,
  shape: (shapes, g) => `shape: the claim is ${shapes.claim} but ${cite(g)} is ${shapes.truth}`,
  nonConforming: (detail, truth, g) => `shape: the claim's shapes do not conform (${detail}); ${cite(g)} is ${truth}`,
};
