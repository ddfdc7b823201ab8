// Matrix IR -> LaTeX, in the courses' notation: W_2^⊤ δ_2, h ⊙ (1 − h), Σ_k y_k log ŷ_k.
// Elementwise functions are printed by the scalar printer with their arguments in place.
import type { MExpr } from '../ir/matrix.ts';
import { symbolLatex } from '../naming.ts';
import { latexPrinter } from './latex.ts';

const PLACEHOLDER = /^u(\d+)$/;

/** Printed without parentheses anywhere: names, transposed names, function calls, big sums. */
const isAtomic = (e: MExpr): boolean =>
  e.kind === 'mvar' || (e.kind === 'transpose' && e.a.kind === 'mvar') || ['softmax', 'sum', 'lse'].includes(e.kind);

function group(e: MExpr): string {
  const s = matrixLatex(e);
  return isAtomic(e) ? s : `\\left(${s}\\right)`;
}

/** Operands of a product: W^T δ needs no parentheses inside another product. */
function factor(e: MExpr): string {
  return e.kind === 'matmul' ? matrixLatex(e) : group(e);
}

/** Entry k of a vector: y_k, \hat{y}_k, (a_2)_k. */
function entry(e: MExpr): string {
  const s = matrixLatex(e);
  return e.kind === 'mvar' && !s.includes('_') ? `${s}_{k}` : `\\left(${s}\\right)_{k}`;
}

function elementwise(f: import('../ir/expr.ts').Expr, args: readonly MExpr[], show: (arg: MExpr) => string, hadamard: boolean): string {
  const symbol = (name: string): string | undefined => {
    const m = PLACEHOLDER.exec(name);
    return m ? show(args[Number(m[1])]!) : undefined;
  };
  return latexPrinter({ symbol, hadamard })(f);
}

export function matrixLatex(e: MExpr): string {
  switch (e.kind) {
    case 'mvar':
      return symbolLatex(e.name);
    case 'matmul':
      return `${factor(e.a)} ${factor(e.b)}`;
    case 'transpose':
      return `${group(e.a)}^{\\top}`;
    case 'madd':
      return `${matrixLatex(e.a)} + ${matrixLatex(e.b)}`;
    case 'ew':
      // A function of 1 × 1 values only is a scalar formula: no ⊙.
      return elementwise(e.f, e.args, group, e.shape[0] * e.shape[1] > 1);
    case 'softmax':
      return `\\operatorname{softmax}\\left(${matrixLatex(e.a)}\\right)`;
    case 'sum':
      return e.a.kind === 'ew' ? `\\sum_{k} ${elementwise(e.a.f, e.a.args, entry, false)}` : `\\mathbf{1}^{\\top} ${group(e.a)}`;
    case 'lse':
      return `\\log \\sum_{k} e^{${entry(e.a)}}`;
  }
}
