import { convFr } from './conv-fr.ts';
import type { Messages } from './messages.ts';
import { frenchSpacing, mathDecimalComma, groupThousands } from './typography.ts';

/** "2, 4, 4 et 1": a French list ends with « et », not a comma. */
const list = (xs: readonly number[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} et ${xs.at(-1)}`);

const catalog: Messages = {
  expressionTitle: (f, wrt) => `Dérivée de $${f}$ par rapport à $${wrt}$`,
  networkTitle: 'Rétropropagation pour le réseau',
  decomposition: 'Décomposition en variables intermédiaires',
  decompositionIntro: "Chaque opération reçoit un nom, ce qui permet d’appliquer la règle de la chaîne étape par étape.",
  localDerivatives: 'Dérivées locales',
  localDerivativesIntro: 'Pour chaque variable intermédiaire, sa dérivée par rapport à chacun de ses arguments et la règle qui la donne.',
  chainRule: 'Règle de la chaîne',
  chainIntro: 'On multiplie les dérivées locales le long de chaque chemin qui va de la sortie à la variable, puis on additionne les produits obtenus sur tous les chemins.',
  result: 'Résultat',
  forwardPass: 'Passe avant',
  forwardIntro: 'Les calculs qui suivent portent sur un seul exemple ; la passe arrière en réutilise les résultats.',
  expandedIntro: 'Chaque gradient est un produit de dérivées locales le long du chemin qui va de la perte au paramètre.',
  deltasObservation:
    "Dans la règle de la chaîne, les premiers facteurs du produit sont les mêmes pour tous les paramètres d’une couche : on calcule leur produit une seule fois et on le nomme $\\delta$, le terme d’erreur de la pré-activation. Chaque $\\delta$ se calcule à partir du précédent, si bien que le coût croît linéairement avec la profondeur.",
  rules: {
    identity: 'identité', sum: 'règle de la somme', difference: 'règle de la différence', product: 'règle du produit',
    quotient: 'règle du quotient', power: 'règle de la puissance', negation: "passage à l’opposé", exp: "dérivée de l’exponentielle",
    log: 'dérivée du logarithme', sqrt: 'dérivée de la racine carrée', abs: 'dérivée de |u|',
    sin: 'dérivée de sin', cos: 'dérivée de cos', tan: 'dérivée de tan',
    sec: 'dérivée de sec', csc: 'dérivée de cosec', cot: 'dérivée de cotan',
    sinh: 'dérivée de sh', cosh: 'dérivée de ch', sech: 'dérivée de sech', csch: 'dérivée de csch', coth: 'dérivée de coth',
    asin: 'dérivée de arcsin', acos: 'dérivée de arccos', atan: 'dérivée de arctan',
    sigmoid: "$\\sigma' = \\sigma(1 - \\sigma)$", tanh: "$\\tanh' = 1 - \\tanh^2$", relu: "relu' = fonction échelon", softplus: "$\\operatorname{softplus}' = \\sigma$",
    leaky_relu: "lrelu' = 1 ou la pente", step: 'fonction échelon (dérivée nulle)', sign: 'fonction signe (dérivée nulle)',
    leaky_step: 'constante par morceaux (dérivée nulle)',
  },
  matrixForm: 'Forme matricielle',
  matrixIntro:
    "Sous forme matricielle, on traite toute une couche à la fois : pré-activations, activations et termes d’erreur sont des vecteurs colonnes, $W_k$ a $N_k$ lignes et $N_{k-1}$ colonnes, et $\\odot$ est le produit de Hadamard (terme à terme).",
  softmaxJacobian: 'Les sorties du softmax sont couplées ; sa jacobienne distingue deux cas :',
  matrixBatch:
    "Sur un mini-lot de $n$ exemples (indicés par l’exposant $(i)$), les gradients sont moyennés (sommés pour la réduction « sum ») ; la régularisation L2 éventuelle ajoute $\\lambda W_k$ :",
  network: 'Le réseau',
  parameterCount: (sizes, total, weights, biases) =>
    `De l’entrée à la sortie, les couches ont ${list(sizes)} unités, soit ${groupThousands(total)} paramètres : ${groupThousands(weights)} poids et ${groupThousands(biases)} biais. Chaque matrice de poids $W_k$ a $N_k \\times N_{k-1}$ coefficients et chaque vecteur de biais $b_k$ en a $N_k$.`,
  unitByUnit: 'Unité par unité',
  storedNote: 'Les valeurs marquées « mémorisée » sont conservées pour la passe arrière, qui les relit.',
  stored: 'mémorisée',
  loss: 'La perte et son gradient',
  lossGradientIntro: 'La dérivée de la perte par rapport à la sortie amorce la passe arrière.',
  layer: (k) => `Couche ${k}`,
  expandedOmitted: "Les gradients des paramètres de cette couche atteints par plusieurs chemins sont donnés plus bas, à l’aide des termes d’erreur.",
  algorithmTitle: 'Algorithme',
  algorithmBox: 'Apprentissage par rétropropagation (descente de gradient par mini-lots)',
  algorithm: ({ pre, act, mean, l2, deltaOut, outputDelta, deltaK, deltaNext, hidden }) => [
    'Initialiser les poids $W_k$ et les biais $b_k$ ; puis, pour chaque époque et chaque mini-lot de $n$ exemples :',
    `Passe avant : $${act}_0 = x$, et pour $k = 1, \\dots, L$ : $${pre}_k = W_k ${act}_{k-1} + b_k$, $${act}_k = g_k(${pre}_k)$ ; mémoriser chaque $${pre}_k$ et $${act}_k$ ; $\\hat{y} = ${act}_L$.`,
    `Perte : $J = ${mean ? '\\frac{1}{n}' : ''}\\sum_{i=1}^{n} L(\\hat{y}^{(i)}, y^{(i)})${l2 ? ` + \\frac{\\lambda}{2} \\sum_k \\lVert W_k \\rVert^2$ avec $\\lambda = ${mathDecimalComma(l2)}$` : '$'}.`,
    `Passe arrière : à la sortie, $${deltaOut} = ${outputDelta}$ (obtenu plus haut)${hidden ? `, puis pour $k = L-1, \\dots, 1$ : $${deltaK} = (W_{k+1}^{\\top} ${deltaNext}) \\odot g_k'(${pre}_k)$` : ''}, où $${deltaK} = \\partial J / \\partial ${pre}_k$ est le terme d’erreur de la couche $k$ (produit de Hadamard $\\odot$).`,
    `Gradients : $\\nabla_{W_k} J = ${mean ? '\\frac{1}{n}' : ''}\\sum_i ${deltaK} ${act}_{k-1}^{\\top}${l2 ? ' + \\lambda W_k' : ''}$ et $\\nabla_{b_k} J = ${mean ? '\\frac{1}{n}' : ''}\\sum_i ${deltaK}$.`,
    'Mise à jour, avec le taux d’apprentissage $\\alpha$ : $W_k \\leftarrow W_k - \\alpha \\nabla_{W_k} J$ et $b_k \\leftarrow b_k - \\alpha \\nabla_{b_k} J$ ; recommencer.',
  ],
  contents: 'Table des matières',
  summaryIntro: 'Couche par couche, les dimensions des grandeurs associées à un exemple :',
  summaryHeader: ({ pre, act }) => ['Couche', 'Unités', 'Activation', '$W_k$', '$b_k$', `$${pre}_k$, $${act}_k$`, '$\\delta$', 'Paramètres'],
  inputLayer: '0 (entrée)',
  total: 'total',
  leakyReluDefinition: (slope) => `La ReLU à fuite (leaky ReLU) de pente ${slope.replace('.', ',')} est $\\operatorname{lrelu}_{${slope}}(u) = u$ pour $u > 0$ et $${slope}\\, u$ sinon ; sa dérivée $\\operatorname{lrelu}'_{${slope}}(u)$ vaut 1 pour $u > 0$ et ${slope.replace('.', ',')} sinon.`,
  l2Chains: "Ces chaînes dérivent la perte de l’exemple ; le terme L2 ajoute $\\lambda w$ au gradient de chaque poids (plus bas).",
  softmaxLocal:
    "Dans la forme unité par unité, le softmax est décomposé en $S = \\sum_j e^{a_j}$ et $\\hat{y}_i = e^{a_i} / S$, deux nœuds distincts du graphe : la dérivée locale $\\partial \\hat{y}_i / \\partial a_i = \\hat{y}_i$ est prise à $S$ fixé, et le chemin qui passe par $S$ ajoute $-\\hat{y}_i \\hat{y}_j$. Ces deux contributions réunies donnent les deux cas de la jacobienne.",
  l2Term: (lambda) => `Avec la régularisation L2 ($\\lambda = ${mathDecimalComma(lambda)}$), la perte comporte aussi le terme $\\frac{\\lambda}{2} \\sum_k \\lVert W_k \\rVert_F^2$, qui ajoute $\\lambda W_k$ au gradient de chaque matrice de poids ; les biais ne sont pas régularisés :`,
  exampleTitle: 'Exemple numérique',
  exampleIntro: ({ drawn, seed, lr }) =>
    `${drawn ? `L’exemple est tiré avec la graine ${seed ?? 1} ($x$ dans $[-1, 1]$, arrondi à deux décimales)` : "L’exemple est celui de la spécification"}, ${seed === undefined ? 'les paramètres sont ceux de la spécification' : `les paramètres sont tirés avec la graine ${seed} (initialisation de He, arrondis à deux décimales ; biais nuls)`} et le taux d’apprentissage vaut $\\alpha = ${lr}$. La sortie, la perte, les gradients et la mise à jour sont calculés par le code généré, les valeurs des couches par le moteur de référence ; les nombres sont arrondis à 4 chiffres significatifs.`,
  exampleParameters: 'Entrée, cible et paramètres :',
  exampleForward: 'Passe avant :',
  exampleLoss: 'Perte :',
  exampleBackward: 'Passe arrière, de la sortie vers l’entrée :',
  exampleGradients: 'Gradients :',
  exampleUpdate: 'Un pas de descente de gradient, $\\theta \\leftarrow \\theta - \\alpha \\nabla_\\theta J$ :',
  exampleAfter: (before, after, rose) =>
    `Après ce pas, la perte sur cet exemple vaut $J = ${after}$ (avant : $${before}$).${rose ? " Elle a augmenté : ce taux d’apprentissage est trop grand pour cet exemple, et un $\\alpha$ plus petit la ferait baisser." : ''}`,
  count: groupThousands,
  decimal: ',',
  conv: convFr,
  graphTitle: 'Graphe de calcul',
  diagramCaption: "Le réseau : chaque unité applique sa fonction d’activation à une somme pondérée des sorties de la couche précédente.",
  graphCaption: "Passe avant (trait plein) et passe arrière (tirets) ; chaque terme d’erreur $\\delta$ est écrit à côté de son nœud.",
  figure: { input: 'entrée', output: 'sortie', layer: (k) => `couche ${k}`, units: (n) => `${n} unité${n === 1 ? '' : 's'}`, forward: 'passe avant', backward: 'passe arrière', loss: 'perte', titled: (name, what) => `${name} : ${what}` },
  steps: {
    'common-denominator': 'même dénominateur', cancel: 'facteurs communs simplifiés', expand: 'développement',
    collect: 'regroupement des termes', substitute: 'substitution', multiply: 'multiplication', simplify: 'avec $\\delta$ simplifié',
    softmax: 'définition du softmax', 'one-hot': 'car $\\sum_k y_k = 1$', 'inner-product': 'produit scalaire développé',
    factor: 'factorisation', identity: 'identité usuelle',
  },
};

/** French typography: no line break before : ; ? ! nor inside « ». */
export const fr: Messages = frenchSpacing(catalog);
