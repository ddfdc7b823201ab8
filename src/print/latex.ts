// IR -> LaTeX (KaTeX-compatible). A visitor over the node kinds; names come from naming.ts.
import { assertNever, type Expr } from '../ir/expr.ts';
import { hasSuperscript, symbolLatex } from '../naming.ts';
import { constLatex, formatNumber } from './number.ts';
import { joinSum, needsParens, Prec } from './precedence.ts';

const paren = (s: string): string => `\\left(${s}\\right)`;
/** exp(1) is the constant e. */
const isE = (e: Expr): boolean => e.kind === 'exp' && e.a.kind === 'const' && e.a.value === 1;



/** Does this printed factor start with a digit (so juxtaposition would merge numbers)? */
const startsWithDigit = (s: string): boolean => /^[0-9.]/.test(s) || s.startsWith('\\frac{') && /^\\frac\{[0-9]/.test(s);

export interface LatexOptions {
  /** LaTeX for a variable instead of naming.ts's (placeholders of elementwise functions). */
  readonly symbol?: (name: string) => string | undefined;
  /** Products of two non-constant factors as ⊙ (entry-by-entry functions of vectors). */
  readonly hadamard?: boolean;
}

export function latexPrinter(options: LatexOptions = {}): (e: Expr) => string {
  const wrap = (child: Expr, parent: Prec, strict = false): string => {
    const s = print(child);
    return needsParens(child, parent, strict) ? paren(s) : s;
  };
  const productLatex = (a: Expr, b: Expr): string => {
    const left = wrap(a, Prec.Product);
    const right = b.kind === 'const' || b.kind === 'neg' ? paren(print(b)) : wrap(b, Prec.Product);
    if (options.hadamard && a.kind !== 'const') return `${left} \\odot ${right}`;
    return startsWithDigit(right) ? `${left} \\cdot ${right}` : `${left} ${right}`;
  };
  const call = (fn: string, arg: Expr): string => `${fn}${paren(print(arg))}`;
  function print(e: Expr): string {
    return printNode(e, { wrap, productLatex, call, print, symbol: options.symbol });
  }
  return print;
}

interface Ctx {
  wrap(child: Expr, parent: Prec, strict?: boolean): string;
  productLatex(a: Expr, b: Expr): string;
  call(fn: string, arg: Expr): string;
  print(e: Expr): string;
  symbol: LatexOptions['symbol'];
}

/** LaTeX of an expression with the project's names (w1 -> w_{1}, yhat -> \\hat{y}). */
export const latex = latexPrinter();

function printNode(e: Expr, { wrap, productLatex, call, print: latex, symbol }: Ctx): string {
  switch (e.kind) {
    case 'const':
      return constLatex(e.q);
    case 'pi':
      return '\\pi';
    case 'var':
      return symbol?.(e.name) ?? symbolLatex(e.name);
    case 'add':
      // a + (−2σ) reads a − 2σ.
      return joinSum(wrap(e.a, Prec.Sum), '+', wrap(e.b, Prec.Sum));
    case 'sub':
      return joinSum(wrap(e.a, Prec.Sum), '-', wrap(e.b, Prec.Sum, true));
    case 'mul':
      return productLatex(e.a, e.b);
    case 'div':
      return `\\frac{${latex(e.a)}}{${latex(e.b)}}`;
    case 'neg':
      // −y/ŷ is unambiguous; −(a + b) and −(−a) are not.
      return e.a.kind === 'div' ? `-${latex(e.a)}` : `-${wrap(e.a, Prec.Unary, true)}`;
    case 'pow':
      // h^{1}_{2} squared is (h^{1}_{2})^{2}, never a double superscript.
      // So is (e^{x})^{2}: a base that prints with its own superscript gets parentheses.
      if ((e.a.kind === 'var' && hasSuperscript(e.a.name)) || (e.a.kind === 'exp' && !isE(e.a))) return `${paren(latex(e.a))}^{${latex(e.b)}}`;
      return `${wrap(e.a, Prec.Power, true)}^{${latex(e.b)}}`;
    case 'exp':
      return isE(e) ? 'e' : `e^{${latex(e.a)}}`;
    case 'log':
      return call('\\log', e.a);
    case 'sqrt':
      return `\\sqrt{${latex(e.a)}}`;
    case 'abs':
      return `\\left|${latex(e.a)}\\right|`;
    case 'sin':
    case 'cos':
    case 'tan':
    case 'tanh':
    case 'sinh':
    case 'cosh':
    case 'coth':
    case 'sec':
    case 'csc':
    case 'cot':
      return call(`\\${e.kind}`, e.a);
    case 'asin':
    case 'acos':
    case 'atan':
      return call(`\\arc${e.kind.slice(1)}`, e.a);
    case 'sigmoid':
      return call('\\sigma', e.a);
    case 'sech':
    case 'csch':
    case 'relu':
    case 'softplus':
    case 'sign':
      return call(`\\operatorname{${e.kind}}`, e.a);
    case 'step':
      return call("\\operatorname{relu}'", e.a);
    case 'leaky_relu':
      return call(`\\operatorname{lrelu}_{${formatNumber(e.alpha)}}`, e.a);
    case 'leaky_step':
      return call(`\\operatorname{lrelu}'_{${formatNumber(e.alpha)}}`, e.a);
    default:
      return assertNever(e);
  }
}
