// symprop export for a convolutional network: the ONNX model, run by onnxruntime-web (a peer
// we did not write), against the generated forward and the independent engine on the same
// θ, per-channel statistics and raw pixels, to float32 precision; and the command end to end.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork } from '../../src/api.ts';
import { main } from '../../src/cli/main.ts';
import { engineConvForward } from '../../src/engine/conv-network.ts';
import { onnxModel } from '../../src/export/onnx.ts';
import { convParamCount, isConvJson, type ConvNetSpec } from '../../src/network/conv-spec.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { rng } from '../helpers.ts';

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

const spec = (json: object): ConvNetSpec => validateConvSpec(json);

// Two conv layers, stride 2 with padding 1, an average pool whose padded windows count the
// padding in the divisor, a padded max pool, a rectangular kernel, a non-square input.
const PADDED_STRIDED = spec({
  name: 'padded-strided', input: { channels: 2, height: 11, width: 9 }, loss: 'cross_entropy',
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 1, activation: 'relu' },      // 4 × 6 × 5
    { type: 'avgpool', size: 2, stride: 1, padding: 1 },                                        // 4 × 7 × 6
    { type: 'conv2d', filters: 3, kernel: [2, 3], activation: 'tanh' },                         // 3 × 6 × 4
    { type: 'maxpool', size: 3, stride: 2, padding: 1 },                                        // 3 × 3 × 2
    { type: 'flatten' },
    { units: 5, activation: 'leaky_relu', alpha: 0.2 },
    { units: 3, activation: 'softmax' },
  ],
});
// Three channels, "same" padding, sigmoid and softplus and leaky_relu (default α) and identity on
// conv layers, an average pool of stride 2 padded by 1, and one sigmoid output with bce.
const RGB_BINARY = spec({
  name: 'rgb-binary', input: { channels: 3, height: 12, width: 12 }, loss: 'bce',
  layers: [
    { type: 'conv2d', filters: 4, kernel: 5, padding: 'same', activation: 'sigmoid' },         // 4 × 12 × 12
    { type: 'maxpool', size: 2 },                                                               // 4 × 6 × 6
    { type: 'conv2d', filters: 5, kernel: 3, stride: 2, activation: 'softplus' },               // 5 × 2 × 2
    { type: 'conv2d', filters: 2, kernel: 1, activation: 'leaky_relu' },                        // 2 × 2 × 2
    { type: 'avgpool', size: 2, stride: 2, padding: 1 },                                        // 2 × 2 × 2
    { type: 'conv2d', filters: 3, kernel: 2, padding: 1, activation: 'identity' },              // 3 × 3 × 3
    { type: 'flatten' },
    { units: 1, activation: 'sigmoid' },
  ],
});
const SHAPES = spec(JSON.parse(readFileSync(new URL('../train/fixtures/cnn-shapes.json', import.meta.url), 'utf8')) as object);
const json = (path: string | URL): unknown => JSON.parse(readFileSync(path, 'utf8'));
/** The convolutional networks of examples/ (the CNN note's flowers network, LeNet, …). */
const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.json') && isConvJson(json(join('examples', f)))).sort().map((f) => [f, spec(json(join('examples', f)) as object)] as const);

/** Largest |a − b| / max(1, |a|) between the references and onnxruntime on n random raw inputs. */
async function compare(s: ConvNetSpec, seed: number, n = 5): Promise<{ generated: number; engine: number; dims: readonly number[] }> {
  const r = rng(seed);
  const { channels: C, height: H, width: W } = s.input;
  const size = C * H * W;
  const theta = Float64Array.from({ length: convParamCount(s) }, () => (r() - 0.5) * 0.8);
  const mean = Float64Array.from({ length: C }, () => r() - 0.5);
  const std = Float64Array.from({ length: C }, () => 0.3 + r());
  const raw = Float32Array.from({ length: n * size }, () => (r() - 0.5) * 3);
  const X = Float64Array.from(raw, (v, i) => (v - mean[Math.floor(i / (H * W)) % C]!) / std[Math.floor(i / (H * W)) % C]!);
  const last = s.layers.at(-1)!;
  const K = last.type === 'dense' ? last.units : 0;
  const generated = new Float64Array(n * K);
  (await compileNetwork(s)).forward(theta, X, n, generated);
  const engine = engineConvForward(s, theta, X, n);
  const session = await ort.InferenceSession.create(onnxModel({ spec: s, classes: [], standardize: { mean, std }, theta }, 'test'));
  expect(session.inputNames).toEqual(['x']);
  expect(session.outputNames).toEqual(['yhat']);
  const out = await session.run({ x: new ort.Tensor('float32', raw, [n, C, H, W]) });
  const got = out.yhat!.data as Float32Array;
  const worst = (ref: Float64Array): number => Math.max(...Array.from(ref, (v, i) => Math.abs(v - got[i]!) / Math.max(1, Math.abs(v))));
  return { generated: worst(generated), engine: worst(engine), dims: out.yhat!.dims };
}

describe('the ONNX model of a CNN agrees with the generated forward and the engine (float32 precision)', () => {
  it.each([
    ['two conv layers, stride 2, padding, avgpool and maxpool with padding', PADDED_STRIDED, [5, 3]],
    ['3 channels, same padding, every activation on conv layers, one sigmoid output', RGB_BINARY, [5, 1]],
    ['the shapes fixture (1 × 16 × 16, conv 3×3×8, maxpool 2, dense 4 softmax)', SHAPES, [5, 4]],
  ] as const)('%s', async (_name, s, dims) => {
    for (const seed of [3, 4]) {
      const d = await compare(s, seed);
      expect(d.dims).toEqual(dims);
      expect(d.generated).toBeLessThan(1e-5);
      expect(d.engine).toBeLessThan(1e-5);
    }
  }, 60_000);

  it.each(EXAMPLES)('examples/%s', async (_name, s) => {
    const d = await compare(s, 5, 3);
    expect(d.generated).toBeLessThan(1e-5);
    expect(d.engine).toBeLessThan(1e-5);
  }, 60_000);
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('symprop export on a CNN parameters file', () => {
  it('says the input layout, writes a model onnxruntime runs as `predict` predicts on raw pixels, the same bytes twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-onnx-conv-'));
    const fixture = new URL('../train/fixtures/cnn-shapes.json', import.meta.url).pathname;
    expect((await run('train', fixture, '--data', 'shapes', '--samples', '200', '--epochs', '2', '--out', dir, '-q')).code).toBe(0);
    const params = join(dir, 'cnn-shapes.params.json');
    const model = join(dir, 'cnn.onnx');
    const r = await run('export', params, '-o', model);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`ONNX model (opset 13, input "x" [batch, 1, 16, 16] raw pixels, channels first, standardised per channel inside the model; output "yhat" [batch, 4]): ${model}\n`);
    expect((await run('export', params, '-o', join(dir, 'again.onnx'))).code).toBe(0);
    expect(readFileSync(join(dir, 'again.onnx'))).toEqual(readFileSync(model));
    // Raw pixels in [0, 1], as images are read, through predict (a CSV of 256 columns) and the model.
    const r2 = rng(9);
    const n = 6;
    const pixels = Array.from({ length: n }, () => Array.from({ length: 256 }, () => Math.round(r2() * 1000) / 1000));
    const csv = join(dir, 'pixels.csv');
    writeFileSync(csv, `${Array.from({ length: 256 }, (_, i) => `p${i}`).join(',')}\n${pixels.map((p) => p.join(',')).join('\n')}\n`);
    const predicted = await run('predict', params, '--data', csv);
    expect(predicted.code).toBe(0);
    const rows = predicted.out.trim().split('\n').slice(1).map((l) => l.split(',').slice(1, 5).map(Number));
    const session = await ort.InferenceSession.create(readFileSync(model));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from(pixels.flat()), [n, 1, 16, 16]) });
    const yhat = out.yhat!.data as Float32Array;
    expect(rows).toHaveLength(n);
    rows.forEach((row, e) => row.forEach((v, k) => expect(Math.abs(yhat[e * 4 + k]! - v)).toBeLessThan(1e-5)));
  }, 60_000);

  it('a bad parameters file: one line naming the file and the field, exit 2, no model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-onnx-conv-bad-'));
    const bad = join(dir, 'bad.params.json');
    writeFileSync(bad, JSON.stringify({ spec: JSON.parse(readFileSync(new URL('../train/fixtures/cnn-shapes.json', import.meta.url), 'utf8')), classes: ['a', 'b', 'c', 'd'], standardize: { per: 'channel', mean: [0], std: [1] }, theta: [1, 2, 3] }));
    const r = await run('export', bad, '-o', join(dir, 'm.onnx'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`symprop: ${bad}: theta: 3 numbers, expected 1652\n`);
  });
});
