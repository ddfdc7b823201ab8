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

export function emit(io: Io, content: string, file: string | undefined): void {
  if (file) writeFileAtomic(file, content);
  else io.out(content);
}
