// How a claim was read, shown back to whoever wrote it: mathjs text in the claim's own
// syntax (W1[1][2], yhat) and LaTeX with the sheet's names (w^{1}_{12}, \hat{y}). A teacher
// sees at once why a claim was judged as it was: x^x (log x + 1) echoes x^x * (log(x) + 1).
import type { MathNode } from 'mathjs';
import type { Expr } from '../ir/expr.ts';
import { claimName, symbolLatex } from '../naming.ts';
import { math } from '../parse/expr.ts';
import { latex } from '../print/latex.ts';
import { textPrinter } from '../print/text.ts';
import { table } from '../util/table.ts';

export interface ClaimReading {
  /** mathjs syntax, in the names a claim uses; it parses back to the same claim. */
  readonly text: string;
  readonly latex: string;
  /** Readings a reader could take two ways, and the one taken. */
  readonly notes?: readonly string[];
}

const claimText = textPrinter(claimName);

/** A scalar claim, from its IR. */
export function readScalar(expr: Expr, notes: readonly string[]): ClaimReading {
  return { text: claimText(expr), latex: latex(expr), ...(notes.length ? { notes } : {}) };
}

const SHORTHAND_LATEX: Readonly<Record<string, string>> = table({
  sigmoid_prime: "\\sigma'", tanh_prime: "\\tanh'", relu_prime: "\\operatorname{relu}'",
  softplus_prime: "\\operatorname{softplus}'", leaky_relu_prime: "\\operatorname{lrelu}'",
  sigmoid: '\\sigma', relu: '\\operatorname{relu}', softplus: '\\operatorname{softplus}', step: '\\operatorname{step}',
  exp: '\\exp', log: '\\log', tanh: '\\tanh', sqrt: '\\sqrt',
});

/** mathjs text (matrix and batch claims, in derivation names) -> the claim's syntax and LaTeX. */
export function readMathjs(mathjs: string, notes: readonly string[]): ClaimReading {
  const tree = math.parse(mathjs);
  const text = tree
    .transform((n) => (math.isSymbolNode(n) ? new math.SymbolNode(claimName(n.name)) : n))
    .toString({ implicit: 'show' });
  const handler = (node: MathNode, options: object): string | undefined => {
    if (math.isSymbolNode(node)) return node.name === 'n' ? 'n' : symbolLatex(node.name);
    if (math.isOperatorNode(node) && node.fn === 'dotMultiply') return node.args.map((a) => a.toTex(options)).join(' \\odot ');
    if (math.isFunctionNode(node)) {
      const name = math.isSymbolNode(node.fn) ? node.fn.name : '';
      const args = node.args.map((a) => a.toTex(options));
      if (name === 'sum') return `\\sum_{i} \\left(${args[0]}\\right)`;
      if (name === 'transpose') return `{\\left(${args[0]}\\right)}^{\\top}`;
      const fn = SHORTHAND_LATEX[name];
      if (fn) return `${fn}\\left(${args.join(', ')}\\right)`;
    }
    return undefined;
  };
  // mathjs glues \cdot to the next letter (\cdota_{1}): separate it so KaTeX reads the command.
  const latex = tree.toTex({ handler } as never).replace(/\\cdot(?=[A-Za-z0-9])/g, '\\cdot ');
  return { text, latex, ...(notes.length ? { notes } : {}) };
}
