// Errors caused by user input. The CLI prints `message` as one line and exits 2;
// anything else is a bug and keeps its stack trace.
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string) {
    super(message);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Collapse a message to one line so that user text can never forge extra output lines. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

/**
 * A bug found while producing output (e.g. a formula KaTeX rejects): reported as one line
 * naming what failed, exit code 1, nothing written. Never the user's fault, never a trace.
 */
export class InternalError extends Error {
  override readonly name = 'InternalError';
  constructor(message: string) {
    super(message);
  }
}

export function isInternalError(e: unknown): e is InternalError {
  return e instanceof InternalError;
}
