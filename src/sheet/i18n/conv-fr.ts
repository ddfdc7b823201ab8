// Les mots de la fiche d'un réseau convolutif, dans les termes des cours (« couche de
// convolution », « noyau / filtre », « carte de caractéristiques », « couche de mise en commun
// (pooling) », « aplatissement »). frenchSpacing (fr.ts) pose les espaces insécables.
import { activationText, formatCell, graphOp, volumeLines } from './conv-en.ts';
import { shapeUnicode, type ConvMessages } from './conv-messages.ts';

const pl = (n: number, one: string, many: string): string => (n === 1 ? one : many);

export const convFr: ConvMessages = {
  title: 'Rétropropagation pour le réseau convolutif',
  layerHeading: (k, kind) => `Couche ${k} : ${kind}`,
  kind: (l) => ({ conv2d: 'convolution', maxpool: 'max-pooling', avgpool: 'pooling moyen', flatten: 'aplatissement', dense: 'dense' })[l.type],
  window: (l) => {
    switch (l.type) {
      case 'conv2d': return `$${l.filters} \\times ${l.kernel[0]} \\times ${l.kernel[1]}$, $s = ${l.stride}$, $p = ${l.padding}$, ${activationText(l.activation, l.alpha)}`;
      case 'maxpool':
      case 'avgpool': return `$${l.size} \\times ${l.size}$, $s = ${l.stride}$${l.padding ? `, $p = ${l.padding}$` : ''}`;
      case 'flatten': return '';
      case 'dense': return `${l.units} ${pl(l.units, 'unité', 'unités')}, ${activationText(l.activation, l.alpha)}`;
    }
  },
  shapeHeader: ['Couche', 'Type', 'Fenêtre ou unités', 'Sortie', 'Valeurs', 'Paramètres'],
  parameterCount: ({ total, kernels, weights, biases, hasDense }) =>
    `${total} paramètres : ${kernels} dans les noyaux${hasDense ? `, ${weights} dans les poids des couches denses` : ''} et ${biases} biais (un par filtre, un par unité dense).`,
  terms:
    'Une couche de convolution fait glisser chacun de ses filtres (noyaux) $K_f$ sur son entrée et calcule, à chaque position, la somme pondérée des valeurs sous la fenêtre plus le biais du filtre : chaque filtre produit une carte de caractéristiques, et les cartes s’empilent en canaux. Une couche de mise en commun (pooling) résume chaque fenêtre de chaque carte par son maximum (max-pooling) ou par sa moyenne (pooling moyen) ; elle n’a pas de paramètres. L’aplatissement range un volume en un vecteur pour les couches denses.',
  layout:
    'Disposition (canaux d’abord, comme PyTorch et ONNX) : la valeur du canal $c$, de la ligne $r$ et de la colonne $t$ d’un volume $C \\times H \\times W$, comptés à partir de 0, est l’entrée $(c H + r) W + t$ de l’exemple ; l’aplatissement garde cet ordre. (Un volume écrit hauteur × largeur × canaux, comme le 24 × 24 × 8 de la note sur la rétropropagation dans un CNN, s’écrit ici 8 × 24 × 24.) $\\theta$ contient, couche par couche, chaque noyau $K^k$ ($F \\times C \\times k_h \\times k_w$, ligne par ligne) puis son biais $b^k$ (un par filtre), puis chaque $W^k$, $b^k$ dense. Dans une fenêtre, $s$ est le pas et $p$ le remplissage (padding : les cases hors de l’entrée valent 0 ; −∞ pour le max-pooling).',
  shapeIntro: 'Couche par couche, la forme des valeurs d’un exemple ($C \\times H \\times W$ ; $F \\times k \\times k$ : $F$ filtres de $k \\times k$ ; $s$ le pas, $p$ le remplissage) :',
  outputSize: ({ H, p, k, s, out, layer }) =>
    `Une fenêtre de côté $k$ déplacée de $s$ sur $H + 2p$ cases tient $\\lfloor (H + 2p - k)/s \\rfloor + 1$ fois ; pour la couche ${layer} : $\\lfloor (${H} + ${2 * p} - ${k})/${s} \\rfloor + 1 = ${out}$.`,
  forwardIntro: 'Pour un exemple ; chaque valeur est mémorisée pour la passe arrière (et, pour le max-pooling, la position du maximum de chaque fenêtre).',
  forwardLayer: (k, l, shape) => {
    switch (l.type) {
      case 'conv2d': return `Couche ${k}, convolution : ${l.filters === 1 ? 'son filtre produit une carte de caractéristiques' : `chacun des ${l.filters} filtres produit une carte de caractéristiques`} ; la sortie est $${shape}$.`;
      case 'maxpool': return `Couche ${k}, max-pooling : le maximum de chaque fenêtre $${l.size} \\times ${l.size}$ ; la sortie est $${shape}$.`;
      case 'avgpool': return `Couche ${k}, pooling moyen : la moyenne de chaque fenêtre $${l.size} \\times ${l.size}$ ; la sortie est $${shape}$.`;
      case 'flatten': return `Couche ${k}, aplatissement : les mêmes valeurs, en un vecteur de ${shape}, dans l’ordre de la disposition.`;
      case 'dense': return `Couche ${k}, dense : ${l.units} ${pl(l.units, 'unité', 'unités')}.`;
    }
  },
  lossIntro: 'La perte d’un exemple :',
  objectiveIntro: 'Sur un lot de $n$ exemples (le terme L2, s’il y en a un, porte sur les noyaux et les poids denses, pas sur les biais) :',
  softmaxDelta:
    'Avec $\\partial L / \\partial \\hat{y}_c = -y_c / \\hat{y}_c$ et $\\sum_c y_c = 1$, les deux cas se réduisent à un terme d’erreur simple en sortie :',
  headDelta: 'Le terme d’erreur de la couche de sortie :',
  deltaThroughActivation: 'Le terme d’erreur de la pré-activation de la couche : l’erreur renvoyée par la couche suivante, multipliée par la dérivée de l’activation.',
  deltaFromNext: (eq, from) => `Cette couche n’a pas d’activation : son terme d’erreur est l’erreur que la couche ${from} lui renvoie, (${eq}).`,
  outputDeltaAbove: (eq) => `Son terme d’erreur est (${eq}), obtenu avec la perte.`,
  convGradients:
    'Chaque coefficient du noyau sert à chaque position $(i, j)$ de la sortie : son gradient somme, sur les positions, l’erreur en ce point multipliée par la valeur d’entrée que ce coefficient a lue. Le biais est ajouté partout : son gradient est la somme des erreurs.',
  denseGradients: 'Les gradients des poids et des biais :',
  unitByUnit: 'Écrite unité par unité (indices à partir de 0), chaque dérivée est une somme de produits, un par position $(i, j)$ de la sortie dont la fenêtre lit l’entrée :',
  maxpoolRouting:
    'Seul le maximum d’une fenêtre atteint la sortie : l’erreur de la fenêtre revient donc à cette seule case, et les autres cases de la fenêtre reçoivent 0. En cas d’égalité : le premier maximum dans l’ordre des lignes (la règle de TensorFlow.js ; les bibliothèques ne tranchent pas toutes les égalités de la même façon). Quand les fenêtres se chevauchent (pas plus petit que la fenêtre), une case cumule les erreurs de toutes les fenêtres dont elle est le maximum.',
  avgpoolShare:
    'Chaque case d’une fenêtre compte pour $1/\\text{taille}^2$ de la moyenne : elle reçoit cette part de l’erreur de la fenêtre. Les cases de remplissage valent 0 dans la somme et comptent dans le diviseur (le choix par défaut de PyTorch, count_include_pad).',
  nothingBefore: 'Aucune couche avant celle-ci n’a de paramètres : son erreur n’est pas renvoyée plus loin.',
  routing: (kind, k, decimal) => ({
    title: `${kind === 'maxpool' ? 'Max-pooling' : 'Pooling moyen'} de la couche ${k} : les valeurs, et où vont les erreurs`,
    forward: kind === 'maxpool' ? 'max' : 'moyenne',
    backward: kind === 'maxpool' ? 'vers le max' : 'répartie',
    input: 'entrée (canal 0)',
    output: 'après pooling',
    outputGrad: 'erreurs δ',
    inputGrad: 'erreurs renvoyées',
    format: (v) => formatCell(v, decimal),
  }),
  routingCaption: (kind, rows, cols) =>
    `Les nombres de l’exemple détaillé, coin supérieur gauche ${rows} × ${cols} du canal 0. ${kind === 'maxpool' ? 'Le maximum de chaque fenêtre est en gras ; son erreur ne va qu’à lui.' : 'Chaque case reçoit une part égale de l’erreur de sa fenêtre.'}`,
  flattenBack: 'L’aplatissement ne fait que réordonner : l’erreur de chaque valeur revient à la case d’où elle vient, par la même correspondance d’indices.',
  sendsBack: 'L’erreur renvoyée vers l’entrée de la couche, dont la couche précédente a besoin :',
  kernelFlip: (stride) =>
    stride === 1
      ? 'Pourquoi le noyau est retourné : la passe avant est une corrélation croisée (la case d’entrée $(r, t)$ est lue par la sortie $(i, j)$ via le coefficient $(u, v) = (r + p - i, t + p - j)$). En arrière, chaque case d’entrée recueille les erreurs des positions qui l’ont lue, chacune multipliée par le coefficient qui l’a lue ; écrit comme une somme sur les erreurs, l’indice du coefficient parcourt le noyau à rebours : c’est une convolution avec le noyau tourné de 180°, sur l’erreur complétée de $k - 1 - p$ zéros (une convolution « pleine » ; rognée de $p - k + 1$ quand le remplissage dépasse $k - 1$).'
      : `Pourquoi le noyau est retourné : la passe avant est une corrélation croisée de pas ${stride}, donc seules les cases d’entrée où $(r + p - u)$ est divisible par ${stride} sont lues par le coefficient $u$. En arrière, chaque case d’entrée recueille les erreurs des positions qui l’ont lue : c’est la convolution pleine, avec le noyau tourné de 180°, de l’erreur dilatée d’un facteur ${stride} (${stride - 1} ${pl(stride - 1, 'zéro', 'zéros')} entre ses valeurs).`,
  firstLayerInput: (first) =>
    first
      ? 'L’entrée $x$ n’a pas de paramètres : l’erreur ne lui est pas renvoyée (le code généré ne la calcule pas). Si une autre couche précédait celle-ci, elle lui renverrait :'
      : 'Aucune couche avant celle-ci n’a de paramètres : l’erreur n’est pas renvoyée plus loin. S’il y en avait une, elle recevrait :',
  algorithm: ({ kinds, mean, l2, stems }) => {
    const { pre, act: h } = stems;
    return [
      'Initialiser les noyaux $K^k$, les poids $W^k$ et les biais $b^k$ ; puis, pour chaque époque et chaque mini-lot de $n$ exemples :',
      `Passe avant, couche par couche depuis $${h}^0 = x$ : convolution $${pre}^k_{f,i,j} = b^k_f + \\sum_{c,u,v} K^k_{f,c,u,v}\\, ${h}^{k-1}_{c,si+u-p,sj+v-p}$ et $${h}^k = g(${pre}^k)$${kinds.has('maxpool') ? ' ; max-pooling (mémoriser la position de chaque maximum)' : ''}${kinds.has('avgpool') ? ' ; pooling moyen' : ''}${kinds.has('flatten') ? ' ; aplatissement' : ''}${kinds.has('dense') ? ` ; dense $${pre}^k = W^k ${h}^{k-1} + b^k$` : ''}. Mémoriser chaque valeur.`,
      `Perte : $J = ${mean ? '\\frac{1}{n}' : ''}\\sum_{e=1}^{n} L(\\hat{y}^{(e)}, y^{(e)})${l2 ? ` + \\frac{\\lambda}{2} \\sum_k \\lVert \\theta_k \\rVert^2$ sur les noyaux et les poids, $\\lambda = ${l2}$` : '$'}.`,
      'Passe arrière, depuis la sortie : $\\delta^L$ comme obtenu plus haut ($\\hat{y} - y$ pour le softmax avec l’entropie croisée) ; puis couche par couche, chacune recevant l’erreur que lui renvoie la suivante :',
      ...(kinds.has('dense') ? [`dense : $\\delta^k$ = l’erreur renvoyée $\\odot\\, g'(${pre}^k)$ (sous la sortie), $\\partial J/\\partial W^k = \\delta^k (${h}^{k-1})^\\top$, $\\partial J/\\partial b^k = \\delta^k$, erreur renvoyée $(W^k)^\\top \\delta^k$ ;`] : []),
      ...(kinds.has('flatten') ? ['aplatissement : les mêmes erreurs, remises à la forme du volume ;'] : []),
      ...(kinds.has('maxpool') ? ['max-pooling : l’erreur de chaque fenêtre va à son maximum, 0 aux autres cases ;'] : []),
      ...(kinds.has('avgpool') ? ['pooling moyen : l’erreur de chaque fenêtre est répartie également sur ses cases ;'] : []),
      `convolution : $\\delta^k$ = l’erreur renvoyée $\\odot\\, g'(${pre}^k)$, $\\partial J/\\partial K^k_{f,c,u,v} = \\sum_{i,j} \\delta^k_{f,i,j}\\, ${h}^{k-1}_{c,si+u-p,sj+v-p}$, $\\partial J/\\partial b^k_f = \\sum_{i,j} \\delta^k_{f,i,j}$, erreur renvoyée : la convolution pleine de $\\delta^k$ avec les noyaux tournés de 180° (sauf pour la première couche).`,
      'Mise à jour, avec le taux d’apprentissage $\\alpha$ : $\\theta \\leftarrow \\theta - \\alpha \\nabla_\\theta J$ pour chaque noyau, poids et biais ; recommencer.',
    ];
  },
  totalIntro: 'Sur le lot, chaque gradient est la moyenne (la somme, pour la réduction « sum ») des gradients des exemples :',
  exampleTooLarge: (work, limit) => `Ce réseau est trop grand pour un exemple détaillé : un exemple demande ${work} multiplications-additions, au-delà de la limite de la fiche (${limit}). Les formules ci-dessus valent telles quelles ; le code généré calcule les nombres.`,
  exampleIntro: ({ seed, lr, full, rounded, trainLr }) =>
    `Un exemple tiré avec la graine ${seed} : pixels dans $[0, 1]$, paramètres par l’initialisation de He (biais nuls)${rounded ? ', arrondis à deux décimales' : ' (non arrondis : les tirages arrondis essayés avaient tous une égalité dans une fenêtre de pooling ou une pré-activation nulle)'} ; la cible est la première classe ; le pas ci-dessous est un pas de descente de gradient simple avec $\\alpha = ${lr}$${trainLr ? ' (le taux d’apprentissage que symprop train donne à un réseau convolutif, dont la règle de mise à jour par défaut est Adam)' : ', choisi pour que le pas fasse baisser J d’environ un dixième au premier ordre ($\\alpha \\lVert \\nabla J \\rVert^2 = J/10$) : un pas simple à 0,01 irait trop loin sur ce réseau'}. La sortie, la perte et les gradients sont calculés par le code généré, les valeurs des couches par le moteur de référence ; les nombres sont arrondis à 4 chiffres significatifs.${full ? '' : ' Ce réseau est trop grand pour imprimer chaque valeur : voici la sortie, la perte et quelques gradients.'}`,
  exampleSomeGradients: 'Gradients (le noyau du premier filtre, et les petits blocs) :',
  figure: {
    input: 'entrée',
    title: (name) => `Les volumes du réseau convolutif ${name}, couche par couche`,
    layer: (spec, k) => volumeLines(spec, k, { conv: 'conv.', filters: (n) => `${n} ${pl(n, 'filtre', 'filtres')}`, max: 'maxpool', avg: 'avgpool', stride: 'pas', pad: 'rempl.', flatten: 'aplatissement', dense: 'dense' }),
    size: shapeUnicode,
  },
  volumesCaption: 'Le réseau en volumes (canaux × hauteur × largeur) ; le petit carré est une fenêtre du premier noyau, et les tirets mènent à la valeur qu’elle produit.',
  graph: {
    title: (name) => `Le graphe de calcul de ${name}, couche par couche`,
    loss: 'perte',
    backward: 'passe arrière',
    op: (d, k, part) => graphOp(d, k, part, { conv: 'conv.', max: 'max', avg: 'moyenne', flatten: 'aplatissement', dense: 'dense' }),
    shape: shapeUnicode,
  },
  graphCaption: 'Passes avant (trait plein) et arrière (tirets) ; chaque terme d’erreur $\\delta$ est écrit à côté de la valeur à laquelle il appartient.',
};
