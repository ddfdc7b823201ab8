// IR -> TypeScript expression source. Same precedence table as the LaTeX printer;
// functions by lookup table. Helpers that Math lacks (stable sigmoid, softplus, ...)
// are named here and defined once in the generated module's prelude (codegen/prelude.ts).
import { assertNever, type Expr } from '../ir/expr.ts';
import { constText, formatNumber } from './number.ts';
import { needsParens, Prec } from './precedence.ts';
import { table } from '../util/table.ts';

const MATH: Readonly<Record<string, string>> = table({
  exp: 'Math.exp', log: 'Math.log', sqrt: 'Math.sqrt', abs: 'Math.abs', sign: 'Math.sign',
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', tanh: 'Math.tanh',
  sinh: 'Math.sinh', cosh: 'Math.cosh', asin: 'Math.asin', acos: 'Math.acos', atan: 'Math.atan',
});
/** Reciprocal functions Math lacks: sech u = 1 / cosh u, ... */
const RECIPROCAL: Readonly<Record<string, string>> = table({
  sech: 'Math.cosh', csch: 'Math.sinh', coth: 'Math.tanh', sec: 'Math.cos', csc: 'Math.sin', cot: 'Math.tan',
});
/** Ops printed as calls to a prelude helper of the same name. */
export const HELPER_OPS = ['sigmoid', 'softplus', 'relu', 'step', 'leaky_relu', 'leaky_step'] as const;
export type HelperOp = (typeof HELPER_OPS)[number];

export interface TsPrinter {
  print(e: Expr): string;
  /** Prelude helpers used so far, in first-use order. */
  readonly helpers: ReadonlySet<HelperOp>;
}

/** `helpers` collects the prelude helpers used; pass one set to share it between printers. */
export function tsPrinter(identifier: (name: string) => string = (n) => n, helpers = new Set<HelperOp>()): TsPrinter {
  const wrap = (child: Expr, parent: Prec, strict = false): string => {
    const s = print(child);
    return needsParens(child, parent, strict) ? `(${s})` : s;
  };
  const helper = (op: HelperOp, args: string): string => {
    helpers.add(op);
    return `${op}(${args})`;
  };
  function print(e: Expr): string {
    switch (e.kind) {
      case 'const': {
        const text = constText(e.q);
        return e.value < 0 || text.includes('/') ? `(${text})` : text;
      }
      case 'pi':
        return 'Math.PI';
      case 'var':
        return identifier(e.name);
      case 'add':
        return `${wrap(e.a, Prec.Sum)} + ${wrap(e.b, Prec.Sum)}`;
      case 'sub':
        return `${wrap(e.a, Prec.Sum)} - ${wrap(e.b, Prec.Sum, true)}`;
      case 'mul':
        return `${wrap(e.a, Prec.Product)} * ${wrap(e.b, Prec.Product, true)}`;
      case 'div':
        return `${wrap(e.a, Prec.Product)} / ${wrap(e.b, Prec.Product, true)}`;
      case 'neg':
        return `-${wrap(e.a, Prec.Unary, true)}`;
      case 'pow':
        // x² as a product: exact and faster than Math.pow.
        if (e.b.kind === 'const' && e.b.value === 2 && e.a.kind === 'var') return `${print(e.a)} * ${print(e.a)}`;
        return `Math.pow(${print(e.a)}, ${print(e.b)})`;
      case 'exp': case 'log': case 'sqrt': case 'abs': case 'sign':
      case 'sin': case 'cos': case 'tan': case 'tanh':
      case 'sinh': case 'cosh': case 'asin': case 'acos': case 'atan':
        return `${MATH[e.kind]}(${print(e.a)})`;
      case 'sech': case 'csch': case 'coth': case 'sec': case 'csc': case 'cot':
        return `(1 / ${RECIPROCAL[e.kind]}(${print(e.a)}))`;
      case 'sigmoid': case 'softplus': case 'relu': case 'step':
        return helper(e.kind, print(e.a));
      case 'leaky_relu': case 'leaky_step':
        return helper(e.kind, `${print(e.a)}, ${formatNumber(e.alpha)}`);
      default:
        return assertNever(e);
    }
  }
  return { print, helpers };
}
