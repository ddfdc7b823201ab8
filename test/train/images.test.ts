// Image data for convolutional networks: decoding (tiny PNG and JPEG files written here with
// pngjs and jpeg-js), channel conversion and area resizing, per-channel scaling, CSV pixels,
// image directories, and the confusion matrix.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { NetworkModule } from '../../src/codegen/load.ts';
import { validateConvSpec } from '../../src/network/conv-validate.ts';
import { confusionMatrix } from '../../src/train/confusion.ts';
import { fitChannelScaler, prepareImages, readImageCsv, scaleChannels } from '../../src/train/conv-data.ts';
import { decodeImage, decodeImageFile } from '../../src/train/image-decode.ts';
import { readImageDirectory } from '../../src/train/image-dir.ts';
import { areaWeights, fitImage, resizePlane } from '../../src/train/image-fit.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-images-'));

/** A PNG of w × h RGBA pixels from f(x, y). */
export function pngOf(w: number, h: number, f: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new pngjs.PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) png.data.set(f(x, y), 4 * (y * w + x));
  return pngjs.PNG.sync.write(png);
}

export function jpegOf(w: number, h: number, f: (x: number, y: number) => [number, number, number]): Buffer {
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([...f(x, y), 255], 4 * (y * w + x));
  return jpeg.encode({ data, width: w, height: h }, 100).data;
}

const spec = (c: number, h: number, w: number, outputs = 2) =>
  validateConvSpec({ name: 't', input: { channels: c, height: h, width: w }, layers: [{ type: 'conv2d', filters: 2, kernel: 1, activation: 'relu' }, { type: 'flatten' }, { units: outputs, activation: 'softmax' }], loss: 'cross_entropy' });

describe('decoding', () => {
  it('reads a PNG pixel for pixel, alpha included', () => {
    const img = decodeImage(pngOf(3, 2, (x, y) => [x * 100, y * 200, 7, 128]), 'a.png');
    expect([img.width, img.height]).toEqual([3, 2]);
    expect(Array.from(img.data.subarray(4 * 5, 4 * 6))).toEqual([200, 200, 7, 128]);
  });

  it('reads a JPEG (lossy: within a few levels at quality 100)', () => {
    const img = decodeImage(jpegOf(8, 8, () => [200, 100, 50]), 'a.jpg');
    expect([img.width, img.height]).toEqual([8, 8]);
    for (const [c, v] of [200, 100, 50].entries()) expect(Math.abs(img.data[c]! - v)).toBeLessThanOrEqual(3);
  });

  it('refuses a non-image, a truncated PNG and huge header dimensions, naming the file', () => {
    expect(() => decodeImage(Buffer.from('hello, world'), 'x/notes.png')).toThrow(/^x\/notes\.png: not a PNG or JPEG image/);
    expect(() => decodeImage(pngOf(4, 4, () => [1, 2, 3, 255]).subarray(0, 40), 'cut.png')).toThrow(/^cut\.png: a corrupt PNG file/);
    expect(() => decodeImage(pngOf(4, 4, () => [1, 2, 3, 255]).subarray(0, 40), 'cut.png')).not.toThrow(/waitng|read requests/);
    expect(() => decodeImage(Buffer.alloc(0), 'empty.png')).toThrow(/^empty\.png: an empty file, not a PNG or JPEG image$/);
    const huge = pngOf(1, 1, () => [0, 0, 0, 255]);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(() => decodeImage(huge, 'huge.png')).toThrow('huge.png: 100000 × 100000 pixels, over the limit of 16777216 pixels (4096 × 4096) per image');
    expect(() => decodeImageFile(join(dir, 'missing.png'))).toThrow(/missing\.png: cannot read the image \(no such file\)/);
  });
});

describe('channels and size', () => {
  it('RGB to grey is BT.601 luma; grey to RGB copies; alpha is dropped', () => {
    const red = decodeImage(pngOf(1, 1, () => [255, 0, 0, 0]), 'r.png');
    expect(fitImage(red, { channels: 1, height: 1, width: 1 }, 'r.png')[0]).toBeCloseTo(0.299, 12);
    expect(Array.from(fitImage(red, { channels: 3, height: 1, width: 1 }, 'r.png'))).toEqual([1, 0, 0]);
    const grey = decodeImage(pngOf(1, 1, () => [51, 51, 51, 255]), 'g.png');
    expect(Array.from(fitImage(grey, { channels: 3, height: 1, width: 1 }, 'g.png'))).toEqual([0.2, 0.2, 0.2]);
  });

  it('area resizing averages the covered pixels (4 → 2 halves, 3 → 2 by thirds) and keeps a constant image', () => {
    expect(Array.from(resizePlane(Float64Array.from([1, 3, 5, 7]), 1, 4, 1, 2))).toEqual([2, 6]);
    const thirds = resizePlane(Float64Array.from([0, 3, 6]), 1, 3, 1, 2);
    expect(thirds[0]).toBeCloseTo((2 / 3) * 0 + (1 / 3) * 3, 12);
    expect(thirds[1]).toBeCloseTo((1 / 3) * 3 + (2 / 3) * 6, 12);
    const up = resizePlane(Float64Array.from([0.25, 0.25, 0.25, 0.25]), 2, 2, 5, 7);
    for (const v of up) expect(v).toBeCloseTo(0.25, 12);
    for (const { weight } of areaWeights(17, 5)) expect(weight.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('channels first: (c·H + r)·W + t', () => {
    const img = decodeImage(pngOf(2, 1, (x) => [x ? 255 : 0, 0, x ? 0 : 255, 255]), 'p.png');
    expect(Array.from(fitImage(img, { channels: 3, height: 1, width: 2 }, 'p.png'))).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('says when an image cannot be made to fit', () => {
    const strip = decodeImage(pngOf(40, 2, () => [0, 0, 0, 255]), 'strip.png');
    expect(() => fitImage(strip, { channels: 1, height: 8, width: 8 }, 'strip.png')).toThrow(/^strip\.png: 40 × 2 pixels cannot be resized to the network's 8 × 8 without stretching it 20\.0 times/);
    expect(() => fitImage(strip, { channels: 2, height: 8, width: 8 }, 'strip.png')).toThrow('strip.png: the network takes 2 channels; images are read as 1 (grey) or 3 (RGB)');
  });
});

describe('per-channel scaling', () => {
  it('standardises each channel over all its pixels; a pixel constant over the set divides by nothing', () => {
    const v = { channels: 2, height: 1, width: 2 };
    // Two examples; pixel (c 0, t 0) is 0.5 in both (constant), channel 1 is constant everywhere.
    const X = Float64Array.from([0.5, 1, 3, 3, 0.5, 0, 3, 3]);
    const s = fitChannelScaler(X, 2, v);
    expect(s.mean[0]).toBeCloseTo(0.5, 12);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(0.125), 12);
    expect([s.mean[1], s.std[1]]).toEqual([3, 1]);
    const scaled = scaleChannels(X, s, v);
    expect(scaled.every(Number.isFinite)).toBe(true);
    expect(Array.from(scaled.subarray(2, 4))).toEqual([0, 0]);
  });

  it('uses the training split only (the test split keeps its own offset)', () => {
    const p = prepareImages(spec(1, 4, 4, 4), 'shapes', 0.25, 1, { samples: 40, noise: 0 });
    let mean = 0;
    for (const x of p.train.X) mean += x / p.train.X.length;
    expect(Math.abs(mean)).toBeLessThan(1e-12);
    expect([p.train.n, p.test.n, p.classes]).toEqual([30, 10, ['bar', 'cross', 'square', 'disc']]);
  });
});

describe('CSV pixels', () => {
  it('reads C·H·W pixel columns and the class column (named label, else the last)', () => {
    const named = join(dir, 'named.csv');
    writeFileSync(named, 'label,p1,p2,p3,p4\n1,0,10,20,30\n0,5,5,5,5\n');
    const d = readImageCsv(named, { channels: 1, height: 2, width: 2 }, 2);
    expect(Array.from(d.labels)).toEqual([1, 0]);
    expect(Array.from(d.X)).toEqual([0, 10, 20, 30, 5, 5, 5, 5]);
    expect(d.sources).toEqual(['named.csv:2', 'named.csv:3']);
    const last = join(dir, 'last.csv');
    writeFileSync(last, 'a,b,y\n1,2,0\n');
    expect(Array.from(readImageCsv(last, { channels: 2, height: 1, width: 1 }, 2).X)).toEqual([1, 2]);
  });

  it('names the line of a bad class and the sizes of a wrong width', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'p1,p2,class\n1,2,0\n1,2,5\n');
    expect(() => readImageCsv(bad, { channels: 1, height: 1, width: 2 }, 2)).toThrow(`${bad}:3: class 5 in column "class" is not a class index 0..1 (the network tells 2 classes apart)`);
    expect(() => readImageCsv(bad, { channels: 1, height: 2, width: 2 }, 2)).toThrow(`${bad}:1: 2 pixel columns besides the class column "class"; the network takes 1 × 2 × 2 = 4`);
  });
});

describe('image directories', () => {
  it('classes are the sorted subfolders; PNG and JPEG mixed, hidden files skipped, resized to the input', () => {
    const root = join(dir, 'set');
    for (const c of ['zebra', 'ant']) mkdirSync(join(root, c), { recursive: true });
    writeFileSync(join(root, 'ant', 'a.png'), pngOf(8, 8, () => [255, 255, 255, 255]));
    writeFileSync(join(root, 'ant', '.DS_Store'), 'junk');
    writeFileSync(join(root, 'zebra', 'z.jpg'), jpegOf(8, 8, () => [0, 0, 0]));
    writeFileSync(join(root, 'README.txt'), 'top-level files are not examples');
    const d = readImageDirectory(root, { channels: 1, height: 4, width: 4 });
    expect(d.classes).toEqual(['ant', 'zebra']);
    expect(Array.from(d.labels)).toEqual([0, 1]);
    expect(d.X.length).toBe(32);
    expect(d.X[0]).toBeCloseTo(1, 12);
    expect(d.X[16]).toBeLessThan(0.02);
  });
});

describe('confusion matrix', () => {
  it('counts (true, predicted) pairs from the forward pass', () => {
    // A fake 3-class network that answers the first input's value as the class.
    const net = { forward: (_t: Float64Array, X: Float64Array, n: number, out: Float64Array) => { for (let e = 0; e < n; e++) out[e * 3 + X[e]!] = 1; } } as unknown as NetworkModule;
    const X = Float64Array.from([0, 1, 1, 2, 0, 2]);
    const truth = [0, 1, 2, 2, 1, 0];
    const Y = new Float64Array(18);
    truth.forEach((k, e) => (Y[e * 3 + k] = 1));
    const c = confusionMatrix(net, new Float64Array(0), { X, Y, n: 6, inputs: 1, outputs: 3 }, 3);
    expect(c.counts).toEqual([[1, 0, 1], [1, 1, 0], [0, 1, 1]]);
  });
});
