// Colours of the training plots. Heat maps are quantised to bands (as matplotlib's contourf
// draws them), so neighbouring cells share a colour and merge into one rectangle, and the
// bands show the output's level sets. Class colours are ColorBrewer's RdBu ends (blue and
// red stay apart for red–green colour blindness); heat-map tints are pale so points stay visible.

type Rgb = readonly [number, number, number];

const PAPER: Rgb = [255, 255, 255];
export const CLASS_COLOURS = ['#2166ac', '#b2182b'] as const;
/** Matplotlib's tab10, for one line per layer. */
export const SERIES_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;
/** Viridis at five stops, dark to light. */
const VIRIDIS: readonly Rgb[] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

export const BANDS = 10;

function parse(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** The middle of u's band among `bands` equal bands of [0, 1] (u is clamped; NaN goes to the middle). */
export function band(u: number, bands = BANDS): number {
  if (Number.isNaN(u)) return 0.5;
  const k = Math.min(bands - 1, Math.max(0, Math.floor(u * bands)));
  return (k + 0.5) / bands;
}

/** A probability as a tint: white at 0.5, towards class 0's blue below and class 1's red above. */
export function probabilityColour(p: number): string {
  const t = (band(p) - 0.5) * 2;
  const towards = parse(CLASS_COLOURS[t < 0 ? 0 : 1]);
  return hex(mix(PAPER, towards, Math.abs(t) * 0.6));
}

/** u ∈ [0, 1] on viridis, lightened a third towards white so markers stay visible. */
export function sequentialColour(u: number): string {
  const x = band(u) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  return hex(mix(mix(VIRIDIS[i]!, VIRIDIS[i + 1]!, x - i), PAPER, 0.35));
}

/** Class c of `classes`: the binary plot's blue and red for two classes, tab10 beyond (repeating past ten). */
export function classColour(c: number, classes: number): string {
  return classes <= 2 ? CLASS_COLOURS[c ? 1 : 0] : seriesColour(c);
}

/** A pale tint of class c's colour, for its region of the plane. */
export function regionColour(c: number, classes: number): string {
  return hex(mix(PAPER, parse(classColour(c, classes)), 0.3));
}

export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length]!;
}
