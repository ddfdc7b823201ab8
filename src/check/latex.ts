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
// Sub- and superscripts on a name (the course's w_{ij}^{(k)}; the sheet's w^{k}_{ij}):
//   - a superscript in parentheses, ^{(k)}, is always the layer;
//   - a superscript written BEFORE the subscript (w^{2}_{13}, z^{1}_{2}, \delta^{1}_{2}) is the layer;
//   - after the subscript, a bare superscript is the layer only on a weight with two indices
//     (w_{13}^{2}); elsewhere it is a power (a_1^2 = a1^2);
//   - ^T, ^{\top}, ^{\intercal}, ^{\mathsf{T}} and a prime on a non-function are a transpose;
//   - without a layer, the subscript of w, W, b, z, a, h, \delta is the layer (w_2, a_1, \delta_2:
//     seed 004's scalar names); with a layer it holds the unit indices;
//   - weight indices: two digits are i and j (w_{13}^{(2)} = W2[1][3]); from three digits on,
//     separate them with a comma (w_{12,3}^{(1)}): w_{123} is rejected as ambiguous;
//   - on x, y, \hat{y} the subscript is the unit (x_2 = x[2], \hat{y}_1 = yhat[1]);
//   - digits written right after a name are its subscript, as in mathjs (w2 = w_2, a1 = a_1);
//   - any other run of letters is a product of one-letter names (xy = x y), except the
//     function names, yhat, delta and the expression's own multi-letter variables.
// Symbolic indices (y_i, w_{ij}) are rejected: a claim is about numbered quantities.
// Batch notation: \sum, \sum_i, \sum_{i=1}^{n} sums the rest of its term (up to the next + or
// - outside brackets) -> sum(...); inside it the summation index is dropped from names
// (y_i, \hat{y}_i, x^{(i)}, a_1^{(i)} are that example's y, yhat, x, a1).
// Output names use mathjs's index syntax (W2[1][3], x[2]); claim.ts resolves them.
import { UserError, oneLine } from '../util/errors.ts';

/** Text with, for each character, its 0-based position in the original (plus one for the end). */
export interface Mapped {
  readonly text: string;
  readonly pos: readonly number[];
}

class Frag {
  text = '';
  readonly pos: number[] = [];
  lit(s: string, at: number): this {
    this.text += s;
    for (let k = 0; k < s.length; k++) this.pos.push(at);
    return this;
  }
  cat(f: Frag): this {
    this.text += f.text;
    this.pos.push(...f.pos);
    return this;
  }
  done(end: number): Mapped {
    return { text: this.text, pos: [...this.pos, end] };
  }
}

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

export const LAYERED = new Set(['w', 'W', 'b', 'z', 'a', 'h', 'delta']);
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  sigma: 'sigma', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', ReLU: 'relu', Relu: 'relu', softplus: 'softplus',
  log: 'log', ln: 'log', exp: 'exp', sqrt: 'sqrt', sin: 'sin', cos: 'cos', tan: 'tan', step: 'step',
  heaviside: 'step', sign: 'sign', sgn: 'sign', abs: 'abs', leaky_relu: 'leaky_relu',
};
const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'eta', 'theta', 'lambda', 'mu', 'pi', 'rho', 'tau', 'phi', 'omega']);
const SPACING = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad', 'displaystyle', 'limits']);
const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const SIZED = new Set(['left', 'right', 'bigl', 'bigr', 'Bigl', 'Bigr', 'big', 'Big', 'biggl', 'biggr', 'bigg', 'Bigg']);
const FRAC = new Set(['frac', 'dfrac', 'tfrac']);
const BINARY_CMD: Readonly<Record<string, string>> = { cdot: ' * ', times: ' * ', odot: ' .* ', circ: ' .* ' };
const TRANSPOSE_SUP = /^(?:T|\\top|\\intercal|\\mathsf\{T\}|\\mathrm\{T\}|\\!?\\top)$/;
const PRIME_SUP = /^(?:\\prime|')$/;

interface Scripts {
  sub?: { raw: string; at: number };
  sup?: { raw: string; at: number; start: number; end: number; first: boolean };
  primes: number;
}

/** LaTeX claim -> mathjs text. `words` are multi-letter names to keep whole (others split: xy = x y). */
export function latexToMathjs(input: Mapped, original: string, source: string, words: ReadonlySet<string>): Mapped {
  const p = new LatexParser(input.text, original, source, words, input.pos);
  const out = p.sequence(input.text.length, undefined);
  return out.done(input.pos[input.text.length] ?? original.length);
}

class LatexParser {
  i = 0;
  /** End of the range being parsed (a \frac12 argument stops after one character). */
  end: number;
  constructor(
    private readonly s: string,
    private readonly original: string,
    private readonly source: string,
    private readonly words: ReadonlySet<string>,
    private readonly map: readonly number[],
  ) {
    this.end = s.length;
  }

  at(k = this.i): number {
    return this.map[k] ?? this.original.length;
  }

  fail(what: string, k = this.i): never {
    throw new UserError(oneLine(`${this.source}: ${what} at position ${this.at(k) + 1} in "${this.original}"`));
  }

  skip(): void {
    for (;;) {
      if (/\s/.test(this.s[this.i] ?? '')) this.i++;
      else if (this.s[this.i] === '\\' && SPACING.has(this.peekCommand())) this.i += 1 + this.peekCommand().length;
      else return;
    }
  }

  /** The command name after a backslash at i (letters, or one other character), without consuming. */
  peekCommand(k = this.i): string {
    const m = /^\\([A-Za-z]+|.)/.exec(this.s.slice(k));
    return m ? m[1]! : '';
  }

  command(): string {
    const name = this.peekCommand();
    this.i += 1 + name.length;
    return name;
  }

  /** The summation index inside a \sum (dropped from names), if any. */
  sumIndex: string | undefined;

  /** \sum with optional _{i=1} and ^{n}: sum( the rest of the term ). */
  batchSum(end: number, close: string | undefined): Frag {
    const at = this.at();
    this.command();
    let index = 'i';
    for (;;) {
      this.skip();
      const c = this.s[this.i];
      if (c !== '_' && c !== '^') break;
      this.i++;
      const [a, b] = this.rawArg();
      const m = /^\s*([A-Za-z])\s*(?:=.*)?$/.exec(this.s.slice(a, b));
      if (c === '_' && m) index = m[1]!;
    }
    const saved = this.sumIndex;
    this.sumIndex = index;
    const inner = this.sequence(end, close, true);
    this.sumIndex = saved;
    if (inner.text.trim() === '') this.fail('missing the summand of \\sum');
    return new Frag().lit('sum(', at).cat(inner).lit(')', at);
  }

  /** Items until `end` or the closing character `close`, with * between adjacent operands (`term`: until a binary + or -). */
  sequence(end: number, close: string | undefined, term = false): Frag {
    const out = new Frag();
    let operand = false;
    for (;;) {
      this.skip();
      if (this.i >= end) break;
      const c = this.s[this.i]!;
      if (close !== undefined && this.isClose(close)) break;
      if (term && operand && (c === '+' || c === '-')) break;
      if (c === '\\' && this.peekCommand() === 'sum') {
        const at = this.at();
        const f = this.batchSum(end, close);
        if (operand) out.lit(' * ', at);
        out.cat(f);
        operand = true;
        continue;
      }
      if ('+-*/'.includes(c)) {
        out.lit(` ${c} `, this.at());
        this.i++;
        operand = false;
        continue;
      }
      if (c === '\\' && Object.hasOwn(BINARY_CMD, this.peekCommand())) {
        const at = this.at();
        out.lit(BINARY_CMD[this.command()]!, at);
        operand = false;
        continue;
      }
      if (c === ')' || c === ']' || c === '}' || (c === '\\' && this.peekCommand() === 'right')) this.fail(`unmatched "${c === '\\' ? '\\right' : c}"`);
      const at = this.at();
      const f = this.factor();
      if (operand) out.lit(' * ', at);
      out.cat(f);
      operand = true;
    }
    return out;
  }

  isClose(close: string): boolean {
    const c = this.s[this.i];
    if (c === '\\') {
      const name = this.peekCommand();
      if (!SIZED.has(name) || !/r$|^right$/.test(name)) return false;
      const k = this.i + 1 + name.length;
      const rest = this.s.slice(k).trimStart();
      return rest.startsWith(close) || rest.startsWith(`\\${close}`) || rest.startsWith('.');
    }
    return c === close;
  }

  /** A closing delimiter: `)` or `\right)` (also `\right.`). */
  closeGroup(close: string, openAt: number): void {
    this.skip();
    if (this.s[this.i] === '\\') {
      this.command();
      this.skip();
      if (this.s[this.i] === '\\') this.i++;
    }
    if (this.s[this.i] !== close && this.s[this.i] !== '.') this.fail(`missing "${close}" for the group opened`, openAt);
    this.i++;
  }

  /** A group opened at i: ( [ { or \left( ... -> "(...)". */
  tryGroup(): Frag | undefined {
    const start = this.i;
    let c = this.s[this.i];
    if (c === '\\' && SIZED.has(this.peekCommand())) {
      this.command();
      this.skip();
      if (this.s[this.i] === '\\') this.i++;
      c = this.s[this.i];
    }
    if (c === undefined || !Object.hasOwn(OPEN, c)) {
      this.i = start;
      return undefined;
    }
    this.i++;
    const close = OPEN[c]!;
    const inner = this.sequence(this.s.length, close);
    if (this.i >= this.s.length) this.fail(`missing "${close}" for the group opened`, start);
    const closeAt = this.at();
    this.closeGroup(close, start);
    return new Frag().lit('(', this.at(start)).cat(inner).lit(')', closeAt);
  }

  /** A braced argument {..} or a single character/command, as [start, end) of the text. */
  rawArg(): [number, number] {
    this.skip();
    const start = this.i;
    if (this.s[start] === '{') {
      let depth = 0;
      for (let k = start; k < this.s.length; k++) {
        if (this.s[k] === '\\') k++;
        else if (this.s[k] === '{') depth++;
        else if (this.s[k] === '}' && --depth === 0) {
          this.i = k + 1;
          return [start + 1, k];
        }
      }
      this.fail('missing "}" for the group opened', start);
    }
    if (start >= this.s.length) this.fail('missing argument');
    if (this.s[start] === '\\') this.command();
    else this.i++;
    return [start, this.i];
  }

  /** Parse [start, end) as an expression. */
  sub(start: number, end: number): Frag {
    const [savedI, savedEnd] = [this.i, this.end];
    [this.i, this.end] = [start, end];
    const f = this.sequence(end, undefined);
    [this.i, this.end] = [savedI, savedEnd];
    return f;
  }

  factor(): Frag {
    const group = this.tryGroup();
    if (group) return this.postfix(group);
    const c = this.s[this.i]!;
    const at = this.at();
    if (/[0-9.]/.test(c)) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(this.s.slice(this.i, this.end));
      if (!m) this.fail(`unexpected "${c}"`);
      this.i += m[0].length;
      return this.postfix(new Frag().lit(m[0], at));
    }
    if (/[A-Za-z]/.test(c)) return this.word();
    if (c === '\\') return this.commandFactor();
    return this.fail(`unexpected "${c}"`);
  }

  /** ^ and ' after a group or number: a transpose, a prime or a power. */
  postfix(base: Frag): Frag {
    for (;;) {
      this.skip();
      if (this.s[this.i] === "'") {
        base.lit("'", this.at());
        this.i++;
      } else if (this.s[this.i] === '^') {
        const at = this.at();
        this.i++;
        const [a, b] = this.rawArg();
        const raw = this.s.slice(a, b).trim();
        if (TRANSPOSE_SUP.test(raw) || PRIME_SUP.test(raw)) base.lit("'", at);
        else base = new Frag().cat(base).lit('^(', at).cat(this.sub(a, b)).lit(')', at);
      } else return base;
    }
  }

  word(): Frag {
    const at = this.i;
    const m = /^[A-Za-z]+/.exec(this.s.slice(this.i, this.end))!;
    const w = m[0];
    this.i += w.length;
    if (Object.hasOwn(FUNCTION_WORDS, w)) return this.apply(FUNCTION_WORDS[w]!, at);
    if (w.length === 1 || this.words.has(w) || w === 'yhat' || w === 'delta' || w === 'pi') return this.symbol(w, at);
    // An unknown run of letters is a product of one-letter names, as in LaTeX: xy = x y.
    const out = new Frag();
    for (let k = 0; k < w.length - 1; k++) out.lit(`${w[k]} * `, this.at(at + k));
    return out.cat(this.symbol(w[w.length - 1]!, at + w.length - 1));
  }

  commandFactor(): Frag {
    const at = this.i;
    const name = this.command();
    if (FRAC.has(name)) {
      const [a, b] = this.rawArg();
      const [c, d] = this.rawArg();
      const f = new Frag().lit('((', this.at(at)).cat(this.sub(a, b)).lit(') / (', this.at(at)).cat(this.sub(c, d)).lit('))', this.at(at));
      return this.postfix(f);
    }
    if (name === 'sqrt') {
      if (this.s[this.i] === '[') this.fail('\\sqrt[n] is not supported, write a power', at);
      const [a, b] = this.rawArg();
      return this.postfix(new Frag().lit('sqrt(', this.at(at)).cat(this.sub(a, b)).lit(')', this.at(at)));
    }
    if (Object.hasOwn(FUNCTION_WORDS, name)) return this.apply(FUNCTION_WORDS[name]!, at);
    if (['operatorname', 'mathrm', 'text', 'mathit', 'textrm', 'mathbf', 'boldsymbol', 'bm', 'vec', 'mathsf'].includes(name)) {
      const [a, b] = this.rawArg();
      const inner = this.s.slice(a, b).trim().replace(/^\\/, '');
      if (Object.hasOwn(FUNCTION_WORDS, inner)) return this.apply(FUNCTION_WORDS[inner]!, at);
      if (!/^[A-Za-z]+$/.test(inner)) this.fail(`unsupported \\${name}{${inner}}`, at);
      return this.symbol(inner, at);
    }
    if (name === 'hat' || name === 'widehat') {
      const [a, b] = this.rawArg();
      const inner = this.s.slice(a, b).trim();
      if (!/^[A-Za-z]$/.test(inner)) this.fail(`unsupported \\${name}{${inner}}`, at);
      return this.symbol(`${inner}hat`, at);
    }
    if (GREEK.has(name)) return this.symbol(name, at);
    return this.fail(`unsupported LaTeX command \\${name}`, at);
  }

  /** A function name, its primes and power, then its argument: a group or the next factor. */
  apply(fn: string, at: number): Frag {
    let primes = '';
    let power: Frag | undefined;
    for (;;) {
      this.skip();
      if (this.s[this.i] === "'") {
        primes += "'";
        this.i++;
      } else if (this.s[this.i] === '^') {
        const pAt = this.at();
        this.i++;
        const [a, b] = this.rawArg();
        if (PRIME_SUP.test(this.s.slice(a, b).trim())) primes += "'";
        else power = new Frag().lit('^(', pAt).cat(this.sub(a, b)).lit(')', pAt);
      } else break;
    }
    if (this.i >= this.s.length) this.fail(`${fn}${primes} needs an argument`);
    const arg = this.tryGroup() ?? new Frag().lit('(', this.at()).cat(this.factor()).lit(')', this.at());
    const out = new Frag().lit(fn + primes, this.at(at)).cat(arg);
    return this.postfix(power ? out.cat(power) : out);
  }

  scripts(): Scripts {
    const sc: Scripts = { primes: 0 };
    // Digits right after a name are its subscript, as in mathjs (w2 = w_2, a1 = a_1).
    const digits = /^\d+/.exec(this.s.slice(this.i, this.end));
    if (digits) {
      sc.sub = { raw: digits[0], at: this.i };
      this.i += digits[0].length;
    }
    for (;;) {
      this.skip();
      const c = this.s[this.i];
      if (c === "'") {
        sc.primes++;
        this.i++;
        continue;
      }
      if (c !== '_' && c !== '^') return sc;
      const at = this.i;
      this.i++;
      const [a, b] = this.rawArg();
      const raw = this.s.slice(a, b).trim();
      if (c === '_') {
        if (sc.sub) this.fail('double subscript', at);
        sc.sub = { raw, at };
      } else if (PRIME_SUP.test(raw) && !sc.sup) sc.primes++;
      else if (sc.sup) {
        // A second superscript applies to the whole name, (a^{(1)})^2: postfix() reads it.
        this.i = at;
        return sc;
      } else sc.sup = { raw, at, start: a, end: b, first: !sc.sub };
    }
  }

  /** A name with its scripts -> mathjs: w2, W2[1][3], x[2], a1^2, W2', e^{u} -> exp(u). */
  symbol(base: string, startIndex: number): Frag {
    const at = this.at(startIndex);
    const sc = this.scripts();
    const idx = this.sumIndex;
    if (idx !== undefined && sc.sub?.raw.trim() === idx && !LAYERED.has(base)) delete sc.sub;
    if (idx !== undefined && sc.sup && new RegExp(`^\\(\\s*${idx}\\s*\\)$`).test(sc.sup.raw.trim())) delete sc.sup;
    const { sub, sup } = sc;
    if (base === 'e' && !sub && sup) return this.postfix(new Frag().lit('exp(', at).cat(this.sub(sup.start, sup.end)).lit(')', at));
    let layer: string | undefined;
    let power: Scripts['sup'];
    let transpose = sc.primes > 0;
    if (sup) {
      const paren = /^\(\s*(\d+)\s*\)$/.exec(sup.raw);
      const units = sub ? this.units(base, sub.raw, sub.at, true) : [];
      if (TRANSPOSE_SUP.test(sup.raw)) transpose = true;
      else if (paren) layer = paren[1];
      else if (LAYERED.has(base) && /^\d+$/.test(sup.raw) && sub && (sup.first || (/^[wW]$/.test(base) && units.length === 2))) layer = sup.raw;
      else power = sup;
    }
    let name = base;
    if (sub) {
      const isLayered = LAYERED.has(base);
      if (isLayered && layer === undefined) {
        if (!/^\d+$/.test(sub.raw)) this.fail(`the subscript of ${base} is its layer, a number (write the layer as a superscript: ${base}_{${sub.raw}}^{(k)})`, sub.at);
        name += sub.raw;
      } else {
        name += (layer ?? '') + this.units(base, sub.raw, sub.at, false).map((u) => `[${u}]`).join('');
      }
    } else if (layer !== undefined) name += layer;
    const out = new Frag().lit(name, at);
    if (transpose) out.lit("'", at);
    if (power) out.lit('^(', this.at(power.at)).cat(this.sub(power.start, power.end)).lit(')', this.at(power.at));
    return this.postfix(out);
  }

  /** Unit indices of a subscript: "2" -> [2]; on a weight "13" -> [1, 3]; "12,3" -> [12, 3]. */
  units(base: string, raw: string, at: number, quiet: boolean): string[] {
    const parts = raw.includes(',') ? raw.split(',').map((u) => u.trim()) : [raw.replace(/\s+/g, '')];
    if (parts.some((u) => !/^\d+$/.test(u))) {
      if (quiet) return [];
      return this.fail(`symbolic index "${raw}" (write numbers, e.g. ${base}_{12}^{(1)})`, at);
    }
    if (!/^[wW]$/.test(base) || parts.length > 1) return parts;
    const digits = parts[0]!;
    if (digits.length === 2) return [digits[0]!, digits[1]!];
    if (digits.length > 2 && !quiet) this.fail(`ambiguous weight indices "${digits}" (separate them with a comma, e.g. ${base}_{${digits.slice(0, -1)},${digits.slice(-1)}})`, at);
    return parts;
  }
}

const PRIME_FUNCTIONS: Readonly<Record<string, string>> = {
  sigma: 'sigmoid_prime', sigmoid: 'sigmoid_prime', tanh: 'tanh_prime', relu: 'relu_prime',
  softplus: 'softplus_prime', leaky_relu: 'leaky_relu_prime',
};
const UNICODE: Readonly<Record<string, string>> = {
  'ŷ': 'yhat', 'σ': 'sigma', 'δ': 'delta', '⊙': ' .* ', 'ᵀ': '^T', '·': ' * ', '×': ' * ', '−': '-',
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9', '²': '^2', '³': '^3',
};

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
    } else if (c === 'y' && s[k + 1] === '\u0302') {
      out.lit('yhat', at);
      k++;
    } else out.lit(UNICODE[c] ?? c, at);
  }
  return out.done(input.pos[s.length] ?? 0);
}
