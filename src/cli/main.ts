// The symprop command line. Bad input is one line on stderr and exit code 2; anything
// else that throws is a bug and keeps its stack trace.
import { Command, CommanderError, type OutputConfiguration } from 'commander';
import { visible } from '../util/escape.ts';
import { isInternalError, isUserError, oneLine } from '../util/errors.ts';
import { checkCommand } from './check.ts';
import { codegenCommand } from './codegen.ts';
import { deriveCommand, sheetCommand } from './derive.ts';
import { processIo, type Io } from './io.ts';
import { exportCommand } from './export.ts';
import { predictCommand } from './predict.ts';
import { VERSION } from './version.ts';
import { startCommand } from './start.ts';
import { trainCommand } from './train.ts';

export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 1;

/** Commander's own errors ("error: unknown option") in the same one-line form as ours. */
function output(io: Io): OutputConfiguration {
  return {
    writeOut: io.out,
    writeErr: io.err,
    outputError: (text, write) => write(`symprop: ${visible(oneLine(text.replace(/^error: /, '')))}\n`),
  };
}

function program(io: Io, setExit: (code: number) => void): Command {
  const root = new Command('symprop')
    .description('symbolic backpropagation: derivations, derivation sheets and generated training code')
    .version(VERSION, '-V, --version', 'print the version')
    .showHelpAfterError(false)
    .configureOutput(output(io))
    .exitOverride();
  const commands = [deriveCommand(io), sheetCommand(io), checkCommand(io, setExit), codegenCommand(io), trainCommand(io, setExit), predictCommand(io), exportCommand(io), startCommand(io, setExit)];
  for (const command of commands) root.addCommand(command.exitOverride().configureOutput(output(io)));
  return root;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    // A command may finish with a verdict rather than success (check: 1 when a claim is wrong).
    let code = 0;
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help text).
      return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (isUserError(e)) {
      io.err(`symprop: ${visible(oneLine(e.message))}\n`);
      return EXIT_BAD_INPUT;
    }
    if (isInternalError(e)) {
      io.err(`symprop: internal error (please report it): ${visible(oneLine(e.message))}\n`);
      return EXIT_INTERNAL;
    }
    throw e;
  }
}
