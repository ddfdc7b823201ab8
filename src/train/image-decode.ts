// PNG and JPEG files to pixels (pngjs and jpeg-js, pure JavaScript). The format is told by the
// file's first bytes, not its name; the dimensions are read from the header and checked against
// MAX_IMAGE_PIXELS before any pixel is decoded, so a 100000 × 100000 PNG of 1 kB fails at once.
import { readFileSync, statSync } from 'node:fs';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { UserError, oneLine } from '../util/errors.ts';

/** One image file: at most 20 MB (a 4096 × 4096 RGBA PNG without compression is 64 MB; real ones are far smaller). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Pixels of one image before resizing: 4096 × 4096 (decoded as RGBA, 64 MB). */
export const MAX_IMAGE_PIXELS = 4096 * 4096;

/** Decoded pixels, 8 bits per channel, row-major RGBA (alpha 255 when the file has none). */
export interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type ImageFormat = 'png' | 'jpeg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** png or jpeg by the magic bytes, or undefined. */
export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

const u16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number): number => u16(b, i) * 65536 + u16(b, i + 2);

/** Width and height from the PNG's IHDR chunk (always first, at byte 16). */
function pngSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 24) return undefined;
  return { width: u32(b, 16), height: u32(b, 20) };
}

/** Width and height from the JPEG's first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: u16(b, i + 5), width: u16(b, i + 7) };
    i += 2 + u16(b, i + 2);
  }
  return undefined;
}

const fail = (path: string, why: string): never => {
  throw new UserError(oneLine(`${path}: ${why}`));
};

/** The bytes of an image file: a regular file within MAX_IMAGE_BYTES. */
function readImageBytes(path: string): Buffer {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return fail(path, 'cannot read the image (no such file)');
  if (!st.isFile()) return fail(path, 'cannot read the image (not a regular file)');
  if (st.size > MAX_IMAGE_BYTES) return fail(path, `an image file of ${st.size} bytes is over the limit of ${MAX_IMAGE_BYTES} bytes`);
  try {
    return readFileSync(path);
  } catch (e) {
    return fail(path, `cannot read the image (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** A PNG or JPEG file's pixels, or a UserError naming the file: not an image, too large, or corrupt. */
export function decodeImageFile(path: string): Rgba {
  return decodeImage(readImageBytes(path), path);
}

/** decodeImageFile on bytes in memory; `path` only names them in messages. */
export function decodeImage(bytes: Buffer, path: string): Rgba {
  const format = imageFormat(bytes);
  if (bytes.length === 0) return fail(path, 'an empty file, not a PNG or JPEG image');
  if (format === undefined) return fail(path, 'not a PNG or JPEG image (its first bytes are neither signature)');
  const size = format === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return fail(path, `a corrupt ${format.toUpperCase()} file (no image size in its header)`);
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    return fail(path, `${size.width} × ${size.height} pixels, over the limit of ${MAX_IMAGE_PIXELS} pixels (4096 × 4096) per image`);
  }
  try {
    if (format === 'png') {
      const png = pngjs.PNG.sync.read(bytes);
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 256 });
    return { width: img.width, height: img.height, data: img.data };
  } catch (e) {
    // pngjs's own wording ("There are some read requests waitng on finished stream") says only that the data ends early.
    const why = oneLine(e instanceof Error ? e.message : String(e));
    return fail(path, `a corrupt ${format.toUpperCase()} file (${/read requests|finished stream|unexpected end/i.test(why) ? 'it ends before its image data does' : why.slice(0, 80)})`);
  }
}
