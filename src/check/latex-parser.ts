// The grammar of the LaTeX claim subset (described in latex.ts): a recursive-descent parser
// writing mathjs text, each output character mapped back to the input. Scanning is in
// latex-scanner.ts, naming (w_{13}^{(2)} -> W2[1][3]) in latex-names.ts.
import { LatexScanner } from './latex-scanner.ts';
import { scriptedName, withoutSumIndex, type Scripts } from './latex-names.ts';
import { BINARY_CMD, FRAC, FUNCTION_WORDS, GREEK, NAME_WRAPPERS, OPEN, PRIME_SUP, SIZED, TRANSPOSE_SUP } from './latex-tables.ts';
import { Frag } from '../parse/mapped.ts';

export class LatexParser extends LatexScanner {
  /** The summation index inside a \sum (dropped from names), if any. */
  sumIndex: string | undefined;

  constructor(s: string, original: string, source: string, private readonly words: ReadonlySet<string>, map: readonly number[]) {
    super(s, original, source, map);
  }

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
    // |u| is the absolute value.
    return new Frag().lit(c === '|' ? 'abs(' : '(', this.at(start)).cat(inner).lit(')', closeAt);
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
      // \sqrt[n]{u} = u^(1/n)
      let index: Frag | undefined;
      if (this.s[this.i] === '[') {
        const close = this.s.indexOf(']', this.i);
        if (close < 0) this.fail('missing "]" for \\sqrt[', at);
        index = this.sub(this.i + 1, close);
        this.i = close + 1;
      }
      const [a, b] = this.rawArg();
      const radicand = this.sub(a, b);
      const root = index
        ? new Frag().lit('((', this.at(at)).cat(radicand).lit(') ^ (1 / (', this.at(at)).cat(index).lit(')))', this.at(at))
        : new Frag().lit('sqrt(', this.at(at)).cat(radicand).lit(')', this.at(at));
      return this.postfix(root);
    }
    if (Object.hasOwn(FUNCTION_WORDS, name)) return this.apply(FUNCTION_WORDS[name]!, at);
    if (NAME_WRAPPERS.has(name)) {
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

  /** The primes, subscript and superscript after a name (a second superscript is left to postfix()). */
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
    const sc = withoutSumIndex(this.scripts(), base, this.sumIndex);
    if (base === 'e' && !sc.sub && sc.sup) return this.postfix(new Frag().lit('exp(', at).cat(this.sub(sc.sup.start, sc.sup.end)).lit(')', at));
    const { name, transpose, power } = scriptedName(base, sc, (what, k) => this.fail(what, k));
    const out = new Frag().lit(name, at);
    if (transpose) out.lit("'", at);
    if (power) out.lit('^(', this.at(power.at)).cat(this.sub(power.start, power.end)).lit(')', this.at(power.at));
    return this.postfix(out);
  }
}
