// Exact rationals over BigInt: the constants of the IR and the coefficients of the
// simplifier's polynomials. A literal 2.0000001 is 20000001/10^7, never a float rounded
// into equality with 2, so "confirmed symbolically" can only mean an exact proof.

/** n/d in lowest terms with d > 0. Build only through q(), fromNumber() or fromDecimal(). */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y) [x, y] = [y, x % y];
  return x;
}

export function q(n: bigint, d: bigint = 1n): Q {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Q = q(0n);
export const ONE: Q = q(1n);

/**
 * A decimal literal as written ("2.0000001", "-1.5e-3", "1e400") -> its exact value;
 * undefined when the text is not a plain decimal number.
 */
export function fromDecimal(text: string): Q | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, int, frac = '', exp = '0'] = m;
  const e = Number(exp) - frac.length;
  let n = BigInt(`${int}${frac}` || '0');
  if (sign === '-') n = -n;
  return e >= 0 ? q(n * 10n ** BigInt(e)) : q(n, 10n ** BigInt(-e));
}

/** A finite float as the decimal people read it (its shortest round-trip form): 0.1 -> 1/10. */
export function fromNumber(x: number): Q {
  if (!Number.isFinite(x)) throw new RangeError(`non-finite constant ${x}`);
  return fromDecimal(String(x))!;
}

export const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
export const neg = (a: Q): Q => ({ n: -a.n, d: a.d });
export const isZero = (a: Q): boolean => a.n === 0n;
export const isInteger = (a: Q): boolean => a.d === 1n;
export const sign = (a: Q): number => (a.n > 0n ? 1 : a.n < 0n ? -1 : 0);
export const eq = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;
export const cmp = (a: Q, b: Q): number => {
  const s = a.n * b.d - b.n * a.d;
  return s > 0n ? 1 : s < 0n ? -1 : 0;
};

/** a^k for an integer k (k < 0 inverts). */
export function powInt(a: Q, k: number): Q {
  if (k < 0) return powInt(div(ONE, a), -k);
  return q(a.n ** BigInt(k), a.d ** BigInt(k));
}

const digits = (x: bigint): number => abs(x).toString().length;

/** Decimal digits of numerator and denominator together: the size of a constant. */
export const size = (a: Q): number => digits(a.n) + digits(a.d);

/** The nearest float, also for numerators and denominators beyond 1e308. */
export function toNumber(a: Q): number {
  if (a.n === 0n) return 0;
  if (digits(a.n) < 300 && digits(a.d) < 300) return Number(a.n) / Number(a.d);
  // 20 significant digits of the quotient, then let the float parser round and scale.
  const p = 20 + digits(a.d) - digits(a.n);
  const scaled = p >= 0 ? (a.n * 10n ** BigInt(p)) / a.d : a.n / (a.d * 10n ** BigInt(-p));
  return Number(`${scaled}e${-p}`);
}

/** Exact text: "3", "-1/2". */
export const text = (a: Q): string => (a.d === 1n ? String(a.n) : `${a.n}/${a.d}`);

/** The value as a terminating decimal when it is one ("0.5", "2.0000001"), else undefined. */
export function decimalText(a: Q): string | undefined {
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) [d, twos] = [d / 2n, twos + 1];
  while (d % 5n === 0n) [d, fives] = [d / 5n, fives + 1];
  if (d !== 1n) return undefined;
  const places = Math.max(twos, fives);
  if (places === 0) return String(a.n);
  const scaled = abs(a.n) * (10n ** BigInt(places) / a.d);
  const s = scaled.toString().padStart(places + 1, '0');
  return `${a.n < 0n ? '-' : ''}${s.slice(0, -places)}.${s.slice(-places)}`;
}
