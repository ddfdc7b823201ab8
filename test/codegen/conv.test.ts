// The generated module of a convolutional network against the engine (engineConvLossAndGrad,
// engineConvForward: its own conv and pooling code, no rule table) on seeded random specs, the
// course's network and a LeNet-like one; against central differences where the network is
// smooth; the optimisers' updates; determinism; and the strict type check of the source.
//
// Random specs: 1–2 conv layers (kernels 1–5, stride 1–2, padding 0–2, 1–4 channels and
// filters), max or average pooling, flatten, an optional hidden dense layer, then one of the
// heads. A draw that validation refuses (a kernel larger than its input) is drawn again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileNetwork, generateCode } from '../../src/api.ts';
import { generateConvCode } from '../../src/codegen/conv/emit.ts';
import type { NetworkModule } from '../../src/codegen/load.ts';
import { deriveConv } from '../../src/derive/conv-backprop.ts';
import { engineConvForward, engineConvLossAndGrad } from '../../src/engine/conv-network.ts';
import { centralDiff } from '../../src/engine/fd.ts';
import { convParamBlocks, convParamCount, convShapes, shapeSize, type ConvNetSpec } from '../../src/network/conv-spec.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { mulberry32, oneHot, uniform } from '../engine/rng.ts';

const SMOOTH = ['tanh', 'sigmoid', 'softplus', 'identity'] as const;
const KINKED = ['relu', 'leaky_relu'] as const;
const HEADS = [
  { activation: 'softmax', loss: 'cross_entropy' },
  { activation: 'sigmoid', loss: 'bce' },
  { activation: 'identity', loss: 'mse' },
  { activation: 'tanh', loss: 'mse' },
  { activation: 'identity', loss: 'cross_entropy_with_logits' },
] as const;

const int = (rng: () => number, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

interface RandomSpec {
  readonly spec: ConvNetSpec;
  /** Only smooth activations and average pooling: safe for finite differences anywhere. */
  readonly smooth: boolean;
}

function draw(rng: () => number, index: number): unknown {
  const smooth = index % 4 === 0;
  const act = (): string => pick(rng, smooth ? SMOOTH : [...SMOOTH, ...KINKED, ...KINKED]);
  const layers: unknown[] = [];
  const convs = int(rng, 1, 2);
  for (let c = 0; c < convs; c++) {
    const kernel = rng() < 0.7 ? int(rng, 1, 5) : [int(rng, 1, 5), int(rng, 1, 5)];
    layers.push({ type: 'conv2d', filters: int(rng, 1, 4), kernel, stride: int(rng, 1, 2), padding: int(rng, 0, 2), activation: act() });
    if (rng() < 0.8) {
      const size = int(rng, 1, 3);
      layers.push({ type: smooth || rng() < 0.4 ? 'avgpool' : 'maxpool', size, stride: int(rng, 1, size), padding: int(rng, 0, Math.floor(size / 2)) });
    }
  }
  layers.push({ type: 'flatten' });
  if (rng() < 0.5) layers.push({ units: int(rng, 1, 5), activation: act() });
  const head = pick(rng, HEADS);
  layers.push({ units: head.loss === 'bce' ? int(rng, 1, 2) : int(rng, 2, 4), activation: head.activation });
  const side = (): number => int(rng, 5, 11);
  return {
    name: `random-${index}`,
    input: { channels: int(rng, 1, 4), height: side(), width: side() },
    layers,
    loss: head.loss,
    ...(rng() < 0.3 ? { l2: 0.05 } : {}),
    ...(rng() < 0.15 ? { reduction: 'sum' } : {}),
    ...(rng() < 0.2 ? { notation: 'z-a' } : {}),
  };
}

/** count valid random specs, the same ones on every run. */
function randomSpecs(count: number, seed = 14): RandomSpec[] {
  const rng = mulberry32(seed);
  const out: RandomSpec[] = [];
  for (let i = 0; out.length < count; i++) {
    const json = draw(rng, out.length);
    try {
      const spec = validateConvSpec(json, `random-${out.length}`);
      const smooth = spec.layers.every((l) => l.type !== 'maxpool' && !('activation' in l && (l.activation === 'relu' || l.activation === 'leaky_relu')));
      out.push({ spec, smooth });
    } catch {
      if (i > 50 * count) throw new Error('randomSpecs: too many invalid draws');
    }
  }
  return out;
}

interface Batch {
  readonly theta: Float64Array;
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly n: number;
}

/** θ, X and targets that suit the loss (one-hot for cross-entropy, probabilities for BCE). */
function batchFor(spec: ConvNetSpec, seed: number, n: number): Batch {
  const rng = mulberry32(seed);
  const shapes = convShapes(spec);
  const out = shapeSize(shapes.at(-1)!);
  const theta = uniform(rng, convParamCount(spec), -0.6, 0.6);
  const X = uniform(rng, n * shapeSize(shapes[0]!));
  const Y = spec.loss === 'cross_entropy' || spec.loss === 'cross_entropy_with_logits' ? oneHot(rng, n, out) : spec.loss === 'bce' ? uniform(rng, n * out, 0, 1) : uniform(rng, n * out);
  return { theta, X, Y, n };
}

/** max_i |a_i − b_i| / max(|b_i|, floor), the floor a tiny fraction of b's largest entry (cancellation in sums of ±terms). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-6 * scale, 1e-300));
  return worst;
}

const RANDOM = randomSpecs(120);
const modules = new Map<string, Promise<NetworkModule>>();
const moduleOf = (spec: ConvNetSpec): Promise<NetworkModule> => {
  if (!modules.has(spec.name)) modules.set(spec.name, compileNetwork(spec));
  return modules.get(spec.name)!;
};
const worst = { grad: 0, loss: 0, forward: 0, fd: 0 };

describe('generated CNN modules = the engine, on 120 random specs', () => {
  it('the specs cover what they should', () => {
    const layers = RANDOM.flatMap((r) => r.spec.layers);
    const convs = layers.flatMap((l) => (l.type === 'conv2d' ? [l] : []));
    expect(new Set(convs.map((l) => l.kernel[0]))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(convs.map((l) => l.stride))).toEqual(new Set([1, 2]));
    expect(new Set(convs.map((l) => l.padding))).toEqual(new Set([0, 1, 2]));
    expect(new Set(convs.map((l) => l.activation)).size).toBe(6);
    expect(layers.some((l) => l.type === 'maxpool') && layers.some((l) => l.type === 'avgpool')).toBe(true);
    expect(new Set(RANDOM.map((r) => r.spec.loss))).toEqual(new Set(['cross_entropy', 'bce', 'mse', 'cross_entropy_with_logits']));
    expect(RANDOM.some((r) => r.spec.l2 > 0) && RANDOM.some((r) => r.spec.layers.filter((l) => l.type === 'conv2d').length === 2)).toBe(true);
    expect(RANDOM.filter((r) => r.smooth).length).toBeGreaterThanOrEqual(20);
  });

  it.each(RANDOM.map((r, i) => [i, r] as const))('spec %i: lossAndGrad and forward', async (i, { spec }) => {
    const m = await moduleOf(spec);
    const { theta, X, Y, n } = batchFor(spec, 1000 + i, 1 + (i % 3));
    const grad = new Float64Array(m.paramCount).fill(Number.NaN); // lossAndGrad must overwrite it
    const J = m.lossAndGrad(theta, X, Y, n, grad);
    const ref = engineConvLossAndGrad(spec, theta, X, Y, n);
    const [dj, dg] = [Math.abs(J - ref.loss) / Math.max(1e-12, Math.abs(ref.loss)), relDiff(grad, ref.grad)];
    worst.loss = Math.max(worst.loss, dj);
    worst.grad = Math.max(worst.grad, dg);
    expect(dj).toBeLessThan(1e-9);
    expect(dg).toBeLessThan(1e-9);
    const out = new Float64Array(n * m.layerSizes.at(-1)!);
    m.forward(theta, X, n, out);
    const df = relDiff(out, engineConvForward(spec, theta, X, n));
    worst.forward = Math.max(worst.forward, df);
    expect(df).toBeLessThan(1e-12);
    // A second call on the same buffers gives the same numbers (scratch is reset where it must be).
    const again = new Float64Array(m.paramCount);
    expect(m.lossAndGrad(theta, X, Y, n, again)).toBe(J);
    expect(again).toEqual(grad);
  });

  it.each(RANDOM.filter((r) => r.smooth).slice(0, 24).map((r) => [r.spec.name, r] as const))('%s (smooth): gradient = central differences', async (_name, { spec }) => {
    const m = await moduleOf(spec);
    const { theta, X, Y, n } = batchFor(spec, 77, 2);
    const grad = new Float64Array(m.paramCount);
    m.lossAndGrad(theta, X, Y, n, grad);
    const scratch = new Float64Array(m.paramCount);
    const fd = centralDiff((t) => m.lossAndGrad(t, X, Y, n, scratch), theta, 1e-5);
    let err = 0;
    grad.forEach((g, k) => (err = Math.max(err, Math.abs(g - fd[k]!) / Math.max(1, Math.abs(fd[k]!)))));
    worst.fd = Math.max(worst.fd, err);
    expect(err).toBeLessThan(1e-6);
  });

  // Every spec, kinks included (relu, leaky relu, max-pooling): central differences on up to 60
  // coordinates, away from kinks. A probe near a kink or a max-pool tie is skipped: its one-sided
  // differences disagree (f(θ+h) − f(θ) vs f(θ) − f(θ−h), equal to O(h·f″) when smooth), or its
  // central differences at h and h/2 do (equal to O(h²) when smooth). Neither test reads the
  // gradient under test, so a skip cannot hide a wrong one. At least half the probes of every
  // spec must be checked.
  it.each(RANDOM.map((r, i) => [i, r] as const))('spec %i: gradient = central differences (1e-6) away from kinks', async (i, { spec }) => {
    const m = await moduleOf(spec);
    const { theta, X, Y, n } = batchFor(spec, 500 + i, 2);
    const grad = new Float64Array(m.paramCount);
    const f0 = m.lossAndGrad(theta, X, Y, n, grad);
    const scratch = new Float64Array(m.paramCount);
    const r = mulberry32(900 + i);
    const coords = m.paramCount <= 60 ? [...grad.keys()] : Array.from({ length: 60 }, () => Math.floor(r() * m.paramCount));
    const h = 1e-5;
    let [checked, err] = [0, 0];
    for (const k of coords) {
      const t0 = theta[k]!;
      theta[k] = t0 + h;
      const up = m.lossAndGrad(theta, X, Y, n, scratch);
      theta[k] = t0 - h;
      const down = m.lossAndGrad(theta, X, Y, n, scratch);
      theta[k] = t0 + h / 2;
      const upHalf = m.lossAndGrad(theta, X, Y, n, scratch);
      theta[k] = t0 - h / 2;
      const downHalf = m.lossAndGrad(theta, X, Y, n, scratch);
      theta[k] = t0;
      const [fd, fdHalf] = [(up - down) / (2 * h), (upHalf - downHalf) / h];
      const scale = Math.max(1, Math.abs(fd));
      if (Math.abs(up - f0 - (f0 - down)) / h > 1e-3 * scale || Math.abs(fd - fdHalf) > 1e-7 * scale) continue; // a kink near the probes
      checked++;
      err = Math.max(err, Math.abs(grad[k]! - fd) / scale);
    }
    worst.fd = Math.max(worst.fd, err);
    expect(checked, 'probes away from kinks').toBeGreaterThanOrEqual(coords.length / 2);
    expect(err).toBeLessThan(1e-6);
  });

  it('worst errors (printed for the record)', () => {
    console.log(`conv codegen vs engine, 120 specs: loss ${worst.loss.toExponential(2)}, grad ${worst.grad.toExponential(2)}, forward ${worst.forward.toExponential(2)}; vs central differences: ${worst.fd.toExponential(2)}`);
  });
});

const COURSE = (channels: number): ConvNetSpec => validateConvSpec({
  name: `course-${channels}`, input: { channels, height: 50, width: 50 },
  layers: [{ type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'flatten' }, { units: 5, activation: 'softmax' }],
  loss: 'cross_entropy',
});
const LENET = validateConvSpec({
  name: 'lenet', input: { channels: 1, height: 28, width: 28 },
  layers: [
    { type: 'conv2d', filters: 6, kernel: 5, activation: 'relu' }, { type: 'maxpool', size: 2 },
    { type: 'conv2d', filters: 16, kernel: 5, activation: 'relu' }, { type: 'maxpool', size: 2 },
    { type: 'flatten' }, { units: 120, activation: 'relu' }, { units: 84, activation: 'relu' }, { units: 10, activation: 'softmax' },
  ],
  loss: 'cross_entropy', l2: 0.001,
});

describe('the course network and a LeNet-like one', () => {
  it.each([COURSE(3), COURSE(1), LENET])('$name: the engine\'s J and ∂J/∂θ, the exports', async (spec) => {
    const m = (await compileNetwork(spec)) as NetworkModule & { inputShape: unknown; blockShapes: unknown };
    const { theta, X, Y, n } = batchFor(spec, 5, 4);
    const grad = new Float64Array(m.paramCount);
    const J = m.lossAndGrad(theta.map((t) => t * 0.2), X, Y, n, grad);
    const ref = engineConvLossAndGrad(spec, theta.map((t) => t * 0.2), X, Y, n);
    expect(Math.abs(J - ref.loss) / ref.loss).toBeLessThan(1e-12);
    expect(relDiff(grad, ref.grad)).toBeLessThan(1e-9);
    expect(m.paramCount).toBe(convParamCount(spec));
    expect(m.layerSizes).toEqual(convShapes(spec).map(shapeSize));
    expect(m.inputShape).toEqual(spec.input);
    expect(m.blockShapes).toEqual(convParamBlocks(spec).map((b) => b.shape));
    expect(m.paramNames).toEqual(convParamBlocks(spec).map((b) => b.name));
    expect(m.paramShapes[0]).toEqual([convParamBlocks(spec)[0]!.shape[0], convParamBlocks(spec)[0]!.size / convParamBlocks(spec)[0]!.shape[0]!]);
  });

  it('sizes: the course\'s 4608 and LeNet\'s 44 426 parameters (with its 400 flattened values)', async () => {
    expect((await compileNetwork(COURSE(3))).layerSizes).toEqual([7500, 18432, 4608, 4608, 5]);
    const lenet = await compileNetwork(LENET);
    expect(lenet.paramCount).toBe(44_426);
    expect(lenet.paramNames).toEqual(['K1', 'b1', 'K3', 'b3', 'W6', 'b6', 'W7', 'b7', 'W8', 'b8']);
  });
});

describe('the optimisers apply the update', () => {
  const spec = RANDOM.find((r) => r.spec.l2 > 0)!.spec;
  it('trainStep: θ − lr·∂J/∂θ; momentumStep; adamStep (one step each, by hand)', async () => {
    const m = await moduleOf(spec);
    const { theta, X, Y, n } = batchFor(spec, 9, 3);
    const g = new Float64Array(m.paramCount);
    const J = m.lossAndGrad(theta, X, Y, n, g);
    const t1 = theta.slice();
    expect(m.trainStep(t1, X, Y, n, 0.1)).toBe(J);
    t1.forEach((v, k) => expect(v).toBeCloseTo(theta[k]! - 0.1 * g[k]!, 14));
    const [t2, vel] = [theta.slice(), Float64Array.from(g, (x) => 0.5 * x)];
    expect(m.momentumStep(t2, vel, X, Y, n, 0.1, 0.9)).toBe(J);
    t2.forEach((v, k) => expect(v).toBeCloseTo(theta[k]! - 0.1 * (0.45 * g[k]! + g[k]!), 14));
    const [t3, state] = [theta.slice(), new Float64Array(m.adamStateSize)];
    expect(m.adamStep(t3, state, X, Y, n, 0.01, 1)).toBe(J);
    t3.forEach((v, k) => {
      const [mh, vh] = [(0.1 * g[k]!) / 0.1, (0.001 * g[k]! * g[k]!) / 0.001];
      expect(v).toBeCloseTo(theta[k]! - (0.01 * mh) / (Math.sqrt(vh) + 1e-8), 12);
    });
  });
});

describe('the generated source', () => {
  it('same spec, same bytes; generateCode dispatches to it; --unroll is refused', () => {
    const spec = COURSE(3);
    const a = generateConvCode(spec, { source: 'examples/cnn.json', output: 'generated/cnn.ts' });
    expect(generateConvCode(validateConvSpec(JSON.parse(JSON.stringify({ ...spec, kind: undefined })))).length).toBeGreaterThan(0);
    expect(generateConvCode(spec, { source: 'examples/cnn.json', output: 'generated/cnn.ts' })).toBe(a);
    expect(generateCode(spec, { source: 'examples/cnn.json', output: 'generated/cnn.ts' })).toBe(a);
    expect(a).toContain('// Regenerate with: symprop codegen examples/cnn.json -o generated/cnn.ts');
    expect(() => generateCode(spec, { unroll: true })).toThrow(/--unroll is for dense networks/);
  });

  it('cites the derivation\'s equations: every δ and gradient number appears in a comment', () => {
    for (const spec of [COURSE(3), LENET, ...RANDOM.slice(0, 10).map((r) => r.spec)]) {
      const src = generateConvCode(spec);
      const d = deriveConv(spec);
      for (const s of d.layers) for (const e of [...s.forward, ...s.gradients, ...(s.delta ? [s.delta] : []), ...(s.sendsBack ? [s.sendsBack] : [])]) expect(src).toContain(`// (${e.eq}) `);
    }
  });

  it('no allocation in the hot path: no `new` inside a function, only module-level buffers', () => {
    const src = generateConvCode(LENET);
    const bodies = src.split('\nexport function ').slice(1).map((b) => b.slice(0, b.indexOf('\n}\n')));
    expect(bodies.length).toBe(5);
    for (const b of bodies) expect(b).not.toMatch(/\bnew\b|subarray|slice\(|\[\.\.\./);
  });

  it('type-checks under the repository\'s strict tsconfig', () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-conv-'));
    try {
      const specs = [COURSE(3), LENET, ...RANDOM.slice(0, 12).map((r) => r.spec)];
      specs.forEach((s, i) => writeFileSync(join(dir, `m${i}.ts`), generateConvCode(s)));
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(process.cwd(), 'tsconfig.json'), compilerOptions: { types: [], noUnusedLocals: true, noUnusedParameters: true }, include: ['*.ts'] }));
      const r = spawnSync('node', [join(process.cwd(), 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
