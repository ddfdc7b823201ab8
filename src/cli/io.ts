// Where CLI commands write: a file (atomically) or stdout.
import { writeFileAtomic } from '../util/fs.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: `train` then draws a progress bar instead of one line per epoch. */
  readonly isTTY?: boolean;
  /** The terminal's width, when known. */
  readonly columns?: number | undefined;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  get columns() {
    return process.stdout.columns;
  },
};

/** To `file` (atomically, never over one of `inputs`), or to stdout when there is none or it is `-`. */
export function emit(io: Io, content: string, file: string | undefined, inputs: readonly string[] = []): void {
  if (file && file !== '-') writeFileAtomic(file, content, inputs);
  else io.out(content);
}
