// The process around the CLI, as ripgrep and git behave: silent on a closed pipe
// (`symprop derive … | head -1`), one line when stdout cannot be written (/dev/full), and
// no temporary file left behind by Ctrl-C or SIGTERM.
import { removeLiveTemporaries } from '../util/fs.ts';

const SIGNAL_EXIT: ReadonlyArray<readonly [NodeJS.Signals, number]> = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];

export function guardProcess(): void {
  for (const [signal, code] of SIGNAL_EXIT) {
    process.once(signal, () => {
      removeLiveTemporaries();
      process.exit(code);
    });
  }
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    process.stderr.write(`symprop: cannot write to stdout (${e.code ?? e.message})\n`);
    process.exit(2);
  });
}
