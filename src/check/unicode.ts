// The last rewrite for both claim syntaxes (LaTeX and mathjs): Unicode symbols and primes.
import { Frag, type Mapped } from '../parse/mapped.ts';
import { table } from '../util/table.ts';

/** Functions whose prime is a derivative shorthand; any other prime is a transpose. */
const PRIME_FUNCTIONS: Readonly<Record<string, string>> = table({
  sigma: 'sigmoid_prime', sigmoid: 'sigmoid_prime', tanh: 'tanh_prime', relu: 'relu_prime',
  softplus: 'softplus_prime', leaky_relu: 'leaky_relu_prime',
});
const UNICODE: Readonly<Record<string, string>> = table({
  'ŷ': 'yhat', 'σ': 'sigma', 'δ': 'delta', '⊙': ' .* ', 'ᵀ': '^T', '·': ' * ', '×': ' * ', '⋅': ' * ', '∙': ' * ', '−': '-',
  'π': 'pi', '√': ' sqrt ',
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
});
/** Superscript characters: a run of them is one exponent (x⁻² = x^(-2)). */
const SUPERSCRIPT: Readonly<Record<string, string>> = table({
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
});

/**
 * The last step for both syntaxes: Unicode (ŷ σ δ ⊙ ᵀ · × − and subscript digits), then primes.
 * `f'` on a function with a derivative shorthand becomes `f_prime` (sigma' -> sigmoid_prime);
 * any other prime is a transpose, written `^T` (turned into transpose() after parsing).
 */
export function normaliseText(input: Mapped): Mapped {
  const out = new Frag();
  const s = input.text;
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    const at = input.pos[k]!;
    if (c === "'" || c === '′') {
      const m = /([A-Za-z_][A-Za-z0-9_]*)$/.exec(out.text);
      const fn = m ? PRIME_FUNCTIONS[m[1]!] : undefined;
      if (m && fn) {
        const from = out.pos[out.text.length - m[1]!.length]!;
        out.text = out.text.slice(0, -m[1]!.length);
        out.pos.length = out.text.length;
        out.lit(fn, from);
      } else out.lit('^T', at);
    } else if (Object.hasOwn(SUPERSCRIPT, c)) {
      let run = '';
      for (; k < s.length && Object.hasOwn(SUPERSCRIPT, s[k]!); k++) run += SUPERSCRIPT[s[k]!];
      k--;
      out.lit(/^\d$/.test(run) ? `^${run}` : `^(${run})`, at);
    } else if (c === 'y' && s[k + 1] === '\u0302') {
      out.lit('yhat', at);
      k++;
    } else out.lit(UNICODE[c] ?? c, at);
  }
  return out.done(input.pos[s.length] ?? 0);
}
