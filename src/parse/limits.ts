// Limits on a formula (an expression or a claim), checked before mathjs parses it: parsing,
// printing and differentiating are recursive, so a 5,000-deep nesting or a 60,000-term claim
// must be refused with the limit named, never overflow the stack (README, "Limits").
import type { MathNode } from 'mathjs';
import { excerpt, UserError, oneLine } from '../util/errors.ts';

/** Characters of one formula. */
export const MAX_FORMULA_CHARS = 10_000;
/** Brackets inside brackets. */
export const MAX_NESTING = 100;
/** Operations, numbers and names of one formula (a textbook expression has a few dozen). */
export const MAX_FORMULA_NODES = 2_000;
/** Distinct names (variables) of one formula: checking a claim over 400 names took minutes. */
export const MAX_FORMULA_NAMES = 100;
/** Decimal digits of a literal, numerator and denominator together (1e400 has 401; 2.0…01 with 64 places 130). */
export const MAX_LITERAL_DIGITS = 200;

/** The text's own limits: length and bracket depth. */
export function checkFormulaText(text: string, source: string): void {
  if (text.length > MAX_FORMULA_CHARS) {
    throw new UserError(oneLine(`${source}: ${text.length} characters, over the limit of ${MAX_FORMULA_CHARS} for one formula`));
  }
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth > MAX_NESTING) {
      throw new UserError(oneLine(`${source}: brackets nested deeper than ${MAX_NESTING} levels at position ${k + 1} in "${excerpt(text, k)}"`));
    }
  }
}

/** The parsed tree's size, counted without recursion. */
export function checkFormulaTree(tree: MathNode, source: string): void {
  let nodes = 0;
  const names = new Set<string>();
  const stack: MathNode[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (++nodes > MAX_FORMULA_NODES) {
      throw new UserError(oneLine(`${source}: more than ${MAX_FORMULA_NODES} operations, numbers and names in one formula (the limit)`));
    }
    if (node.type === 'SymbolNode') {
      names.add((node as MathNode & { name: string }).name);
      if (names.size > MAX_FORMULA_NAMES) throw new UserError(oneLine(`${source}: more than ${MAX_FORMULA_NAMES} different names in one formula (the limit)`));
    }
    // A function's name (the fn of sin(x)) is not a variable: only its arguments are walked.
    if (node.type === 'FunctionNode') stack.push(...(node as MathNode & { args: MathNode[] }).args);
    else node.forEach((child) => stack.push(child));
  }
}
