// The numbers of a convolutional sheet's worked example: one input through the network, its
// loss, every layer's values and errors, the gradient and one update. As for dense sheets
// (example-numbers.ts), ŷ, J, ∇J and the update come from the generated module, the layers'
// values from the independent engine, and the sheet is not written unless they agree.
import { generateConvCode } from '../codegen/conv/emit.ts';
import { loadModuleSync } from '../codegen/load.ts';
import { engineConvTrace, type ConvTrace } from '../engine/conv-network.ts';
import { convShapes, shapeSize, type ConvNetSpec } from '../network/conv-spec.ts';
import { CONV_DEFAULTS } from '../train/defaults.ts';
import { initConvTheta } from '../train/init.ts';
import { stream } from '../train/rng.ts';
import { agree, EXAMPLE_SEED, moduleNumbers, type StepNumbers } from './example-numbers.ts';

/** Two decimals, as a teacher writes a number on the board. */
const round2 = (v: number): number => Math.round(v * 100) / 100 + 0;

export interface ConvWorkedExample extends StepNumbers {
  readonly seed: number;
  /** Were θ and x rounded to two decimals (false: no rounded draw of the seeds tried was free of ties)? */
  readonly rounded: boolean;
  /** Is the step's α training's 0.01 (false: α‖∇J‖² = J/10, since 0.01 overshot)? */
  readonly trainLr: boolean;
  /** The input (C·H·W values, channels first) and the one-hot target of class 0. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly theta: Float64Array;
  /** Layer k at index k − 1: a^k and δ^k (conv and dense layers), h^k and ∂J/∂h^k. */
  readonly pre: readonly (Float64Array | undefined)[];
  readonly delta: readonly (Float64Array | undefined)[];
  readonly act: readonly Float64Array[];
  readonly actGrad: readonly Float64Array[];
}

/** Seeds tried for a draw where every feature map is alive (a ReLU map of zeros teaches nothing)… */
const MAX_SEEDS = 100;
/** …within this many multiply-adds of the engine in all, so that a big network tries a few seeds, not a hundred. */
const SEARCH_WORK = 5e7;
/** Past this many multiply-adds per example the sheet has no worked example (and no pooling picture): it would take minutes. */
export const WORKED_EXAMPLE_WORK = 1e8;

/** Multiply-adds of one forward pass: Σ F·C·kh·kw·H'·W' over the conv layers, N·M over the dense ones. */
export function forwardWork(spec: ConvNetSpec): number {
  const shapes = convShapes(spec);
  return spec.layers.reduce((sum, l, i) => {
    const [input, out] = [shapes[i]!, shapes[i + 1]!];
    const channels = input.kind === 'volume' ? input.volume.channels : 1;
    if (l.type === 'conv2d') return sum + shapeSize(out) * channels * l.kernel[0] * l.kernel[1];
    if (l.type === 'dense') return sum + shapeSize(out) * shapeSize(input);
    return sum + shapeSize(input);
  }, 0);
}

function draw(spec: ConvNetSpec, seed: number, rounded = true): { x: Float64Array; y: Float64Array; theta: Float64Array } {
  const round = rounded ? round2 : (v: number): number => v;
  const shapes = convShapes(spec);
  const theta = initConvTheta(spec, 'he', stream(seed, 'init')).map(round);
  const data = stream(seed, 'data');
  const x = Float64Array.from({ length: shapeSize(shapes[0]!) }, () => round(data()));
  const classes = shapeSize(shapes.at(-1)!);
  const y = Float64Array.from({ length: classes }, (_, i) => (spec.loss === 'bce' || i === 0 ? 1 : 0));
  return { x, y, theta };
}

/**
 * Does the draw teach? Every conv layer's feature maps each hold a value other than 0 (a ReLU
 * map of zeros teaches nothing), and the windows the pooling picture shows (channel 0, the
 * first 2 × 2) each have a single maximum.
 */
function teaches(spec: ConvNetSpec, trace: ConvTrace, x: Float64Array): boolean {
  const shapes = convShapes(spec);
  return spec.layers.every((layer, i) => {
    const out = shapes[i + 1]!;
    if (out.kind !== 'volume') return true;
    const { channels, height, width } = out.volume;
    if (layer.type === 'conv2d') {
      const h = trace.act[i]!;
      const map = height * width;
      return Array.from({ length: channels }, (_, c) => h.subarray(c * map, (c + 1) * map).some((v) => v !== 0)).every(Boolean);
    }
    const input = shapes[i]!;
    if (layer.type !== 'maxpool' || input.kind !== 'volume') return true;
    const v = i === 0 ? x : trace.act[i - 1]!;
    const [H, W] = [input.volume.height, input.volume.width];
    for (let r = 0; r < Math.min(2, height); r++) {
      for (let t = 0; t < Math.min(2, width); t++) {
        const cells: number[] = [];
        for (let u = 0; u < layer.size; u++) {
          for (let w = 0; w < layer.size; w++) {
            const [rr, tt] = [r * layer.stride + u - layer.padding, t * layer.stride + w - layer.padding];
            if (rr >= 0 && rr < H && tt >= 0 && tt < W) cells.push(v[rr * W + tt]!);
          }
        }
        const max = Math.max(...cells);
        if (cells.filter((c) => c === max).length > 1) return false;
      }
    }
    return true;
  });
}

/** Do the generated code and the engine agree (a tie or a kink hit in one summation order and not the other makes them differ)? */
function agrees(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= 1e-9 * Math.max(1, Math.abs(a[i]!), Math.abs(b[i]!)))) return false;
  return true;
}

/**
 * The documented draw (README, "Worked example"): pixels in [0, 1] and θ by He initialisation
 * with the seed (training's first θ for `--seed N`), both to two decimals; biases 0; the target
 * is the first class. The seed is the first from 1 whose draw teaches (`teaches`) and on which
 * the generated code and the engine agree: on rounded numbers an exact tie in a pooling window, or
 * a pre-activation at a kink, can fall either way with the order of a sum. If none of the seeds
 * tried will do, seed 1 unrounded (a tie of unrounded draws has probability 0).
 */
export function convWorkedExample(spec: ConvNetSpec): ConvWorkedExample {
  const net = loadModuleSync(generateConvCode(spec));
  // The convolutional default's learning rate, as one plain step: training's 0.3 overshoots to J = 0 on these logits.
  const lr = CONV_DEFAULTS.lr;
  let [seed, rounded] = [EXAMPLE_SEED, false];
  const seeds = Math.max(1, Math.min(MAX_SEEDS, Math.floor(SEARCH_WORK / forwardWork(spec))));
  for (let s = EXAMPLE_SEED; s < EXAMPLE_SEED + seeds; s++) {
    const t = draw(spec, s);
    const trace = engineConvTrace(spec, t.theta, t.x, t.y);
    if (teaches(spec, trace, t.x) && agrees(moduleNumbers(net, t.theta, t.x, t.y, lr).grad, trace.grad)) {
      [seed, rounded] = [s, true];
      break;
    }
  }
  const { x, y, theta } = draw(spec, seed, rounded);
  let step = moduleNumbers(net, theta, x, y, lr);
  // One plain step at 0.01 can collapse J (flowers-cnn: 2.66 → 2·10⁻⁴) or raise it: then the
  // sheet takes α so that the first-order decrease α‖∇J‖² is a tenth of J, to one digit.
  const collapsed = step.lossAfter < step.loss / 10 || step.lossAfter > step.loss;
  if (collapsed) {
    const norm2 = step.grad.reduce((s, g) => s + g * g, 0);
    if (norm2 > 0) step = moduleNumbers(net, theta, x, y, Number((step.loss / (10 * norm2)).toPrecision(1)));
  }
  const { yhat, loss, grad, updated, lossAfter } = step;
  const ref = engineConvTrace(spec, theta, x, y);
  agree('ŷ', yhat, ref.act.at(-1)!);
  agree('J', [loss], [ref.loss]);
  agree('∇J', grad, ref.grad);
  return { seed, rounded, x, y, theta, pre: ref.pre, delta: ref.preGrad, act: ref.act, actGrad: ref.actGrad, yhat, loss, grad, lr: step.lr, trainLr: step.lr === lr, updated, lossAfter };
}
