import type { Messages } from './messages.ts';

export const fr: Messages = {
  expressionTitle: (f, wrt) => `Dérivée de $${f}$ par rapport à $${wrt}$`,
  networkTitle: 'Rétropropagation pour le réseau',
  decomposition: 'Décomposition en variables intermédiaires',
  decompositionIntro: 'Chaque opération reçoit un nom, pour appliquer la règle de la chaîne une étape à la fois.',
  localDerivatives: 'Dérivées locales',
  localDerivativesIntro: 'La dérivée de chaque variable intermédiaire par rapport à ses arguments, et la règle qui la donne.',
  chainRule: 'Règle de la chaîne',
  chainIntro: 'On multiplie les dérivées locales le long de chaque chemin de la sortie à la variable.',
  result: 'Résultat',
  forwardPass: 'Passe avant',
  forwardIntro: 'Pour un exemple ; la passe arrière réutilise chaque valeur calculée ici.',
  expandedGradients: 'Gradients par la règle de la chaîne',
  expandedIntro: 'Chaque gradient est un produit de dérivées locales le long du chemin de la perte au paramètre.',
  deltas: "Termes d'erreur (deltas)",
  deltasObservation:
    "Les premiers produits de ces chaînes sont les mêmes pour tous les paramètres d'une couche : on les calcule une seule fois et on les nomme $\\delta$, le terme d'erreur de la pré-activation. Chaque $\\delta$ réutilise le précédent, donc le travail croît linéairement avec la profondeur.",
  deltaGradients: 'Gradients à partir des deltas',
  deltaGradientsIntro: "Chaque gradient est maintenant un delta multiplié par une dérivée locale.",
  batchNote: (mean, l2) =>
    `Sur un lot de n exemples, J est la ${mean ? 'moyenne' : 'somme'} des pertes par exemple${l2 ? ` plus $\\frac{\\lambda}{2}\\sum_k \\lVert W_k \\rVert^2$ avec $\\lambda = ${l2}$, qui ajoute $\\lambda w$ au gradient de chaque poids` : ''} ; les gradients ci-dessus sont ceux d'un exemple.`,
  rules: {
    identity: 'identité', sum: 'règle de la somme', difference: 'règle de la différence', product: 'règle du produit',
    quotient: 'règle du quotient', power: 'règle de la puissance', negation: 'opposé', exp: "dérivée de l'exponentielle",
    log: 'dérivée du logarithme', sqrt: 'dérivée de la racine carrée', abs: 'dérivée de |u|',
    sin: 'dérivée de sin', cos: 'dérivée de cos', tan: 'dérivée de tan',
    sigmoid: "$\\sigma' = \\sigma(1 - \\sigma)$", tanh: "$\\tanh' = 1 - \\tanh^2$", relu: "relu' = échelon", softplus: "$\\operatorname{softplus}' = \\sigma$",
    leaky_relu: "leaky relu' = 1 ou $\\alpha$", step: 'fonction échelon (dérivée nulle)', sign: 'fonction signe (dérivée nulle)',
    leaky_step: 'constante par morceaux (dérivée nulle)',
  },
  matrixForm: 'Forme matricielle',
  matrixIntro:
    "Le même calcul pour toute une couche à la fois : pré-activations, activations et termes d'erreur sont des vecteurs colonnes, $W_k$ a $N_k$ lignes et $N_{k-1}$ colonnes, et $\\odot$ est le produit de Hadamard (terme à terme).",
  matrixBackward: 'Passe arrière sous forme matricielle',
  matrixBackwardIntro:
    "Le terme d'erreur de la couche de sortie vient de la perte ; chacun des précédents vient de la couche suivante, à travers les poids transposés, multiplié par la dérivée de l'activation.",
  softmaxJacobian: 'Le softmax couple ses sorties : sa jacobienne a deux cas :',
  matrixGradients: 'Gradients de chaque couche',
  matrixBatch:
    'Sur un lot de n exemples (exposant $(i)$), les gradients sont moyennés (sommés pour la réduction « sum ») et le terme L2 ajoute $\\lambda W_k$ :',
  steps: {
    'common-denominator': 'même dénominateur', cancel: 'simplification des facteurs communs', expand: 'développement',
    collect: 'regroupement des termes', substitute: 'substitution', multiply: 'produit', simplify: 'se simplifie en',
    softmax: 'définition du softmax', 'one-hot': 'car $\\sum_k y_k = 1$', 'inner-product': 'produit scalaire écrit comme une somme',
  },
};
