// Errors caused by user input. The CLI prints `message` as one line and exits 2;
// anything else is a bug and keeps its stack trace.
/** Bad input: the message names what and where, on one line. */
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

/** Characters of user input quoted around a position in a message. */
const WINDOW = 60;

/** The input, or a window of it around `at` when it is long: a refusal never echoes 200 KB. */
export function excerpt(text: string, at = 0): string {
  if (text.length <= 2 * WINDOW) return text;
  const start = Math.max(0, Math.min(at - WINDOW / 2, text.length - WINDOW));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + WINDOW)}${start + WINDOW < text.length ? '…' : ''}`;
}
