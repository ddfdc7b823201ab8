// Axis scales and ticks for the training plots. Tick values are rounded to their step's
// decimals and labels are fixed-precision strings, so the same data always prints the
// same bytes.
import { sup } from '../sheet/svg/text.ts';

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface Tick {
  readonly value: number;
  readonly label: string;
}

/** A linear map from `domain` to `range` (pixels); a degenerate domain maps to the range's middle. */
export function linear(domain: Range, range: Range): (v: number) => number {
  const span = domain.max - domain.min;
  if (span === 0) return () => (range.min + range.max) / 2;
  return (v) => range.min + ((v - domain.min) / span) * (range.max - range.min);
}

/** The same on log₁₀ v; the domain must be positive. */
export function logarithmic(domain: Range, range: Range): (v: number) => number {
  const map = linear({ min: Math.log10(domain.min), max: Math.log10(domain.max) }, range);
  return (v) => map(Math.log10(v));
}

/** A step of 1, 2 or 5 × 10^k giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = (span > 0 ? span : 1) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

const decimalsOf = (step: number): number => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/** A number as a tick label: the step's decimals, a typographic minus, never "-0". */
export function tickLabel(v: number, step: number): string {
  const s = v.toFixed(decimalsOf(step));
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace(/^-/, '−');
}

/** [min, max] widened to whole steps, so the axis starts and ends on a tick; a single value gets a step either side. */
export function niceDomain(r: Range, count = 5): Range {
  const span = r.max - r.min;
  const step = niceStep(span === 0 ? Math.abs(r.max) || 1 : span, count);
  const round = (v: number): number => Number(v.toFixed(decimalsOf(step)));
  if (span === 0) return { min: round(r.min - step), max: round(r.max + step) };
  return { min: round(Math.floor(r.min / step) * step), max: round(Math.ceil(r.max / step) * step) };
}

/** Ticks at the multiples of a nice step (at least minStep: 1 for epochs) that fall inside r. */
export function linearTicks(r: Range, count = 5, minStep = 0): Tick[] {
  const step = Math.max(minStep, niceStep(r.max - r.min, count));
  const d = decimalsOf(step);
  const ticks: Tick[] = [];
  for (let k = Math.ceil(r.min / step - 1e-9); k * step <= r.max + step * 1e-9; k++) {
    const value = Number((k * step).toFixed(d));
    ticks.push({ value, label: tickLabel(value, step) });
  }
  return ticks;
}

/** 10⁻³: a power of ten in Unicode superscripts (no font metrics needed). */
export function powerOfTen(e: number): string {
  return `10${e < 0 ? '⁻' : ''}${sup(Math.abs(e))}`;
}

/** 10^e as written (1e-5), exact where 10 ** -5 is not. */
const decade = (e: number): number => Number(`1e${e}`);

/** The decades enclosing a positive range: the domain and one tick per decade (every other past 8). */
export function logAxis(r: Range): { domain: Range; ticks: Tick[] } {
  const lo = Math.floor(Math.log10(r.min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(r.max)));
  const every = hi - lo > 8 ? 2 : 1;
  const ticks: Tick[] = [];
  for (let e = lo; e <= hi; e++) if ((e - lo) % every === 0) ticks.push({ value: decade(e), label: powerOfTen(e) });
  return { domain: { min: decade(lo), max: decade(hi) }, ticks };
}

/** min and max of finite values; undefined when there are none. */
export function extent(values: Iterable<number>): Range | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}
