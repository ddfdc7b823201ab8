// The lexical layer of the LaTeX parser: a cursor over the claim text that skips spacing,
// reads command names, raw arguments and closing delimiters, and reports errors at the
// user's position. The grammar is in latex-parser.ts.
import { excerpt, UserError, oneLine } from '../util/errors.ts';
import { SIZED, SPACING } from './latex-tables.ts';

export class LatexScanner {
  i = 0;
  /** End of the range being parsed (a \frac12 argument stops after one character). */
  end: number;
  constructor(
    protected readonly s: string,
    protected readonly original: string,
    protected readonly source: string,
    protected readonly map: readonly number[],
  ) {
    this.end = s.length;
  }

  at(k = this.i): number {
    return this.map[k] ?? this.original.length;
  }

  fail(what: string, k = this.i): never {
    throw new UserError(oneLine(`${this.source}: ${what} at position ${this.at(k) + 1} in "${excerpt(this.original, this.at(k))}"`));
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
}
