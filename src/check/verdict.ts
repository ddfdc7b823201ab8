// From a tally of compared points (compare.ts) to the words of a verdict: which point is shown
// as the counterexample (and at how many digits it still is one), and the method text, which
// says what the verdict rests on: an exact proof, or N points, the tolerance and the digits.
import { isFault } from '../engine/ball.ts';
import type { Spend } from './budget.ts';
import { comparePoint, toNumber, type Comparand, type PointResult, type Tally } from './compare.ts';
import { classify, toleranceText, type Settings } from './precision.ts';

/** Significant digits tried, fewest first, for the coordinates of a counterexample as shown. */
const SHOWN_DIGITS = [4, 6, 8, 12, 17];

const gap = (r: PointResult): number => Math.abs(toNumber(r.values?.claim[r.entry]) - toNumber(r.values?.truth[r.entry]));
const relativeGap = (r: PointResult): number => {
  const c = toNumber(r.values?.claim[r.entry]);
  const t = toNumber(r.values?.truth[r.entry]);
  return Math.abs(c - t) / Math.max(Math.abs(c), Math.abs(t), Number.MIN_VALUE);
};

/** A relative gap a terminal's six digits show. */
const VISIBLE = 1e-4;

/**
 * The most convincing point of an outcome: a moderate drawn point with the largest
 * disagreement; else, among the points whose disagreement six digits show (all if none), the
 * one of smallest coordinates (beside a breakpoint near a moderate point rather than at
 * |x| = 100), the larger relative disagreement first on a tie.
 */
export function pickPoint(tally: Tally, outcome: 'differ' | 'undefined'): PointResult | undefined {
  const all = tally.compared.filter((r) => r.outcome === outcome);
  const moderate = all.filter((r) => r.moderate);
  const best = (list: PointResult[], better: (r: PointResult, b: PointResult) => boolean): PointResult | undefined =>
    list.reduce<PointResult | undefined>((b, r) => (b && !better(r, b) ? b : r), undefined);
  if (outcome === 'undefined') return moderate[0] ?? all[0];
  const visible = all.filter((r) => relativeGap(r) >= VISIBLE);
  const size = (r: PointResult): number => Math.max(...Array.from(r.x, Math.abs));
  return (
    best(moderate, (r, b) => gap(r) > gap(b)) ??
    best(visible.length ? visible : all, (r, b) => size(r) < size(b) || (size(r) === size(b) && relativeGap(r) > relativeGap(b)))
  );
}

const round = (v: number, digits: number): number => Number(v.toPrecision(digits));

/** The point with its continuous coordinates rounded to the fewest digits at which it is still a counterexample. */
export function shownPoint(r: PointResult, c: Comparand, settings: Settings, scannable: readonly boolean[], work: Spend): PointResult {
  for (const digits of SHOWN_DIGITS) {
    const x = r.x.map((v, i) => (scannable[i] ? round(v, digits) : v));
    if (x.every((v, i) => v === r.x[i])) return r;
    const again = comparePoint(c, x, settings, work, r.origin, r.moderate);
    if (again.outcome === r.outcome) return again;
  }
  return r;
}

/** The same point, its deciding entry the one of largest disagreement among those that differ. */
export function widestEntry(r: PointResult, toleranceDigits: number): PointResult {
  if (r.outcome !== 'differ' || !r.values) return r;
  const { claim, truth } = r.values;
  let best = r.entry;
  claim.forEach((c, k) => {
    if (classify(c, truth[k]!, toleranceDigits) !== 'differ') return;
    const size = Math.abs(toNumber(c) - toNumber(truth[k]));
    if (size > Math.abs(toNumber(claim[best]) - toNumber(truth[best]))) best = k;
  });
  return { ...r, entry: best };
}

/** The point as { name: value } under the given names, and both values (NaN for a claim that is not defined). */
export function counterexampleOf(r: PointResult, names: readonly string[]) {
  const point = Object.fromEntries(names.map((n, i) => [n, r.x[i]!]));
  const claim = r.values?.claim[r.entry];
  return { point, claim: toNumber(claim), truth: toNumber(r.values?.truth[r.entry]) };
}

/** Why the claim is not defined at a point (the fault of its value there). */
export function faultOf(r: PointResult): string {
  const v = r.values?.claim[r.entry];
  return v && isFault(v) ? v.fault : 'not finite';
}

function digitsText(tally: Tally, settings: Settings): string {
  const start = settings.ladder[0]!;
  return tally.digits > start ? `${start} to ${tally.digits} digits` : `${start} digits`;
}

/** "96 points (64 drawn over the whole domain, 32 beside breakpoints": how much was compared. */
function pointsText(tally: Tally, unit: string): string {
  const besides = tally.besides ? `, ${tally.besides} beside breakpoints` : '';
  return `${tally.compared.length} ${unit} (${tally.drawn} drawn over the whole domain${besides}`;
}

const skipped = (tally: Tally, settings: Settings): string =>
  tally.unresolved ? `; ${tally.unresolved} left unresolved at ${settings.ladder[settings.ladder.length - 1]} digits` : '';

/** The method of a numeric "equivalent": N points, the tolerance, the digits. */
export function equivalentText(tally: Tally, settings: Settings, unit = 'points'): string {
  return `numerically equivalent at ${pointsText(tally, unit)}; tolerance ${toleranceText(settings.toleranceDigits)}, ${digitsText(tally, settings)})${skipped(tally, settings)}`;
}

/**
 * The method of a "not equivalent": a difference proven at a point by interval bounds, and its
 * size there (claim and truth may agree in the digits a terminal shows).
 */
export function differenceText(tally: Tally, settings: Settings, shown: PointResult, unit = 'points'): string {
  const probed = `numeric probing at ${pointsText(tally, unit)}; ${digitsText(tally, settings)})`;
  const c = shown.values?.claim[shown.entry];
  const t = shown.values?.truth[shown.entry];
  if (shown.outcome !== 'differ' || !c || !t || isFault(c) || isFault(t)) return `${probed}: the claim is not defined where the truth is`;
  // In the digits of the evaluation: a difference of 1e-40 is not lost to floats.
  const gap = c.m.minus(t.m).toSD(4).toNumber();
  return `${probed}: the difference is certain (interval bounds), claim − truth = ${gap} at the counterexample`;
}

/** Enough points compared to call a claim equivalent: half the wanted drawn points at least. */
export const enoughPoints = (tally: Tally, wanted: number): boolean => tally.drawn >= Math.max(1, Math.ceil(wanted / 2));
