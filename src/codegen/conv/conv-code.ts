// conv2d as direct loops over one example, every size a constant. The window's taps are
// written out (each K entry in a local, one multiply-add per tap in the inner loop) up to
// TAPS_MAX taps per channel; bigger kernels loop over u, v. The padded input is copied once
// per example into a buffer whose zero border never changes, so the inner loops test no bounds.
//   forward   a[f,i,j] = b[f] + Σ_{c,u,v} K[f,c,u,v]·h[c, s·i+u, s·j+v]   (h padded)
//   backward  ∂K[f,c,u,v] += Σ_{i,j} δ[f,i,j]·h[c, s·i+u, s·j+v]; ∂b[f] += Σ_{i,j} δ[f,i,j];
//             and, when the layers below need it, the scatter dh[c, s·i+u, s·j+v] += δ[f,i,j]·K[f,c,u,v]
//             (the full convolution with the flipped kernel, with no flip and no range test).
import type { Conv2dLayer, Volume } from '../../network/conv-spec.ts';
import type { LayerPlan, Place } from './plan.ts';

/** Kernels of at most this many taps per channel are written out (5 × 5; measured on the course's 3 × 3 and LeNet's 5 × 5). */
export const TAPS_MAX = 25;
/** Up to this many taps over all channels, the forward pass sums every channel in one pass (the course's 3 × 3 × 3 = 27). */
export const WHOLE_MAX = 32;

export interface ConvGeometry {
  readonly layer: Conv2dLayer;
  readonly input: Volume;
  readonly output: Volume;
  /** θ offsets of K and b. */
  readonly kernelAt: number;
  readonly biasAt: number;
}

const range = (n: number): number[] => [...Array(n).keys()];
/** `a + b` with the zeros left out. */
const plus = (...terms: (string | number)[]): string => terms.filter((t) => t !== 0 && t !== '0' && t !== '').join(' + ') || '0';

interface Source {
  readonly place: Place;
  readonly height: number;
  readonly width: number;
}

/** The padded geometry the loops read: the pad buffer, or the input itself. */
function source(plan: LayerPlan, g: ConvGeometry): Source {
  const p = g.layer.padding;
  return plan.pad ? { place: { array: plan.pad, base: '0' }, height: g.input.height + 2 * p, width: g.input.width + 2 * p } : { place: plan.source, height: g.input.height, width: g.input.width };
}

/** Copy h^{k−1} inside the zero border of pad<k>. */
export function padLines(plan: LayerPlan, g: ConvGeometry): string[] {
  if (!plan.pad) return [];
  const { channels: C, height: H, width: W } = g.input;
  const p = g.layer.padding;
  const [Hp, Wp] = [H + 2 * p, W + 2 * p];
  return [
    `for (let c = 0; c < ${C}; c++) {`,
    `  for (let r = 0; r < ${H}; r++) {`,
    `    const from = ${plus(plan.source.base, `(c * ${H} + r) * ${W}`)};`,
    `    const to = (c * ${Hp} + r + ${p}) * ${Wp} + ${p};`,
    `    for (let t = 0; t < ${W}; t++) ${plan.pad}[to + t] = ${plan.source.array}[from + t]!;`,
    '  }',
    '}',
  ];
}

/** Row pointers r0, r1, … of the window for output row i (and e0, e1, … in the error buffer). */
function rowPointers(stem: string, origin: string, rowStride: number, width: number, kh: number): string[] {
  return range(kh).map((u) => (u === 0 ? `const ${stem}0 = ${plus(origin, `i * ${rowStride}`)};` : `const ${stem}${u} = ${stem}${u - 1} + ${width};`));
}

const col = (s: number): string => (s === 1 ? 'j' : `${s} * j`);

export function convForwardLines(plan: LayerPlan, g: ConvGeometry): string[] {
  const { channels: C } = g.input;
  const { channels: F, height: Ho, width: Wo } = g.output;
  const [kh, kw] = g.layer.kernel;
  const s = g.layer.stride;
  const src = source(plan, g);
  const S = src.place.array;
  const taps = kh * kw;
  const plane = Ho * Wo;
  const a = plan.pre!;
  const head = [
    `for (let f = 0; f < ${F}; f++) {`,
    `  const bias = theta[${g.biasAt} + f]!;`,
    `  const o = f * ${plane};`,
    `  for (let q = 0; q < ${plane}; q++) ${a}[o + q] = bias;`,
    `  for (let c = 0; c < ${C}; c++) {`,
    `    const ko = ${plus(g.kernelAt, `(f * ${C} + c) * ${taps}`)};`,
    `    const src = ${plus(src.place.base, `c * ${src.height * src.width}`)};`,
  ];
  if (C * taps <= WHOLE_MAX) return wholeWindowLines(plan, g, src);
  if (taps <= TAPS_MAX) {
    const sum = range(kh).flatMap((u) => range(kw).map((v) => `k${u * kw + v} * ${S}[${plus(`r${u}`, 't', v)}]!`)).join(' + ');
    return [
      ...head,
      `    const ${range(taps).map((q) => `k${q} = theta[${plus('ko', q)}]!`).join(', ')};`,
      `    for (let i = 0; i < ${Ho}; i++) {`,
      ...rowPointers('r', 'src', s * src.width, src.width, kh).map((l) => `      ${l}`),
      `      const oi = o + i * ${Wo};`,
      `      for (let j = 0; j < ${Wo}; j++) {`,
      `        const t = ${col(s)};`,
      `        ${a}[oi + j]! += ${sum};`,
      '      }',
      '    }',
      '  }',
      '}',
    ];
  }
  return [
    ...head,
    `    for (let i = 0; i < ${Ho}; i++) {`,
    `      const r0 = src + i * ${s * src.width};`,
    `      const oi = o + i * ${Wo};`,
    `      for (let j = 0; j < ${Wo}; j++) {`,
    `        const t = r0 + ${col(s)};`,
    '        let acc = 0;',
    `        for (let u = 0; u < ${kh}; u++) {`,
    `          const ru = t + u * ${src.width};`,
    `          const ku = ko + u * ${kw};`,
    `          for (let v = 0; v < ${kw}; v++) acc += theta[ku + v]! * ${S}[ru + v]!;`,
    '        }',
    `        ${a}[oi + j]! += acc;`,
    '      }',
    '    }',
    '  }',
    '}',
  ];
}

/** Every channel's taps in locals: each output cell is one sum, with no read-modify-write of a. */
function wholeWindowLines(plan: LayerPlan, g: ConvGeometry, src: Source): string[] {
  const { channels: C } = g.input;
  const { channels: F, height: Ho, width: Wo } = g.output;
  const [kh, kw] = g.layer.kernel;
  const s = g.layer.stride;
  const S = src.place.array;
  const plane = src.height * src.width;
  const rows = range(C).flatMap((c) => range(kh).map((u) => ({ c, u, name: `r${c * kh + u}` })));
  const sum = rows.flatMap(({ c, u, name }) => range(kw).map((v) => `k${(c * kh + u) * kw + v} * ${S}[${plus(name, 't', v)}]!`)).join(' + ');
  return [
    `for (let f = 0; f < ${F}; f++) {`,
    `  const bias = theta[${g.biasAt} + f]!;`,
    `  const ko = ${plus(g.kernelAt, `f * ${C * kh * kw}`)};`,
    `  const ${range(C * kh * kw).map((q) => `k${q} = theta[${plus('ko', q)}]!`).join(', ')};`,
    `  for (let i = 0; i < ${Ho}; i++) {`,
    ...rows.map(({ c, u, name }) => `    const ${name} = ${plus(src.place.base, c * plane + u * src.width, `i * ${s * src.width}`)};`),
    `    const oi = (f * ${Ho} + i) * ${Wo};`,
    `    for (let j = 0; j < ${Wo}; j++) {`,
    `      const t = ${col(s)};`,
    `      ${plan.pre!}[oi + j] = bias + ${sum};`,
    '    }',
    '  }',
    '}',
  ];
}

/** Where the backward scatter writes: dpad<k> (cut afterwards) or the error buffer of h^{k−1} itself. */
const scatterTarget = (plan: LayerPlan): string | undefined => plan.dpad ?? plan.sendTo;

export function convBackwardLines(plan: LayerPlan, g: ConvGeometry): string[] {
  const { channels: C } = g.input;
  const { channels: F, height: Ho, width: Wo } = g.output;
  const [kh, kw] = g.layer.kernel;
  const s = g.layer.stride;
  const src = source(plan, g);
  const S = src.place.array;
  const D = scatterTarget(plan);
  const taps = kh * kw;
  const plane = Ho * Wo;
  const delta = plan.delta!;
  const head = [
    ...(D ? [`${D}.fill(0);`] : []),
    `for (let f = 0; f < ${F}; f++) {`,
    `  const o = f * ${plane};`,
    '  let gb = 0;',
    `  for (let q = 0; q < ${plane}; q++) gb += ${delta}[o + q]!;`,
    `  grad[${g.biasAt} + f]! += gb;`,
    `  for (let c = 0; c < ${C}; c++) {`,
    `    const ko = ${plus(g.kernelAt, `(f * ${C} + c) * ${taps}`)};`,
    `    const src = ${plus(src.place.base, `c * ${src.height * src.width}`)};`,
    ...(D ? [`    const dst = c * ${src.height * src.width};`] : []),
  ];
  const tail = ['  }', '}', ...cropLines(plan, g)];
  if (taps <= TAPS_MAX) {
    const tap = (f: (q: number, u: number, v: number) => string): string[] => range(kh).flatMap((u) => range(kw).map((v) => f(u * kw + v, u, v)));
    return [
      ...head,
      `    let ${range(taps).map((q) => `g${q} = 0`).join(', ')};`,
      ...(D ? [`    const ${range(taps).map((q) => `k${q} = theta[${plus('ko', q)}]!`).join(', ')};`] : []),
      `    for (let i = 0; i < ${Ho}; i++) {`,
      ...rowPointers('r', 'src', s * src.width, src.width, kh).map((l) => `      ${l}`),
      ...(D ? rowPointers('e', 'dst', s * src.width, src.width, kh).map((l) => `      ${l}`) : []),
      `      const oi = o + i * ${Wo};`,
      `      for (let j = 0; j < ${Wo}; j++) {`,
      `        const d = ${delta}[oi + j]!;`,
      // Max-pooling routes δ to one cell of each window and relu zeroes more: skip the zeros.
      '        if (d === 0) continue;',
      `        const t = ${col(s)};`,
      ...tap((q, u, v) => `        g${q} += d * ${S}[${plus(`r${u}`, 't', v)}]!;`),
      ...(D ? tap((q, u, v) => `        ${D}[${plus(`e${u}`, 't', v)}]! += d * k${q};`) : []),
      '      }',
      '    }',
      ...tap((q) => `    grad[${plus('ko', q)}]! += g${q};`),
      ...tail,
    ];
  }
  return [
    ...head,
    `    for (let u = 0; u < ${kh}; u++) {`,
    `      for (let v = 0; v < ${kw}; v++) {`,
    `        const kk = ko + u * ${kw} + v;`,
    ...(D ? ['        const w = theta[kk]!;'] : []),
    '        let g = 0;',
    `        for (let i = 0; i < ${Ho}; i++) {`,
    `          const ru = src + (i * ${s} + u) * ${src.width} + v;`,
    ...(D ? [`          const eu = dst + (i * ${s} + u) * ${src.width} + v;`] : []),
    `          const oi = o + i * ${Wo};`,
    `          for (let j = 0; j < ${Wo}; j++) {`,
    `            const d = ${delta}[oi + j]!;`,
    `            g += d * ${S}[ru + ${col(s)}]!;`,
    ...(D ? [`            ${D}[eu + ${col(s)}]! += d * w;`] : []),
    '          }',
    '        }',
    '        grad[kk]! += g;',
    '      }',
    '    }',
    ...tail,
  ];
}

/** The error of the padded input without its border: ∂J/∂h^{k−1}. */
function cropLines(plan: LayerPlan, g: ConvGeometry): string[] {
  if (!plan.dpad || !plan.sendTo) return [];
  const { channels: C, height: H, width: W } = g.input;
  const p = g.layer.padding;
  const [Hp, Wp] = [H + 2 * p, W + 2 * p];
  return [
    `for (let c = 0; c < ${C}; c++) {`,
    `  for (let r = 0; r < ${H}; r++) {`,
    `    const from = (c * ${Hp} + r + ${p}) * ${Wp} + ${p};`,
    `    const to = (c * ${H} + r) * ${W};`,
    `    for (let t = 0; t < ${W}; t++) ${plan.sendTo}[to + t] = ${plan.dpad}[from + t]!;`,
    '  }',
    '}',
  ];
}
