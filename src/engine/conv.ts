// Convolution and pooling for the tensor engine, with hand-written local derivatives.
//
// Layout: channels first, as PyTorch and ONNX. One example is a C × H × W volume stored as
// C·H·W values, entry (c, r, t) at index (c·H + r)·W + t; a batch of n examples is an
// n × C·H·W Tensor, one example per row, so these ops compose with the dense ops of
// tensor.ts. Flatten is therefore the identity: the row already lists the volume in
// (c, r, t) order, which is the order a dense layer after it reads.
//
// Windows: output cell (i, j) of a layer with stride s and padding p reads the input rows
// r = s·i + u − p and columns t = s·j + v − p for the window offsets u, v; cells outside
// the input are padding. Direct loops, written for reading rather than speed: this is the
// reference the generated code is checked against (ConvNetJS's layers are the model).
import { tensor, type Tape, type Tensor } from './tensor.ts';

/** A C × H × W volume: the shape of one example. */
export interface VolumeShape {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/** A kh × kw kernel moved by stride, over an input zero-padded by padding on every side. */
export interface ConvOptions {
  readonly kh: number;
  readonly kw: number;
  readonly stride: number;
  readonly padding: number;
}

/** A size × size pooling window; stride defaults to size, padding to 0. */
export interface PoolOptions {
  readonly size: number;
  readonly stride?: number;
  readonly padding?: number;
}

function checkInt(what: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${what} must be an integer ≥ ${min}, got ${value}`);
  }
}

/**
 * Output length ⌊(n + 2p − k)/s⌋ + 1 of a window of length k, stride s, padding p over an
 * input of length n. Throws (naming the sizes) unless 1 ≤ k ≤ n + 2p, s ≥ 1 and p ≥ 0.
 */
export function convOutputSize(inputSize: number, kernel: number, stride: number, padding: number): number {
  checkInt('input size', inputSize, 1);
  checkInt('kernel', kernel, 1);
  checkInt('stride', stride, 1);
  checkInt('padding', padding, 0);
  if (kernel > inputSize + 2 * padding) {
    throw new RangeError(`kernel ${kernel} is larger than the padded input ${inputSize} + 2·${padding}`);
  }
  return Math.floor((inputSize + 2 * padding - kernel) / stride) + 1;
}

/** Shape of conv2d's output: one channel per filter. */
export function conv2dShape(x: VolumeShape, filters: number, o: ConvOptions): VolumeShape {
  checkInt('filters', filters, 1);
  return {
    channels: filters,
    height: convOutputSize(x.height, o.kh, o.stride, o.padding),
    width: convOutputSize(x.width, o.kw, o.stride, o.padding),
  };
}

/** Pool options with their defaults filled in. */
function poolGeometry(o: PoolOptions): Required<PoolOptions> {
  return { size: o.size, stride: o.stride ?? o.size, padding: o.padding ?? 0 };
}

/** Shape of a pooling layer's output: the channels are pooled independently. */
export function pool2dShape(x: VolumeShape, o: PoolOptions): VolumeShape {
  const { size, stride, padding } = poolGeometry(o);
  return {
    channels: x.channels,
    height: convOutputSize(x.height, size, stride, padding),
    width: convOutputSize(x.width, size, stride, padding),
  };
}

function volume(s: VolumeShape): number {
  return s.channels * s.height * s.width;
}

function checkInput(op: string, x: Tensor, s: VolumeShape): void {
  checkInt(`${op}: channels`, s.channels, 1);
  checkInt(`${op}: height`, s.height, 1);
  checkInt(`${op}: width`, s.width, 1);
  if (x.cols !== volume(s)) {
    throw new Error(`${op}: input has ${x.cols} columns, a ${s.channels}×${s.height}×${s.width} volume has ${volume(s)}`);
  }
}

/**
 * Flatten is the identity on the channels-first layout (see the header): it returns x
 * itself, after checking that its rows are volumes of this shape.
 */
export function flatten(x: Tensor, shape: VolumeShape): Tensor {
  checkInput('flatten', x, shape);
  return x;
}

/**
 * a_{n,f,i,j} = b_f + Σ_{c,u,v} K_{f,c,u,v} x_{n,c,s·i+u−p,s·j+v−p} (a cross-correlation,
 * as in every framework: no kernel flip in the forward pass), padding cells being 0.
 * K is F × C·kh·kw (filter f's row holds its C × kh × kw taps row-major), b is 1 × F.
 * The output is n × F·H'·W' in the same layout, shape conv2dShape(xShape, F, o).
 */
export function conv2d(tape: Tape, x: Tensor, xShape: VolumeShape, K: Tensor, b: Tensor, o: ConvOptions): Tensor {
  checkInput('conv2d', x, xShape);
  const F = K.rows;
  const outShape = conv2dShape(xShape, F, o);
  if (K.cols !== xShape.channels * o.kh * o.kw || b.rows !== 1 || b.cols !== F) {
    throw new Error(
      `conv2d: K ${K.rows}×${K.cols} and b ${b.rows}×${b.cols} for ${xShape.channels} channels and a ${o.kh}×${o.kw} kernel ` +
        `(want K F×${xShape.channels * o.kh * o.kw}, b 1×F)`,
    );
  }
  const out = tensor(x.rows, volume(outShape));
  const g = { x: xShape, out: outShape, ...o };
  convForward(g, x.rows, x.data, K.data, b.data, out.data);
  tape.push(() => convBackward(g, x.rows, x, K, b, out.grad));
  return out;
}

interface ConvGeometry extends ConvOptions {
  readonly x: VolumeShape;
  readonly out: VolumeShape;
}

function convForward(g: ConvGeometry, n: number, x: Float64Array, K: Float64Array, b: Float64Array, out: Float64Array): void {
  const { channels: C, height: H, width: W } = g.x;
  const { channels: F, height: Ho, width: Wo } = g.out;
  const { kh, kw, stride: s, padding: p } = g;
  for (let e = 0; e < n; e++) {
    for (let f = 0; f < F; f++) {
      for (let i = 0; i < Ho; i++) {
        for (let j = 0; j < Wo; j++) {
          let a = b[f]!;
          for (let c = 0; c < C; c++) {
            for (let u = 0; u < kh; u++) {
              const r = s * i + u - p;
              if (r < 0 || r >= H) continue; // a padding row: its terms are 0
              for (let v = 0; v < kw; v++) {
                const t = s * j + v - p;
                if (t < 0 || t >= W) continue;
                a += K[((f * C + c) * kh + u) * kw + v]! * x[((e * C + c) * H + r) * W + t]!;
              }
            }
          }
          out[((e * F + f) * Ho + i) * Wo + j] = a;
        }
      }
    }
  }
}

/**
 * With δ = ∂J/∂a: ∂J/∂b_f = Σ_{n,i,j} δ_{n,f,i,j}; ∂J/∂K_{f,c,u,v} = Σ_{n,i,j} δ_{n,f,i,j}
 * x_{n,c,s·i+u−p,s·j+v−p}; and each input cell receives δ_{n,f,i,j} K_{f,c,u,v} from every
 * window that reads it (the "full convolution with the flipped kernel" of the textbooks,
 * written here as a scatter, which needs no flip and no range conditions on i, j).
 */
function convBackward(g: ConvGeometry, n: number, x: Tensor, K: Tensor, b: Tensor, dOut: Float64Array): void {
  const { channels: C, height: H, width: W } = g.x;
  const { channels: F, height: Ho, width: Wo } = g.out;
  const { kh, kw, stride: s, padding: p } = g;
  for (let e = 0; e < n; e++) {
    for (let f = 0; f < F; f++) {
      for (let i = 0; i < Ho; i++) {
        for (let j = 0; j < Wo; j++) {
          const d = dOut[((e * F + f) * Ho + i) * Wo + j]!;
          b.grad[f]! += d;
          for (let c = 0; c < C; c++) {
            for (let u = 0; u < kh; u++) {
              const r = s * i + u - p;
              if (r < 0 || r >= H) continue;
              for (let v = 0; v < kw; v++) {
                const t = s * j + v - p;
                if (t < 0 || t >= W) continue;
                const k = ((f * C + c) * kh + u) * kw + v;
                const xi = ((e * C + c) * H + r) * W + t;
                K.grad[k]! += d * x.data[xi]!;
                x.grad[xi]! += d * K.data[k]!;
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Calls visit(o, w) for every output cell o of a pooling layer over n examples and every
 * input cell w of its window that is not padding, window cells in row-major order.
 * Output and input indices are in the channels-first layout; channels are pooled apart.
 */
function forEachWindowCell(n: number, x: VolumeShape, o: PoolOptions, visit: (out: number, input: number) => void): void {
  const { size, stride: s, padding: p } = poolGeometry(o);
  const { channels: C, height: H, width: W } = x;
  const { height: Ho, width: Wo } = pool2dShape(x, o);
  for (let plane = 0; plane < n * C; plane++) {
    for (let i = 0; i < Ho; i++) {
      for (let j = 0; j < Wo; j++) {
        const out = (plane * Ho + i) * Wo + j;
        for (let u = 0; u < size; u++) {
          const r = s * i + u - p;
          if (r < 0 || r >= H) continue;
          for (let v = 0; v < size; v++) {
            const t = s * j + v - p;
            if (t >= 0 && t < W) visit(out, (plane * H + r) * W + t);
          }
        }
      }
    }
  }
}

/**
 * m_{n,c,i,j} = max over the window of x_{n,c,s·i+u−p,s·j+v−p}; padding cells are −∞, so
 * never selected. Backward: each δ goes to the window's argmax; on a tie, to the first
 * maximum in row-major order within the window (TensorFlow.js's rule; PyTorch and
 * tinygrad differ). Overlapping windows (stride < size) accumulate into the same cell.
 * Requires padding < size, so that every window holds at least one input cell.
 */
export function maxPool2d(tape: Tape, x: Tensor, shape: VolumeShape, o: PoolOptions): Tensor {
  checkInput('maxPool2d', x, shape);
  const { size, padding } = poolGeometry(o);
  if (padding >= size) {
    throw new RangeError(`maxPool2d: padding ${padding} ≥ size ${size} leaves windows with no input cell`);
  }
  const out = tensor(x.rows, volume(pool2dShape(shape, o)));
  const argmax = new Int32Array(out.data.length).fill(-1);
  // Strict >: a later cell equal to the current max does not take over, so ties keep the first.
  forEachWindowCell(x.rows, shape, o, (m, w) => {
    if (argmax[m]! < 0 || x.data[w]! > out.data[m]!) {
      argmax[m] = w;
      out.data[m] = x.data[w]!;
    }
  });
  tape.push(() => {
    for (let m = 0; m < argmax.length; m++) x.grad[argmax[m]!]! += out.grad[m]!;
  });
  return out;
}

/**
 * a_{n,c,i,j} = (1/size²) Σ over the window of x_{n,c,s·i+u−p,s·j+v−p}, padding cells
 * being 0 and counted in the divisor: always size², whatever the window covers. That is
 * PyTorch's default (AvgPool2d's count_include_pad=True). Backward: each input cell gets
 * δ/size² from every window that covers it.
 */
export function avgPool2d(tape: Tape, x: Tensor, shape: VolumeShape, o: PoolOptions): Tensor {
  checkInput('avgPool2d', x, shape);
  const { size } = poolGeometry(o);
  const share = 1 / (size * size);
  const out = tensor(x.rows, volume(pool2dShape(shape, o)));
  forEachWindowCell(x.rows, shape, o, (m, w) => {
    out.data[m]! += share * x.data[w]!;
  });
  tape.push(() => {
    forEachWindowCell(x.rows, shape, o, (m, w) => {
      x.grad[w]! += share * out.grad[m]!;
    });
  });
  return out;
}
