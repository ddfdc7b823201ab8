import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpec, validateSpec } from '../../src/network/validate.ts';
import type { Activation, NetworkSpec } from '../../src/network/spec.ts';
import { boxesOverlap, boxMeetsCircle, circle, text, textBox, type CircleShape, type Drawing, type TextShape } from '../../src/sheet/svg/drawing.ts';
import { drawingSvg } from '../../src/sheet/svg/drawing-svg.ts';
import { computationalGraph, graphDrawing, type GraphLabels } from '../../src/sheet/svg/graph.ts';
import { networkDiagram, networkDrawing, type DiagramLabels } from '../../src/sheet/svg/network.ts';
import { escapeXml } from '../../src/sheet/svg/text.ts';
import { assertWellFormed } from '../well-formed.ts';
import { exampleSpecFiles } from '../../src/examples.ts';

// The two figures of the derivation sheet: well-formed, self-contained, escaped, deterministic,
// and carrying the names the sheet's equations use (seed 000's w_ij^k, seed 004's δ numbering).

const EN: DiagramLabels & GraphLabels = {
  input: 'input',
  output: 'output',
  layer: (k) => `layer ${k}`,
  units: (n) => `${n} units`,
  forward: 'forward pass',
  backward: 'backward pass',
  loss: 'loss',
};
const FR: DiagramLabels & GraphLabels = {
  input: 'entrée',
  output: 'sortie',
  layer: (k) => `couche ${k}`,
  units: (n) => `${n} unités`,
  forward: 'passe avant',
  backward: 'passe arrière',
  loss: 'perte',
};

const EXAMPLES = ['scalar-bce', 'circles', 'mnist', 'xor'] as const;
const spec = (name: string): NetworkSpec => loadSpec(`examples/${name}.json`);
const both = (s: NetworkSpec, labels = EN): string[] => [networkDiagram(s, labels), computationalGraph(s, labels)];


const viewBox = (svg: string): [number, number] => {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return [Number(m![1]), Number(m![2])];
};

describe('the well-formedness check itself', () => {
  it('accepts good XML and rejects broken XML', () => {
    expect(() => assertWellFormed('<a x="1"><b/>t &amp; u</a>')).not.toThrow();
    for (const bad of ['<a><b></a></b>', '<a>', '<a x=1/>', '<a>&</a>', '<a/><b/>', '<a x="1" x="2"/>', 'x<a/>']) {
      expect(() => assertWellFormed(bad), bad).toThrow();
    }
  });
});

describe.each(EXAMPLES)('figures of examples/%s.json', (name) => {
  const figures = both(spec(name));

  it('are well-formed, self-contained SVG documents', () => {
    for (const svg of figures) {
      assertWellFormed(svg);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')).toBe(true);
      expect(svg).toContain('role="img"');
      expect(svg).toContain('width="100%"');
      expect(svg).toMatch(/style="max-width:[\d.]+px;height:auto"/);
      expect(svg).toMatch(/<title>[^<]+<\/title>/);
      const rest = svg.replace('xmlns="http://www.w3.org/2000/svg"', '');
      for (const ref of ['http', 'href', 'url(', '@import', '@font-face', '<script', '<image', '<foreignObject', 'id="']) {
        expect(rest).not.toContain(ref);
      }
    }
  });

  it('keep every coordinate inside the viewBox', () => {
    for (const svg of figures) {
      const [w, h] = viewBox(svg);
      for (const m of svg.matchAll(/ (c?x[12]?|c?y[12]?)="(-?[\d.]+)"/g)) {
        const v = Number(m[2]);
        expect(v, `${m[1]}=${v}`).toBeGreaterThanOrEqual(0);
        expect(v, `${m[1]}=${v}`).toBeLessThanOrEqual(m[1]!.includes('x') ? w : h);
      }
    }
  });

  it('are deterministic', () => {
    expect(both(spec(name))).toEqual(figures);
  });
});

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** Every w_ij^k of the pair (k−1, k), as the diagram writes them. */
const weightsOf = (sizes: readonly number[], k: number): string[] =>
  Array.from({ length: sizes[k]! * sizes[k - 1]! }, (_, n) => `>w${SUP[k]}${SUB[Math.floor(n / sizes[k - 1]!) + 1]}${SUB[(n % sizes[k - 1]!) + 1]}<`);

describe('network diagram', () => {
  it('circles [2,4,4,1], seed 004 notation: its pairs are wider than 3 units, so each has its matrix label only', () => {
    const svg = networkDiagram(spec('circles'), EN);
    for (const s of ['>x₁<', '>x₂<', '>a¹₁<', '>a²₄<', '>ŷ<', '>ReLU<', '>σ<', '>4 units<', 'W₁ (4 × 2)', 'W₂ (4 × 4)', 'W₃ (1 × 4)', '>layer 3<', '(output)']) {
      expect(svg).toContain(s);
    }
    expect(svg).not.toMatch(/>w[¹²³]/);
    expect(svg).not.toContain('h¹');
  });

  it('names every weight of a pair whose layers have at most 3 units, and only those', () => {
    const chain = (sizes: readonly number[]): NetworkSpec =>
      validateSpec({ name: 'chain', input: sizes[0], layers: sizes.slice(1).map((units) => ({ units, activation: 'tanh' })), loss: 'mse' });
    const sizes = [3, 3, 4, 2, 1];
    const svg = networkDiagram(chain(sizes), EN);
    for (const w of weightsOf(sizes, 1)) expect(svg).toContain(w);
    for (const k of [2, 3]) for (const w of weightsOf(sizes, k)) expect(svg).not.toContain(w);
    for (const w of weightsOf(sizes, 4)) expect(svg).toContain(w);
  });

  it('scalar-bce: seed 004\'s scalar names w₁, w₂ and a₁', () => {
    const svg = networkDiagram(spec('scalar-bce'), EN);
    for (const s of ['>x<', '>a₁<', '>ŷ<', '>w₁<', '>w₂<']) expect(svg).toContain(s);
    expect(svg).not.toContain('(1 × 1)');
  });

  it('xor [2,2,1] in notation a-h: h for activations, a single output ŷ, every weight named', () => {
    const svg = networkDiagram(spec('xor'), EN);
    for (const s of ['>h¹₁<', '>h¹₂<', '>ŷ<', '>ReLU<', '>id<', ...weightsOf([2, 2, 1], 1), ...weightsOf([2, 2, 1], 2)]) expect(svg).toContain(s);
    expect(svg).not.toContain('ŷ₁');
  });

  it('mnist [784,128,10]: big layers cut with ⋮, one matrix label per pair', () => {
    const svg = networkDiagram(spec('mnist'), EN);
    for (const s of ['>784 units<', '>128 units<', '>10 units<', '>x₇₈₄<', '>h¹₁₂₈<', '>⋮<', 'W₁ (128 × 784)', 'W₂ (10 × 128)', '>ŷ₁₀<', '>softmax<']) {
      expect(svg).toContain(s);
    }
    expect(svg).not.toMatch(/>w[¹²]/);
    // 4 + last unit of each big layer, all 10 outputs: the figure stays small.
    expect(svg.match(/<circle /g)).toHaveLength(5 + 5 + 10);
    expect(svg.match(/<line /g)).toHaveLength(5 * 5 + 5 * 10);
  });

  it('uses the caller\'s words (French)', () => {
    const svg = networkDiagram(spec('mnist'), FR);
    for (const s of ['>entrée<', '>couche 1<', '(sortie)', '>784 unités<']) expect(svg).toContain(s);
  });
});

describe('computational graph', () => {
  it('z-a (seed 004): z/a names, deltas numbered from the output back (eq. 9–10)', () => {
    const svg = computationalGraph(spec('scalar-bce'), EN);
    for (const s of ['z₁ = w₁x + b₁', 'a₁ = σ(z₁)', 'z₂ = w₂a₁ + b₂', 'ŷ = σ(z₂)', 'δ₁ = ∂J/∂z₂', 'δ₂ = ∂J/∂z₁', 'J = BCE(ŷ, y)']) {
      expect(svg).toContain(`>${s}<`);
    }
  });

  it('circles: three layers with matrices W_k and δ₃ at the first layer', () => {
    const svg = computationalGraph(spec('circles'), EN);
    for (const s of ['>W₁<', '>b₃<', 'z₂ = W₂a₁ + b₂', 'a₂ = ReLU(z₂)', 'ŷ = σ(z₃)', 'δ₁ = ∂J/∂z₃', 'δ₃ = ∂J/∂z₁']) expect(svg).toContain(s);
  });

  it('a-h (seeds 000/002): a/h names, δ_k = ∂J/∂a_k numbered by layer', () => {
    const svg = computationalGraph(spec('mnist'), EN);
    for (const s of ['a₁ = W₁x + b₁', 'h₁ = ReLU(a₁)', 'a₂ = W₂h₁ + b₂', 'ŷ = softmax(a₂)', 'δ₁ = ∂J/∂a₁', 'δ₂ = ∂J/∂a₂', 'J = CE(ŷ, y)']) {
      expect(svg).toContain(`>${s}<`);
    }
    expect(computationalGraph(spec('xor'), EN)).toContain('>ŷ = a₂<');
  });

  it('draws the backward pass dashed, with a legend in the caller\'s words', () => {
    const svg = computationalGraph(spec('circles'), FR);
    // One dashed box per δ, a dashed path from J and a dashed arrow between consecutive δs, and the legend's.
    expect(svg.match(/<rect [^>]*stroke-dasharray/g)).toHaveLength(3);
    expect(svg.match(/<(line|polyline) [^>]*stroke-dasharray/g)).toHaveLength(1 + 2 + 1);
    for (const s of ['>passe avant<', '>passe arrière<', '>perte<', '>entrée<']) expect(svg).toContain(s);
  });

  it('shows the L2 term when λ > 0', () => {
    const svg = computationalGraph(spec('tanh-regression'), EN);
    expect(svg).toContain('J = ½‖ŷ − y‖²');
    expect(svg).toContain('λ = 0.01');
  });

  it('keeps its width from 1 to 6 layers: only the height grows', () => {
    const chain = (depth: number): NetworkSpec =>
      validateSpec({ name: 'chain', input: 3, layers: Array.from({ length: depth }, () => ({ units: 3, activation: 'tanh' })), loss: 'mse' });
    const sizes = [1, 2, 3, 4, 5, 6].map((d) => viewBox(computationalGraph(chain(d), EN)));
    for (const [w] of sizes) expect(w).toBe(sizes[0]![0]);
    for (let d = 1; d < 6; d++) expect(sizes[d]![1] - sizes[d - 1]![1]).toBe(sizes[1]![1] - sizes[0]![1]);
    expect(sizes[0]![0]).toBeLessThan(520);
  });
});

describe('user text is escaped', () => {
  const name = `<script>alert(1)</script> & "double" 'single'\u0001`;
  const evil = validateSpec({ ...JSON.parse(readFileSync('examples/circles.json', 'utf8')), name });

  it('never appears raw in either figure, which stay well-formed', () => {
    for (const svg of both(evil)) {
      assertWellFormed(svg);
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain('alert(1)</');
      expect(svg).not.toContain('"double"');
      expect(svg).not.toContain("'single'");
      expect(svg).not.toContain('\u0001');
      expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;double&quot; &#39;single&#39;');
    }
  });

  it('escapes the labels the caller passes too', () => {
    const labels = { ...EN, input: '<in>', loss: 'a & b' };
    for (const svg of both(spec('xor'), labels)) {
      assertWellFormed(svg);
      expect(svg).not.toContain('<in>');
    }
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
});

describe('the figures are data (drawing.ts), and the SVG is their emitter', () => {
  it('networkDiagram and computationalGraph are drawingSvg of the drawings', () => {
    for (const name of EXAMPLES) {
      expect(networkDiagram(spec(name), FR)).toBe(drawingSvg(networkDrawing(spec(name), FR)));
      expect(computationalGraph(spec(name), EN)).toBe(drawingSvg(graphDrawing(spec(name), EN)));
    }
  });

  it('one SVG element per shape (an arrow: its shaft and its head)', () => {
    const d = graphDrawing(spec('circles'), EN);
    const svg = drawingSvg(d);
    const count = (kind: string): number => d.shapes.filter((sh) => sh.kind === kind).length;
    expect(svg.match(/<text /g)).toHaveLength(count('text'));
    expect(svg.match(/<circle /g)).toHaveLength(count('circle'));
    expect(svg.match(/<polygon /g)).toHaveLength(count('arrow'));
    // The background is a <rect> too.
    expect(svg.match(/<rect /g)).toHaveLength(count('rect') + 1);
  });
});

// Legibility (issue 13, point 6): every text label's box, as the layout estimates it (textBox:
// position, anchor, size, textWidth, halo), meets no other label and no unit circle but its own
// (a unit's name sits at its centre), in both figures of every example and of random networks.
function collisions(d: Drawing): string[] {
  const texts = d.shapes.filter((sh): sh is TextShape => sh.kind === 'text');
  const circles = d.shapes.filter((sh): sh is CircleShape => sh.kind === 'circle');
  const out: string[] = [];
  texts.forEach((a, i) => {
    for (const b of texts.slice(i + 1)) if (boxesOverlap(textBox(a), textBox(b))) out.push(`"${a.text}" overlaps "${b.text}"`);
    for (const c of circles) {
      const own = a.at[0] === c.centre[0] && a.at[1] === c.centre[1];
      if (!own && boxMeetsCircle(textBox(a), c)) out.push(`"${a.text}" meets the circle at ${c.centre.join(',')}`);
    }
  });
  return out;
}

describe('no label overlaps another, or a unit it does not name', () => {
  const files = exampleSpecFiles().dense;
  it.each(files)('examples/%s, both figures, English and French', (file) => {
    const s = loadSpec(`examples/${file}`);
    for (const labels of [EN, FR]) {
      expect(collisions(networkDrawing(s, labels))).toEqual([]);
      expect(collisions(graphDrawing(s, labels))).toEqual([]);
    }
  });

  const HIDDEN: readonly Activation[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus'];
  const layer = fc.record({ units: fc.integer({ min: 1, max: 12 }), activation: fc.constantFrom(...HIDDEN) });
  const network = fc.record({
    input: fc.integer({ min: 1, max: 12 }),
    layers: fc.array(layer, { minLength: 1, maxLength: 5 }),
    notation: fc.constantFrom('a-h' as const, 'z-a' as const),
    l2: fc.constantFrom(0, 0.01),
    french: fc.boolean(),
  });

  it('random networks: 1–12 units, 1–5 layers, any hidden activation (leaky ReLU has the longest footer)', () => {
    fc.assert(
      fc.property(network, ({ input, layers, notation, l2, french }) => {
        const s = validateSpec({
          name: 'random',
          input,
          layers: layers.map((l) => (l.activation === 'leaky_relu' ? { ...l, alpha: 0.01 } : l)),
          loss: 'mse',
          notation,
          l2,
        });
        const labels = french ? FR : EN;
        expect(collisions(networkDrawing(s, labels))).toEqual([]);
        expect(collisions(graphDrawing(s, labels))).toEqual([]);
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('the check itself sees a label on a label, and a label on another unit', () => {
    const shapes = [circle(50, 50, 20), text(50, 50, 'x₁'), text(50, 80, 'w¹₁₁'), text(56, 84, 'A'), text(72, 50, 'B')];
    expect(collisions({ width: 100, height: 100, title: 't', shapes })).toEqual(['"w¹₁₁" overlaps "A"', '"B" meets the circle at 50,50']);
  });
});
