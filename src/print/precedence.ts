// One precedence table for every printer (LaTeX, TypeScript, mathjs text), and the one
// rule for when a child needs parentheses.
import type { Expr } from '../ir/expr.ts';

export const Prec = { Sum: 1, Product: 2, Unary: 3, Power: 4, Atom: 5 } as const;
export type Prec = (typeof Prec)[keyof typeof Prec];

export function precedence(e: Expr): Prec {
  switch (e.kind) {
    case 'add':
    case 'sub':
      return Prec.Sum;
    case 'mul':
    case 'div':
      return Prec.Product;
    case 'neg':
      return Prec.Unary;
    case 'pow':
      return Prec.Power;
    case 'const':
      return e.value < 0 ? Prec.Unary : Prec.Atom;
    default:
      return Prec.Atom;
  }
}

/**
 * Does `child` need parentheses under a parent of precedence `parent`? `strict` is for
 * the right operand of a non-associative operator (a − (b − c), a / (b c)) and for
 * the base of a power.
 */
export function needsParens(child: Expr, parent: Prec, strict = false): boolean {
  const p = precedence(child);
  return strict ? p <= parent : p < parent;
}

/** a + b or a − b from printed operands; a right operand printed with a leading minus flips the operator (never "+ -", "- -"). */
export function joinSum(left: string, op: '+' | '-', right: string): string {
  if (!right.startsWith('-')) return `${left} ${op} ${right}`;
  return `${left} ${op === '+' ? '-' : '+'} ${right.slice(1)}`;
}
