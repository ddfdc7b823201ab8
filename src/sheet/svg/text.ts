// Text inside the figures: XML escaping, Unicode indices, the short names of activations and
// losses, and a width estimate for layout. Indices are Unicode sub/superscripts rather than
// <tspan baseline-shift>: they need no font metrics, survive copy-paste, and render the same
// in every SVG engine (browsers, rsvg, print).
import { symbolText } from '../../naming.ts';
import type { Activation, Layer, LossName } from '../../network/spec.ts';
import { table } from '../../util/table.ts';

const XML_ESCAPES: Readonly<Record<string, string>> = table({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' });

// Characters XML 1.0 forbids (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/F).
// A JSON string may hold them, and one of them would make the whole sheet ill-formed.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Safe in both text content and attribute values: & < > " ' escaped, invalid characters dropped. */
export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const mapDigits = (table: string, n: number | string): string => String(n).replace(/\d/g, (d) => table[Number(d)]!);

/** 12 -> ₁₂ */
export const sub = (n: number | string): string => mapDigits(SUB, n);
/** 12 -> ¹² */
export const sup = (n: number | string): string => mapDigits(SUP, n);

/**
 * A network name (names.ts identifier) as the figure prints it: W2_1_3 -> w²₁₃, yhat2 -> ŷ₂.
 * NFC turns y + combining circumflex into the single letter ŷ, which every font draws well.
 */
export function symbol(name: string): string {
  return symbolText(name).normalize('NFC');
}

/** A coordinate with one decimal, so the same layout always prints the same bytes. */
export function num(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Width of a line of sans-serif text, overestimated a little so boxes never clip: 0.62 em per
 * character, narrower for sub/superscripts and combining marks. Layout only, never measured.
 */
export function textWidth(s: string, size: number): number {
  let em = 0;
  for (const c of s) em += /[₀-₉⁰-⁹]/.test(c) ? 0.42 : /[\u0300-\u036f]/.test(c) ? 0 : /[ ij.,:;()|]/.test(c) ? 0.35 : 0.62;
  return em * size;
}

/** The activation as a function name ("id" rather than a word, so there is nothing to translate). */
export const ACTIVATION_NAME: { readonly [A in Activation]: string } = {
  identity: 'id',
  sigmoid: 'σ',
  tanh: 'tanh',
  relu: 'ReLU',
  leaky_relu: 'lrelu',
  softplus: 'softplus',
  softmax: 'softmax',
};

/** Under a layer of the diagram: "ReLU", "leaky ReLU (0.01)" (the slope; α is the sheet's learning rate). */
export function activationLabel(layer: Layer): string {
  return layer.activation === 'leaky_relu' ? `leaky ReLU (${layer.alpha})` : ACTIVATION_NAME[layer.activation];
}

/** The loss of one example as the graph's J node shows it (README, "Network spec"). */
export const LOSS_TEXT: { readonly [L in LossName]: string } = {
  mse: 'J = ½‖ŷ − y‖²',
  l1: 'J = ‖ŷ − y‖₁',
  bce: 'J = BCE(ŷ, y)',
  cross_entropy: 'J = CE(ŷ, y)',
  // The last layer is the identity here, so ŷ holds the logits.
  cross_entropy_with_logits: 'J = CE(softmax(ŷ), y)',
};
