// The XML well-formedness check shared by the SVG tests (sheet figures and training plots).

const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const NAME = /^[A-Za-z_][\w.:-]*/;

/** Text between tags: every & starts an entity and no < is left (the scanner stopped at it). */
function checkText(s: string, at: number): void {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    if (!ENTITY.test(s.slice(i))) throw new Error(`raw & at ${at + i}`);
  }
}

/** `name a="v" b="v"` (the inside of a start tag, without < and > or />). */
function checkAttributes(inside: string, at: number): string {
  const name = NAME.exec(inside)?.[0];
  if (!name) throw new Error(`bad tag name at ${at}`);
  let rest = inside.slice(name.length);
  const seen = new Set<string>();
  while (rest.trim() !== '') {
    const m = /^\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(rest);
    if (!m) throw new Error(`bad attribute in <${name}> at ${at}: ${rest.slice(0, 30)}`);
    if (seen.has(m[1]!)) throw new Error(`duplicate attribute ${m[1]} in <${name}>`);
    seen.add(m[1]!);
    checkText(m[2]!, at);
    rest = rest.slice(m[0].length);
  }
  return name;
}

/**
 * A small XML well-formedness check (no XML parser among the dependencies): one root element,
 * tags balanced on a stack, attributes quoted and unique, & only in entities, and no text
 * outside the root.
 */
export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    const between = xml.slice(i, textEnd);
    if (stack.length === 0 && between.trim() !== '') throw new Error(`text outside the root at ${i}`);
    checkText(between, i);
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`unclosed tag at ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (open !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes <${open}> at ${lt}`);
    } else {
      const selfClosing = tag.endsWith('/');
      const name = checkAttributes(selfClosing ? tag.slice(0, -1) : tag, lt);
      if (stack.length === 0 && ++roots > 1) throw new Error(`second root <${name}> at ${lt}`);
      if (!selfClosing) stack.push(name);
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error('no root element');
}
