// The hand-written CNN baseline: what a competent engineer writes without symprop for the two
// benchmarked architectures (the course's net and the LeNet-like one), i.e.
//   [conv k×k (stride 1, no padding) → relu → maxpool s (stride s)]+ → flatten → [dense relu]* → dense softmax
// with cross_entropy averaged over the batch. Plain Float64Array loops, one example at a time,
// buffers allocated once, strides written out; nothing generated, nothing tuned:
//   conv      a[f,r,t] = b[f] + Σ_c Σ_i Σ_j K[f,c,i,j] x[c,r+i,t+j],  h = relu(a)
//   maxpool   p[c,r,t] = max of h over the s×s window; δ goes back to the window's argmax
//   conv back ∇K[f,c,i,j] += δ[f,r,t] x[c,r+i,t+j],  ∇b[f] += δ[f,r,t],
//             δx[c,r+i,t+j] += K[f,c,i,j] δ[f,r,t]  (below the first layer only)
//   dense     as bench/baseline.ts; softmax + cross_entropy gives δ_L = (ŷ − y)/n
// θ has the generated modules' layout (conv-spec.ts): K (F × C × k × k) then b, W then b.
import type { ConvNetSpec } from '../src/network/conv-spec.ts';
import type { Baseline } from './baseline.ts';

interface ConvBlock {
  readonly C: number;
  readonly H: number;
  readonly W: number;
  readonly F: number;
  readonly k: number;
  readonly outH: number;
  readonly outW: number;
  readonly kOff: number;
  readonly bOff: number;
  readonly s: number;
  readonly poolH: number;
  readonly poolW: number;
  /** relu(a), the pool's output and argmax, and their δ. */
  readonly h: Float64Array;
  readonly dh: Float64Array;
  readonly pool: Float64Array;
  readonly argmax: Int32Array;
  readonly dpool: Float64Array;
}

interface DenseBlock {
  readonly rows: number;
  readonly cols: number;
  readonly w: number;
  readonly b: number;
  readonly h: Float64Array;
  readonly d: Float64Array;
}

const unsupported = (what: string): Error => new Error(`conv baseline: unsupported ${what}`);

/** Throws unless the spec has exactly the benchmarked shape (see the header). */
function plan(spec: ConvNetSpec): { convs: ConvBlock[]; dense: DenseBlock[] } {
  if (spec.loss !== 'cross_entropy' || spec.reduction !== 'mean' || spec.l2 !== 0) throw unsupported(`loss ${spec.loss}/${spec.reduction}/l2 ${spec.l2}`);
  const convs: ConvBlock[] = [];
  const dense: DenseBlock[] = [];
  let { channels: C, height: H, width: W } = spec.input;
  let off = 0;
  const layers = spec.layers;
  let i = 0;
  for (; layers[i]?.type === 'conv2d'; i += 2) {
    const conv = layers[i]!;
    const pool = layers[i + 1];
    if (conv.type !== 'conv2d' || conv.stride !== 1 || conv.padding !== 0 || conv.activation !== 'relu' || conv.kernel[0] !== conv.kernel[1]) throw unsupported('conv layer');
    if (pool?.type !== 'maxpool' || pool.stride !== pool.size || pool.padding !== 0) throw unsupported('layer after a conv (a maxpool of stride = size expected)');
    const { filters: F, kernel: [k] } = conv;
    const outH = H - k + 1;
    const outW = W - k + 1;
    const s = pool.size;
    const [poolH, poolW] = [Math.floor(outH / s), Math.floor(outW / s)];
    const size = F * outH * outW;
    const pooled = F * poolH * poolW;
    convs.push({ C, H, W, F, k, outH, outW, kOff: off, bOff: off + F * C * k * k, s, poolH, poolW, h: new Float64Array(size), dh: new Float64Array(size), pool: new Float64Array(pooled), argmax: new Int32Array(pooled), dpool: new Float64Array(pooled) });
    off += F * (C * k * k + 1);
    [C, H, W] = [F, poolH, poolW];
  }
  if (layers[i++]?.type !== 'flatten') throw unsupported('network (flatten after the conv blocks expected)');
  let cols = C * H * W;
  for (; i < layers.length; i++) {
    const l = layers[i]!;
    const last = i === layers.length - 1;
    if (l.type !== 'dense' || l.activation !== (last ? 'softmax' : 'relu')) throw unsupported('dense layer');
    dense.push({ rows: l.units, cols, w: off, b: off + l.units * cols, h: new Float64Array(l.units), d: new Float64Array(l.units) });
    off += l.units * (cols + 1);
    cols = l.units;
  }
  return { convs, dense };
}

export function createConvBaseline(spec: ConvNetSpec): Baseline {
  return new ConvBaseline(spec);
}

class ConvBaseline implements Baseline {
  private readonly convs: ConvBlock[];
  private readonly dense: DenseBlock[];
  private readonly inputSize: number;
  private readonly grad: Float64Array;

  constructor(spec: ConvNetSpec) {
    ({ convs: this.convs, dense: this.dense } = plan(spec));
    this.inputSize = spec.input.channels * spec.input.height * spec.input.width;
    const last = this.dense.at(-1)!;
    this.grad = new Float64Array(last.b + last.rows);
  }

  lossAndGrad(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, grad: Float64Array): number {
    grad.fill(0);
    let J = 0;
    for (let e = 0; e < n; e++) {
      const x0 = e * this.inputSize;
      this.convs.forEach((b, k) => (k === 0 ? convForward(b, theta, X, x0) : convForward(b, theta, this.convs[k - 1]!.pool, 0)));
      this.denseForward(theta);
      J += this.softmaxDelta(Y, e, n);
      this.denseBackward(theta, grad);
      for (let k = this.convs.length - 1; k >= 0; k--) {
        const b = this.convs[k]!;
        poolBackward(b);
        if (k === 0) convBackward(b, theta, X, x0, grad, undefined);
        else convBackward(b, theta, this.convs[k - 1]!.pool, 0, grad, this.convs[k - 1]!.dpool);
      }
    }
    return J / n;
  }

  trainStep(theta: Float64Array, X: Float64Array, Y: Float64Array, n: number, lr: number): number {
    const J = this.lossAndGrad(theta, X, Y, n, this.grad);
    for (let p = 0; p < theta.length; p++) theta[p]! -= lr * this.grad[p]!;
    return J;
  }

  /** Dense layers on the last pool's output; the output layer keeps its logits in h. */
  private denseForward(theta: Float64Array): void {
    let src = this.convs.at(-1)!.pool;
    this.dense.forEach((l, k) => {
      const hidden = k < this.dense.length - 1;
      for (let r = 0; r < l.rows; r++) {
        let s = theta[l.b + r]!;
        const row = l.w + r * l.cols;
        for (let c = 0; c < l.cols; c++) s += theta[row + c]! * src[c]!;
        l.h[r] = hidden && s < 0 ? 0 : s;
      }
      src = l.h;
    });
  }

  /** The example's −Σ y log softmax(z) from the logits (max subtracted), and δ_L = (p − y)/n. */
  private softmaxDelta(Y: Float64Array, e: number, n: number): number {
    const { h: z, d, rows: m } = this.dense.at(-1)!;
    let max = -Infinity;
    for (let j = 0; j < m; j++) max = Math.max(max, z[j]!);
    let sum = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(z[j]! - max);
    const lse = max + Math.log(sum);
    let loss = 0;
    for (let j = 0; j < m; j++) {
      const y = Y[e * m + j]!;
      loss -= y * (z[j]! - lse);
      d[j] = (Math.exp(z[j]! - lse) - y) / n;
    }
    return loss;
  }

  /** ∇W, ∇b and δ down to the flattened pool output (dpool of the last conv block). */
  private denseBackward(theta: Float64Array, grad: Float64Array): void {
    for (let k = this.dense.length - 1; k >= 0; k--) {
      const l = this.dense[k]!;
      const src = k === 0 ? this.convs.at(-1)!.pool : this.dense[k - 1]!.h;
      const prev = k === 0 ? this.convs.at(-1)!.dpool : this.dense[k - 1]!.d;
      prev.fill(0);
      for (let r = 0; r < l.rows; r++) {
        const d = l.d[r]!;
        const row = l.w + r * l.cols;
        grad[l.b + r]! += d;
        for (let c = 0; c < l.cols; c++) {
          grad[row + c]! += d * src[c]!;
          prev[c]! += theta[row + c]! * d;
        }
      }
      // relu′ = [h > 0] below a hidden layer (relu′(0) = 0); the pool output needs none.
      if (k > 0) for (let c = 0; c < l.cols; c++) if (src[c]! <= 0) prev[c] = 0;
    }
  }
}

/** h = relu(K ⋆ x + b), then max-pool h into b.pool, remembering each window's argmax. */
function convForward(b: ConvBlock, theta: Float64Array, src: Float64Array, x0: number): void {
  const { C, H, W, F, k, outH, outW, kOff, bOff, h } = b;
  for (let f = 0; f < F; f++) {
    for (let r = 0; r < outH; r++) {
      for (let t = 0; t < outW; t++) {
        let s = theta[bOff + f]!;
        for (let c = 0; c < C; c++) {
          for (let i = 0; i < k; i++) {
            const xRow = x0 + (c * H + r + i) * W + t;
            const kRow = kOff + ((f * C + c) * k + i) * k;
            for (let j = 0; j < k; j++) s += theta[kRow + j]! * src[xRow + j]!;
          }
        }
        h[(f * outH + r) * outW + t] = s > 0 ? s : 0;
      }
    }
  }
  const { s, poolH, poolW, pool, argmax } = b;
  for (let f = 0; f < F; f++) {
    for (let r = 0; r < poolH; r++) {
      for (let t = 0; t < poolW; t++) {
        let best = -Infinity;
        let at = 0;
        for (let i = 0; i < s; i++) {
          for (let j = 0; j < s; j++) {
            const p = (f * outH + r * s + i) * outW + t * s + j;
            if (h[p]! > best) [best, at] = [h[p]!, p];
          }
        }
        const o = (f * poolH + r) * poolW + t;
        pool[o] = best;
        argmax[o] = at;
      }
    }
  }
}

/** δh: each pool δ to its window's argmax, times relu′ (= [h > 0]). */
function poolBackward(b: ConvBlock): void {
  const { dh, dpool, argmax, h } = b;
  dh.fill(0);
  for (let o = 0; o < dpool.length; o++) {
    const p = argmax[o]!;
    if (h[p]! > 0) dh[p]! += dpool[o]!;
  }
}

/** ∇K, ∇b from δh; and δx into dsrc when the block is not the first. */
function convBackward(b: ConvBlock, theta: Float64Array, src: Float64Array, x0: number, grad: Float64Array, dsrc: Float64Array | undefined): void {
  const { C, H, W, F, k, outH, outW, kOff, bOff, dh } = b;
  dsrc?.fill(0);
  for (let f = 0; f < F; f++) {
    for (let r = 0; r < outH; r++) {
      for (let t = 0; t < outW; t++) {
        const d = dh[(f * outH + r) * outW + t]!;
        if (d === 0) continue;
        grad[bOff + f]! += d;
        for (let c = 0; c < C; c++) {
          for (let i = 0; i < k; i++) {
            const xRow = x0 + (c * H + r + i) * W + t;
            const kRow = kOff + ((f * C + c) * k + i) * k;
            for (let j = 0; j < k; j++) {
              grad[kRow + j]! += d * src[xRow + j]!;
              if (dsrc !== undefined) dsrc[xRow - x0 + j]! += theta[kRow + j]! * d;
            }
          }
        }
      }
    }
  }
}
