// Every word `train` prints or draws, in English and in French (seed 004's notebook prints
// "Époque k | perte a → b" and "Exactitude de l'entraînement"). The languages are the
// derivation sheets' (src/sheet/i18n), so --lang takes the same values everywhere.
import type { Lang } from '../sheet/i18n/index.ts';
import { sub } from '../sheet/svg/text.ts';
import type { Task } from './prepare.ts';

export interface TrainMessages {
  readonly epoch: (k: number, before: string, after: string) => string;
  /** cli-progress format: {value}/{total}, {bar}, {eta_formatted}, and our {loss}. */
  readonly bar: string;
  readonly scores: (task: Task, train: string, test: string) => string;
  readonly files: { readonly params: string; readonly loss: string; readonly boundary: string; readonly gradients: string };
  /** "Parameters: out/x.json"; French puts a space before the colon. */
  readonly labelled: (label: string, value: string) => string;
  readonly gradientTable: string;
  readonly epochColumn: string;
  readonly lossTitle: (name: string) => string;
  readonly epochAxis: string;
  readonly lossAxis: string;
  readonly boundaryTitle: (name: string) => string;
  readonly outputTitle: (name: string) => string;
  readonly inputAxis: (j: number) => string;
  readonly trainPoints: (cls: number) => string;
  readonly testPoints: (cls: number) => string;
  readonly gradientsTitle: (name: string) => string;
  readonly gradientAxis: string;
}

const en: TrainMessages = {
  epoch: (k, a, b) => `Epoch ${k} | loss ${a} → ${b}`,
  bar: 'Epoch {value}/{total} {bar} loss {loss} | ETA {eta_formatted}',
  scores: (task, a, b) => (task === 'regression' ? `Train MSE: ${a}, test MSE: ${b}` : `Train accuracy: ${a}, test accuracy: ${b}`),
  files: { params: 'Parameters', loss: 'Loss curve', boundary: 'Decision boundary', gradients: 'Gradient norms' },
  labelled: (label, value) => `${label}: ${value}`,
  gradientTable: 'Gradient norms ‖∂J/∂W_k‖ on the training set, at the start of each epoch:',
  epochColumn: 'epoch',
  lossTitle: (name) => `${name}: training loss`,
  epochAxis: 'epoch',
  lossAxis: 'J on the training set',
  boundaryTitle: (name) => `${name}: decision boundary (ŷ = 0.5)`,
  outputTitle: (name) => `${name}: network output ŷ`,
  inputAxis: (j) => `x${sub(j)} (standardised)`,
  trainPoints: (c) => `train, class ${c}`,
  testPoints: (c) => `test, class ${c}`,
  gradientsTitle: (name) => `${name}: gradient norm per layer`,
  gradientAxis: '‖∂J/∂Wₖ‖ (log scale)',
};

const fr: TrainMessages = {
  epoch: (k, a, b) => `Époque ${k} | perte ${a} → ${b}`,
  bar: 'Époque {value}/{total} {bar} perte {loss} | reste {eta_formatted}',
  scores: (task, a, b) =>
    task === 'regression' ? `EQM de l'entraînement : ${a}, EQM du test : ${b}` : `Exactitude de l'entraînement : ${a}, exactitude du test : ${b}`,
  files: { params: 'Paramètres', loss: 'Courbe de perte', boundary: 'Frontière de décision', gradients: 'Normes des gradients' },
  labelled: (label, value) => `${label} : ${value}`,
  gradientTable: "Normes des gradients ‖∂J/∂W_k‖ sur l'ensemble d'entraînement, au début de chaque époque :",
  epochColumn: 'époque',
  lossTitle: (name) => `${name} : perte d'entraînement`,
  epochAxis: 'époque',
  lossAxis: "J sur l'ensemble d'entraînement",
  boundaryTitle: (name) => `${name} : frontière de décision (ŷ = 0.5)`,
  outputTitle: (name) => `${name} : sortie du réseau ŷ`,
  inputAxis: (j) => `x${sub(j)} (standardisé)`,
  trainPoints: (c) => `entraînement, classe ${c}`,
  testPoints: (c) => `test, classe ${c}`,
  gradientsTitle: (name) => `${name} : norme du gradient par couche`,
  gradientAxis: '‖∂J/∂Wₖ‖ (échelle log)',
};

export const TRAIN_MESSAGES: { readonly [L in Lang]: TrainMessages } = { en, fr };
