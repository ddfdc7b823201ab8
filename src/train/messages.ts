// Every word `train` prints or draws, in English and in French (CSI 4106's notebook prints
// "Époque k | perte a → b" and "Exactitude de l'entraînement"). The languages are the
// derivation sheets' (src/sheet/i18n), so --lang takes the same values everywhere.
import type { Lang } from '../sheet/i18n/index.ts';
import { sub } from '../sheet/svg/text.ts';
import type { Task } from './targets.ts';

export interface TrainMessages {
  /** A decimal number as the language writes it: 0.5429 in English, 0,5429 in French. */
  readonly decimal: (text: string) => string;
  readonly epoch: (k: number, before: string, after: string) => string;
  /** cli-progress format: {value}/{total}, {bar}, {eta_formatted}, and our {loss}. */
  readonly bar: string;
  /** test is null when there is no test split (--test-split 0). */
  readonly scores: (task: Task, train: string, test: string | null) => string;
  readonly files: { readonly params: string; readonly loss: string; readonly boundary: string; readonly gradients: string; readonly confusion: string; readonly filters: string; readonly misclassified: string };
  /** "Parameters: out/x.json"; French puts a space before the colon. */
  readonly labelled: (label: string, value: string) => string;
  /** `epochs` lists the table's epochs ("1, 31, 61, …, 300"), or is null when it has every epoch. */
  readonly gradientTable: (epochs: string | null) => string;
  readonly epochColumn: string;
  /** What a plot is of: the network, and the data set when its name differs. */
  readonly subject: (network: string, data: string) => string;
  readonly lossTitle: (name: string) => string;
  readonly epochAxis: string;
  readonly lossAxis: string;
  readonly boundaryTitle: (name: string) => string;
  readonly regionsTitle: (name: string) => string;
  readonly outputTitle: (name: string) => string;
  readonly inputAxis: (j: number) => string;
  readonly trainPoints: (cls: number) => string;
  readonly testPoints: (cls: number) => string;
  readonly classLabel: (cls: number) => string;
  readonly trainSet: string;
  readonly testSet: string;
  readonly gradientsTitle: (name: string) => string;
  readonly gradientAxis: string;
  /** With a validation split: the epoch line's addition, the loss plot's legend, and the early stop. */
  readonly validated: (line: string, validation: string) => string;
  readonly trainingLoss: string;
  readonly validationLoss: string;
  readonly lossAxisBoth: string;
  readonly stoppedEarly: (epoch: number, patience: number, best: number, loss: string) => string;
  readonly keptBest: (best: number, loss: string) => string;
  /** Convolutional networks on images: the confusion matrix, the first layer's filters, the misclassified images. */
  readonly images: {
    readonly confusionTitle: (name: string) => string;
    readonly trueClass: string;
    readonly predictedClass: string;
    /** Which split the matrix counts; accuracy already formatted. */
    readonly confusionCaption: (set: 'test' | 'train', n: number, accuracy: string) => string;
    readonly filtersTitle: (name: string, layer: number) => string;
    readonly filter: (f: number) => string;
    readonly channels: readonly string[];
    readonly misclassifiedTitle: (name: string) => string;
    readonly misclassifiedCaption: (wrong: number, total: number, shown: number) => string;
    readonly noneMisclassified: string;
    /** "true → predicted" under an image. */
    readonly asPredicted: (actual: string, predicted: string) => string;
  };
  /** A run that did not learn (src/train/warning.ts): what was seen, then the likely cause. */
  readonly warning: string;
  readonly notLearning: {
    readonly atChance: (accuracy: string, share: string) => string;
    readonly wentUp: (first: string, last: string) => string;
    readonly lrTooHigh: (first: string, last: string) => string;
    readonly lrTooHighShort: string;
    readonly zeroInit: string;
    readonly deadRelu: (layer: number) => string;
    readonly lrTooLow: (first: string, last: string) => string;
    readonly other: string;
  };
}

const en: TrainMessages = {
  warning: 'warning',
  notLearning: {
    atChance: (a, s) => `train accuracy ${a} is at chance level (always answering the majority class scores ${s})`,
    wentUp: (a, b) => `the training loss went up (${a} → ${b})`,
    lrTooHigh: (a, b) => `the loss went up (${a} → ${b}), so the learning rate is likely too high: try a smaller --lr`,
    lrTooHighShort: 'the learning rate is likely too high: try a smaller --lr',
    zeroInit: 'zero initialisation keeps every unit of a layer identical, so the layer acts as one unit: use --init he or xavier',
    deadRelu: (k) => `layer ${k}'s ReLUs are dead (its weights get no gradient: every unit is ≤ 0 on every example), often after too large a step: try a smaller --lr or another --seed`,
    lrTooLow: (a, b) => `the loss barely moved (${a} → ${b}): the learning rate may be too low (try a larger --lr or more --epochs)`,
    other: 'the network may be too small for the data, or need more --epochs',
  },
  decimal: (t) => t,
  validated: (line, v) => `${line} | validation ${v}`,
  trainingLoss: 'training set',
  validationLoss: 'validation set',
  lossAxisBoth: 'J',
  stoppedEarly: (epoch, patience, best, loss) => `Stopped early after epoch ${epoch}: no lower validation loss for ${patience} epochs; kept the parameters of epoch ${best} (validation loss ${loss})`,
  keptBest: (best, loss) => `Kept the parameters of epoch ${best}, the lowest validation loss (${loss})`,
  epoch: (k, a, b) => `Epoch ${k} | loss ${a} → ${b}`,
  bar: 'Epoch {value}/{total} {bar} loss {loss} | ETA {eta_formatted}',
  scores: (task, a, b) => {
    const train = task === 'regression' ? `Train MSE: ${a}` : `Train accuracy: ${a}`;
    return b === null ? `${train}, no test set` : `${train}, ${task === 'regression' ? 'test MSE' : 'test accuracy'}: ${b}`;
  },
  files: { params: 'Parameters', loss: 'Loss curve', boundary: 'Decision boundary', gradients: 'Gradient norms', confusion: 'Confusion matrix', filters: 'First-layer filters', misclassified: 'Misclassified images' },
  images: {
    confusionTitle: (name) => `${name}: confusion matrix`,
    trueClass: 'true class',
    predictedClass: 'predicted class',
    confusionCaption: (set, n, a) => `${set === 'test' ? 'test' : 'training'} set, ${n} images, accuracy ${a}; shade: share of the row`,
    filtersTitle: (name, k) => `${name}: first-layer filters (K${sub(k)})`,
    filter: (f) => `filter ${f}`,
    channels: ['R', 'G', 'B'],
    misclassifiedTitle: (name) => `${name}: misclassified test images (true → predicted)`,
    misclassifiedCaption: (wrong, total, shown) => `${wrong} of ${total} test images misclassified${shown < wrong ? `; the first ${shown} shown` : ''}`,
    noneMisclassified: 'every test image is classified right',
    asPredicted: (a, p) => `${a} → ${p}`,
  },
  labelled: (label, value) => `${label}: ${value}`,
  gradientTable: (epochs) =>
    `Gradient norms ‖∂J/∂W_k‖ on the training set, at the start of ${epochs === null ? 'each epoch' : `epochs ${epochs} (--out plots every epoch)`}:`,
  epochColumn: 'epoch',
  subject: (network, data) => (network === data ? network : `${network} on ${data}`),
  lossTitle: (name) => `${name}: training loss`,
  epochAxis: 'epoch',
  lossAxis: 'J on the training set',
  boundaryTitle: (name) => `${name}: decision boundary (ŷ = 0.5)`,
  regionsTitle: (name) => `${name}: decision regions (argmax ŷ)`,
  outputTitle: (name) => `${name}: network output ŷ`,
  inputAxis: (j) => `x${sub(j)} (standardised)`,
  trainPoints: (c) => `train, class ${c}`,
  testPoints: (c) => `test, class ${c}`,
  classLabel: (c) => `class ${c}`,
  trainSet: 'train',
  testSet: 'test',
  gradientsTitle: (name) => `${name}: gradient norm per layer`,
  gradientAxis: '‖∂J/∂Wₖ‖ (log scale)',
};

const fr: TrainMessages = {
  warning: 'avertissement',
  notLearning: {
    atChance: (a, s) => `l'exactitude de l'entraînement, ${a}, est celle du hasard (répondre toujours la classe majoritaire donne ${s})`,
    wentUp: (a, b) => `la perte d'entraînement a augmenté (${a} → ${b})`,
    lrTooHigh: (a, b) => `la perte a augmenté (${a} → ${b}) : le taux d'apprentissage est sans doute trop grand, essayez un --lr plus petit`,
    lrTooHighShort: "le taux d'apprentissage est sans doute trop grand, essayez un --lr plus petit",
    zeroInit: "l'initialisation à zéro rend identiques toutes les unités d'une couche, qui se comporte alors comme une seule unité ; utilisez --init he ou xavier",
    deadRelu: (k) => `les ReLU de la couche ${k} sont mortes (les poids de cette couche ne reçoivent aucun gradient, car chaque unité est ≤ 0 sur tous les exemples), souvent après un pas trop grand ; essayez un --lr plus petit ou une autre graine (--seed)`,
    lrTooLow: (a, b) => `la perte a à peine bougé (${a} → ${b}) ; le taux d'apprentissage est peut-être trop petit (essayez un --lr plus grand, ou plus d'époques avec --epochs)`,
    other: "le réseau est peut-être trop petit pour les données, ou il lui faut plus d'époques (--epochs)",
  },
  decimal: (t) => t.replace('.', ','),
  validated: (line, v) => `${line} | validation ${v}`,
  trainingLoss: "ensemble d'entraînement",
  validationLoss: 'ensemble de validation',
  lossAxisBoth: 'J',
  stoppedEarly: (epoch, patience, best, loss) => `Arrêt anticipé après l'époque ${epoch} : la perte de validation n'a pas baissé pendant ${patience} époques ; les paramètres conservés sont ceux de l'époque ${best} (perte de validation ${loss})`,
  keptBest: (best, loss) => `Paramètres conservés : ceux de l'époque ${best}, où la perte de validation est la plus faible (${loss})`,
  epoch: (k, a, b) => `Époque ${k} | perte ${a} → ${b}`,
  bar: 'Époque {value}/{total} {bar} perte {loss} | reste {eta_formatted}',
  scores: (task, a, b) => {
    const train = task === 'regression' ? `EQM de l'entraînement : ${a}` : `Exactitude de l'entraînement : ${a}`;
    return b === null ? `${train}, pas d'ensemble de test` : `${train}, ${task === 'regression' ? 'EQM du test' : 'exactitude du test'} : ${b}`;
  },
  files: { params: 'Paramètres', loss: 'Courbe de perte', boundary: 'Frontière de décision', gradients: 'Normes des gradients', confusion: 'Matrice de confusion', filters: 'Filtres de la première couche', misclassified: 'Images mal classées' },
  images: {
    confusionTitle: (name) => `${name} : matrice de confusion`,
    trueClass: 'classe réelle',
    predictedClass: 'classe prédite',
    confusionCaption: (set, n, a) => `ensemble ${set === 'test' ? 'de test' : "d'entraînement"}, ${n} images, exactitude ${a} ; teinte : part de la ligne`,
    filtersTitle: (name, k) => `${name} : filtres de la première couche (K${sub(k)})`,
    filter: (f) => `filtre ${f}`,
    channels: ['R', 'V', 'B'],
    misclassifiedTitle: (name) => `${name} : images de test mal classées (réelle → prédite)`,
    misclassifiedCaption: (wrong, total, shown) => `${wrong} images de test mal classées sur ${total}${shown < wrong ? ` ; les ${shown} premières sont montrées` : ''}`,
    noneMisclassified: 'toutes les images de test sont bien classées',
    asPredicted: (a, p) => `${a} → ${p}`,
  },
  labelled: (label, value) => `${label} : ${value}`,
  gradientTable: (epochs) =>
    `Normes des gradients ‖∂J/∂W_k‖ sur l'ensemble d'entraînement, au début ${epochs === null ? 'de chaque époque' : `des époques ${epochs} (le graphique de --out les montre toutes)`} :`,
  epochColumn: 'époque',
  subject: (network, data) => (network === data ? network : `${network} sur ${data}`),
  lossTitle: (name) => `${name} : perte d'entraînement`,
  epochAxis: 'époque',
  lossAxis: "J sur l'ensemble d'entraînement",
  boundaryTitle: (name) => `${name} : frontière de décision (ŷ = 0,5)`,
  regionsTitle: (name) => `${name} : régions de décision (argmax ŷ)`,
  outputTitle: (name) => `${name} : sortie du réseau ŷ`,
  inputAxis: (j) => `x${sub(j)} (centré réduit)`,
  trainPoints: (c) => `entraînement, classe ${c}`,
  testPoints: (c) => `test, classe ${c}`,
  classLabel: (c) => `classe ${c}`,
  trainSet: 'entraînement',
  testSet: 'test',
  gradientsTitle: (name) => `${name} : norme du gradient par couche`,
  gradientAxis: '‖∂J/∂Wₖ‖ (échelle log)',
};

export const TRAIN_MESSAGES: { readonly [L in Lang]: TrainMessages } = { en, fr };
