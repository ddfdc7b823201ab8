// symprop export (issue 12): the ONNX model of a trained network, loaded by onnxruntime-web
// (a peer we did not write) and checked against the generated forward, to float32 precision,
// for every example network and every activation.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { compileNetwork, loadSpec, paramCount, validateSpec, type NetworkSpec } from '../../src/index.ts';
import { onnxModel } from '../../src/export/onnx.ts';
import { rng } from '../helpers.ts';
import { exampleSpecFiles } from '../../src/examples.ts';

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

const EXAMPLES = exampleSpecFiles().dense.map((f) => [f, loadSpec(join('examples', f))] as const);
const EVERY_ACTIVATION = validateSpec({
  name: 'every-activation', input: 3, loss: 'cross_entropy',
  layers: [{ units: 4, activation: 'leaky_relu', alpha: 0.2 }, { units: 4, activation: 'softplus' }, { units: 3, activation: 'identity' }, { units: 5, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
});

/** The generated forward on standardised inputs against onnxruntime on the raw ones. */
async function compare(spec: NetworkSpec, seed: number): Promise<number> {
  const r = rng(seed);
  const n = 7;
  const theta = Float64Array.from({ length: paramCount(spec) }, () => (r() - 0.5) * 0.6);
  const mean = Float64Array.from({ length: spec.input }, () => r() - 0.5);
  const std = Float64Array.from({ length: spec.input }, () => 0.5 + r());
  const raw = Float32Array.from({ length: n * spec.input }, () => (r() - 0.5) * 4);
  const X = Float64Array.from(raw, (v, i) => (v - mean[i % spec.input]!) / std[i % spec.input]!);
  const net = await compileNetwork(spec);
  const K = spec.layers.at(-1)!.units;
  const expected = new Float64Array(n * K);
  net.forward(theta, X, n, expected);
  const session = await ort.InferenceSession.create(onnxModel({ spec, theta, standardize: { mean, std } }, 'test'));
  const out = await session.run({ x: new ort.Tensor('float32', raw, [n, spec.input]) });
  expect(out.yhat!.dims).toEqual([n, K]);
  const got = out.yhat!.data as Float32Array;
  return Math.max(...Array.from(expected, (v, i) => Math.abs(v - got[i]!) / Math.max(1, Math.abs(v))));
}

describe('the ONNX model agrees with the generated forward (float32 precision)', () => {
  it.each([...EXAMPLES, ['leaky_relu, softplus, identity, tanh, softmax', EVERY_ACTIVATION] as const])('%s', async (_name, spec) => {
    expect(await compare(spec, 11)).toBeLessThan(1e-5);
  }, 60_000);
});

describe('symprop export', () => {
  it('a trained circles network: the file loads in onnxruntime and predicts as `predict` does; the same run gives the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-onnx-'));
    const io = (sink: string[]) => ({ out: (t: string) => void sink.push(t), err: (t: string) => void sink.push(t) });
    await main(['train', 'examples/circles.json', '--data', 'circles', '--out', dir, '--quiet'], io([]));
    const params = join(dir, 'circles.params.json');
    const printed: string[] = [];
    expect(await main(['export', params, '-o', join(dir, 'm.onnx')], io(printed))).toBe(0);
    expect(printed.join('')).toContain('ONNX model (opset 13, input "x" [batch, 2] raw, output "yhat" [batch, 1])');
    await main(['export', params, '-o', join(dir, 'again.onnx')], io([]));
    expect(readFileSync(join(dir, 'again.onnx'))).toEqual(readFileSync(join(dir, 'm.onnx')));
    const csv: string[] = [];
    await main(['predict', params, '--data', 'circles'], io(csv));
    const rows = csv.join('').trim().split('\n').slice(1, 201).map((l) => l.split(',').map(Number));
    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'm.onnx')));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from(rows.flatMap((r) => [r[0]!, r[1]!])), [rows.length, 2]) });
    const yhat = out.yhat!.data as Float32Array;
    rows.forEach((r, e) => expect(Math.abs(yhat[e]! - r[2]!)).toBeLessThan(1e-5));
  }, 60_000);

  it.each([
    [['-o', 'model.md'], '-o model.md: export writes .onnx, not .md'],
    [['-o', '-'], '-o -: an ONNX model is binary; give a file name ending in .onnx'],
    [['-o', 'm.onxx'], '-o m.onxx: export writes an ONNX model; give a file name ending in .onnx'],
  ])('%j: one line, exit 2', async (flags, message) => {
    const err: string[] = [];
    expect(await main(['export', 'x.params.json', ...flags], { out: () => {}, err: (t) => void err.push(t) })).toBe(2);
    expect(err.join('')).toBe(`symprop: ${message}\n`);
  });
});
