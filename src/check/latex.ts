// Claim text -> mathjs text. Every output character remembers the input character it came
// from, so errors found later (by mathjs, or an unknown name) point into what the user typed.
//
// The LaTeX subset (anything else is an error naming the command and its position):
//   \frac{a}{b} \dfrac \tfrac (also \frac12), \sqrt{a}, \cdot, \times, \odot / \circ (Hadamard ⊙ -> .*),
//   ( ) [ ] { } \left( \right) \left[ \right] \bigl( \bigr) ..., spacing \, \; \: \! \quad,
//   \sigma \tanh \log \ln \exp \sin \cos \tan, \operatorname{relu} \mathrm{softplus} \text{step},
//   a function without parentheses takes the next factor (\log x), \tanh^2(u) = tanh(u)^2,
//   primes \sigma'(u), \sigma^{\prime}(u), \mathrm{relu}'(u); \delta, \hat{y}, \hat y, \widehat{y},
//   \mathbf{W}, \boldsymbol{\delta}, \pi, e^{u} = exp(u); implicit multiplication everywhere.
// Sub- and superscripts on a name (w_{ij}^{(k)}, w^{k}_{ij}, x_2, a_1^2): see latex-names.ts.
// Any other run of letters is a product of one-letter names (xy = x y), except the function
// names, yhat, delta and the expression's own multi-letter variables.
// Batch notation: \sum, \sum_i, \sum_{i=1}^{n} sums the rest of its term (up to the next + or
// - outside brackets) -> sum(...); inside it the summation index is dropped from names
// (y_i, \hat{y}_i, x^{(i)}, a_1^{(i)} are that example's y, yhat, x, a1).
// Output names use mathjs's index syntax (W2[1][3], x[2]); claim.ts resolves them.
import { LatexParser } from './latex-parser.ts';
import type { Mapped } from '../parse/mapped.ts';

export type { Mapped } from '../parse/mapped.ts';
export { LAYERED } from './latex-names.ts';
export { normaliseText } from './unicode.ts';

/** Whether a claim is LaTeX: a backslash command, a braced script, or a single-letter name with `_`. */
export function looksLikeLatex(text: string): boolean {
  return /\\/.test(text) || /[_^]\s*\{/.test(text) || /(?<![A-Za-z0-9_])(?:[A-Za-z]|delta)_[A-Za-z0-9]/.test(text);
}

/** The part after a single `=` ("dJ/dw1 = ..." is the same claim as "..."); ==, <= etc. are left to fail. */
export function rightHandSide(text: string): Mapped {
  // An = inside braces (\sum_{i=1}^{n}) is not the claim's.
  const depth = (k: number): number => [...text.slice(0, k)].reduce((d, c) => d + (c === '{' ? 1 : c === '}' ? -1 : 0), 0);
  const equals = [...text.matchAll(/(?<![=<>!])=(?!=)/g)].filter((m) => depth(m.index) === 0);
  const start = equals.length === 1 ? equals[0]!.index + 1 : 0;
  return { text: text.slice(start), pos: [...Array(text.length - start + 1).keys()].map((k) => k + start) };
}

/** LaTeX claim -> mathjs text. `words` are multi-letter names to keep whole (others split: xy = x y). */
export function latexToMathjs(input: Mapped, original: string, source: string, words: ReadonlySet<string>): Mapped {
  const p = new LatexParser(input.text, original, source, words, input.pos);
  const out = p.sequence(input.text.length, undefined);
  return out.done(input.pos[input.text.length] ?? original.length);
}
