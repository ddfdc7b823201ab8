// The CNN section of `npm run bench` (issue 14): one SGD training step at batch 32 of the
// course's net (1 and 3 channels) and of a LeNet-like net, side by side in one interleaved run:
// the generated module, the hand-written baseline (bench/conv-baseline.ts), ConvNetJS,
// TensorFlow.js on its CPU backend, and symprop's generic engine. Every row starts from the
// same θ, X and Y (θ and X transposed to channels-last for the two peers that use it) and is
// checked to compute the same J before timing. Run alone: `npx tsx bench/cnn.ts`.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { compileNetwork } from '../src/api.ts';
import { engineConvLossAndGrad } from '../src/engine/conv-network.ts';
import { convParamBlocks, convParamCount, type ConvNetSpec } from '../src/network/conv-spec.ts';
import { validateConvSpec } from '../src/network/conv-validate.ts';
import { mulberry32, normal } from '../src/train/rng.ts';
import { createConvBaseline } from './conv-baseline.ts';
import { left, markdownTable, ratio, right } from './table.ts';
import { initTfjs, useTfjsBackend } from './tfjs.ts';
import { timeInterleaved } from './timing.ts';

const N = 32;
/** Small enough that θ, hence the relu and argmax pattern, stays put over the timed steps. */
const LR = 1e-9;
// A step takes 10 ms (generated) to seconds (TensorFlow.js), so one step per sample, 7 samples,
// and warm-up for at least 2 calls and 300 ms: a dozen calls for the fast rows, 2 for the slow.
const TIMING = { warmup: 2, warmupMs: 300, samples: 7, minBatchMs: 0 };

interface CnnCase {
  readonly label: string;
  readonly spec: ConvNetSpec;
  readonly theta: Float64Array;
  readonly X: Float64Array;
  readonly Y: Float64Array;
  /** Class index of each example, for ConvNetJS. */
  readonly labels: number[];
}

const course = (channels: number): ConvNetSpec =>
  validateConvSpec({
    name: `course-${channels}`,
    input: { channels, height: 50, width: 50 },
    layers: [{ type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'flatten' }, { units: 5, activation: 'softmax' }],
    loss: 'cross_entropy',
  });
const LENET = (): ConvNetSpec =>
  validateConvSpec({
    name: 'lenet',
    input: { channels: 1, height: 28, width: 28 },
    layers: [
      { type: 'conv2d', filters: 6, kernel: 5, activation: 'relu' }, { type: 'maxpool', size: 2 },
      { type: 'conv2d', filters: 16, kernel: 5, activation: 'relu' }, { type: 'maxpool', size: 2 },
      { type: 'flatten' }, { units: 120, activation: 'relu' }, { units: 84, activation: 'relu' }, { units: 10, activation: 'softmax' },
    ],
    loss: 'cross_entropy',
  });

/** He init (fan-in C·kh·kw or N_{k−1}), zero biases; X ~ U[0, 1); one-hot Y. */
function makeCase(label: string, spec: ConvNetSpec, seed: number): CnnCase {
  const rng = mulberry32(seed);
  const theta = new Float64Array(convParamCount(spec));
  const blocks = convParamBlocks(spec);
  for (let i = 0; i < blocks.length; i += 2) {
    const w = blocks[i]!;
    const sd = Math.sqrt(2 / (w.size / w.shape[0]!));
    for (let p = 0; p < w.size; p++) theta[w.offset + p] = sd * normal(rng);
  }
  const { channels, height, width } = spec.input;
  const X = Float64Array.from({ length: N * channels * height * width }, () => rng());
  const classes = blocks.at(-1)!.size;
  const labels = Array.from({ length: N }, () => Math.floor(rng() * classes));
  const Y = new Float64Array(N * classes);
  labels.forEach((c, e) => (Y[e * classes + c] = 1));
  return { label, spec, theta, X, Y, labels };
}

// ---- Channels-last layouts for TensorFlow.js and ConvNetJS ---------------------------------

/** X (n × C × H × W) to n × H × W × C. */
function xChannelsLast(c: CnnCase): Float64Array {
  const { channels: C, height: H, width: W } = c.spec.input;
  const out = new Float64Array(c.X.length);
  for (let e = 0; e < N; e++) for (let ch = 0; ch < C; ch++) for (let p = 0; p < H * W; p++) out[e * C * H * W + p * C + ch] = c.X[e * C * H * W + ch * H * W + p]!;
  return out;
}

/** θ's blocks for a channels-last peer: K as kh × kw × C × F, and the first dense W with its
 * columns reordered from (c, r, t) to (r, t, c), the peer's flatten order. */
function blocksChannelsLast(c: CnnCase): { data: Float64Array; shape: number[] }[] {
  // The channel count of the volume the next dense layer flattens, if it follows a conv.
  let flatChannels: number | undefined;
  return convParamBlocks(c.spec).map((b) => {
    const src = c.theta.subarray(b.offset, b.offset + b.size);
    if (b.shape.length === 4) {
      const [F, C, kh, kw] = b.shape as [number, number, number, number];
      const out = new Float64Array(b.size);
      for (let f = 0; f < F; f++) for (let ch = 0; ch < C; ch++) for (let i = 0; i < kh * kw; i++) out[(i * C + ch) * F + f] = src[(f * C + ch) * kh * kw + i]!;
      flatChannels = F;
      return { data: out, shape: [kh, kw, C, F] };
    }
    if (b.shape.length === 2 && flatChannels !== undefined) {
      const [rows, cols] = b.shape as [number, number];
      const C = flatChannels;
      const HW = cols / C;
      flatChannels = undefined;
      const out = new Float64Array(b.size);
      for (let r = 0; r < rows; r++) for (let ch = 0; ch < C; ch++) for (let p = 0; p < HW; p++) out[r * cols + p * C + ch] = src[r * cols + ch * HW + p]!;
      return { data: out, shape: [rows, cols] };
    }
    return { data: src.slice(), shape: [...b.shape] };
  });
}

// ---- TensorFlow.js ------------------------------------------------------------------------

interface Peer {
  loss(): number;
  trainStep(): void;
  dispose(): void;
}

/** The net in tf.layers-free TensorFlow.js: conv2d 'valid', maxPool, matMul; SGD minimize. */
function tfjsNet(c: CnnCase): Peer {
  const { channels: C, height: H, width: W } = c.spec.input;
  const vars = blocksChannelsLast(c).map((b) => tf.variable(tf.tensor(Float32Array.from(b.data), b.shape)));
  const X = tf.tensor4d(Float32Array.from(xChannelsLast(c)), [N, H, W, C]);
  const Y = tf.tensor2d(Float32Array.from(c.Y), [N, c.Y.length / N]);
  const optimizer = tf.train.sgd(LR);
  const J = (): tf.Scalar => {
    let h: tf.Tensor = X;
    let v = 0;
    c.spec.layers.forEach((l, k) => {
      if (l.type === 'conv2d') h = tf.relu(tf.add(tf.conv2d(h as tf.Tensor4D, vars[v++] as tf.Variable<tf.Rank.R4>, 1, 'valid'), vars[v++]!));
      else if (l.type === 'maxpool') h = tf.maxPool(h as tf.Tensor4D, l.size, l.stride, 'valid');
      else if (l.type === 'flatten') h = tf.reshape(h, [N, -1]);
      else if (l.type === 'dense') {
        const a = tf.add(tf.matMul(h as tf.Tensor2D, vars[v++] as tf.Variable<tf.Rank.R2>, false, true), vars[v++]!);
        h = k < c.spec.layers.length - 1 ? tf.relu(a) : a;
      }
    });
    return tf.div(tf.neg(tf.sum(tf.mul(Y, tf.logSoftmax(h as tf.Tensor2D)))), N);
  };
  return {
    loss: () => tf.tidy(J).dataSync()[0]!,
    trainStep: () => {
      const cost = optimizer.minimize(J, true, vars);
      cost?.dataSync();
      cost?.dispose();
    },
    dispose: () => {
      tf.dispose([...vars, X, Y]);
      optimizer.dispose();
    },
  };
}

// ---- ConvNetJS (CommonJS, untyped: the little of it used here is declared) ------------------

interface CnjsVol {
  w: Float64Array;
}
interface CnjsLayer {
  layer_type: string;
  filters?: CnjsVol[];
  biases?: CnjsVol;
}
interface Convnetjs {
  Net: new () => { makeLayers(defs: object[]): void; forward(v: CnjsVol, training?: boolean): CnjsVol; layers: CnjsLayer[] };
  Vol: new (sx: number, sy: number, depth: number, c?: number) => CnjsVol;
  Trainer: new (net: object, options: object) => { train(x: CnjsVol, y: number): unknown };
}
const convnetjs = createRequire(import.meta.url)('convnetjs') as Convnetjs;

function convnetjsNet(c: CnnCase): Peer {
  const { channels: C, height: H, width: W } = c.spec.input;
  const defs: object[] = [{ type: 'input', out_sx: W, out_sy: H, out_depth: C }];
  c.spec.layers.forEach((l, k) => {
    if (l.type === 'conv2d') defs.push({ type: 'conv', sx: l.kernel[0], filters: l.filters, stride: 1, pad: 0, activation: 'relu' });
    else if (l.type === 'maxpool') defs.push({ type: 'pool', sx: l.size, stride: l.stride });
    else if (l.type === 'dense') defs.push(k < c.spec.layers.length - 1 ? { type: 'fc', num_neurons: l.units, activation: 'relu' } : { type: 'softmax', num_classes: l.units });
  });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  // θ in: a conv filter Vol is kw × kh × C with index ((kw·y) + x)·C + c, i.e. K as kh × kw × C
  // per filter; an fc filter is a row of W (columns in the Vol's channels-last order).
  const blocks = blocksChannelsLast(c);
  let b = 0;
  for (const layer of net.layers.filter((l) => l.layer_type === 'conv' || l.layer_type === 'fc')) {
    const [K, bias] = [blocks[b++]!, blocks[b++]!];
    const F = bias.data.length;
    const per = K.data.length / F;
    layer.filters!.forEach((f, j) => {
      for (let p = 0; p < per; p++) f.w[p] = layer.layer_type === 'conv' ? K.data[p * F + j]! : K.data[j * per + p]!;
    });
    layer.biases!.w.set(bias.data);
  }
  const xs = xChannelsLast(c);
  const vols = c.labels.map((_, e) => {
    const v = new convnetjs.Vol(W, H, C, 0);
    v.w.set(xs.subarray(e * C * H * W, (e + 1) * C * H * W));
    return v;
  });
  const trainer = new convnetjs.Trainer(net, { method: 'sgd', batch_size: N, learning_rate: LR, momentum: 0, l2_decay: 0 });
  return {
    loss: () => vols.reduce((J, v, e) => J - Math.log(net.forward(v).w[c.labels[e]!]!), 0) / N,
    // ConvNetJS steps per example and updates θ every batch_size calls: 32 calls = one step.
    trainStep: () => vols.forEach((v, e) => trainer.train(v, c.labels[e]!)),
    dispose: () => undefined,
  };
}

// ---- Agreement, timing, table -------------------------------------------------------------

/** max_i |a_i − b_i| / max_i |b_i|, as bench/agreement.ts measures it. */
function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let [diff, scale] = [0, 0];
  for (let i = 0; i < b.length; i++) [diff, scale] = [Math.max(diff, Math.abs(a[i]! - b[i]!)), Math.max(scale, Math.abs(b[i]!))];
  return scale === 0 ? diff : diff / scale;
}

function agree(what: string, err: number, tolerance: number): number {
  if (!(err <= tolerance)) throw new Error(`bench cnn: ${what} differs from the generated code by ${err.toExponential(2)} (tolerance ${tolerance})`);
  return err;
}

/** Try a training step on TensorFlow.js's wasm backend; the error's first line if it fails. */
async function wasmReason(c: CnnCase): Promise<string> {
  await useTfjsBackend('wasm');
  const net = tfjsNet(c);
  try {
    net.trainStep();
    return 'trained without error (not timed)';
  } catch (e) {
    return `not available: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  } finally {
    net.dispose();
    await useTfjsBackend('cpu');
  }
}

interface Row {
  readonly name: string;
  readonly run?: () => void;
  readonly note?: string;
}

async function measure(c: CnnCase): Promise<{ rows: Row[]; medians: (number | undefined)[]; checks: string }> {
  const generated = await compileNetwork(c.spec);
  const baseline = createConvBaseline(c.spec);
  const expectedGrad = new Float64Array(c.theta.length);
  const J = generated.lossAndGrad(c.theta.slice(), c.X, c.Y, N, expectedGrad);
  const baseGrad = new Float64Array(c.theta.length);
  const baseJ = baseline.lossAndGrad(c.theta.slice(), c.X, c.Y, N, baseGrad);
  const engine = engineConvLossAndGrad(c.spec, c.theta, c.X, c.Y, N);
  const float64 = Math.max(
    agree('the baseline\'s J', Math.abs(baseJ - J) / Math.abs(J), 1e-9), agree('the baseline\'s ∇θ', relError(baseGrad, expectedGrad), 1e-9),
    agree('the engine\'s J', Math.abs(engine.loss - J) / Math.abs(J), 1e-9), agree('the engine\'s ∇θ', relError(engine.grad, expectedGrad), 1e-9),
  );
  const cnjs = convnetjsNet(c);
  const cnjsErr = agree('ConvNetJS\'s J', Math.abs(cnjs.loss() - J) / Math.abs(J), 1e-9);
  const tfjs = tfjsNet(c);
  const tfjsErr = agree('TensorFlow.js\'s J', Math.abs(tfjs.loss() - J) / Math.abs(J), 1e-4);
  const wasm = await wasmReason(c);
  const onCopy = (step: (theta: Float64Array) => void) => {
    const theta = c.theta.slice();
    return () => step(theta);
  };
  const rows: Row[] = [
    { name: 'generated (compileNetwork, trainStep)', run: onCopy((t) => void generated.trainStep(t, c.X, c.Y, N, LR)) },
    { name: 'hand-written Float64Array baseline', run: onCopy((t) => void baseline.trainStep(t, c.X, c.Y, N, LR)) },
    { name: 'ConvNetJS 0.3.0 (32 × trainer.train)', run: () => cnjs.trainStep() },
    { name: 'TensorFlow.js, CPU backend (float32)', run: () => tfjs.trainStep() },
    { name: 'TensorFlow.js, wasm backend', note: wasm },
    {
      name: 'symprop generic engine (+ update loop)',
      run: onCopy((t) => {
        const { grad } = engineConvLossAndGrad(c.spec, t, c.X, c.Y, N);
        for (let p = 0; p < t.length; p++) t[p]! -= LR * grad[p]!;
      }),
    },
  ];
  const timed = rows.filter((r) => r.run !== undefined);
  const timings = timeInterleaved(timed.map((r) => r.run!), TIMING);
  tfjs.dispose();
  const medians = rows.map((r) => (r.run === undefined ? undefined : timings[timed.indexOf(r)]!.medianMicros / 1000));
  const checks =
    `Checked before timing, against the generated code on the same θ, X and Y: the baseline's and the generic engine's J and ∇θ ` +
    `(largest relative error ${float64.toExponential(1)}), ConvNetJS's J (${cnjsErr.toExponential(1)}, float64), TensorFlow.js's J ` +
    `(${tfjsErr.toExponential(1)}, float32); the two peers get θ and X transposed to channels-last.`;
  return { rows, medians, checks };
}

const TARGETS = [
  { row: 3, name: 'TensorFlow.js CPU', factor: 50 },
  { row: 2, name: 'ConvNetJS', factor: 4 },
  { row: 1, name: 'the hand-written baseline', factor: 1 },
] as const;

async function cnnSection(c: CnnCase): Promise<string> {
  const { rows, medians, checks } = await measure(c);
  const gen = medians[0]!;
  const body = rows.map((r, k) => {
    const ms = medians[k];
    if (ms === undefined) return [r.name, '–', '–', r.note ?? ''];
    return [r.name, ms < 10 ? ms.toFixed(2) : ms.toFixed(1), ratio(ms / gen), `${TIMING.samples} × 1`];
  });
  const table = markdownTable([left('implementation'), right('ms per step (median)'), right('÷ generated'), left('samples × calls')], body);
  const targets = TARGETS.map(({ row, name, factor }) => {
    const x = medians[row]! / gen;
    return `${factor === 1 ? 'no slower than' : `≥ ${factor}× faster than`} ${name}: ${ratio(x)}, ${x >= factor ? 'met' : 'not met'}`;
  }).join('; ');
  const how = `Medians of ${TIMING.samples} samples of one step each, taken in interleaved rounds after warm-up; "÷ generated" divides by the generated step's median from the same run.`;
  return [`### CNN training step: ${c.label}, batch of ${N}`, table, `${how} Targets (issue 14): ${targets}. ${checks}`].join('\n\n');
}

export function cnnCases(): CnnCase[] {
  return [
    makeCase('course net 3×50×50 → conv 3×3×8 relu → maxpool 2 → 4608 → 5 softmax', course(3), 11),
    makeCase('course net 1×50×50 (same layers)', course(1), 12),
    makeCase('LeNet-like 1×28×28 → conv 5×5×6 → pool → conv 5×5×16 → pool → 120 → 84 → 10', LENET(), 13),
  ];
}

/** The CNN sections, one per network; TensorFlow.js must be initialised (initTfjs). */
export async function cnnSections(progress: (what: string) => void = () => undefined): Promise<string[]> {
  const out: string[] = [];
  for (const c of cnnCases()) {
    progress(`cnn: ${c.spec.name}`);
    out.push(await cnnSection(c));
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await initTfjs();
  console.log((await cnnSections((w) => void process.stderr.write(`bench: ${w}\n`))).join('\n\n'));
}
