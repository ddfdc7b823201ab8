import { decimalText, type Q } from '../ir/q.ts';

// Numbers as people write them: integers plain, simple fractions as p/q, the rest with
// at most 12 significant digits (so 0.1 + 0.2 never prints 0.30000000000000004).

/** [p, q] with value = p / q when value is such a fraction with q <= 64, else undefined. */
export function asFraction(value: number): [number, number] | undefined {
  for (let q = 1; q <= 64; q++) {
    const p = Math.round(value * q);
    if (Math.abs(p / q - value) < 1e-12 * Math.max(1, Math.abs(value))) return [p, q];
  }
  return undefined;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(12)));
}

/** Denominators up to this print as fractions (1/2, 7/64); larger ones as decimals when they terminate. */
const MAX_FRACTION_DEN = 64n;

/** An exact constant in LaTeX: 3, \\frac{1}{2}, -\\frac{3}{4}, 0.01, 2.0000001. */
export function constLatex(r: Q): string {
  if (r.d === 1n) return integerLatex(r.n);
  const dec = decimalText(r);
  if (r.d > MAX_FRACTION_DEN && dec !== undefined) return dec;
  const n = r.n < 0n ? -r.n : r.n;
  return `${r.n < 0n ? '-' : ''}\\frac{${n}}{${r.d}}`;
}

/** An exact constant as source text for mathjs and TypeScript: 3, 0.5, 1/3 (the caller parenthesises). */
export function constText(r: Q): string {
  return decimalText(r) ?? `${r.n}/${r.d}`;
}

/** 1e400 as 10^{400} rather than 401 digits; plain digits up to 12. */
function integerLatex(n: bigint): string {
  const digits = String(n < 0n ? -n : n);
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  if (digits.length <= 12 || zeros < digits.length - 6) return String(n);
  const mantissa = digits.slice(0, digits.length - zeros);
  const sign = n < 0n ? '-' : '';
  return mantissa === '1' ? `${sign}10^{${zeros}}` : `${sign}${mantissa} \\cdot 10^{${zeros}}`;
}
