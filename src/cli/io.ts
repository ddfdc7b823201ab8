// Where CLI commands write: a file (atomically) or stdout.
import { writeSync } from 'node:fs';
import { writeFileAtomic } from '../util/fs.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: `train` then draws a progress bar instead of one line per epoch. */
  readonly isTTY?: boolean;
  /** The terminal's width, when known. */
  readonly columns?: number | undefined;
}

/**
 * stdout written synchronously, so that a closed pipe is seen at the write that fails: a
 * stream's 'error' event would wait for the event loop, which a training never frees
 * (`symprop train … | head -1` trained to the end). EPIPE ends the process quietly, as
 * ripgrep and git do; another failure (/dev/full) is one line, exit 2.
 */
function writeStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe, full for now: try again
      if (code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      process.stderr.write(`symprop: cannot write to stdout (${code ?? (e as Error).message})\n`);
      process.exit(2);
    }
  }
}

export const processIo: Io = {
  out: writeStdout,
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
