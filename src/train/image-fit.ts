// A decoded image made to fit the network's input: its channels converted (RGB to grey by
// ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B, as PIL's convert("L"); grey to RGB by
// copying; alpha dropped) and its size changed to height × width by area averaging (each
// output pixel is the mean of the source pixels it covers, weighted by the covered area, as
// OpenCV's INTER_AREA; when enlarging, this is nearest-neighbour with blended edges). Values
// in [0, 1], channels first: (c·H + r)·W + t.
import type { Volume } from '../network/conv-spec.ts';
import { UserError, oneLine } from '../util/errors.ts';
import type { Rgba } from './image-decode.ts';

/** The channel counts an image can be converted to: grey or RGB. */
export const IMAGE_CHANNELS = [1, 3] as const;
/** An image is stretched at most this much more along one axis than the other (a 300 × 2 strip is not a 16 × 16 picture). */
export const MAX_DISTORTION = 4;

/** Why a network with this input cannot take images, or undefined. */
export function imageInputProblem(v: Volume): string | undefined {
  if ((IMAGE_CHANNELS as readonly number[]).includes(v.channels)) return undefined;
  return `the network takes ${v.channels} channels; images are read as 1 (grey) or 3 (RGB)`;
}

/** Source intervals of n output cells over m source cells: for each cell, the source indices and their weights (sum 1). */
export function areaWeights(m: number, n: number): { index: number[]; weight: number[] }[] {
  const step = m / n;
  return Array.from({ length: n }, (_, j) => {
    const [a, b] = [j * step, (j + 1) * step];
    const index: number[] = [];
    const weight: number[] = [];
    for (let i = Math.floor(a); i < Math.min(m, Math.ceil(b)); i++) {
      const w = Math.min(b, i + 1) - Math.max(a, i);
      if (w > 1e-12) {
        index.push(i);
        weight.push(w / step);
      }
    }
    return { index, weight };
  });
}

/** One plane (h × w) resized to H × W by area averaging, separably: rows first, then columns. */
export function resizePlane(src: Float64Array, h: number, w: number, H: number, W: number): Float64Array {
  const cols = areaWeights(w, W);
  const rows = areaWeights(h, H);
  const mid = new Float64Array(h * W);
  for (let r = 0; r < h; r++) {
    for (let t = 0; t < W; t++) {
      const { index, weight } = cols[t]!;
      let s = 0;
      for (let k = 0; k < index.length; k++) s += weight[k]! * src[r * w + index[k]!]!;
      mid[r * W + t] = s;
    }
  }
  const out = new Float64Array(H * W);
  for (let r = 0; r < H; r++) {
    const { index, weight } = rows[r]!;
    for (let t = 0; t < W; t++) {
      let s = 0;
      for (let k = 0; k < index.length; k++) s += weight[k]! * mid[index[k]! * W + t]!;
      out[r * W + t] = s;
    }
  }
  return out;
}

/** The image's planes in [0, 1]: grey (luma) for one channel, R, G, B for three; alpha dropped. */
export function imagePlanes(img: Rgba, channels: number): Float64Array[] {
  const n = img.width * img.height;
  const planes = Array.from({ length: channels }, () => new Float64Array(n));
  for (let p = 0; p < n; p++) {
    const [r, g, b] = [img.data[4 * p]!, img.data[4 * p + 1]!, img.data[4 * p + 2]!];
    if (channels === 1) planes[0]![p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    else for (let c = 0; c < 3; c++) planes[c]![p] = [r, g, b][c]! / 255;
  }
  return planes;
}

/** The image as the network's input (C·H·W values in [0, 1]), or a UserError naming `path` when it cannot fit. */
export function fitImage(img: Rgba, v: Volume, path: string): Float64Array {
  const problem = imageInputProblem(v);
  if (problem) throw new UserError(oneLine(`${path}: ${problem}`));
  const stretch = img.width / img.height / (v.width / v.height);
  if (stretch > MAX_DISTORTION || stretch < 1 / MAX_DISTORTION) {
    throw new UserError(oneLine(`${path}: ${img.width} × ${img.height} pixels cannot be resized to the network's ${v.width} × ${v.height} without stretching it ${Math.max(stretch, 1 / stretch).toFixed(1)} times more along one side (the limit is ${MAX_DISTORTION}): crop it first`));
  }
  const out = new Float64Array(v.channels * v.height * v.width);
  imagePlanes(img, v.channels).forEach((plane, c) => out.set(resizePlane(plane, img.height, img.width, v.height, v.width), c * v.height * v.width));
  return out;
}
