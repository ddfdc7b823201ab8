import type { Cancel, DiagnosisMessages, Ref } from './messages.ts';

const cite = (r: Ref): string => (r.eq === undefined ? r.what : `${r.what} (éq. ${r.eq})`);
/** The decimal comma. */
const comma = (s: string): string => s.replace(/(\d)\.(\d)/g, '$1,$2');
const number = (v: number): string => comma(String(v));
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
/** a, b et c; with a semicolon between items when one holds a decimal comma. */
const list = (xs: readonly string[]): string => {
  if (xs.length < 2) return xs.join('');
  const sep = xs.some((x) => /\d[.,]\d/.test(x)) ? ' ; ' : ', ';
  return `${xs.slice(0, -1).join(sep)} et ${xs[xs.length - 1]}`;
};
/** éq. 56, éq. 56 à 58, éq. 56, 60 */
const eqs = (ns: readonly number[]): string => {
  const consecutive = ns.every((n, i) => i === 0 || n === ns[i - 1]! + 1);
  return ns.length > 1 && consecutive ? `éq. ${ns[0]} à ${ns[ns.length - 1]}` : `éq. ${ns.join(', ')}`;
};
const routes = (a: string): string => `ŷₖ = exp(${a}ₖ)/S dépend de ${a}ᵢ par exp(${a}ᵢ) (k = i) et par S = Σⱼ exp(${a}ⱼ) (pour tout k)`;

const CANCEL = {
  'bce-sigmoid': 'avec la bce après une sigmoïde, il se simplifie (∂J/∂z = ŷ − y)',
  'softmax-ce': "avec l'entropie croisée après un softmax, il se simplifie (∂J/∂a = ŷ − y)",
  'identity-output': 'la couche de sortie est linéaire (identité), donc ∂ŷ/∂a = 1',
} as const satisfies Record<Cancel, string>;

export const fr: DiagnosisMessages = {
  cite,
  number,
  finish: comma,
  rightFactors: (fs, all) =>
    fs.length === 0
      ? ''
      : fs.length === 1
        ? ` ; ${all ? 'le facteur' : "l'autre facteur"} ${fs[0]} est juste`
        : ` ; les ${all ? '' : 'autres '}facteurs ${list(fs)} sont justes`,

  sign: (g) => `erreur de signe : la réponse est l'opposé de ${cite(g)}`,
  missingFactor: (f, g) => `facteur manquant ${f} dans ${cite(g)}`,
  extraFactor: (f, g, cancel) => `facteur en trop ${f}${cancel ? ` : ${CANCEL[cancel]}` : ''}, dans ${cite(g)}`,
  missingChainFactor: (f, arg, outer, g) => `règle de la chaîne incomplète : il manque le facteur ${f}, la dérivée de l'argument ${arg} de ${outer}, dans ${cite(g)}`,
  wrongActivation: (used, unit, needed, g) => `mauvaise dérivée d'activation : ${used} au lieu de ${needed}, puisque ${unit}, dans ${cite(g)}`,
  activationOfWrongQuantity: (used, needed, g) => `dérivée de l'activation appliquée à la mauvaise quantité : ${used} au lieu de ${needed}, dans ${cite(g)}`,
  functionForDerivative: (fn, derivative, g) => `la fonction au lieu de sa dérivée : ${fn} à la place de ${derivative}, dans ${cite(g)}`,
  missingHiddenChain: (stop, from, to, fs, sum, g) =>
    `oubli de la règle de la chaîne à travers la couche cachée : la réponse s'arrête à ${cite(stop)} ; il manque ${plural(fs.length, 'le facteur', 'les facteurs')} ${fs.join(' · ')} de ${from} jusqu'à ${to}` +
    `${sum > 1 ? ` (et la somme sur les ${sum} unités de cette couche)` : ''}, dans ${cite(g)}`,
  wrongDelta: (used, right, g, numbering) =>
    `erreur d'indice : ${used} au lieu de ${cite(right)}, dans ${cite(g)}${numbering ? ` ; les δ sont numérotés depuis la sortie (${cite(numbering)})` : ''}`,
  index: (other, otherName, param, paramName) =>
    `erreur d'indice : c'est ${cite(other)}, le gradient de ${otherName}, et non celui de ${paramName}${param.eq === undefined ? '' : ` (éq. ${param.eq})`}`,
  swappedIndicesGradient: (other, param) => `indices inversés : c'est ${cite(other)}, et non ${cite(param)} ; l'indice ij est lu ji, comme par une transposition`,
  swappedIndices: (pairs, g) =>
    `indices inversés : ${list(pairs.map(([used, right]) => `${used} au lieu de ${right}`))} dans ${cite(g)} (wᵏᵢⱼ relie l'unité j de la couche k − 1 à l'unité i de la couche k)`,
  wrongInputGradient: (used, right, other, param) => `mauvaise entrée : ${used} au lieu de ${right} ; c'est ${cite(other)}, et non ${cite(param)}`,
  wrongInput: (used, right, g) => `mauvaise entrée : ${used} au lieu de ${right} dans ${cite(g)}`,
  wrongVariable: (other, otherVar, right, rightVar) =>
    `mauvaise variable : c'est ${cite(other)}, la dérivée par rapport à ${otherVar}, et non par rapport à ${rightVar}${right.eq === undefined ? '' : ` (éq. ${right.eq})`}`,
  missingLambda: (w, l, g) => `terme de régularisation λ·${w} manquant (λ = ${number(l)}) : ${cite(g)} contient λ·${w}, qui vient de la pénalité L2`,
  doubleLambda: (w, l, g) => `2λ au lieu de λ : la pénalité L2 (λ/2)·‖W‖² ajoute λ·${w} (λ = ${number(l)}) à ${cite(g)}, et non 2λ·${w}`,
  lambdaPerExample: (w, l, g) => `λ·${w} compté une fois par exemple : ${cite(g)} ne contient le terme λ·${w} de la pénalité L2 (λ = ${number(l)}) qu'une fois par lot`,
  lambdaOnBias: (b, l, g) => `λ appliqué à un biais : la pénalité L2 (λ = ${number(l)}) ne porte que sur les poids, donc ${cite(g)} n'a pas de terme λ·${b}`,
  softmaxAsSigmoid: (a, deltaEqs, g) =>
    `softmax traité comme une sigmoïde : la réponse prend σ(${a}ᵢ) pour ŷᵢ, comme si chaque sortie était une sigmoïde de son propre ${a}ᵢ ; ` +
    `le softmax ŷᵢ = exp(${a}ᵢ)/Σₖ exp(${a}ₖ) couple les sorties, et avec l'entropie croisée δᵢ = ŷᵢ − yᵢ${deltaEqs.length ? ` (${eqs(deltaEqs)})` : ''}, dans ${cite(g)}`,
  softmaxOnePath: (kept, a, g) =>
    kept === 'diagonal'
      ? `un seul chemin du softmax : la réponse ne garde que le terme k = i de δᵢ = Σₖ ∂J/∂ŷₖ · ∂ŷₖ/∂${a}ᵢ, ŷᵢ(1 − ŷᵢ) terme à terme comme pour une sigmoïde, et oublie les termes k ≠ i, −ŷₖŷᵢ, dans ${cite(g)}`
      : `un seul chemin du softmax : ${routes(a)} ; la réponse ne garde que ` +
        (kept === 'numerator'
          ? `le chemin direct ŷᵢ → ${a}ᵢ (S traité comme une constante) et oublie les chemins par S`
          : `les chemins par S et oublie le chemin direct par exp(${a}ᵢ) (le terme k = i)`) +
        `, dans ${cite(g)}`,
  missingProductTerm: (u, v, kept, dropped, g) =>
    `terme manquant de la règle du produit : (u·v)′ = u′·v + u·v′ avec u = ${u}, v = ${v} ; la réponse garde ${kept} et oublie ${dropped}, dans ${cite(g)}`,
  missingPathTerm: (n, via, dropped, g) => `terme manquant : ${cite(g)} est la somme sur les ${n} chemins de la règle de la chaîne ; la réponse oublie ${dropped}, le chemin par ${via}`,
  missingBatchMean: (g) => `moyenne sur le lot oubliée : la spécification fait la moyenne sur le lot (reduction "mean"), donc ${cite(g)} a un facteur 1/n`,
  extraBatchMean: (g) => `1/n en trop : la spécification fait la somme sur le lot (reduction "sum"), donc ${cite(g)} n'a pas de facteur 1/n`,
  matrixMissingGprime: (gp, delta, g) => `⊙ g′ manquant : il manque le facteur de Hadamard ⊙ ${gp} de ${cite(delta)}, dans ${cite(g)}`,
  transpose: (g, shapes) =>
    shapes
      ? `transposée : la réponse est de taille ${shapes.claim} mais ${cite(g)} est de taille ${shapes.truth} ; c'est sa transposée qui est le gradient`
      : `transposée : la réponse est la transposée de ${cite(g)}`,
  shape: (shapes, g) => `dimensions : la réponse est de taille ${shapes.claim} mais ${cite(g)} est de taille ${shapes.truth}`,
  nonConforming: (detail, truth, g) => `dimensions : les tailles dans la réponse ne sont pas compatibles (${detail}) ; ${cite(g)} est de taille ${truth}`,
};
