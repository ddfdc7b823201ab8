import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleSpecFiles, generatedFiles } from '../../src/examples.ts';
import { engineConvLossAndGrad } from '../../src/engine/conv-network.ts';
import { convParamBlocks, convParamCount, shapeSize, convShapes, type ConvNetSpec } from '../../src/network/conv-spec.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { loadModule } from '../../src/codegen/load.ts';
import { engineLossAndGrad } from '../../src/engine/network.ts';
import { loadSpec, type NetworkSpec } from '../../src/index.ts';
import { layerSizes, paramCount } from '../../src/network/spec.ts';
import { relErr, rng } from '../helpers.ts';

const files = generatedFiles(readdirSync('examples'));

function batch(spec: NetworkSpec, n: number, r: () => number, scale = 1) {
  const sizes = layerSizes(spec);
  const out = sizes[sizes.length - 1]!;
  const X = Float64Array.from({ length: n * sizes[0]! }, () => scale * (2 * r() - 1));
  const Y = new Float64Array(n * out);
  for (let e = 0; e < n; e++) {
    if (spec.loss.startsWith('cross_entropy')) Y[e * out + Math.floor(r() * out)] = 1;
    else for (let i = 0; i < out; i++) Y[e * out + i] = spec.loss === 'bce' ? Math.round(r()) : 2 * r() - 1;
  }
  return { X, Y };
}

describe('generated/ holds every example, as the generator emits it', () => {
  it('one file per example and nothing else', () => {
    const modules = readdirSync('generated').filter((f) => f !== 'sheets');
    expect(modules.sort()).toEqual(files.map((f) => f.path.replace('generated/', '')).sort());
  });
  for (const { path, content } of files) {
    it(`${path} has not drifted`, () => {
      expect(readFileSync(path, 'utf8')).toBe(content);
    });
  }
});

const isConv = (path: string): boolean => exampleSpecFiles().conv.includes(path.replace('generated/', '').replace(/\.ts$/, '.json'));

describe('every convolutional example at a seeded random point', () => {
  for (const { path, content } of files.filter((f) => isConv(f.path))) {
    const spec: ConvNetSpec = validateConvSpec(JSON.parse(readFileSync(path.replace('generated/', 'examples/').replace(/\.ts$/, '.json'), 'utf8')));
    it(`${path}: gradient = the engine's conv2d and pooling (1e-9) and central differences (1e-6)`, async () => {
      const net = await loadModule(content);
      const r = rng(convParamCount(spec));
      const theta = new Float64Array(convParamCount(spec));
      // He-scaled draws per block, so that activations stay O(1) through the layers.
      for (const b of convParamBlocks(spec)) {
        const fanIn = b.shape.slice(1).reduce((a, x) => a * x, 1);
        for (let i = 0; i < b.size; i++) theta[b.offset + i] = (2 * r() - 1) * Math.sqrt(6 / fanIn);
      }
      const shapes = convShapes(spec);
      const [inputs, classes] = [shapeSize(shapes[0]!), shapeSize(shapes.at(-1)!)];
      const n = 2;
      const X = Float64Array.from({ length: n * inputs }, () => r());
      const Y = new Float64Array(n * classes);
      for (let e = 0; e < n; e++) Y[e * classes + Math.floor(r() * classes)] = 1;
      const grad = new Float64Array(net.paramCount);
      const loss = net.lossAndGrad(theta, X, Y, n, grad);
      const ref = engineConvLossAndGrad(spec, theta, X, Y, n);
      expect(relErr(loss, ref.loss)).toBeLessThan(1e-9);
      for (let k = 0; k < grad.length; k++) expect(relErr(grad[k]!, ref.grad[k]!), `θ[${k}]`).toBeLessThan(1e-9);
      const coords = grad.length <= 40 ? [...grad.keys()] : Array.from({ length: 40 }, () => Math.floor(r() * grad.length));
      const scratch = new Float64Array(net.paramCount);
      for (const k of coords) {
        const h = 1e-6;
        const t0 = theta[k]!;
        theta[k] = t0 + h;
        const up = net.lossAndGrad(theta, X, Y, n, scratch);
        theta[k] = t0 - h;
        const down = net.lossAndGrad(theta, X, Y, n, scratch);
        theta[k] = t0;
        expect(Math.abs(grad[k]! - (up - down) / (2 * h)), `θ[${k}]`).toBeLessThan(1e-6 * Math.max(1, Math.abs(grad[k]!)));
      }
    });
  }
});

describe('every example network at a seeded random point', () => {
  for (const { path, content } of files.filter((f) => !isConv(f.path))) {
    const spec = loadSpec(path.replace('generated/', 'examples/').replace(/\.ts$/, '.json'));
    it(`${path}: gradient = engine (1e-9) and central differences (1e-6)`, async () => {
      const net = await loadModule(content);
      const r = rng(paramCount(spec));
      const theta = Float64Array.from({ length: paramCount(spec) }, () => (2 * r() - 1) / Math.sqrt(spec.input));
      const n = 4;
      const { X, Y } = batch(spec, n, r);
      const grad = new Float64Array(net.paramCount);
      const loss = net.lossAndGrad(theta, X, Y, n, grad);
      const ref = engineLossAndGrad(spec, theta, X, Y, n);
      expect(relErr(loss, ref.loss)).toBeLessThan(1e-9);
      for (let k = 0; k < grad.length; k++) expect(relErr(grad[k]!, ref.grad[k]!)).toBeLessThan(1e-9);
      // Central differences on (up to) 40 coordinates: all of them for the small networks.
      const coords = grad.length <= 40 ? [...grad.keys()] : Array.from({ length: 40 }, () => Math.floor(r() * grad.length));
      const scratch = new Float64Array(net.paramCount);
      for (const k of coords) {
        const h = 1e-5 * Math.max(1, Math.abs(theta[k]!));
        const t0 = theta[k]!;
        theta[k] = t0 + h;
        const up = net.lossAndGrad(theta, X, Y, n, scratch);
        theta[k] = t0 - h;
        const down = net.lossAndGrad(theta, X, Y, n, scratch);
        theta[k] = t0;
        expect(relErr(grad[k]!, (up - down) / (2 * h)), `θ[${k}]`).toBeLessThan(1e-6);
      }
    });

    it(`${path}: no NaN or Infinity for pre-activations up to |a| = 1000`, async () => {
      const net = await loadModule(content);
      const r = rng(7);
      for (const magnitude of [1000, -1000]) {
        // Inputs and biases large enough that every pre-activation reaches about |a| = 1000.
        const theta = Float64Array.from({ length: paramCount(spec) }, () => (magnitude / (spec.input + 1)) * (0.5 + r()));
        const { X, Y } = batch(spec, 2, r);
        X.fill(1);
        const grad = new Float64Array(net.paramCount);
        const loss = net.lossAndGrad(theta, X, Y, 2, grad);
        expect(Number.isFinite(loss), `loss ${loss}`).toBe(true);
        expect(grad.every(Number.isFinite)).toBe(true);
      }
    });
  }
});

describe('the θ layout the generated modules export', () => {
  it('circles: W1 (4×2), b1, W2 (4×4), b2, W3 (1×4), b3 — 37 parameters', async () => {
    const file = files.find((f) => f.path === 'generated/circles.ts')!;
    const net = await loadModule(file.content);
    expect(net.paramNames).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
    expect(net.paramShapes).toEqual([[4, 2], [4, 1], [4, 4], [4, 1], [1, 4], [1, 1]]);
    expect(net.paramCount).toBe(37);
    expect(net.layerSizes).toEqual([2, 4, 4, 1]);
  });

  it('scalar-bce keeps the seed’s names: w1, b1, w2, b2', async () => {
    const net = await loadModule(files.find((f) => f.path === 'generated/scalar-bce.ts')!.content);
    expect(net.paramNames).toEqual(['w1', 'b1', 'w2', 'b2']);
    expect(net.paramShapes).toEqual([[1, 1], [1, 1], [1, 1], [1, 1]]);
  });
});
