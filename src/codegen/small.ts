// Small products of the loop form written out term by term inside a loop over the block's
// examples. For a [2,4,4,1] network a gemm call and its tile bookkeeping cost more than the
// eight multiply-adds they do; with constant θ offsets and the operands of one example in
// locals, the loop form runs about as fast as straight-line code (npm run bench).
import { times, type Place, type ParamSlot } from './loops.ts';

/** Products with at most this many multiply-adds per example are written out (larger ones would
 * need more accumulators than registers, and pages of code). */
const SMALL = 32;

export const isSmall = (w: ParamSlot): boolean => w.rows * w.cols <= SMALL;

const range = (n: number): number[] => [...Array(n).keys()];
const at = (p: Place, k: number, row: string): string => `${p.array}[${row}${k ? ` + ${k}` : ''}]!`;
const rowStart = (p: Place, size: number): string => (p.base === '0' ? times('e', size) : `${p.base} + ${times('e', size)}`);
const theta = (k: number): string => `theta[${k}]!`;

/** Locals `${stem}0 …` holding one example's entries of a vector (names with `_` never clash with the
 * network's vectors, which the naming module spells without one). */
function load(stem: string, p: Place, size: number, row = 'r'): string {
  return `const ${range(size).map((j) => `${stem}${j} = ${at(p, j, row)}`).join(', ')};`;
}

/** target = W·h + b, example by example. */
export function smallAffine(target: string, W: ParamSlot, b: ParamSlot, H: Place): string[] {
  const row = (i: number): string =>
    [theta(b.offset + i), ...range(W.cols).map((j) => `${theta(W.offset + i * W.cols + j)} * v_${j}`)].join(' + ');
  return [
    'for (let e = 0; e < m; e++) {',
    `  const r = ${rowStart(H, W.cols)};`,
    `  ${load('v_', H, W.cols)}`,
    `  const o = ${times('e', W.rows)};`,
    ...range(W.rows).map((i) => `  ${target}[o${i ? ` + ${i}` : ''}] = ${row(i)};`),
    '}',
  ];
}

/** target = Wᵀ·v, example by example. */
export function smallTransposed(target: string, W: ParamSlot, V: Place): string[] {
  const col = (j: number): string => range(W.rows).map((i) => `${theta(W.offset + i * W.cols + j)} * d_${i}`).join(' + ');
  return [
    'for (let e = 0; e < m; e++) {',
    `  const r = ${rowStart(V, W.rows)};`,
    `  ${load('d_', V, W.rows)}`,
    `  const o = ${times('e', W.cols)};`,
    ...range(W.cols).map((j) => `  ${target}[o${j ? ` + ${j}` : ''}] = ${col(j)};`),
    '}',
  ];
}

/** ∇W += Σ_e δ_e h_eᵀ, summed in one local per entry over the block. */
export function smallWeightGradient(W: ParamSlot, D: Place, H: Place): string[] {
  const sameRow = rowStart(D, W.rows) === rowStart(H, W.cols);
  const cells = range(W.rows).flatMap((i) => range(W.cols).map((j) => ({ i, j, k: i * W.cols + j })));
  return [
    '{',
    `  let ${cells.map((c) => `g_${c.k} = 0`).join(', ')};`,
    '  for (let e = 0; e < m; e++) {',
    `    const r = ${rowStart(D, W.rows)};`,
    `    ${load('d_', D, W.rows)}`,
    ...(sameRow ? [] : [`    const q = ${rowStart(H, W.cols)};`]),
    `    ${load('v_', H, W.cols, sameRow ? 'r' : 'q')}`,
    ...cells.map((c) => `    g_${c.k} += d_${c.i} * v_${c.j};`),
    '  }',
    ...cells.map((c) => `  grad[${W.offset + c.k}]! += g_${c.k};`),
    '}',
  ];
}

/** ∇b += Σ_e δ_e, in one local per entry. */
export function smallBiasGradient(b: ParamSlot, D: Place): string[] {
  const rows = range(b.rows);
  return [
    '{',
    `  let ${rows.map((i) => `g_${i} = 0`).join(', ')};`,
    '  for (let e = 0; e < m; e++) {',
    `    const r = ${rowStart(D, b.rows)};`,
    ...rows.map((i) => `    g_${i} += ${at(D, i, 'r')};`),
    '  }',
    ...rows.map((i) => `  grad[${b.offset + i}]! += g_${i};`),
    '}',
  ];
}
