// Every spec in examples/ is valid, formatted the same way, and has the shape the course
// material gives it. The expected parameter counts are worked out by hand here:
// Σ_k N_k (N_{k−1} + 1).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isConvSpec, loadAnySpec } from '../src/network/any-spec.ts';
import { convParamCount } from '../src/network/conv-spec.ts';
import { loadSpec } from '../src/network/validate.ts';
import { layerSizes, paramCount } from '../src/network/spec.ts';

const files = readdirSync('examples').filter((f) => f.endsWith('.json')).sort();

describe('examples/', () => {
  it('holds the course’s networks', () => {
    expect(files).toEqual(expect.arrayContaining([
      'circles.json', 'mlp-3-4-2.json', 'mnist.json', 'scalar-bce.json', 'softmax-4-8-3.json', 'tanh-regression.json', 'xor.json',
    ]));
  });

  it.each(files)('%s loads, is named after its file, and is pretty-printed (2 spaces, final newline)', (file) => {
    const spec = loadAnySpec(`examples/${file}`);
    expect(spec.name).toBe(file.replace(/\.json$/, ''));
    const text = readFileSync(`examples/${file}`, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });
});

describe('parameter counts', () => {
  it.each([
    // seed 004: x → σ(w1 x + b1) → σ(w2 a1 + b2), "four trainable parameters"
    ['scalar-bce', 4],
    // seed 004: [2,4,4,1] has 8 + 16 + 4 = 28 weights and 4 + 4 + 1 = 9 biases, "37 paramètres"
    ['circles', 37],
    // seed 002: W1 (2×2), b1 (2), w2 (2), b2 (1)
    ['xor', 9],
    // seed 000: 3·4 + 4 for the h_i, 4·2 + 2 for the y_i
    ['mlp-3-4-2', 26],
    ['softmax-4-8-3', 4 * 8 + 8 + 8 * 3 + 3],
    ['tanh-regression', 1 * 8 + 8 + 8 * 8 + 8 + 8 * 1 + 1],
    // 784·128 + 128 + 128·10 + 10
    ['mnist', 101770],
  ])('%s has %i parameters', (name, count) => {
    expect(paramCount(loadSpec(`examples/${name}.json`))).toBe(count);
  });
  it.each([
    // seed 003 (the CNN note): 8 filters 3×3 on 3 channels, 24×24×8 = 4608 → 5 classes
    ['flowers-cnn', 8 * 3 * 3 * 3 + 8 + 4608 * 5 + 5],
    // LeNet-5-like: the published 44 426 (conv 156 + 2416, dense 30 840 + 10 164 + 850)
    ['lenet', 44426],
    // 16×16 → conv 3×3×8 → 14×14×8 → pool 2 → 7×7×8 = 392 → 4
    ['cnn-shapes', 8 * 9 + 8 + 392 * 4 + 4],
    // 5×5 → conv 2×2 → 4×4 → pool 2 → 2×2 = 4 → 2
    ['cnn-tiny', 4 + 1 + 4 * 2 + 2],
  ])('%s (convolutional) has %i parameters', (name, count) => {
    const spec = loadAnySpec(`examples/${name}.json`);
    expect(isConvSpec(spec) ? convParamCount(spec) : -1).toBe(count);
  });
});

describe('each example is the network its source describes', () => {
  const shape = (name: string) => {
    const spec = loadSpec(`examples/${name}.json`);
    return { sizes: layerSizes(spec), activations: spec.layers.map((l) => l.activation), loss: spec.loss, notation: spec.notation };
  };

  it('scalar-bce: seed 004’s scalar network with BCE, z-a notation', () => {
    expect(shape('scalar-bce')).toEqual({ sizes: [1, 1, 1], activations: ['sigmoid', 'sigmoid'], loss: 'bce', notation: 'z-a' });
  });

  it('circles: seed 004’s SimpleMLP([2, 4, 4, 1]) with ReLU hidden layers and BCE', () => {
    expect(shape('circles')).toEqual({ sizes: [2, 4, 4, 1], activations: ['relu', 'relu', 'sigmoid'], loss: 'bce', notation: 'z-a' });
  });

  it('xor: seed 002’s h = ReLU(W1 x + b1), y = ⟨w2, h⟩ + b2, square error', () => {
    expect(shape('xor')).toEqual({ sizes: [2, 2, 1], activations: ['relu', 'identity'], loss: 'mse', notation: 'a-h' });
  });

  it('mlp-3-4-2: seed 000’s h = g1(W1 x + b1), y = g2(W2 h + b2), square error summed over the examples', () => {
    expect(shape('mlp-3-4-2')).toEqual({ sizes: [3, 4, 2], activations: ['sigmoid', 'identity'], loss: 'mse', notation: 'a-h' });
    // seed 000: E(W) = Σ_i ½‖y^i − d^i‖², a sum over the training set.
    expect(loadSpec('examples/mlp-3-4-2.json').reduction).toBe('sum');
  });

  it('softmax-4-8-3 and mnist end in softmax with cross-entropy', () => {
    expect(shape('softmax-4-8-3')).toEqual({ sizes: [4, 8, 3], activations: ['tanh', 'softmax'], loss: 'cross_entropy', notation: 'a-h' });
    expect(shape('mnist')).toEqual({ sizes: [784, 128, 10], activations: ['relu', 'softmax'], loss: 'cross_entropy', notation: 'a-h' });
  });

  it('tanh-regression is regularised with λ = 0.01; the others are not', () => {
    expect(loadSpec('examples/tanh-regression.json').l2).toBe(0.01);
    for (const name of ['scalar-bce', 'circles', 'xor', 'mlp-3-4-2', 'softmax-4-8-3', 'mnist']) {
      expect(loadSpec(`examples/${name}.json`).l2).toBe(0);
    }
  });
});
