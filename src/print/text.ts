// IR -> mathjs text: what `check` echoes as the reading of a claim and what `--json` gives
// tools. mathjs parses it back to the same function (a test checks the round trip).
// Same precedence table as the other printers.
import { assertNever, type Expr } from '../ir/expr.ts';
import { constText } from './number.ts';
import { joinSum, needsParens, Prec, precedence } from './precedence.ts';

/** exp(1) is the constant e. */
const isE = (e: Expr): boolean => e.kind === 'exp' && e.a.kind === 'const' && e.a.value === 1;

/** `identifier` maps a variable to the text a user writes (W1_1_2 -> W1[1][2]). */
export function textPrinter(identifier: (name: string) => string = (n) => n): (e: Expr) => string {
  const wrap = (child: Expr, parent: Prec, strict = false): string => {
    const s = print(child);
    // A fraction constant (1/3) is a quotient to mathjs.
    const fraction = child.kind === 'const' && child.q.d !== 1n && s.includes('/');
    return needsParens(child, parent, strict) || (fraction && parent >= Prec.Product) ? `(${s})` : s;
  };
  const call = (fn: string, arg: Expr): string => `${fn}(${print(arg)})`;
  function print(e: Expr): string {
    switch (e.kind) {
      case 'const':
        return constText(e.q);
      case 'pi':
        return 'pi';
      case 'var':
        return identifier(e.name);
      case 'add':
        // a + (−2σ) reads a − 2σ.
        return joinSum(wrap(e.a, Prec.Sum), '+', wrap(e.b, Prec.Sum));
      case 'sub':
        return joinSum(wrap(e.a, Prec.Sum), '-', wrap(e.b, Prec.Sum, true));
      case 'mul':
        return `${wrap(e.a, Prec.Product)} * ${wrap(e.b, Prec.Product, true)}`;
      case 'div':
        return `${wrap(e.a, Prec.Product)} / ${wrap(e.b, Prec.Product, true)}`;
      case 'neg':
        return `-${wrap(e.a, Prec.Unary, true)}`;
      case 'pow':
        // mathjs's ^ is right-associative and binds tighter than unary minus: (-x)^2, x^(-1).
        return `${wrap(e.a, Prec.Power, true)}^${precedence(e.b) < Prec.Atom || e.b.kind === 'const' && e.b.q.d !== 1n ? `(${print(e.b)})` : print(e.b)}`;
      case 'exp':
        return isE(e) ? 'e' : call('exp', e.a);
      case 'log': case 'sqrt': case 'abs': case 'sign':
      case 'sin': case 'cos': case 'tan': case 'sec': case 'csc': case 'cot':
      case 'asin': case 'acos': case 'atan':
      case 'sinh': case 'cosh': case 'tanh': case 'sech': case 'csch': case 'coth':
      case 'sigmoid': case 'relu': case 'softplus': case 'step':
        return call(e.kind, e.a);
      case 'leaky_relu':
        return `leaky_relu(${print(e.a)}, ${e.alpha})`;
      case 'leaky_step':
        return `leaky_relu_prime(${print(e.a)}, ${e.alpha})`;
      default:
        return assertNever(e);
    }
  }
  return print;
}

/** mathjs text with the IR's own variable names. */
export const text = textPrinter();
