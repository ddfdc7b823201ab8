// Issue 13's wording defects, each a test: "4 weights and 1 biases"; French « graphe de
// calcul » (not « graphe computationnel »), « mémorisée » (not « gardée »), and no double
// colon in the softmax sentence; then a French reader's pass over every French message:
// decimal commas in the text's numbers, grouped thousands, French phrasing for what read as
// a translation, and the training messages' French.
import { describe, expect, it } from 'vitest';
import { deriveExpression, deriveNetwork, renderDerivation, validateSpec } from '../../src/index.ts';
import { TRAIN_MESSAGES } from '../../src/train/messages.ts';

const sheet = (spec: object, lang: 'en' | 'fr'): string => renderDerivation(deriveNetwork(validateSpec(spec)), { format: 'md', lang });
const logistic = { name: 'logistic', input: 4, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' };
const softmax = { name: 's', input: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'cross_entropy' };
const leaky = { name: 't', input: 2, layers: [{ units: 2, activation: 'leaky_relu', alpha: 0.1 }, { units: 1, activation: 'sigmoid' }], loss: 'bce', l2: 0.01 };
const NB = '\u00a0';

describe('sheet wording', () => {
  it('one bias is "1 bias"', () => {
    expect(sheet(logistic, 'en')).toContain('5 parameters, 4 weights and 1 bias.');
  });
  it('French: graphe de calcul, mémorisée, and one colon per sentence', () => {
    const fr = sheet(softmax, 'fr');
    expect(fr).toContain('Graphe de calcul');
    expect(fr).toContain('mémorisée');
    expect(fr).not.toMatch(/computationnel|gardée/);
    expect(fr).toContain(`Les sorties du softmax sont couplées${NB}; sa jacobienne distingue deux cas${NB}:`);
    expect(fr).not.toContain('a deux cas');
  });
});

describe('French sheet wording, read in context', () => {
  const fr = renderDerivation(deriveNetwork(validateSpec(leaky)), { format: 'md', lang: 'fr', form: 'both' });
  it('the layer sizes as a sentence, with « et » and grouped thousands', () => {
    expect(sheet(logistic, 'fr')).toContain(`De l’entrée à la sortie, les couches ont 4 et 1 unités, soit 5 paramètres${NB}: 4 poids et 1 biais.`);
    expect(fr).not.toContain("entrées d’abord");
    const wide = sheet({ name: 'w', input: 100, layers: [{ units: 100, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }, 'fr');
    expect(wide).toContain(`soit 10${NB}201 paramètres${NB}: 10${NB}100 poids et 101 biais.`);
  });
  it('decimal commas in the numbers the text quotes (λ, the leaky slope)', () => {
    expect(fr).toContain('Avec la régularisation L2 ($\\lambda = 0{,}01$), la perte comporte aussi le terme $');
    expect(fr).toContain('avec $\\lambda = 0{,}01$.');
    expect(fr).toContain('La ReLU à fuite (leaky ReLU) de pente 0,1 est $\\operatorname{lrelu}_{0{,}1}(u) = u$');
  });
  it('French phrasing, not a translation of the English', () => {
    for (const wording of [
      'La dérivée de la perte par rapport à la sortie amorce la passe arrière.',
      'Les calculs qui suivent portent sur un seul exemple',
      'Sous forme matricielle, on traite toute une couche à la fois',
      'Les valeurs marquées «\u00a0mémorisée\u00a0» sont conservées pour la passe arrière, qui les relit.',
      'mémoriser chaque $a_k$ et $h_k$', // « mémorisée » in the equations: one word for one thing
      '(obtenu plus haut)',
      '(même dénominateur)',
      '(facteurs communs simplifiés)',
      "(lrelu' = 1 ou la pente)",
      'Dans la règle de la chaîne, les premiers facteurs du produit sont les mêmes pour tous les paramètres',
      "chaque unité applique sa fonction d’activation à une somme pondérée des sorties de la couche précédente",
      `Sur un mini-lot de $n$ exemples (indicés par l’exposant $(i)$)`,
      'la régularisation L2 éventuelle ajoute $\\lambda W_k$',
      "L’exemple est tiré avec la graine 1",
      "et le taux d’apprentissage vaut $\\alpha = 0{,}3$.",
    ]) expect(fr).toContain(wording);
    expect(fr).not.toMatch(/lance la passe|restent en mémoire|garder chaque|comme dérivé plus haut|leaky relu'|Les premiers produits de ces chaînes|Sur un lot de|Un exemple tiré avec/);
    expect(sheet(logistic, 'fr')).toContain("L’exemple est tiré avec la graine 1");
  });
  it('the softmax split is explained in French, and the omitted gradients whether or not some were shown', () => {
    const both = renderDerivation(deriveNetwork(validateSpec(softmax), 's', { indexForm: 'always' }), { format: 'md', lang: 'fr', form: 'both' });
    expect(both).toContain('est prise à $S$ fixé');
    expect(both).not.toMatch(/tient \$S\$ fixe|Les autres paramètres/);
    expect(both).toContain(`Les gradients des paramètres de cette couche atteints par plusieurs chemins sont donnés plus bas`);
  });
  it('the chain rule sums over the paths, one step after another', () => {
    const expr = renderDerivation(deriveExpression('log(x*y)', 'x'), { format: 'md', lang: 'fr' });
    expect(expr).toContain("ce qui permet d’appliquer la règle de la chaîne étape par étape.");
    expect(expr).toContain('puis on additionne les produits obtenus sur tous les chemins.');
    expect(expr).not.toContain('une étape à la fois');
  });
});

describe('French training messages', () => {
  const fr = TRAIN_MESSAGES.fr;
  it('a decimal comma in the boundary plot title', () => {
    expect(fr.boundaryTitle('circles')).toContain('(ŷ = 0,5)');
  });
  it('no elision onto an option name, and no chain of colons in a warning', () => {
    expect(fr.notLearning.lrTooLow('0,6876', '0,6865')).toContain("plus d'époques avec --epochs");
    expect(fr.notLearning.other).toContain("plus d'époques (--epochs)");
    expect([fr.notLearning.lrTooLow('a', 'b'), fr.notLearning.other].join()).not.toContain("d'--");
    expect(fr.notLearning.lrTooHighShort).toBe("le taux d'apprentissage est sans doute trop grand, essayez un --lr plus petit");
    expect(fr.notLearning.deadRelu(1)).toBe('les ReLU de la couche 1 sont mortes (les poids de cette couche ne reçoivent aucun gradient, car chaque unité est ≤ 0 sur tous les exemples), souvent après un pas trop grand ; essayez un --lr plus petit ou une autre graine (--seed)');
  });
  it('an epoch is not a loss, and --out is a plot', () => {
    expect(fr.keptBest(17, '0,2945')).toBe("Paramètres conservés : ceux de l'époque 17, où la perte de validation est la plus faible (0,2945)");
    expect(fr.gradientTable('1, 61, …, 600')).toContain('(le graphique de --out les montre toutes)');
    expect(fr.inputAxis(1)).toBe('x₁ (centré réduit)');
  });
});
