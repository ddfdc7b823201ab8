// The sheet of a convolutional network (issue 14): the CNN note's shapes (24×24×8 → 4608), the
// rule table's formulas, the tiny network's ∂J/∂K written out unit by unit (the expected terms
// listed by hand here), the max-pool routing picture checked against the argmax rule computed
// here, the worked example's gradient against central differences of the engine's loss, the
// courses' French terms, and random specs rendering in every format.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveConv } from '../../src/derive/conv-backprop.ts';
import { CONV_RULES } from '../../src/derive/conv-rules.ts';
import { engineConvLossAndGrad } from '../../src/engine/conv-network.ts';
import { convParamBlocks, convShapes, type ConvNetSpec } from '../../src/network/conv-spec.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { convWorkedExample } from '../../src/sheet/conv-example.ts';
import { renderSheet } from '../../src/sheet/render.ts';
import { routingDrawing, windowArgmax, type RoutingGrids } from '../../src/sheet/svg/pool-routing.ts';
import { volumeDrawing } from '../../src/sheet/svg/volumes.ts';
import { boxesOverlap, textBox, type TextShape } from '../../src/sheet/svg/drawing.ts';
import { CATALOGS } from '../../src/sheet/i18n/index.ts';
import { mulberry32 } from '../engine/rng.ts';

const spec = (name: string): ConvNetSpec => validateConvSpec(JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')), name);
const md = (s: ConvNetSpec, lang: 'en' | 'fr' = 'en', options = {}): string => renderSheet(deriveConv(s), { format: 'md', lang, ...options }).text;

describe('the CNN note’s network (flowers-cnn)', () => {
  const text = md(spec('flowers-cnn'));
  it('has the shape table of the note: 3 × 50 × 50 → 8 × 48 × 48 → 8 × 24 × 24 → 4608 → 5, 23 269 parameters', () => {
    // 8·3·3·3 + 8 = 224 in layer 1, 4608·5 + 5 = 23 045 in layer 4.
    expect(text).toContain('| 0 (input) |  |  | $3 \\times 50 \\times 50$ | 7500 |  |');
    expect(text).toContain('| $8 \\times 48 \\times 48$ | 18432 | 224 |');
    expect(text).toContain('| 2 | max-pooling | $2 \\times 2$, $s = 2$ | $8 \\times 24 \\times 24$ | 4608 | 0 |');
    expect(text).toContain('| 3 | flatten |  | $4608$ | 4608 | 0 |');
    expect(text).toContain('| 23045 |');
    expect(text).toContain('| total |  |  |  |  | 23269 |');
    expect(text).toContain('$\\lfloor (50 + 0 - 3)/1 \\rfloor + 1 = 48$');
  });

  it('prints the rule table’s formulas with the layer’s names, and the softmax head’s two cases and p − y', () => {
    const d = deriveConv(spec('flowers-cnn'));
    for (const step of d.layers) for (const e of [...step.forward, ...step.gradients]) expect(text).toContain(e.latex.slice(0, 40));
    expect(text).toContain('a^{1}_{f,\\,i,\\,j} = b^{1}_{f} + \\sum_{c,u,v} K^{1}_{f,\\,c,\\,u,\\,v}\\,x_{c,\\,i+u,\\,j+v}');
    expect(text).toContain('\\frac{\\partial J}{\\partial K^{1}_{f,\\,c,\\,u,\\,v}} = \\sum_{i,j} \\delta^{1}_{f,\\,i,\\,j}\\,x_{c,\\,i+u,\\,j+v}');
    expect(text).toContain('\\delta^{4}_{i} = \\hat{y}_{i} - y_{i}');
    expect(text).toMatch(/-p_i p_c/);
  });

  it('explains the kernel flip, the tie rule and average pooling’s divisor', () => {
    expect(text).toContain('kernel rotated by 180');
    expect(text).toContain('the first maximum in row-major order');
    const avg = md(validateConvSpec({ name: 'avg', input: { channels: 1, height: 6, width: 6 }, layers: [{ type: 'conv2d', filters: 2, kernel: 3, stride: 2, padding: 1, activation: 'tanh' }, { type: 'conv2d', filters: 2, kernel: 2, stride: 2, activation: 'relu' }, { type: 'avgpool', size: 2, padding: 1 }, { type: 'flatten' }, { units: 2, activation: 'softmax' }], loss: 'cross_entropy' }));
    expect(avg).toContain('counted in the divisor');
    expect(avg).toContain('dilated by 2');
  });
});

describe('the tiny network (cnn-tiny): every ∂J/∂K written out', () => {
  const text = md(spec('cnn-tiny'));
  const d = (i: number, j: number): string => `\\delta^{1}_{0,\\,${i},\\,${j}}`;
  const x = (r: number, t: number): string => `x_{0,\\,${r},\\,${t}}`;
  it.each([[0, 0], [0, 1], [1, 0], [1, 1]])('∂J/∂K¹₀₀%i%i is the sum over the 4 × 4 positions of δ¹ᵢⱼ x_{i+u, j+v}', (u, v) => {
    const eq = text.split('\n').find((l) => l.includes(`\\frac{\\partial J}{\\partial K^{1}_{0,\\,0,\\,${u},\\,${v}}} = `))!;
    expect(eq, `the equation for K(${u},${v})`).toBeDefined();
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(eq).toContain(`${d(i, j)}\\,${x(i + u, j + v)}`);
    expect(eq.match(/\\delta\^\{1\}/g)).toHaveLength(16);
  });
  it('∂J/∂b¹₀ is the sum of the 16 δ¹', () => {
    const eq = text.split('\n').find((l) => l.includes('\\frac{\\partial J}{\\partial b^{1}_{0}} = '))!;
    expect(eq.match(/\\delta\^\{1\}/g)).toHaveLength(16);
  });
  it('a network past 50 parameters does not write them out by default, and does with --form index when its maps are small', () => {
    const bigger = validateConvSpec({ name: 'b', input: { channels: 1, height: 5, width: 5 }, layers: [{ type: 'conv2d', filters: 3, kernel: 2, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'flatten' }, { units: 4, activation: 'softmax' }], loss: 'cross_entropy' });
    expect(md(bigger)).not.toContain('Written out unit by unit');
    expect(md(bigger, 'en', { form: 'index' })).toContain('Written out unit by unit');
    expect(md(spec('cnn-tiny'), 'en', { form: 'matrix' })).not.toContain('Written out unit by unit');
  });
});

describe('the worked example', () => {
  for (const name of ['cnn-tiny', 'cnn-shapes']) {
    it(`${name}: the printed gradient is the central difference of the engine’s loss at the printed θ`, () => {
      const s = spec(name);
      const ex = convWorkedExample(s);
      const r = mulberry32(3);
      const theta = Float64Array.from(ex.theta);
      const loss = (): number => engineConvLossAndGrad(s, theta, ex.x, ex.y, 1).loss;
      for (let q = 0; q < 30; q++) {
        const k = Math.floor(r() * theta.length);
        const h = 1e-6;
        const t0 = theta[k]!;
        theta[k] = t0 + h;
        const up = loss();
        theta[k] = t0 - h;
        const down = loss();
        theta[k] = t0;
        expect(Math.abs(ex.grad[k]! - (up - down) / (2 * h)), `θ[${k}]`).toBeLessThan(1e-6);
      }
    });
  }

  it.each(['cnn-tiny', 'cnn-shapes', 'flowers-cnn', 'lenet'])('%s: every feature map is alive and the pictured pooling windows have one maximum each (the seed is chosen for it)', (name) => {
    const s = spec(name);
    const ex = convWorkedExample(s);
    expect(ex.rounded).toBe(true);
    const shapes = convShapes(s);
    s.layers.forEach((layer, i) => {
      const [input, out] = [shapes[i]!, shapes[i + 1]!];
      if (out.kind !== 'volume' || input.kind !== 'volume') return;
      const { channels, height, width } = out.volume;
      if (layer.type === 'conv2d') {
        for (let c = 0; c < channels; c++) expect(ex.act[i]!.subarray(c * height * width, (c + 1) * height * width).some((v) => v > 0), `layer ${i + 1}, map ${c}`).toBe(true);
      }
      if (layer.type === 'maxpool') {
        const v = ex.act[i - 1]!;
        const W = input.volume.width;
        for (let r = 0; r < 2; r++) {
          for (let t = 0; t < 2; t++) {
            const cells = [0, 1].flatMap((u) => [0, 1].map((w) => v[(2 * r + u) * W + 2 * t + w]!));
            expect(cells.filter((x) => x === Math.max(...cells)), `layer ${i + 1}, window (${r}, ${t})`).toHaveLength(1);
          }
        }
      }
    });
  });
});

describe('the max-pool routing picture', () => {
  it('sends each window’s δ to its first maximum (computed here), 0 elsewhere, as the engine’s gradient says', () => {
    const s = spec('cnn-tiny');
    const ex = convWorkedExample(s);
    // Layer 2 pools layer 1's 1 × 4 × 4 map into 1 × 2 × 2.
    const input = Array.from(ex.act[0]!);
    const inputGrad = Array.from(ex.actGrad[0]!);
    const outputGrad = Array.from(ex.actGrad[1]!);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        let best = [2 * i, 2 * j];
        for (let u = 0; u < 2; u++) for (let v = 0; v < 2; v++) if (input[(2 * i + u) * 4 + 2 * j + v]! > input[best[0]! * 4 + best[1]!]!) best = [2 * i + u, 2 * j + v];
        for (let u = 0; u < 2; u++) {
          for (let v = 0; v < 2; v++) {
            const [r, t] = [2 * i + u, 2 * j + v];
            expect(inputGrad[r * 4 + t]).toBe(r === best[0] && t === best[1] ? outputGrad[i * 2 + j] : 0);
          }
        }
        const g: RoutingGrids = { kind: 'maxpool', size: 2, stride: 2, rows: 4, cols: 4, input, inputGrad, windows: [2, 2], output: [], outputGrad };
        expect(windowArgmax(g, i, j)).toBe(best[0]! * 4 + best[1]!);
      }
    }
    const svg = renderSheet(deriveConv(s), { format: 'md', figureFiles: 'tiny' }).files.find((f) => f.name === 'tiny.pool2.svg')!.content;
    // The bold cells are the maxima: four of them in the input grid and four in the errors grid.
    expect(svg.match(/font-weight="bold"/g)).toHaveLength(8);
  });

  it('ties go to the first maximum in row-major order', () => {
    const g = { size: 2, stride: 2, cols: 4, windows: [2, 2] as const, input: [1, 3, 0, 0, 3, 2, 0, 0, 5, 5, 7, 7, 5, 5, 7, 7] };
    expect([windowArgmax(g, 0, 0), windowArgmax(g, 0, 1), windowArgmax(g, 1, 0), windowArgmax(g, 1, 1)]).toEqual([1, 2, 8, 10]);
  });
});

describe('the figures', () => {
  const noOverlap = (shapes: readonly { kind: string }[]): string[] => {
    const texts = shapes.filter((s): s is TextShape => s.kind === 'text');
    return texts.flatMap((a, i) => texts.slice(i + 1).filter((b) => boxesOverlap(textBox(a), textBox(b))).map((b) => `"${a.text}" overlaps "${b.text}"`));
  };
  it.each(['flowers-cnn', 'lenet', 'cnn-shapes', 'cnn-tiny'])('%s: the volumes carry their sizes, and no label overlaps another (en, fr)', (name) => {
    for (const lang of ['en', 'fr'] as const) {
      const dr = volumeDrawing(spec(name), CATALOGS[lang].conv.figure);
      expect(noOverlap(dr.shapes)).toEqual([]);
      if (name === 'flowers-cnn') for (const size of ['3 × 50 × 50', '8 × 48 × 48', '8 × 24 × 24', '4608', '5']) expect(dr.shapes.some((s) => s.kind === 'text' && s.text === size), size).toBe(true);
    }
  });
  it('the routing picture’s labels do not overlap', () => {
    const ex = convWorkedExample(spec('cnn-tiny'));
    const g: RoutingGrids = { kind: 'maxpool', size: 2, stride: 2, rows: 4, cols: 4, input: [...ex.act[0]!], inputGrad: [...ex.actGrad[0]!], windows: [2, 2], output: [...ex.act[1]!], outputGrad: [...ex.actGrad[1]!] };
    for (const lang of ['en', 'fr'] as const) expect(noOverlap(routingDrawing(g, CATALOGS[lang].conv.routing('maxpool', 2, CATALOGS[lang].decimal)).shapes)).toEqual([]);
  });
});

describe('in French, in the courses’ terms', () => {
  const text = md(spec('flowers-cnn'), 'fr');
  it.each(['couche de convolution', 'noyau', 'filtre', 'carte de caractéristiques', 'couche de mise en commun (pooling)', 'aplatissement', 'tourné de 180°', 'le premier maximum dans l’ordre des lignes'])('says « %s »', (term) => {
    expect(text).toContain(term);
  });
  it('writes decimal commas in the worked example and a no-break space before every colon, headings included', () => {
    expect(text).toMatch(/\d\{,\}\d/);
    expect(text).not.toMatch(/ :/);
    expect(text).toContain('## Couche 4\u00a0: dense');
    // Outside math, a colon follows a no-break space (or a digit, in a ratio), never a letter.
    // The title is the spec's own (English) words: not the catalog's.
    const prose = text.replace(/^# .*$/m, '').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$]*\$/g, '').replace(/\]\([^)]*\)/g, '](…)');
    expect(prose.match(/[A-Za-zÀ-ÿ):]:/g) ?? []).toEqual([]);
  });
  it('has no English from the rule table in its formulas', () => {
    for (const name of ['cnn-tiny', 'lenet']) {
      const fr = md(spec(name), 'fr');
      for (const word of ['the full convolution', 'rotated by', 'dilated', 'the kernel']) expect(fr, word).not.toContain(word);
    }
  });
});

describe('random convolutional specs render in every format and language', () => {
  const rng = mulberry32(41);
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const specs: ConvNetSpec[] = [];
  for (let i = 0; specs.length < 12 && i < 500; i++) {
    const layers: unknown[] = [];
    for (let c = int(1, 2); c > 0; c--) {
      layers.push({ type: 'conv2d', filters: int(1, 3), kernel: int(1, 3), stride: int(1, 2), padding: int(0, 1), activation: ['relu', 'tanh', 'sigmoid', 'leaky_relu'][int(0, 3)] });
      if (rng() < 0.7) layers.push({ type: rng() < 0.5 ? 'maxpool' : 'avgpool', size: 2, stride: int(1, 2) });
    }
    layers.push({ type: 'flatten' }, ...(rng() < 0.5 ? [{ units: int(1, 4), activation: 'relu' }] : []), { units: int(2, 3), activation: 'softmax' });
    try {
      specs.push(validateConvSpec({ name: `r${i}`, input: { channels: int(1, 3), height: int(6, 10), width: int(6, 10) }, layers, loss: 'cross_entropy', ...(rng() < 0.3 ? { notation: 'z-a' } : {}) }));
    } catch {
      // an invalid draw (a window larger than its input): draw again
    }
  }
  it.each(specs.map((s) => [s.name, s] as const))('%s', (_, s) => {
    const d = deriveConv(s);
    for (const lang of ['en', 'fr'] as const) {
      for (const format of ['md', 'tex', 'html'] as const) {
        const out = renderSheet(d, { format, lang, standalone: true }).text;
        expect(out.length).toBeGreaterThan(1000);
        if (format === 'html') expect(out).not.toContain('katex-error');
      }
    }
    // Every block of θ appears in the sheet's gradients.
    const text = md(s);
    for (const b of convParamBlocks(s)) expect(text).toContain(`\\partial ${b.name[0]}^{${b.layer}}`);
  });
  it('drew enough specs', () => expect(specs.length).toBe(12));
});

describe('the rule table has an entry for every layer kind', () => {
  it('conv2d, maxpool, avgpool, flatten, dense, activation, head, objective', () => {
    expect(Object.keys(CONV_RULES).sort()).toEqual(['activation', 'avgpool', 'conv2d', 'dense', 'flatten', 'head', 'maxpool', 'objective']);
  });
});

describe('a huge convolutional network', () => {
  it('gets no worked example past 10⁸ multiply-adds per example, and says why (no minutes of computing)', () => {
    const huge = validateConvSpec({ name: 'huge', input: { channels: 512, height: 40, width: 40 }, layers: [{ type: 'conv2d', filters: 512, kernel: 3, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'flatten' }, { units: 10, activation: 'softmax' }], loss: 'cross_entropy' });
    const text = md(huge);
    // 512 · 38 · 38 · 512 · 9 multiply-adds in the convolution alone.
    expect(text).toMatch(/too big for a worked example here: one example takes \d+ multiply-adds, over the sheet's limit of 100000000/);
    expect(text).not.toContain('drawn with seed');
    expect(text).toContain('| 1 | convolution | $512 \\times 3 \\times 3$');
  }, 30_000);
});
