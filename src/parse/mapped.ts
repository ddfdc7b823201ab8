// Text that remembers, for each character, where it came from in what the user typed, so an
// error found several rewrites later still points at the user's input.

/** Text with, for each character, its 0-based position in the original (plus one for the end). */
export interface Mapped {
  readonly text: string;
  readonly pos: readonly number[];
}

/** A Mapped under construction. */
export class Frag {
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
