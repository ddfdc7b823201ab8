// e^x and e^x − 1 at p significant digits, in binary fixed point over BigInt: decimal.js's own
// exp works digit array by digit array and costs about 0.2 ms at 60 digits, which would make
// the exponential the whole cost of a sigmoid network's probe points. Here:
//   x = k ln 2 + r, |r| ≤ ln 2 / 2;   e^x = 2^k e^r;   e^r − 1 from its Taylor series at r / 2^s,
//   then s squarings in the form (1 + E)² − 1 = E (E + 2), which keep E's relative precision.
// All with W = (p + 25)·log2(10) + 16 fraction bits: every truncation is 2^−W, the s = 10
// squarings multiply relative errors by 2^10, the range reduction adds |k|·2^−W, so the result
// is within 10^−(p+15) relative before its final rounding to p digits (half an ulp). The ball
// arithmetic (ball-ops.ts) allows ten ulps. Tiny arguments (|x| < 1e-5) use the series in decimal.
import { Decimal, type DecimalConstructor } from './decimal.ts';

const SQUARINGS = 10;
const LOG2_10 = Math.log2(10);

const ln2Cache = new Map<number, bigint>();

/** ln 2 · 2^W, from ln 2 = 2 atanh(1/3) = 2 Σ 3^{−(2k+1)}/(2k+1) (ten guard bits). */
function ln2(W: number): bigint {
  let hit = ln2Cache.get(W);
  if (hit !== undefined) return hit;
  const G = BigInt(W + 10);
  let sum = 0n;
  let power = (1n << G) / 3n;
  for (let k = 1n; power > 0n; k += 2n) {
    sum += power / k;
    power /= 9n;
  }
  hit = (2n * sum) >> 10n;
  ln2Cache.set(W, hit);
  return hit;
}

/** round-down(x · 2^W) for a finite decimal x. */
function toFixed(x: Decimal, W: number): bigint {
  const [int = '0', frac = ''] = x.abs().toFixed().split('.');
  const scaled = (BigInt(int + frac) << BigInt(W)) / 10n ** BigInt(frac.length);
  return x.isNeg() ? -scaled : scaled;
}

const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length);

/** M · 2^e2 (M > 0) as a decimal of p significant digits (truncated at p + 5, then rounded). */
function toDecimal(D: DecimalConstructor, M: bigint, e2: number, p: number): Decimal {
  const e10 = Math.floor((bitLength(M) + e2) * Math.log10(2));
  const t = p + 5 - e10;
  let q: bigint;
  if (t >= 0) q = e2 >= 0 ? (M << BigInt(e2)) * 10n ** BigInt(t) : (M * 10n ** BigInt(t)) >> BigInt(-e2);
  else q = (e2 >= 0 ? M << BigInt(e2) : M >> BigInt(-e2)) / 10n ** BigInt(-t);
  return new D(`${q}e${-t}`).toSD(p);
}

/** E·2^−W ≈ e^r − 1 for |r·2^−W| ≤ 1, by the series at r/2^s and s squarings. */
function expm1Fixed(r: bigint, W: number): bigint {
  const w = BigInt(W);
  const small = r >> BigInt(SQUARINGS);
  let sum = small;
  let term = small;
  for (let i = 2n; term !== 0n; i++) {
    term = ((term * small) >> w) / i;
    sum += term;
  }
  const two = 2n << w;
  for (let i = 0; i < SQUARINGS; i++) sum = (sum * (sum + two)) >> w;
  return sum;
}

const fractionBits = (p: number): number => Math.ceil((p + 25) * LOG2_10) + 16;

const guarded = new Map<number, DecimalConstructor>();

/** A decimal.js constructor with ten digits more than p. */
function guard(p: number): DecimalConstructor {
  let H = guarded.get(p);
  if (!H) guarded.set(p, (H = Decimal.clone({ precision: p + 10 })));
  return H;
}

/** Σ x^k/k! from k = `from`, to relative 10^−(p+5), summed with ten guard digits (for |x| < 1e-5). */
function seriesFrom(x: Decimal, from: 0 | 1, p: number): Decimal {
  const H = guard(p);
  const stop = new H(10).pow(-(p + 5)).times(x.abs());
  let term = new H(x);
  let sum = from === 0 ? new H(1).plus(x) : new H(x);
  for (let k = 2; term.abs().gt(stop); k++) {
    term = term.times(x).div(k);
    sum = sum.plus(term);
  }
  return sum;
}

/** e^x to p significant digits (decimal constructor D of precision p). */
export function exp(D: DecimalConstructor, x: Decimal, p: number): Decimal {
  if (!x.isFinite() || x.abs().gt(1e7)) return new D(NaN); // beyond, the result's own digits are out of reach
  if (x.isZero()) return new D(1);
  if (x.abs().lt(1e-5)) return new D(seriesFrom(x, 0, p)).toSD(p);
  const W = fractionBits(p);
  const k = Math.round(x.toNumber() / Math.LN2);
  const r = toFixed(x, W) - BigInt(k) * ln2(W);
  const M = (1n << BigInt(W)) + expm1Fixed(r, W);
  if (Math.abs(k) <= 4 * W) return toDecimal(D, M, k - W, p);
  // A large 2^k: by decimal.js's repeated squaring with ten guard digits (a few ulps of those), not by BigInt shifts of k bits.
  const H = guard(p);
  return new D(new H(toDecimal(H, M, -W, p + 10)).times(new H(2).pow(k))).toSD(p);
}

/** e^x − 1 to p significant digits, also for tiny x (no cancellation). */
export function expm1(D: DecimalConstructor, x: Decimal, p: number): Decimal {
  if (!x.isFinite()) return new D(NaN);
  if (x.isZero()) return new D(0);
  if (x.abs().lt(1e-5)) return new D(seriesFrom(x, 1, p)).toSD(p);
  if (x.abs().gte(1)) return exp(D, x, p + 2).minus(1).toSD(p);
  const W = fractionBits(p);
  const E = expm1Fixed(toFixed(x, W), W);
  return E < 0n ? toDecimal(D, -E, -W, p).neg() : toDecimal(D, E, -W, p);
}

export { Decimal };
