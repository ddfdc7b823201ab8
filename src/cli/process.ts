// The process around the CLI, as ripgrep and git behave: silent on a closed pipe
// (`symprop derive … | head -1`), one line when stdout cannot be written (/dev/full).
//
// Ctrl-C and SIGTERM keep their default action on purpose: a JavaScript handler runs only
// when the event loop is free, so it would make a long training impossible to interrupt,
// and every file is written synchronously, so no handler could run mid-write anyway. A
// process killed while writing leaves `.NAME.symprop-PID.tmp`, which the next write of
// NAME removes (util/fs.ts: its PID is no longer alive).
export function guardProcess(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    process.stderr.write(`symprop: cannot write to stdout (${e.code ?? e.message})\n`);
    process.exit(2);
  });
}
