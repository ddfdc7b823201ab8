// Small images inside SVG plots: pixels to an 8-bit PNG (pngjs) embedded as a data: URL and
// drawn without smoothing, so a 16 × 16 input shows as crisp blocks at any size and a grid of
// images stays a few kilobytes.
import pngjs from 'pngjs';
import { num } from '../sheet/svg/text.ts';

/** Grey levels (or R, G, B planes) in [0, 1], channels first, to RGBA bytes. */
export function rgbaOf(planes: Float64Array, channels: number, height: number, width: number): Buffer {
  const plane = height * width;
  const data = Buffer.alloc(plane * 4);
  const byte = (v: number): number => Math.round(255 * Math.min(1, Math.max(0, v)));
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) data[4 * p + c] = byte(planes[(channels === 3 ? c : 0) * plane + p]!);
    data[4 * p + 3] = 255;
  }
  return data;
}

/** A PNG of those bytes (deterministic: same pixels, same file). */
export function pngBytes(rgba: Buffer, height: number, width: number): Buffer {
  const png = new pngjs.PNG({ width, height });
  rgba.copy(png.data);
  return pngjs.PNG.sync.write(png, { deflateLevel: 9 });
}

/** An <image> of the pixels at (x, y), scaled to w × h without smoothing, with a thin frame. */
export function pixelImage(x: number, y: number, w: number, h: number, planes: Float64Array, channels: number, height: number, width: number): string {
  const href = `data:image/png;base64,${pngBytes(rgbaOf(planes, channels, height, width), height, width).toString('base64')}`;
  const at = `x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"`;
  return `<image ${at} preserveAspectRatio="none" style="image-rendering:pixelated" image-rendering="optimizeSpeed" href="${href}"/><rect ${at} fill="none" stroke="#888" stroke-width="0.5"/>`;
}
