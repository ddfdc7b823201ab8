// How sub- and superscripts on a name become a mathjs name (the course's w_{ij}^{(k)}; the
// sheet's w^{k}_{ij}):
//   - a superscript in parentheses, ^{(k)}, is always the layer;
//   - a superscript written BEFORE the subscript (w^{2}_{13}, z^{1}_{2}, \delta^{1}_{2}) is the layer;
//   - after the subscript, a bare superscript is the layer only on a weight with two indices
//     (w_{13}^{2}); elsewhere it is a power (a_1^2 = a1^2);
//   - ^T, ^{\top}, ^{\intercal}, ^{\mathsf{T}} and a prime on a non-function are a transpose;
//   - without a layer, the subscript of w, W, b, z, a, h, \delta is the layer (w_2, a_1, \delta_2:
//     CSI 4106's scalar names); with a layer it holds the unit indices;
//   - weight indices: two digits are i and j (w_{13}^{(2)} = W2[1][3]); from three digits on,
//     separate them with a comma (w_{12,3}^{(1)}): w_{123} is rejected as ambiguous;
//   - on x, y, \hat{y} the subscript is the unit (x_2 = x[2], \hat{y}_1 = yhat[1]);
//   - digits written right after a name are its subscript, as in mathjs (w2 = w_2, a1 = a_1);
//   - a comma subscript without a layer lists layer then units: a_{1,2} = a1[2], w_{2,1,3} = W2[1][3]
//     (for an expression's own variables, w_{1,2} = w_1_2).
// Symbolic indices (y_i, w_{ij}) are rejected: a claim is about numbered quantities.
// Positions (`at`, `start`, `end`) index the parser's text.
import { TRANSPOSE_SUP } from './latex-tables.ts';

export const LAYERED = new Set(['w', 'W', 'b', 'z', 'a', 'h', 'delta']);

export interface Subscript {
  raw: string;
  at: number;
}
export interface Superscript {
  raw: string;
  at: number;
  start: number;
  end: number;
  /** Written before the subscript, as in w^{2}_{13}. */
  first: boolean;
}
export interface Scripts {
  sub?: Subscript;
  sup?: Superscript;
  primes: number;
}

/** Reports an error at position k of the parser's text. */
export type Fail = (what: string, k: number) => never;

/** A name's mathjs spelling, whether it is transposed, and the superscript left as a power. */
export interface ScriptedName {
  readonly name: string;
  readonly transpose: boolean;
  readonly power: Superscript | undefined;
}

/** Inside \sum_i the summation index is dropped: y_i, x^{(i)} are that example's y, x. */
export function withoutSumIndex(sc: Scripts, base: string, index: string | undefined): Scripts {
  if (index === undefined) return sc;
  const out = { ...sc };
  if (sc.sub?.raw.trim() === index && !LAYERED.has(base)) delete out.sub;
  if (sc.sup && new RegExp(`^\\(\\s*${index}\\s*\\)$`).test(sc.sup.raw.trim())) delete out.sup;
  return out;
}

/** A name with its scripts: w_{13}^{(2)} -> W2[1][3], x_2 -> x[2], a_1^2 -> a1 to the power 2, W_2^T -> W2'. */
export function scriptedName(base: string, sc: Scripts, fail: Fail): ScriptedName {
  const { sub, sup } = sc;
  let layer: string | undefined;
  let power: Superscript | undefined;
  let transpose = sc.primes > 0;
  if (sup) {
    const paren = /^\(\s*(\d+)\s*\)$/.exec(sup.raw);
    const units = sub ? unitIndices(base, sub, fail, true) : [];
    if (TRANSPOSE_SUP.test(sup.raw)) transpose = true;
    else if (paren) layer = paren[1];
    else if (LAYERED.has(base) && /^\d+$/.test(sup.raw) && sub && (sup.first || (/^[wW]$/.test(base) && units.length === 2))) layer = sup.raw;
    else power = sup;
  }
  return { name: withSubscript(base, sub, layer, fail), transpose, power };
}

function withSubscript(base: string, sub: Subscript | undefined, layer: string | undefined, fail: Fail): string {
  if (!sub) return base + (layer ?? '');
  if (LAYERED.has(base) && layer === undefined) {
    // a_{1,2}, w_{2,1,3}: layer first, then the unit indices (the resolver reads them so).
    const parts = sub.raw.split(',').map((u) => u.trim());
    if (parts.length > 1 && parts.every((u) => /^\d+$/.test(u))) return base + parts.map((u) => `[${u}]`).join('');
    if (!/^\d+$/.test(sub.raw)) fail(`the subscript of ${base} is its layer, a number (write the layer as a superscript: ${base}_{${sub.raw}}^{(k)})`, sub.at);
    return base + sub.raw;
  }
  return base + (layer ?? '') + unitIndices(base, sub, fail, false).map((u) => `[${u}]`).join('');
}

/** Unit indices of a subscript: "2" -> [2]; on a weight "13" -> [1, 3]; "12,3" -> [12, 3]. `quiet`: [] instead of an error. */
function unitIndices(base: string, sub: Subscript, fail: Fail, quiet: boolean): string[] {
  const { raw, at } = sub;
  const parts = raw.includes(',') ? raw.split(',').map((u) => u.trim()) : [raw.replace(/\s+/g, '')];
  if (parts.some((u) => !/^\d+$/.test(u))) {
    if (quiet) return [];
    return fail(`symbolic index "${raw}" (write numbers, e.g. ${base}_{12}^{(1)})`, at);
  }
  if (!/^[wW]$/.test(base) || parts.length > 1) return parts;
  const digits = parts[0]!;
  if (digits.length === 2) return [digits[0]!, digits[1]!];
  if (digits.length > 2 && !quiet) fail(`ambiguous weight indices "${digits}" (separate them with a comma, e.g. ${base}_{${digits.slice(0, -1)},${digits.slice(-1)}})`, at);
  return parts;
}
