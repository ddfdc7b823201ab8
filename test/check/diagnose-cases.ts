// Wrong claims with the mistake they carry and the words of its diagnosis, in English and in
// French, written against the course's example specs. Each kind has at least two claims.
import type { CheckRequest } from '../../src/check/run.ts';

const S = 'examples/scalar-bce.json'; // seed 004: x → σ(w₁x + b₁) → σ(w₂a₁ + b₂), bce, z-a notation
const X = 'examples/xor.json'; // seed 002: 2 → 2 relu → 1 identity, mse, a-h notation
const C = 'examples/circles.json'; // seed 004: [2, 4, 4, 1] relu/relu/sigmoid, bce, z-a notation
const SM = 'examples/softmax-4-8-3.json'; // 4 → 8 tanh → 3 softmax, cross_entropy
const MLP = 'examples/mlp-3-4-2.json'; // seeds 000/002: 3 → 4 sigmoid → 2 identity, mse summed over the batch
const T = 'examples/tanh-regression.json'; // 1 → 8 tanh → 8 tanh → 1 identity, mse, λ = 0.01

export interface Case {
  readonly kind: string;
  readonly request: CheckRequest;
  readonly en: RegExp;
  readonly fr: RegExp;
}

const net = (specPath: string, param: string, claim: string): CheckRequest => ({ kind: 'network', specPath, param, claim });
const expr = (e: string, wrt: string, claim: string): CheckRequest => ({ kind: 'expression', expr: e, wrt, claim });
const c = (kind: string, request: CheckRequest, en: RegExp, fr: RegExp): Case => ({ kind, request, en, fr });

/** δ¹₂ of softmax-4-8-3 written out: Σᵢ δ²ᵢ w²ᵢ₂, with the tanh factor and input to follow. */
const SUM_12 = '(delta2[1]*W2[1][2] + delta2[2]*W2[2][2] + delta2[3]*W2[3][2])';

export const SCALAR_CASES: readonly Case[] = [
  c('sign', net(S, 'b2', 'y - yhat'), /^sign error: the claim is the negative of ∂J\/∂b₂ \(eq\. 11\)$/, /^erreur de signe : la réponse est l'opposé de ∂J\/∂b₂ \(éq\. 11\)$/),
  c('sign', expr('log(x*y)', 'x', '-1/x'), /negative of ∂z\/∂x \(eq\. 3\)/, /^erreur de signe : .*∂z\/∂x \(éq\. 3\)/),

  c('missing-hidden-chain', net(S, 'w1', '(yhat - y) * x'),
    /^chain rule not carried through the hidden layer: the claim stops at δ₁ = ∂J\/∂z₂ \(eq\. 12\) and lacks the factors w₂ · σ'\(z₁\) = a₁\(1 − a₁\) from z₂ down to z₁, in ∂J\/∂w₁ \(eq\. 16\); the other factor x is right$/,
    /^oubli de la règle de la chaîne à travers la couche cachée : la réponse s'arrête à δ₁ = ∂J\/∂z₂ \(éq\. 12\) ; il manque les facteurs w₂ · σ'\(z₁\) = a₁\(1 − a₁\) de z₂ jusqu'à z₁, dans ∂J\/∂w₁ \(éq\. 16\) ; l'autre facteur x est juste$/),
  c('missing-hidden-chain', net(S, 'b1', '\\hat{y} - y'), /stops at δ₁ = ∂J\/∂z₂ .* w₂ · σ'\(z₁\) = a₁\(1 − a₁\) .*∂J\/∂b₁ \(eq\. 17\)$/, /s'arrête à δ₁ .*il manque les facteurs w₂ · σ'\(z₁\).*∂J\/∂b₁ \(éq\. 17\)$/),
  c('missing-hidden-chain', net(SM, 'W1[2][3]', '(yhat1 - y1) * x3'),
    /stops at δ²₁ = ∂J\/∂a²₁ .*lacks the factors w²₁₂ · tanh'\(a¹₂\) = 1 − h¹₂² from a²₁ down to a¹₂ \(and the sum over the 3 units of that layer\), in ∂J\/∂w¹₂₃/,
    /il manque les facteurs w²₁₂ · tanh'\(a¹₂\) = 1 − h¹₂² de a²₁ jusqu'à a¹₂ \(et la somme sur les 3 unités de cette couche\)/),

  c('softmax-as-sigmoid', net(SM, 'b2[1]', 'sigma(a2[1]) - y1'),
    /^softmax treated as a sigmoid: the claim takes σ\(aᵢ\) for ŷᵢ, as if each output were a sigmoid of its own aᵢ; the softmax ŷᵢ = exp\(aᵢ\)\/Σₖ exp\(aₖ\) couples the outputs, and with the cross-entropy δᵢ = ŷᵢ − yᵢ \(eq\. \d+\), in ∂J\/∂b²₁ \(eq\. \d+\)$/,
    /^softmax traité comme une sigmoïde : la réponse prend σ\(aᵢ\) pour ŷᵢ, comme si chaque sortie était une sigmoïde de son propre aᵢ ; le softmax ŷᵢ = exp\(aᵢ\)\/Σₖ exp\(aₖ\) couple les sorties, et avec l'entropie croisée δᵢ = ŷᵢ − yᵢ \(éq\. \d+\), dans ∂J\/∂b²₁ \(éq\. \d+\)$/),
  c('softmax-as-sigmoid', net(SM, 'W2[2][1]', '(sigmoid(a2[2]) - y2) * h1[1]'), /softmax treated as a sigmoid: .*∂J\/∂w²₂₁/, /softmax traité comme une sigmoïde .*∂J\/∂w²₂₁/),
  c('softmax-as-sigmoid', net(SM, 'b2[3]', "-(y3/sigma(a2[3])) * sigma'(a2[3])"), /softmax treated as a sigmoid: .*∂J\/∂b²₃/, /softmax traité comme une sigmoïde .*∂J\/∂b²₃/),
  c('softmax-one-path', net(SM, 'b2[1]', '-(y1/yhat1) * yhat1 * (1 - yhat1)'),
    /^one path of the softmax only: the claim keeps the k = i term of δᵢ = Σₖ ∂J\/∂ŷₖ · ∂ŷₖ\/∂aᵢ, ŷᵢ\(1 − ŷᵢ\) elementwise as for a sigmoid, and drops the k ≠ i terms −ŷₖŷᵢ, in ∂J\/∂b²₁ \(eq\. \d+\)$/,
    /^un seul chemin du softmax : la réponse ne garde que le terme k = i de δᵢ = Σₖ ∂J\/∂ŷₖ · ∂ŷₖ\/∂aᵢ, ŷᵢ\(1 − ŷᵢ\) terme à terme comme pour une sigmoïde, et oublie les termes k ≠ i, −ŷₖŷᵢ, dans ∂J\/∂b²₁ \(éq\. \d+\)$/),
  c('softmax-one-path', net(SM, 'W2[1][3]', '-y1 * (1 - yhat1) * h1[3]'), /keeps the k = i term .*∂J\/∂w²₁₃/, /ne garde que le terme k = i .*∂J\/∂w²₁₃/),
  c('softmax-one-path', net(SM, 'b2[1]', '-y1'),
    /^one path of the softmax only: .*the claim keeps the direct path ŷᵢ → aᵢ \(S held constant\) and drops the paths through S, in ∂J\/∂b²₁/,
    /^un seul chemin du softmax : .*la réponse ne garde que le chemin direct ŷᵢ → aᵢ \(S traité comme une constante\) et oublie les chemins par S, dans ∂J\/∂b²₁/),
  c('softmax-one-path', net(SM, 'b2[2]', 'yhat2'), /keeps the paths through S and drops the direct path through exp\(aᵢ\)/, /ne garde que les chemins par S et oublie le chemin direct par exp\(aᵢ\)/),
  c('softmax-one-path', net(SM, 'W2[2][1]', '-y2 * h1[1]'), /one path of the softmax only: .*∂J\/∂w²₂₁/, /un seul chemin du softmax : .*∂J\/∂w²₂₁/),

  c('lambda-on-bias', net(T, 'b3', 'delta3 + 0.01*b3'),
    /^λ applied to a bias: the L2 penalty \(λ = 0\.01\) regularises the weights only, so ∂J\/∂b³₁ \(eq\. \d+\) has no term λ·b³₁$/,
    /^λ appliqué à un biais : la pénalité L2 \(λ = 0,01\) ne porte que sur les poids, donc ∂J\/∂b³₁ \(éq\. \d+\) n'a pas de terme λ·b³₁$/),
  c('lambda-on-bias', net(T, 'b1[2]', 'delta1[2] + 0.01*b1[2]'), /λ applied to a bias: .*λ·b¹₂$/, /λ appliqué à un biais : .*λ = 0,01.*λ·b¹₂$/),
  c('double-lambda', net(T, 'W3[1][1]', 'delta3*h2[1] + 0.02*W3[1][1]'),
    /^2λ for λ: the L2 penalty \(λ\/2\)·‖W‖² adds λ·w³₁₁ \(λ = 0\.01\) to ∂J\/∂w³₁₁ \(eq\. \d+\), not 2λ·w³₁₁$/,
    /^2λ au lieu de λ : la pénalité L2 \(λ\/2\)·‖W‖² ajoute λ·w³₁₁ \(λ = 0,01\) à ∂J\/∂w³₁₁ \(éq\. \d+\), et non 2λ·w³₁₁$/),
  c('double-lambda', net(T, 'W2[1][2]', 'delta2[1]*h1[2] + 0.02*W2[1][2]'), /^2λ for λ: .*λ·w²₁₂/, /^2λ au lieu de λ : .*λ·w²₁₂/),
  c('missing-lambda', net(T, 'W3[1][1]', 'delta3 * h2[1]'),
    /^missing regularisation term λ·w³₁₁ \(λ = 0\.01\): ∂J\/∂w³₁₁ \(eq\. \d+\) includes λ·w³₁₁ from the L2 penalty$/,
    /^terme de régularisation λ·w³₁₁ manquant \(λ = 0,01\) : ∂J\/∂w³₁₁ \(éq\. \d+\) contient λ·w³₁₁, qui vient de la pénalité L2$/),
  c('missing-lambda', net(T, 'W1[3][1]', 'delta1[3] * x'), /^missing regularisation term λ·w¹₃₁/, /^terme de régularisation λ·w¹₃₁ manquant/),

  c('function-for-derivative', net(S, 'w1', '(yhat - y) * w2 * a1 * x'),
    /^the function instead of its derivative: σ\(z₁\) = a₁ used where σ'\(z₁\) = a₁\(1 − a₁\) is needed, in ∂J\/∂w₁ \(eq\. 16\); the other factors ŷ − y, w₂, x are right$/,
    /^la fonction au lieu de sa dérivée : σ\(z₁\) = a₁ à la place de σ'\(z₁\) = a₁\(1 − a₁\), dans ∂J\/∂w₁ \(éq\. 16\) ; les autres facteurs ŷ − y, w₂ et x sont justes$/),
  c('function-for-derivative', net(SM, 'W1[2][3]', `${SUM_12} * h1[2] * x3`), /tanh\(a¹₂\) = h¹₂ used where tanh'\(a¹₂\) = 1 − h¹₂² is needed/, /tanh\(a¹₂\) = h¹₂ à la place de tanh'\(a¹₂\) = 1 − h¹₂²/),
  c('function-for-derivative', expr('softplus(w*x + b)', 'w', 'softplus(w*x + b) * x'), /softplus\(w·x \+ b\) used where softplus'\(w·x \+ b\) is needed/, /softplus\(w·x \+ b\) à la place de softplus'\(w·x \+ b\)/),
  c('function-for-derivative', expr('log(1 + exp(x))', 'x', '\\ln(1 + e^x)'), /^the function instead of its derivative: log\(1 \+ exp\(x\)\) used where .* is needed, in ∂z\/∂x/, /^la fonction au lieu de sa dérivée : log\(1 \+ exp\(x\)\) à la place de /),
  c('function-for-derivative', expr('relu(3*x - 1)', 'x', '3 * relu(3*x - 1)'), /relu\(3·x − 1\) used where relu'\(3·x − 1\) is needed.*; the other factor 3 is right/, /relu\(3·x − 1\) à la place de relu'\(3·x − 1\).* ; l'autre facteur 3 est juste/),

  c('wrong-activation', net(S, 'w1', '(yhat - y) * w2 * (1 - a1^2) * x'),
    /^wrong activation derivative: tanh' = 1 − a₁² used where a₁ = sigmoid\(z₁\) needs σ'\(z₁\) = a₁\(1 − a₁\), in ∂J\/∂w₁ \(eq\. 16\); the other factors ŷ − y, w₂, x are right$/,
    /^mauvaise dérivée d'activation : tanh' = 1 − a₁² au lieu de σ'\(z₁\) = a₁\(1 − a₁\), puisque a₁ = sigmoid\(z₁\), dans ∂J\/∂w₁ \(éq\. 16\)/),
  c('wrong-activation', net(SM, 'W1[2][3]', `${SUM_12} * h1[2] * (1 - h1[2]) * x3`), /σ' = h¹₂\(1 − h¹₂\) used where h¹₂ = tanh\(a¹₂\) needs tanh'\(a¹₂\)/, /σ' = h¹₂\(1 − h¹₂\) au lieu de tanh'\(a¹₂\) = 1 − h¹₂², puisque h¹₂ = tanh\(a¹₂\)/),
  c('activation-of-wrong-quantity', net(S, 'w1', '(yhat - y) * w2 * yhat * (1 - yhat) * x'),
    /^activation derivative of the wrong quantity: σ'\(z₂\) = ŷ\(1 − ŷ\) used where σ'\(z₁\) = a₁\(1 − a₁\) is needed, in ∂J\/∂w₁ \(eq\. 16\)/,
    /^dérivée de l'activation appliquée à la mauvaise quantité : σ'\(z₂\) = ŷ\(1 − ŷ\) au lieu de σ'\(z₁\) = a₁\(1 − a₁\), dans ∂J\/∂w₁ \(éq\. 16\)/),
  c('activation-of-wrong-quantity', net(T, 'W2[1][1]', 'delta3 * W3[1][1] * (1 - yhat^2) * h1[1] + 0.01*W2[1][1]'), /1 − ŷ² used where tanh'\(a²₁\) = 1 − h²₁² is needed/, /1 − ŷ² au lieu de tanh'\(a²₁\) = 1 − h²₁²/),
  c('activation-of-wrong-quantity', net(S, 'w1', "(yhat - y) * w2 * sigma'(a1) * x"), /σ'\(a₁\) used where σ'\(z₁\) = a₁\(1 − a₁\) is needed/, /σ'\(a₁\) au lieu de σ'\(z₁\)/),
  c('activation-of-wrong-quantity', net(SM, 'W1[2][3]', `${SUM_12} * (1 - h1[3]^2) * x3`), /tanh'\(a¹₃\) = 1 − h¹₃² used where tanh'\(a¹₂\) = 1 − h¹₂²/, /tanh'\(a¹₃\) = 1 − h¹₃² au lieu de tanh'\(a¹₂\)/),

  c('missing-factor', net(S, 'w1', '(yhat - y) * w2 * x'),
    /^missing factor σ'\(z₁\) = a₁\(1 − a₁\) in ∂J\/∂w₁ \(eq\. 16\); the other factors ŷ − y, w₂, x are right$/,
    /^facteur manquant σ'\(z₁\) = a₁\(1 − a₁\) dans ∂J\/∂w₁ \(éq\. 16\) ; les autres facteurs ŷ − y, w₂ et x sont justes$/),
  c('missing-factor', net(S, 'w1', '(yhat - y) * a1 * (1 - a1) * x'), /^missing factor w₂ in ∂J\/∂w₁ \(eq\. 16\); the other factors ŷ − y, σ'\(z₁\) = a₁\(1 − a₁\), x are right$/, /^facteur manquant w₂ .* ; les autres facteurs ŷ − y, σ'\(z₁\) = a₁\(1 − a₁\) et x sont justes$/),
  c('missing-factor', net(X, 'W1[1][2]', '(yhat - y) * W2[1][1] * x2'), /^missing factor relu'\(a¹₁\) = step\(a¹₁\) in ∂J\/∂w¹₁₂ \(eq\. 20\); the other factors ŷ − y, w²₁₁, x₂ are right$/, /^facteur manquant relu'\(a¹₁\) = step\(a¹₁\) dans ∂J\/∂w¹₁₂ \(éq\. 20\)/),
  c('missing-chain-factor', expr('sin(x^2)', 'x', 'cos(x^2)'),
    /^missing chain-rule factor 2·x, the derivative of the argument x² of sin\(x²\), in ∂z\/∂x \(eq\. 3\); the other factor cos\(x²\) is right$/,
    /^règle de la chaîne incomplète : il manque le facteur 2·x, la dérivée de l'argument x² de sin\(x²\), dans ∂z\/∂x \(éq\. 3\) ; l'autre facteur cos\(x²\) est juste$/),
  c('missing-chain-factor', expr('exp(sin(x))', 'x', 'exp(sin(x))'), /missing chain-rule factor cos\(x\), the derivative of the argument sin\(x\) of exp\(sin\(x\)\)/, /il manque le facteur cos\(x\), la dérivée de l'argument sin\(x\) de exp\(sin\(x\)\)/),
  c('missing-chain-factor', expr('log(x^2 + 1)', 'x', '\\frac{1}{x^2+1}'), /^missing chain-rule factor 2·x, the derivative of the argument x² \+ 1 of log\(x² \+ 1\), in ∂z\/∂x/, /^règle de la chaîne incomplète : il manque le facteur 2·x, la dérivée de l'argument x² \+ 1 de log\(x² \+ 1\)/),
  c('missing-chain-factor', expr('(2*x + 1)^3', 'x', '3(2x + 1)^2'), /missing chain-rule factor 2, the derivative of the argument 2·x \+ 1 of \(2·x \+ 1\)³/, /il manque le facteur 2, la dérivée de l'argument 2·x \+ 1 de \(2·x \+ 1\)³/),
  c('missing-chain-factor', expr('sigmoid(2*x)', 'x', 'sigmoid(2*x) * (1 - sigmoid(2*x))'), /missing chain-rule factor 2, the derivative of the argument 2·x of sigmoid\(2·x\)/, /il manque le facteur 2, la dérivée de l'argument 2·x/),
  c('extra-factor', net(S, 'b2', '(yhat - y) * yhat * (1 - yhat)'),
    /^extra factor σ'\(z₂\) = ŷ\(1 − ŷ\): bce after a sigmoid cancels it \(∂J\/∂z = ŷ − y\), in ∂J\/∂b₂ \(eq\. 11\); the factor ŷ − y is right$/,
    /^facteur en trop σ'\(z₂\) = ŷ\(1 − ŷ\) : avec la bce après une sigmoïde, il se simplifie \(∂J\/∂z = ŷ − y\), dans ∂J\/∂b₂ \(éq\. 11\) ; le facteur ŷ − y est juste$/),
  c('missing-factor', expr('sqrt(x)', 'x', '\\frac{1}{\\sqrt{x}}'), /^missing factor 1\/2 in ∂z\/∂x \(eq\. 2\)$/, /^facteur manquant 1\/2 dans ∂z\/∂x \(éq\. 2\)$/),
  c('extra-factor', expr('tanh(x)', 'x', '2(1 - tanh(x)^2)'), /^extra factor 2, in ∂z\/∂x \(eq\. 2\)$/, /^facteur en trop 2, dans ∂z\/∂x \(éq\. 2\)$/),
  c('extra-factor', net(MLP, 'b2[2]', '(yhat2 - y2) * yhat2 * (1 - yhat2)'),
    /^extra factor ŷ₂\(1 − ŷ₂\): the output layer is linear \(identity\), so ∂ŷ\/∂a = 1, in ∂J\/∂b²₂ \(eq\. \d+\); the factor ŷ₂ − y₂ is right$/,
    /^facteur en trop ŷ₂\(1 − ŷ₂\) : la couche de sortie est linéaire \(identité\), donc ∂ŷ\/∂a = 1, dans ∂J\/∂b²₂ \(éq\. \d+\) ; le facteur ŷ₂ − y₂ est juste$/),
  c('extra-factor', net(X, 'W2[1][1]', 'delta2 * h1[1] * h1[1]'), /^extra factor h¹₁, in ∂J\/∂w²₁₁ \(eq\. 12\); the factors ŷ − y, h¹₁ are right$/, /^facteur en trop h¹₁, dans ∂J\/∂w²₁₁ \(éq\. 12\)/),

  c('missing-product-term', expr('x^2*exp(x)', 'x', '2*x*exp(x)'),
    /^missing product-rule term: \(u·v\)′ = u′·v \+ u·v′ with u = x², v = exp\(x\); the claim keeps 2·exp\(x\)·x and drops x²·exp\(x\), in ∂z\/∂x \(eq\. 4\)$/,
    /^terme manquant de la règle du produit : \(u·v\)′ = u′·v \+ u·v′ avec u = x², v = exp\(x\) ; la réponse garde 2·exp\(x\)·x et oublie x²·exp\(x\), dans ∂z\/∂x \(éq\. 4\)$/),
  c('missing-product-term', expr('x^2*exp(x)', 'x', 'x^2*exp(x)'), /keeps x²·exp\(x\) and drops 2·exp\(x\)·x/, /garde x²·exp\(x\) et oublie 2·exp\(x\)·x/),
  c('missing-product-term', expr('x*sin(x)', 'x', 'sin(x)'), /u = x, v = sin\(x\); the claim keeps sin\(x\) and drops x·cos\(x\)/, /la réponse garde sin\(x\) et oublie x·cos\(x\)/),

  c('swapped-indices', net(X, 'W1[1][2]', 'delta1[2] * x1'),
    /^swapped indices: this is ∂J\/∂w¹₂₁ \(eq\. 21\), not ∂J\/∂w¹₁₂ \(eq\. 20\); the index ij is read as ji, as by a transpose$/,
    /^indices inversés : c'est ∂J\/∂w¹₂₁ \(éq\. 21\), et non ∂J\/∂w¹₁₂ \(éq\. 20\) ; l'indice ij est lu ji, comme par une transposition$/),
  c('swapped-indices', net(SM, 'W1[2][3]', '(delta2[1]*W2[2][1] + delta2[2]*W2[2][2] + delta2[3]*W2[3][2]) * (1 - h1[2]^2) * x3'),
    /^swapped indices: w²₂₁ used for w²₁₂ in ∂J\/∂w¹₂₃ \(eq\. \d+\) \(wᵏᵢⱼ links unit j of layer k − 1 to unit i of layer k\)$/,
    /^indices inversés : w²₂₁ au lieu de w²₁₂ dans ∂J\/∂w¹₂₃ \(éq\. \d+\) \(wᵏᵢⱼ relie l'unité j de la couche k − 1 à l'unité i de la couche k\)$/),
  c('swapped-indices', net(SM, 'W1[2][3]', '(delta2[1]*W2[2][1] + delta2[2]*W2[2][2] + delta2[3]*W2[2][3]) * (1 - h1[2]^2) * x3'), /w²₂₁ used for w²₁₂, w²₂₃ used for w²₃₂/, /w²₂₁ au lieu de w²₁₂ et w²₂₃ au lieu de w²₃₂/),
  c('index', net(S, 'w2', '(yhat - y) * w2 * a1 * (1 - a1) * x'), /^index: this is ∂J\/∂w₁ \(eq\. 16\), the gradient of w₁, not of w₂ \(eq\. 10\)$/, /^erreur d'indice : c'est ∂J\/∂w₁ \(éq\. 16\), le gradient de w₁, et non celui de w₂ \(éq\. 10\)$/),
  c('index', net(SM, 'W2[1][3]', '(yhat2 - y2) * h1[3]'), /^index: this is ∂J\/∂w²₂₃ .*, the gradient of w²₂₃, not of w²₁₃/, /^erreur d'indice : c'est ∂J\/∂w²₂₃ .*et non celui de w²₁₃/),
  c('index', expr('x^2*y', 'x', 'x^2'), /^wrong input: this is ∂z\/∂y, the derivative with respect to y, not x \(eq\. \d+\)$/, /^mauvaise variable : c'est ∂z\/∂y, la dérivée par rapport à y, et non par rapport à x \(éq\. \d+\)$/),
  c('index', expr('exp(x*y)', 'x', 'x e^{xy}'), /^wrong input: this is ∂z\/∂y/, /^mauvaise variable : c'est ∂z\/∂y/),
  c('index', net(C, 'W2[3][1]', 'delta3[3] * a1[1]'),
    /^index: δ³₃ used instead of δ²₃ = ∂J\/∂z²₃ \(eq\. \d+\), in ∂J\/∂w²₃₁ \(eq\. \d+\); δ is numbered from the output back \(δ¹₁ = ∂J\/∂z³₁ \(eq\. \d+\)\)$/,
    /^erreur d'indice : δ³₃ au lieu de δ²₃ = ∂J\/∂z²₃ \(éq\. \d+\), dans ∂J\/∂w²₃₁ \(éq\. \d+\) ; les δ sont numérotés depuis la sortie \(δ¹₁ = ∂J\/∂z³₁ \(éq\. \d+\)\)$/),
  c('wrong-input', net(X, 'W1[1][2]', 'delta1[1] * x1'), /^wrong input: x₁ used instead of x₂; this is ∂J\/∂w¹₁₁ \(eq\. 19\), not ∂J\/∂w¹₁₂ \(eq\. 20\)$/, /^mauvaise entrée : x₁ au lieu de x₂ ; c'est ∂J\/∂w¹₁₁ \(éq\. 19\), et non ∂J\/∂w¹₁₂ \(éq\. 20\)$/),
  c('wrong-input', expr('log(x*y)', 'x', '1/y'), /^wrong input: y used instead of x in ∂z\/∂x \(eq\. 3\)$/, /^mauvaise entrée : y au lieu de x dans ∂z\/∂x \(éq\. 3\)$/),
  c('wrong-input', net(S, 'w2', '(yhat - y) * x'), /^wrong input: x used instead of a₁ in ∂J\/∂w₂ \(eq\. 10\)$/, /^mauvaise entrée : x au lieu de a₁ dans ∂J\/∂w₂ \(éq\. 10\)$/),
  c('wrong-input', net(X, 'W2[1][1]', 'delta2 * a1[1]'), /^wrong input: a¹₁ used instead of h¹₁ in ∂J\/∂w²₁₁/, /^mauvaise entrée : a¹₁ au lieu de h¹₁/),
  c('wrong-input', net(C, 'W3[1][2]', '(yhat - y) * z2[2]'), /^wrong input: z²₂ used instead of a²₂ in ∂J\/∂w³₁₂/, /^mauvaise entrée : z²₂ au lieu de a²₂/),
  c('wrong-input', net(X, 'W2[1][1]', 'delta2 * h1[2]'), /^wrong input: h¹₂ used instead of h¹₁; this is ∂J\/∂w²₁₂ \(eq\. 13\), not ∂J\/∂w²₁₁ \(eq\. 12\)$/, /^mauvaise entrée : h¹₂ au lieu de h¹₁ ; c'est ∂J\/∂w²₁₂/),
];

/** A matrix-form claim: judged entry by entry against a whole block (matrix-judge.ts). */
export interface MatrixCase {
  readonly kind: string;
  readonly spec: string;
  readonly param: string;
  readonly claim: string;
  readonly en: RegExp;
  readonly fr: RegExp;
}

export const MATRIX_CASES: readonly MatrixCase[] = [
  { kind: 'matrix-missing-gprime', spec: X, param: 'W1', claim: '(W2^T * delta2) * x^T',
    en: /^missing ⊙ g′: the claim lacks the Hadamard factor ⊙ relu'\(a₁\) = step\(a₁\) of δ₁ = \(W₂ᵀδ₂\) ⊙ relu'\(a₁\) \(eq\. 27\), in ∂J\/∂W₁ \(eq\. 28\)$/,
    fr: /^⊙ g′ manquant : il manque le facteur de Hadamard ⊙ relu'\(a₁\) = step\(a₁\) de δ₁ = \(W₂ᵀδ₂\) ⊙ relu'\(a₁\) \(éq\. 27\), dans ∂J\/∂W₁ \(éq\. 28\)$/ },
  { kind: 'matrix-missing-gprime', spec: SM, param: 'b1', claim: 'W2^T * delta2', en: /⊙ tanh'\(a₁\) = 1 − h₁² of δ₁ = \(W₂ᵀδ₂\) ⊙ tanh'\(a₁\) .*in ∂J\/∂b₁/, fr: /il manque le facteur de Hadamard ⊙ tanh'\(a₁\) = 1 − h₁²/ },
  { kind: 'matrix-missing-gprime', spec: T, param: 'W2', claim: '(W3^T * delta3) * h1^T + 0.01 * W2', en: /⊙ tanh'\(a₂\) = 1 − h₂² of δ₂ = \(W₃ᵀδ₃\) ⊙ tanh'\(a₂\)/, fr: /⊙ tanh'\(a₂\) = 1 − h₂² de δ₂/ },
  { kind: 'matrix-missing-gprime', spec: C, param: 'W2', claim: '(W3^T * delta1) * a1^T', en: /⊙ relu'\(z₂\) = step\(z₂\) of δ₂ = \(W₃ᵀδ₁\) ⊙ relu'\(z₂\)/, fr: /⊙ relu'\(z₂\) = step\(z₂\) de δ₂ = \(W₃ᵀδ₁\)/ },
  { kind: 'transpose', spec: X, param: 'W2', claim: 'h1 * delta2^T',
    en: /^transpose: the claim is 2×1 but ∂J\/∂W₂ \(eq\. 17\) is 1×2; its transpose is the gradient$/,
    fr: /^transposée : la réponse est de taille 2×1 mais ∂J\/∂W₂ \(éq\. 17\) est de taille 1×2 ; c'est sa transposée qui est le gradient$/ },
  { kind: 'transpose', spec: X, param: 'W1', claim: 'x * delta1^T', en: /^transpose: the claim is the transpose of ∂J\/∂W₁ \(eq\. 28\)$/, fr: /^transposée : la réponse est la transposée de ∂J\/∂W₁ \(éq\. 28\)$/ },
  { kind: 'shape', spec: X, param: 'W2', claim: 'delta2', en: /^shape: the claim is 1×1 but ∂J\/∂W₂ \(eq\. 17\) is 1×2$/, fr: /^dimensions : la réponse est de taille 1×1 mais ∂J\/∂W₂ \(éq\. 17\) est de taille 1×2$/ },
  { kind: 'shape', spec: SM, param: 'W2', claim: 'delta2', en: /^shape: the claim is 3×1 but ∂J\/∂W₂ .* is 3×8$/, fr: /^dimensions : la réponse est de taille 3×1 .* est de taille 3×8$/ },
  { kind: 'sign', spec: X, param: 'W1', claim: '-delta1 * x^T', en: /^sign error: the claim is the negative of ∂J\/∂W₁ \(eq\. 28\)$/, fr: /^erreur de signe : la réponse est l'opposé de ∂J\/∂W₁ \(éq\. 28\)$/ },
  { kind: 'missing-lambda', spec: T, param: 'W3', claim: 'delta3 * h2^T', en: /^missing regularisation term λ·W₃ \(λ = 0\.01\): ∂J\/∂W₃ \(eq\. \d+\) includes λ·W₃/, fr: /^terme de régularisation λ·W₃ manquant \(λ = 0,01\)/ },
  { kind: 'double-lambda', spec: T, param: 'W3', claim: 'delta3 * h2^T + 0.02 * W3', en: /^2λ for λ: .*adds λ·W₃ \(λ = 0\.01\) to ∂J\/∂W₃/, fr: /^2λ au lieu de λ : .*ajoute λ·W₃ \(λ = 0,01\)/ },
  { kind: 'extra-factor', spec: SM, param: 'b2', claim: '(yhat - y) .* yhat .* (1 - yhat)',
    en: /^extra factor ⊙ ŷ ⊙ \(1 − ŷ\): cross-entropy after a softmax cancels it \(∂J\/∂a = ŷ − y\), in ∂J\/∂b₂ \(eq\. \d+\)$/,
    fr: /^facteur en trop ⊙ ŷ ⊙ \(1 − ŷ\) : avec l'entropie croisée après un softmax, il se simplifie/ },
  { kind: 'lambda-on-bias', spec: T, param: 'b2', claim: 'delta2 + 0.01 * b2', en: /^λ applied to a bias: .*∂J\/∂b₂ \(eq\. \d+\) has no term λ·b₂$/, fr: /^λ appliqué à un biais : .*n'a pas de terme λ·b₂$/ },
];

/** A batch claim (n, sum): judged on batches of examples (batch-judge.ts). SUM is scalar-bce with reduction "sum". */
export interface BatchCase {
  readonly kind: string;
  readonly spec: string | 'SUM';
  readonly param: string;
  readonly claim: string;
  readonly en: RegExp;
  readonly fr: RegExp;
}

export const BATCH_CASES: readonly BatchCase[] = [
  { kind: 'missing-batch-mean', spec: S, param: 'w2', claim: 'sum((yhat - y) * a1)',
    en: /^missing batch mean 1\/n: the spec averages over the batch \(reduction "mean"\), so ∂J\/∂w₂ \(eq\. 10\) has a factor 1\/n$/,
    fr: /^moyenne sur le lot oubliée : la spécification fait la moyenne sur le lot \(reduction "mean"\), donc ∂J\/∂w₂ \(éq\. 10\) a un facteur 1\/n$/ },
  { kind: 'missing-batch-mean', spec: S, param: 'b2', claim: '\\sum_i (\\hat{y}_i - y_i)', en: /^missing batch mean 1\/n: .*∂J\/∂b₂ \(eq\. 11\)/, fr: /^moyenne sur le lot oubliée : .*∂J\/∂b₂ \(éq\. 11\)/ },
  { kind: 'missing-batch-mean', spec: T, param: 'W3[1][1]', claim: 'sum(delta3 * h2[1]) + 0.01 * W3[1][1]', en: /^missing batch mean 1\/n: .*∂J\/∂w³₁₁/, fr: /^moyenne sur le lot oubliée : .*∂J\/∂w³₁₁/ },
  { kind: 'extra-batch-mean', spec: 'SUM', param: 'w2', claim: '(1/n) * sum((yhat - y) * a1)',
    en: /^extra 1\/n: the spec sums over the batch \(reduction "sum"\), so ∂J\/∂w₂ \(eq\. 10\) has no factor 1\/n$/,
    fr: /^1\/n en trop : la spécification fait la somme sur le lot \(reduction "sum"\), donc ∂J\/∂w₂ \(éq\. 10\) n'a pas de facteur 1\/n$/ },
  { kind: 'extra-batch-mean', spec: 'SUM', param: 'b2', claim: 'sum(yhat - y) / n', en: /^extra 1\/n: .*∂J\/∂b₂/, fr: /^1\/n en trop : .*∂J\/∂b₂/ },
  { kind: 'missing-lambda', spec: T, param: 'W3[1][1]', claim: '(1/n) * sum(delta3 * h2[1])', en: /^missing regularisation term λ·w³₁₁ \(λ = 0\.01\)/, fr: /^terme de régularisation λ·w³₁₁ manquant \(λ = 0,01\)/ },
  { kind: 'double-lambda', spec: T, param: 'W3[1][1]', claim: '(1/n) * sum(delta3 * h2[1]) + 0.02 * W3[1][1]', en: /^2λ for λ: .*λ·w³₁₁/, fr: /^2λ au lieu de λ : .*λ = 0,01/ },
  { kind: 'double-lambda', spec: T, param: 'W3[1][1]', claim: 'sum(delta3 * h2[1] / n + 0.01 * W3[1][1])',
    en: /^λ·w³₁₁ counted once per example: ∂J\/∂w³₁₁ \(eq\. \d+\) has the L2 penalty's λ·w³₁₁ \(λ = 0\.01\) once per batch$/,
    fr: /^λ·w³₁₁ compté une fois par exemple : ∂J\/∂w³₁₁ \(éq\. \d+\) ne contient le terme λ·w³₁₁ de la pénalité L2 \(λ = 0,01\) qu'une fois par lot$/ },
  { kind: 'lambda-on-bias', spec: T, param: 'b3', claim: '(1/n) * sum(delta3) + 0.01 * b3', en: /^λ applied to a bias: .*λ·b³₁$/, fr: /^λ appliqué à un biais : .*λ·b³₁$/ },
  { kind: 'sign', spec: S, param: 'w2', claim: '-(1/n) * sum((yhat - y) * a1)', en: /^sign error: the claim is the negative of ∂J\/∂w₂ \(eq\. 10\)$/, fr: /^erreur de signe : .*∂J\/∂w₂ \(éq\. 10\)$/ },
];
