// The convolutional spec (issue 14): shapes, θ layout and one-line errors naming the field.
// Expected sizes and parameter counts are the courses' and LeNet's published figures, not ours.
import { describe, expect, it } from 'vitest';
import { convParamBlocks, convParamCount, convShapes, isConvJson, outputSize, shapeSize } from '../../src/network/conv-spec.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { validateSpec } from '../../src/network/validate.ts';

/** The CNN backpropagation note's network: 50×50×3 flowers, conv 3×3×8, max-pool 2, 24×24×8 = 4608, 5 classes. */
const course = {
  name: 'flowers-cnn',
  input: { channels: 3, height: 50, width: 50 },
  layers: [
    { type: 'conv2d', filters: 8, kernel: 3, stride: 1, padding: 0, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { units: 5, activation: 'softmax' },
  ],
  loss: 'cross_entropy',
};
const lenet = {
  name: 'lenet',
  input: { channels: 1, height: 28, width: 28 },
  layers: [
    { type: 'conv2d', filters: 6, kernel: 5, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'conv2d', filters: 16, kernel: 5, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 120, activation: 'relu' },
    { units: 84, activation: 'relu' },
    { units: 10, activation: 'softmax' },
  ],
  loss: 'cross_entropy',
};

const error = (json: object): string => {
  try {
    validateConvSpec(json, 'cnn.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};
const withLayers = (base: typeof course, layers: object[]): object => ({ ...base, layers });

describe('shapes and θ layout', () => {
  it("the course's network: 50×50×3 → 48×48×8 → 24×24×8 → 4608 → 5", () => {
    const spec = validateConvSpec(course);
    const shapes = convShapes(spec);
    expect(shapes.map(shapeSize)).toEqual([7500, 18432, 4608, 4608, 5]);
    expect(shapes[2]).toEqual({ kind: 'volume', volume: { channels: 8, height: 24, width: 24 } });
    expect(convParamBlocks(spec).map((b) => [b.name, b.shape, b.offset])).toEqual([
      ['K1', [8, 3, 3, 3], 0],
      ['b1', [8], 216],
      ['W4', [5, 4608], 224],
      ['b4', [5], 224 + 23040],
    ]);
    expect(convParamCount(spec)).toBe(23269);
  });
  it('LeNet-like: 28×28×1 → … → 4×4×16 = 256 → 120 → 84 → 10, 44 426 parameters (the published count)', () => {
    const spec = validateConvSpec(lenet);
    expect(convShapes(spec).map(shapeSize)).toEqual([784, 3456, 864, 1024, 256, 256, 120, 84, 10]);
    expect(convParamCount(spec)).toBe(44426);
  });
  it('defaults: stride 1, padding 0, pool stride = size; "same" keeps the size; [kh, kw] kernels', () => {
    const spec = validateConvSpec(withLayers(course, [
      { type: 'conv2d', filters: 2, kernel: [3, 5], padding: 0, activation: 'tanh' },
      { type: 'conv2d', filters: 2, kernel: 3, padding: 'same', activation: 'relu' },
      { type: 'avgpool', size: 3, stride: 2, padding: 1 },
      { type: 'flatten' },
      { units: 5, activation: 'softmax' },
    ]));
    expect(spec.layers[0]).toEqual({ type: 'conv2d', filters: 2, kernel: [3, 5], stride: 1, padding: 0, activation: 'tanh' });
    expect(spec.layers[1]).toMatchObject({ padding: 1 });
    expect(convShapes(spec).slice(1, 4).map((s) => (s.kind === 'volume' ? [s.volume.height, s.volume.width] : s.size))).toEqual([[48, 46], [48, 46], [24, 23]]);
    expect(outputSize(48, 3, 2, 1)).toBe(24);
  });
  it('a dense spec may write "type": "dense"; a conv spec is told apart by its input volume or its layer types', () => {
    const dense = validateSpec({ name: 'd', input: 2, layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'bce' });
    expect(dense.layers[0]).toEqual({ units: 1, activation: 'sigmoid' });
    expect(isConvJson(course)).toBe(true);
    expect(isConvJson({ input: 3, layers: [{ type: 'flatten' }] })).toBe(true);
    expect(isConvJson({ input: 3, layers: [{ units: 1 }] })).toBe(false);
    expect(() => validateSpec(course, 'cnn.json')).toThrow('cnn.json: a convolutional network (conv2d, maxpool, avgpool, flatten): derive, sheet, codegen, train, predict and export take it; check and start read dense networks only');
  });
});

describe('bad specs get one line naming the field', () => {
  const cases: [string, object, RegExp][] = [
    ['a kernel larger than its padded input', withLayers(course, [{ type: 'conv2d', filters: 1, kernel: 51, activation: 'relu' }, { type: 'flatten' }, { units: 5, activation: 'softmax' }]), /^cnn\.json: layers\[0\]\.kernel: the window 51 × 51 is larger than its padded input 50 × 50 \(sizes so far: 3 × 50 × 50\)$/],
    ['stride 0', withLayers(course, [{ type: 'conv2d', filters: 1, kernel: 3, stride: 0, activation: 'relu' }]), /layers\[0\]\.stride: must be a positive integer, got 0/],
    ['negative padding', withLayers(course, [{ type: 'conv2d', filters: 1, kernel: 3, padding: -1, activation: 'relu' }]), /layers\[0\]\.padding: must be .*, got -1/],
    ['"same" with stride 2', withLayers(course, [{ type: 'conv2d', filters: 1, kernel: 3, stride: 2, padding: 'same', activation: 'relu' }]), /layers\[0\]\.padding: "same" is for stride 1/],
    ['a dense layer straight after a pool', withLayers(course, [{ type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' }, { type: 'maxpool', size: 2 }, { units: 5, activation: 'softmax' }]), /^cnn\.json: layers\[2\]: a dense layer cannot follow a maxpool layer's 8 × 24 × 24 volume directly: add \{ "type": "flatten" \} before it$/],
    ['a conv after flatten', withLayers(course, [{ type: 'flatten' }, { type: 'conv2d', filters: 1, kernel: 3, activation: 'relu' }, { units: 5, activation: 'softmax' }]), /layers\[1\] \(conv2d\): needs a volume \(channels × height × width\), but the flatten before it made a vector of 7500/],
    ['a conv after a dense layer names the dense layer', withLayers(course, [{ type: 'flatten' }, { units: 4, activation: 'relu' }, { type: 'conv2d', filters: 1, kernel: 3, activation: 'relu' }, { units: 5, activation: 'softmax' }]), /layers\[2\] \(conv2d\): needs a volume \(channels × height × width\), but the dense layer before it made a vector of 4$/],
    ['a field of another layer kind on flatten', withLayers(course, [{ type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' }, { type: 'flatten', size: 2 }, { units: 5, activation: 'softmax' }]), /layers\[1\]: unknown field "size" \(fields: type\)$/],
    ['softmax before the last layer', withLayers(course, [{ type: 'conv2d', filters: 8, kernel: 3, activation: 'softmax' }, { type: 'flatten' }, { units: 5, activation: 'softmax' }]), /layers\[0\]\.activation: softmax is allowed on the last layer \(layers\[2\]\) only/],
    ['an input too small for the pools (says the sizes)', { ...lenet, input: { channels: 1, height: 12, width: 12 } }, /layers\[2\]\.kernel: the window 5 × 5 is larger than its padded input 4 × 4 \(sizes so far: 1 × 12 × 12 → 6 × 8 × 8 → 6 × 4 × 4\)/],
    ['no dense output', withLayers(course, [{ type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' }]), /the last layer must be a dense output layer/],
    ['an unknown layer type', withLayers(course, [{ type: 'conv3d' }]), /layers\[0\]\.type: unknown value "conv3d" \(one of conv2d, maxpool, avgpool, flatten, dense\)/],
    ['a misspelt field', withLayers(course, [{ type: 'conv2d', filter: 8, kernel: 3, activation: 'relu' }]), /layers\[0\]: unknown field "filter" \(did you mean "filters"\?\)/],
    ['pool padding over half the window', withLayers(course, [{ type: 'maxpool', size: 2, padding: 2 }]), /layers\[0\]\.padding: at most half the window \(1 for size 2\), got 2/],
    ['the loss does not fit the output', { ...course, loss: 'bce' }, /loss: bce needs a sigmoid output layer, got softmax on layers\[3\]/],
    ['a huge volume', { ...course, input: { channels: 1024, height: 100, width: 100 } }, /^cnn\.json: input: 1024 × 100 × 100 holds 10240000 values, over the limit of 1000000$/],
  ];
  for (const [what, json, message] of cases) {
    it(what, () => {
      const m = error(json);
      expect(m).toMatch(message);
      expect(m).not.toContain('\n');
    });
  }
});
