// Issue 13's wording defects, each a test: "4 weights and 1 biases"; French « graphe de
// calcul » (not « graphe computationnel »), « mémorisée » (not « gardée »), and no double
// colon in the softmax sentence.
import { describe, expect, it } from 'vitest';
import { deriveNetwork, renderDerivation, validateSpec } from '../../src/index.ts';

const sheet = (spec: object, lang: 'en' | 'fr'): string => renderDerivation(deriveNetwork(validateSpec(spec)), { format: 'md', lang });
const logistic = { name: 'logistic', input: 4, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' };
const softmax = { name: 's', input: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'cross_entropy' };

describe('sheet wording', () => {
  it('one bias is "1 bias"', () => {
    expect(sheet(logistic, 'en')).toContain('5 parameters, 4 weights and 1 bias.');
  });
  it('French: graphe de calcul, mémorisée, and one colon per sentence', () => {
    const fr = sheet(softmax, 'fr');
    expect(fr).toContain('Graphe de calcul');
    expect(fr).toContain('mémorisée');
    expect(fr).not.toMatch(/computationnel|gardée/);
    expect(fr).toContain('Le softmax couple ses sorties, et sa jacobienne a deux cas\u00a0:');
  });
});
