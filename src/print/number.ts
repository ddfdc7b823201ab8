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
