// The one naming module of a convolutional network's derivation: h^{k−1}, a^k, δ^k, K^k, b^k,
// W^k as LaTeX (for the sheet) and as plain text (for code comments), so that the sheet and the
// generated code's comments name every quantity alike. Notation as for dense networks
// (network/names.ts notationOf): "a-h" writes a^k = pre-activation, h^k = activation; "z-a"
// writes z^k, a^k and numbers the δ from the output back.
import type { ConvNetSpec } from '../network/conv-spec.ts';

/** One quantity, as LaTeX and as text; `at(...)` adds indices. */
export interface Sym {
  readonly latex: string;
  readonly text: string;
}

/** The symbol with indices: a^{1}_{f,i,j} and a1[f,i,j]. */
export function at(s: Sym, ...indices: readonly (string | number)[]): Sym {
  const list = indices.map(String);
  return { latex: `${s.latex}_{${list.map(latexIndex).join(',\\,')}}`, text: `${s.text}[${list.join(', ')}]` };
}

/** "2i+u−1" in text is "2i+u-1" in LaTeX. */
const latexIndex = (index: string): string => index.replaceAll('−', '-').replaceAll('·', '\\cdot ');

/** A symbol with a layer superscript: base^{k} and basek. */
const layered = (base: string, k: number, latexBase = base): Sym => ({ latex: `${latexBase}^{${k}}`, text: `${base}${k}` });

export interface ConvNames {
  /** h^k: the output of layer k (x for k = 0, ŷ for the last layer). */
  act(k: number): Sym;
  /** a^k: the pre-activation of a conv or dense layer. */
  pre(k: number): Sym;
  /** δ^k = ∂J/∂a^k (conv, dense) or ∂J/∂h^k (pooling, flatten), numbered as the notation says. */
  delta(k: number): Sym;
  /** ∂J/∂h^k, the error a layer sends back to the one before it. */
  error(k: number): Sym;
  /** K^k, W^k, b^k. */
  param(letter: 'K' | 'W' | 'b', k: number): Sym;
  readonly target: Sym;
  /** The letters for the sheet's legend: pre-activation, activation. */
  readonly stems: { readonly pre: string; readonly act: string };
}

export function convNames(spec: Pick<ConvNetSpec, 'notation' | 'layers'>): ConvNames {
  const L = spec.layers.length;
  const za = spec.notation === 'z-a';
  const [pre, act] = za ? ['z', 'a'] : ['a', 'h'];
  const deltaNumber = (k: number): number => (za ? L - k + 1 : k);
  const actSym = (k: number): Sym => (k === 0 ? { latex: 'x', text: 'x' } : k === L ? { latex: '\\hat{y}', text: 'ŷ' } : layered(act, k));
  return {
    act: actSym,
    pre: (k) => layered(pre, k),
    delta: (k) => layered('δ', deltaNumber(k), '\\delta'),
    error: (k) => ({ latex: `\\frac{\\partial J}{\\partial ${actSym(k).latex}}`, text: `∂J/∂${actSym(k).text}` }),
    param: (letter, k) => layered(letter, k),
    target: { latex: 'y', text: 'y' },
    stems: { pre, act },
  };
}

/** ∂J/∂(symbol with indices), as LaTeX and text. */
export function partialOf(s: Sym, ...indices: readonly (string | number)[]): Sym {
  const i = at(s, ...indices);
  return { latex: `\\frac{\\partial J}{\\partial ${i.latex}}`, text: `∂J/∂${i.text}` };
}

/** The window position s·i + u − p as an index ("2i+u−1", "i+u"). */
export function windowIndex(stride: number, padding: number, i: string, u: string): string {
  return `${stride === 1 ? '' : stride}${i}+${u}${padding === 0 ? '' : `−${padding}`}`;
}
