// Max and average pooling as direct loops over one example, sizes inlined. Padding cells are
// never read: with padding 0 every window lies inside the input (⌊(H − S)/s⌋ windows fit), so
// the bounds tests are emitted only for padded layers.
//   max   h[c,i,j] = max of the window; the argmax (first maximum in row-major order: strict >)
//         is kept per cell, and backward routes δ[c,i,j] to it (overlapping windows accumulate).
//   avg   h[c,i,j] = (1/S²)·Σ of the window (padding counts in the divisor, as PyTorch's
//         default); backward gives every cell of the window δ[c,i,j]/S².
import type { PoolLayer, Volume } from '../../network/conv-spec.ts';
import { entry, type LayerPlan } from './plan.ts';

export interface PoolGeometry {
  readonly layer: PoolLayer;
  readonly input: Volume;
  readonly output: Volume;
}

/** The loops over every window cell (c, r, t) of output cell o = (c, i, j), visiting `body` with q its input index. */
function windows(g: PoolGeometry, before: readonly string[], body: readonly string[], after: readonly string[]): string[] {
  const { channels: C, height: H, width: W } = g.input;
  const { height: Ho, width: Wo } = g.output;
  const { size: S, stride: s, padding: p } = g.layer;
  const at = (i: string, u: string): string => `${s === 1 ? i : `${s} * ${i}`} + ${u}${p === 0 ? '' : ` - ${p}`}`;
  return [
    `for (let c = 0; c < ${C}; c++) {`,
    `  for (let i = 0; i < ${Ho}; i++) {`,
    `    for (let j = 0; j < ${Wo}; j++) {`,
    `      const o = (c * ${Ho} + i) * ${Wo} + j;`,
    ...before.map((l) => `      ${l}`),
    `      for (let u = 0; u < ${S}; u++) {`,
    `        const r = ${at('i', 'u')};`,
    ...(p === 0 ? [] : [`        if (r < 0 || r >= ${H}) continue;`]),
    `        for (let v = 0; v < ${S}; v++) {`,
    `          const t = ${at('j', 'v')};`,
    ...(p === 0 ? [] : [`          if (t < 0 || t >= ${W}) continue;`]),
    `          const q = (c * ${H} + r) * ${W} + t;`,
    ...body.map((l) => `          ${l}`),
    '        }',
    '      }',
    ...after.map((l) => `      ${l}`),
    '    }',
    '  }',
    '}',
  ];
}

export function maxPoolForwardLines(plan: LayerPlan, g: PoolGeometry): string[] {
  const x = entry(plan.source, 'q');
  const h = entry(plan.out, 'o');
  return windows(g, ['let m = -Infinity;', 'let w = -1;'], [`const x = ${x}!;`, 'if (w < 0 || x > m) {', '  m = x;', '  w = q;', '}'], [`${h} = m;`, ...(plan.arg ? [`${plan.arg}[o] = w;`] : [])]);
}

export function maxPoolBackwardLines(plan: LayerPlan, g: PoolGeometry): string[] {
  if (!plan.sendTo) return [];
  const n = g.output.channels * g.output.height * g.output.width;
  return [`${plan.sendTo}.fill(0);`, `for (let o = 0; o < ${n}; o++) ${plan.sendTo}[${plan.arg!}[o]!]! += ${plan.delta!}[o]!;`];
}

export function avgPoolForwardLines(plan: LayerPlan, g: PoolGeometry): string[] {
  const share = 1 / (g.layer.size * g.layer.size);
  return windows(g, ['let sum = 0;'], [`sum += ${entry(plan.source, 'q')}!;`], [`${entry(plan.out, 'o')} = sum * ${share};`]);
}

export function avgPoolBackwardLines(plan: LayerPlan, g: PoolGeometry): string[] {
  if (!plan.sendTo) return [];
  const share = 1 / (g.layer.size * g.layer.size);
  return [`${plan.sendTo}.fill(0);`, ...windows(g, [`const share = ${plan.delta!}[o]! * ${share};`], [`${plan.sendTo}[q]! += share;`], [])];
}
