// Text from user input, made safe to show. A newline or carriage return in a student's id
// must not forge a row of the claims table, and an ANSI escape must not rewrite the
// terminal: every control character (C0, DEL, C1, the line and paragraph separators) and
// every invisible format character (bidirectional overrides such as U+202E, which reorder
// a row on screen; zero-width spaces and joiners; the byte-order mark) becomes a visible
// escape such as \n, \x1b or \u202e. `--json` keeps the exact text.
import { table } from './table.ts';

const NAMED: Readonly<Record<string, string>> = table({ '\n': '\\n', '\r': '\\r', '\t': '\\t' });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function visible(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`);
  });
}

/** Does the text hold a control character? */
export const hasControl = (s: string): boolean => new RegExp(CONTROL.source).test(s);
