// JSON from files people write: the value, or one line saying what is wrong and where (line
// and column), never quoting the file (a claims file may point at /etc/shadow). Node's own
// messages often lack a position, so a small iterative scanner finds the first error; it also
// refuses nesting deeper than any real spec or claims file.
import { UserError, oneLine } from './errors.ts';

/** Arrays and objects nested deeper than this are refused. */
export const MAX_JSON_DEPTH = 64;

type Fault = { readonly at: number; readonly what: string };

const WS = /[ \t\n\r]/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

function scanString(s: string, i: number): number | Fault {
  for (let k = i + 1; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x22) return k + 1;
    if (c < 0x20) return { at: k, what: 'a control character inside a string' };
    if (c === 0x5c) {
      const e = s[k + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(k + 2, k + 6))) k += 5;
      else if (e !== undefined && '"\\/bfnrt'.includes(e)) k++;
      else return { at: k, what: 'a bad escape in a string' };
    }
  }
  return { at: s.length, what: 'an unterminated string' };
}

/** The first syntax error of `s`, or undefined when it is valid JSON within the depth limit. */
export function jsonFault(s: string): Fault | undefined {
  const stack: string[] = []; // expected closers
  let i = 0;
  let want: 'value' | 'key' | 'after' = 'value';
  const skip = (): void => {
    while (i < s.length && WS.test(s[i]!)) i++;
  };
  for (;;) {
    skip();
    if (want === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < s.length ? { at: i, what: 'more text after the JSON value' } : undefined;
      if (s[i] === ',') {
        i++;
        want = top === '}' ? 'key' : 'value';
        continue;
      }
      if (s[i] === top) {
        i++;
        stack.pop();
        continue;
      }
      return { at: i, what: i >= s.length ? 'an unexpected end of the file' : `expected ',' or '${top}'` };
    }
    if (i >= s.length) return { at: i, what: 'an unexpected end of the file' };
    const c = s[i]!;
    if (want === 'key') {
      if (c !== '"') return { at: i, what: 'expected a double-quoted property name' };
      const end = scanString(s, i);
      if (typeof end !== 'number') return end;
      i = end;
      skip();
      if (s[i] !== ':') return { at: i, what: "expected ':' after a property name" };
      i++;
      want = 'value';
      continue;
    }
    // a value
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_JSON_DEPTH) return { at: i, what: `nesting deeper than ${MAX_JSON_DEPTH} levels` };
      const close = c === '{' ? '}' : ']';
      stack.push(close);
      i++;
      skip();
      if (s[i] === close) {
        // {} and []
        i++;
        stack.pop();
        want = 'after';
      } else want = c === '{' ? 'key' : 'value';
      continue;
    }
    if (c === '"') {
      const end = scanString(s, i);
      if (typeof end !== 'number') return end;
      i = end;
      want = 'after';
      continue;
    }
    for (const re of [NUMBER, LITERAL]) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (m) {
        i += m[0].length;
        want = 'after';
        break;
      }
    }
    if (want !== 'after') return { at: i, what: 'an unexpected character' };
  }
}

function lineColumn(s: string, at: number): string {
  const before = s.slice(0, at);
  return `line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}`;
}

/** Parse JSON or throw a one-line UserError `source: not valid JSON: … at line L, column C`. */
export function parseJson(text: string, source: string): unknown {
  const fault = jsonFault(text);
  if (fault) throw new UserError(oneLine(`${source}: not valid JSON: ${fault.what} at ${lineColumn(text, fault.at)}`));
  return JSON.parse(text) as unknown;
}
