// The sheet as a handout (issue 13): one notation per sheet, the algorithm box says what the
// derivation derived, the loss shows its L2 term, leaky ReLU is defined, the contents and the
// summary table are there in every format, the options choose what is shown, and the worked
// example's numbers are the course notebook's and the engine's.
import { describe, expect, it } from 'vitest';
import { deriveNetwork, renderDerivation, validateSpec } from '../../src/index.ts';
import { engineLossAndGrad } from '../../src/engine/network.ts';
import { loadSpec } from '../../src/network/validate.ts';
import { workedExample } from '../../src/sheet/example-numbers.ts';
import type { RenderOptions } from '../../src/sheet/render.ts';
import type { NetworkSpec } from '../../src/network/spec.ts';
import { layerIndexLatex } from '../../src/sheet/layer-index.ts';

const circles = loadSpec('examples/circles.json');
const md = (spec: NetworkSpec, options: RenderOptions = {}): string => renderDerivation(deriveNetwork(spec), { format: 'md', ...options });
const net = (o: object): NetworkSpec => validateSpec({ name: 't', input: 2, ...o });
const softmax = net({ layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'cross_entropy' });

/** The numbered lines of the algorithm box (Markdown). */
const algorithmBox = (sheet: string): string => sheet.slice(sheet.indexOf('1. Initialise'), sheet.indexOf('Over a batch'));

describe('one notation per sheet', () => {
  it('z-a (circles): the algorithm box numbers the deltas from the output, as the body does', () => {
    const sheet = md(circles);
    expect(sheet).toContain('\\delta_{1} = \\frac{\\partial J}{\\partial z_{3}}');
    const box = algorithmBox(sheet);
    expect(box).toContain('at the output, $\\delta_{1} = \\hat{y} - y$');
    expect(box).toContain('$\\delta_{L-k+1} = (W_{k+1}^{\\top} \\delta_{L-k}) \\odot g_k\'(z_k)$');
    expect(sheet).not.toMatch(/\\delta\^\{\(k\)\}/);
  });
  it('--deltas from-input renumbers the body, the table and the box together', () => {
    const sheet = md({ ...circles, deltas: 'from-input' });
    expect(sheet).toContain('\\delta_{3} = \\frac{\\partial J}{\\partial z_{3}}');
    expect(algorithmBox(sheet)).toContain('at the output, $\\delta_{3} = \\hat{y} - y$');
    expect(algorithmBox(sheet)).toContain('$\\delta_{k} = (W_{k+1}^{\\top} \\delta_{k+1})');
    expect(sheet).toContain('| 1 | 4 | ReLU | $4 \\times 2$ | $4 \\times 1$ | $4 \\times 1$ | $\\delta_{1} \\colon 4 \\times 1$ | 12 |');
  });
  it('the computational graph follows the δ numbering too (--deltas, "deltas")', () => {
    const graphDeltas = (sheet: string): string[] => [...sheet.matchAll(/>(δ[₀-₉]+ = ∂J\/∂[a-z][₀-₉]+)</g)].map((m) => m[1]!);
    expect(graphDeltas(md({ ...circles, deltas: 'from-input' }))).toEqual(['δ₁ = ∂J/∂z₁', 'δ₂ = ∂J/∂z₂', 'δ₃ = ∂J/∂z₃']);
    expect(graphDeltas(md(circles))).toEqual(['δ₃ = ∂J/∂z₁', 'δ₂ = ∂J/∂z₂', 'δ₁ = ∂J/∂z₃']);
  });
  it('the generated code comments use the same δ names as the sheet', async () => {
    const { generateCode } = await import('../../src/index.ts');
    // The first δ the backward pass computes is the output's.
    const firstDelta = (code: string): string | undefined => /\/\/ \(\d+\) (δ.) = /u.exec(code)?.[1];
    expect(firstDelta(generateCode(circles))).toBe('δ₁');
    expect(firstDelta(generateCode({ ...circles, deltas: 'from-input' }))).toBe('δ₃');
  });
});

describe('the defects of issue 13', () => {
  it('softmax: the algorithm box prints p − y as derived, not ∇L ⊙ g′', () => {
    const box = algorithmBox(md(softmax));
    expect(box).toContain('at the output, $\\delta_{2} = \\hat{y} - y$');
    expect(box).not.toContain("g_L'");
  });
  it('the loss section shows the L2 term with λ as written', () => {
    const sheet = md({ ...circles, l2: 0.01 });
    const loss = sheet.slice(sheet.indexOf('## The loss'), sheet.indexOf('## Layer'));
    expect(loss).toContain('With L2 regularisation ($\\lambda = 0.01$)');
    expect(loss).toContain('+ \\frac{0.01}{2} \\sum_k \\lVert W_k \\rVert_F^2');
    expect(md(circles)).not.toContain('L2 regularisation (');
    // One J, numbered, with its L2 term; the weights' gradients carry + λW (the checker's answer), the biases' do not.
    expect(loss.match(/^J = /gm)).toHaveLength(1);
    const sheet2 = md({ ...circles, l2: 0.01 }, { sections: ['gradients'] });
    expect(sheet2).toContain('\\nabla_{W_{3}} J = \\delta_{1} a_{2}^{\\top} + \\lambda W_{3}');
    expect(sheet2).toContain('\\nabla_{b_{3}} J = \\delta_{1} \\tag');
    const index = renderDerivation(deriveNetwork({ ...circles, l2: 0.01 }, 'c', { indexForm: 'always' }), { format: 'md', form: 'index', sections: ['gradients'] });
    expect(index).toMatch(/\\frac\{\\partial J\}\{\\partial w\^\{3\}_\{11\}\} = .* \+ \\lambda w\^\{3\}_\{11\} \\tag/);
  });
  it('leaky ReLU is defined on first use, with its slope as the spec wrote it (α is the learning rate)', () => {
    const spec = net({ layers: [{ units: 2, activation: 'leaky_relu', alpha: 0.1 }, { units: 1, activation: 'sigmoid' }], loss: 'bce' });
    const sheet = md(spec, { form: 'both' });
    expect(sheet).toContain('The leaky ReLU of slope 0.1 is $\\operatorname{lrelu}_{0.1}(u) = u$ for $u > 0$ and $0.1\\, u$ otherwise');
    expect(sheet).not.toMatch(/slope \$\\alpha|\\alpha = 0\.1/);
    expect(sheet).toContain('\\operatorname{lrelu}\'_{0.1}');
    expect(sheet).not.toContain('\\frac{1}{10}');
  });
  it('the index form explains why ∂ŷ_i/∂a_i = ŷ_i holds S fixed', () => {
    const both = renderDerivation(deriveNetwork(softmax, 's', { indexForm: 'always' }), { format: 'md', form: 'both' });
    expect(both).toContain('holds $S$ fixed, and the path through $S$ adds $-\\hat{y}_i \\hat{y}_j$');
    expect(md(softmax, { form: 'matrix' })).not.toContain('holds $S$ fixed');
  });
  it('French text has no-break spaces before colons and inside « »', () => {
    const fr = md(softmax, { lang: 'fr' });
    const text = fr.split('$').filter((_, i) => i % 2 === 0).join('');
    expect(text).not.toMatch(/ [:;?!]/);
    expect(fr).toContain('«\u00a0sum\u00a0»');
  });
});

describe('French conventions in formulas and counts', () => {
  it('λ and α get decimal commas in every formula, counts are grouped', () => {
    const fr = md({ ...circles, l2: 0.01 }, { lang: 'fr' });
    expect(fr).toContain('\\frac{0{,}01}{2}');
    expect(fr.split('$').filter((_, i) => i % 2 === 1).join(' ')).not.toMatch(/\d\.\d/);
    expect(md(loadSpec('examples/mnist.json'), { lang: 'fr', sections: ['network'] })).toContain('| total |  |  |  |  |  |  | 101\u00a0770 |');
  });
  it('French LaTeX loads babel (hyphenation) with TikZ\'s babel library', () => {
    const tex = renderDerivation(deriveNetwork(circles), { format: 'tex', lang: 'fr', standalone: true });
    expect(tex).toContain('\\usepackage[french]{babel}');
    expect(tex).toContain('\\usetikzlibrary{babel}');
  });
});

describe('equation numbers', () => {
  it("a primed number n′ always refers to an equation n shown on the same sheet", () => {
    for (const spec of [softmax, circles, loadSpec('examples/xor.json')]) {
      const sheet = renderDerivation(deriveNetwork(spec, 's', { indexForm: 'always' }), { format: 'md', form: 'both' });
      const tags = new Set([...sheet.matchAll(/\\tag\{(\d+)\}/g)].map((t) => t[1]));
      for (const [, n] of sheet.matchAll(/\\tag\{(\d+)'\}/g)) expect(tags.has(n), `(${n}') without (${n})`).toBe(true);
    }
  });
});

describe('contents, summary table, options', () => {
  for (const format of ['md', 'tex', 'html'] as const) {
    it(`${format}: a table of contents and a per-layer table`, () => {
      const sheet = renderDerivation(deriveNetwork(circles), { format, standalone: true });
      const contents = { md: '1. [The network](#the-network)', tex: '\\tableofcontents', html: '<nav class="toc">' }[format];
      expect(sheet).toContain(contents);
      expect(sheet).toContain(format === 'html' ? '<table>' : format === 'tex' ? '\\begin{tabular}' : '| Layer | Units | Activation |');
      expect(sheet).toMatch(format === 'html' ? /<li><a href="#sec-9">Worked example<\/a><\/li>/ : /Worked example/);
    });
  }
  it('circles by default is the compact matrix form; --form both adds every ∂J/∂w_ij', () => {
    const compact = md(circles);
    expect(compact).not.toContain('\\frac{\\partial J}{\\partial w^{3}_{11}}');
    expect((compact.match(/\$\$/g) ?? []).length / 2).toBeLessThan(50);
    const both = renderDerivation(deriveNetwork(circles, 'c', { indexForm: 'always' }), { format: 'md', form: 'both' });
    expect(both).toContain('\\frac{\\partial J}{\\partial w^{3}_{11}}');
    expect(both).toContain('### Matrix form');
  });
  it('--form index hides the matrix form; --form matrix the index form', () => {
    const d = deriveNetwork(net({ layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' }));
    const index = renderDerivation(d, { format: 'md', form: 'index', sections: ['forward', 'gradients'] });
    expect(index).toContain('\\frac{\\partial J}{\\partial w^{1}_{11}}');
    expect(index).not.toContain('\\nabla_{W_{1}} J = \\delta');
    const matrix = renderDerivation(d, { format: 'md', form: 'matrix' });
    expect(matrix).not.toContain('\\frac{\\partial J}{\\partial w^{1}_{11}}');
    expect(matrix).toContain('\\nabla_{W_{1}} J = \\delta_{1} x^{\\top}');
  });
  it('--sections prints the chosen sections only, in the sheet order', () => {
    const sheet = md(circles, { sections: ['example', 'loss'] });
    expect(sheet.match(/^## .*/gm)).toEqual(['## The loss and its gradient', '## Worked example']);
  });
  it('--title and "title" replace the heading, escaped', () => {
    expect(md(circles, { title: 'TD 3 <b>#1</b>' })).toMatch(/^# TD 3 \\<b\\>\\#1\\<\/b\\>\n/);
    expect(md({ ...circles, title: 'Cours 4' })).toMatch(/^# Cours 4\n/);
  });
  it('layer index styles rewrite every layered name, and only those', () => {
    expect(layerIndexLatex('w^{2}_{13} + \\delta^{1}_{2} \\hat{y}^{3}_{1} \\sum_{i=1}^{n} x^{2}', 'parenthesized')).toBe('w^{(2)}_{13} + \\delta^{(1)}_{2} \\hat{y}^{(3)}_{1} \\sum_{i=1}^{n} x^{2}');
    expect(layerIndexLatex('w^{2}_{13} \\left(a^{1}_{2}\\right)^{2}', 'subscript')).toBe('w_{2,13} \\left(a_{1,2}\\right)^{2}');
    const sheet = renderDerivation(deriveNetwork({ ...circles, layerIndex: 'subscript' }, 'c', { indexForm: 'always' }), { format: 'md', form: 'both' });
    expect(sheet).toContain('\\frac{\\partial J}{\\partial w_{3,11}}');
    expect(sheet).not.toMatch(/[a-z}]\^\{\d+\}_\{/);
  });
});

describe('the worked example', () => {
  it("the course notebook's scalar network at x = 3.14, y = 1: ŷ ≈ 0.51, loss ≈ 0.68 (from the generated code)", () => {
    const ex = workedExample(loadSpec('examples/scalar-bce.json'));
    expect(ex.yhat[0]).toBeCloseTo(0.51, 2);
    expect(ex.loss).toBeCloseTo(0.68, 2);
    expect(ex.lossAfter).toBeLessThan(ex.loss);
    const sheet = md(loadSpec('examples/scalar-bce.json'));
    expect(sheet).toContain('\\hat{y} = \\sigma\\left(z_{2}\\right) = 0.5055');
    expect(sheet).toContain('= 0.6822');
    expect(sheet).toContain('$\\alpha = 0.1$');
  });
  for (const name of ['circles', 'softmax-4-8-3', 'tanh-regression', 'deep-tanh']) {
    it(`${name}: the numbers agree with the engine, and each δ_k with central differences of J in b_k`, () => {
      const spec = loadSpec(`examples/${name}.json`);
      const ex = workedExample(spec);
      const ref = engineLossAndGrad(spec, ex.theta, ex.x, ex.y, 1);
      expect(Math.abs(ex.loss - ref.loss)).toBeLessThan(1e-12);
      ex.grad.forEach((g, i) => expect(Math.abs(g - ref.grad[i]!)).toBeLessThan(1e-10));
      // δ_k = ∂J/∂b_k for one example; check a few by finite differences of the engine's J.
      let offset = 0;
      spec.layers.forEach((layer, k) => {
        const fanIn = k === 0 ? spec.input : spec.layers[k - 1]!.units;
        offset += layer.units * fanIn;
        for (let i = 0; i < Math.min(layer.units, 3); i++) {
          const h = 1e-6;
          const at = (d: number): number => {
            const t = Float64Array.from(ex.theta);
            t[offset + i]! += d;
            return engineLossAndGrad(spec, t, ex.x, ex.y, 1).loss;
          };
          expect(ex.delta[k]![i]!).toBeCloseTo((at(h) - at(-h)) / (2 * h), 6);
        }
        offset += layer.units;
      });
      // The update is θ − α∇J.
      ex.updated.forEach((v, i) => expect(v).toBeCloseTo(ex.theta[i]! - ex.lr * ex.grad[i]!, 14));
    });
  }
  it('the default draw is documented: seed 1, two decimals, biases 0, one-hot target for cross-entropy', () => {
    const spec = loadSpec('examples/softmax-4-8-3.json');
    const ex = workedExample(spec);
    expect([...ex.y]).toEqual([1, 0, 0]);
    for (const v of [...ex.x, ...ex.theta]) expect(Math.round(v * 100) / 100).toBe(v);
    expect(ex.thetaSource).toEqual({ kind: 'seed', seed: 1 });
    const seeded = workedExample({ ...spec, example: { x: [0.5, 0, 0, 0], y: [0, 1, 0], theta: 'seed:7' } });
    expect([...seeded.x]).toEqual([0.5, 0, 0, 0]);
    expect(seeded.theta).not.toEqual(ex.theta);
  });
  it('a step that raises the loss says so (tanh-regression at α = 0.3), one that lowers it does not', () => {
    expect(md(loadSpec('examples/tanh-regression.json'))).toContain('It rose: this learning rate overshoots on this example');
    expect(md(circles)).not.toContain('It rose');
  });
  it('French numbers use the decimal comma', () => {
    const fr = md(loadSpec('examples/scalar-bce.json'), { lang: 'fr' });
    expect(fr).toContain('0{,}5055');
    expect(fr).toContain('## Exemple numérique');
  });
});
