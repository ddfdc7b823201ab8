// Where CLI commands write: a file (atomically) or stdout.
import { writeFileAtomic } from '../util/fs.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function emit(io: Io, content: string, file: string | undefined): void {
  if (file) writeFileAtomic(file, content);
  else io.out(content);
}
