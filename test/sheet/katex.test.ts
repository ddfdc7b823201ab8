import { readdirSync } from 'node:fs';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { deriveExpression, deriveNetwork, loadSpec, renderDerivation, validateSpec } from '../../src/index.ts';
import { LANGS } from '../../src/sheet/i18n/index.ts';
import { exampleSpecFiles } from '../../src/examples.ts';

/** Every formula of a Markdown document: $$ display blocks, then $inline$ spans. */
export function formulas(markdown: string): string[] {
  const display = [...markdown.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => m[1]!);
  const rest = markdown.replace(/\$\$\n[\s\S]*?\n\$\$/g, '').replace(/\\\$/g, '');
  const inline = [...rest.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]!);
  return [...display, ...inline];
}

const examples = Object.fromEntries(
  exampleSpecFiles().dense.map((f) => [`examples/${f}`, deriveNetwork(loadSpec(`examples/${f}`))]),
);

const derivations = {
  ...examples,
  'log(xy)': deriveExpression('log(x*y)', 'x'),
  'exp(sin(x)^2)': deriveExpression('exp(sin(x)^2)', 'x'),
  'x^y by y': deriveExpression('x^y', 'y'),
  'sigmoid(w*x+b)': deriveExpression('sigmoid(w*x+b)', 'w'),
  'leaky_relu': deriveExpression('leaky_relu(x, 0.2) + relu(x) + abs(x) / softplus(x)', 'x'),
  'scalar-bce': deriveNetwork(loadSpec('examples/scalar-bce.json')),
  'softmax [4, 3, 3]': deriveNetwork(validateSpec({ name: 'softmax', input: 4, layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'cross_entropy' })),
  'multi-unit [3, 4, 2]': deriveNetwork(validateSpec({ name: 'mlp', notation: 'z-a', input: 3, layers: [{ units: 4, activation: 'sigmoid' }, { units: 2, activation: 'tanh' }], loss: 'mse', l2: 0.01 })),
  'logits [2, 2, 12]': deriveNetwork(validateSpec({ name: 'logits', input: 2, layers: [{ units: 2, activation: 'relu' }, { units: 12, activation: 'identity' }], loss: 'cross_entropy_with_logits' })),
};

describe('every formula renders in KaTeX (throwOnError, strict: error)', () => {
  for (const [name, d] of Object.entries(derivations)) {
    for (const lang of LANGS) {
      it(`${name} (${lang})`, () => {
        const found = formulas(renderDerivation(d, { format: 'md', lang }));
        expect(found.length).toBeGreaterThan(5);
        for (const tex of found) {
          expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true, strict: 'error', trust: false }), tex).not.toThrow();
        }
      });
    }
  }

  it('the LaTeX output carries the same formulas as the Markdown', () => {
    const d = derivations['scalar-bce'];
    const tex = renderDerivation(d, { format: 'tex', standalone: true });
    expect(tex.startsWith('\\documentclass')).toBe(true);
    expect(tex.trimEnd().endsWith('\\end{document}')).toBe(true);
    for (const f of formulas(renderDerivation(d, { format: 'md' })).filter((f) => f.includes('\\tag'))) {
      expect(tex).toContain(f.replace(/ \\tag\{\d+\}$/, ''));
    }
  });
});
