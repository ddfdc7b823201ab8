// Matrix IR -> mathjs text in the syntax of matrix claims (transpose(W2) * delta2 .* step(a1)),
// for `derive --json`: a tool can feed a result back to `check --param W2 --claim`.
import type { MExpr } from '../ir/matrix.ts';
import { textPrinter } from './text.ts';

const PLACEHOLDER = /^u(\d+)$/;

function group(e: MExpr): string {
  const s = matrixMathjs(e);
  return e.kind === 'mvar' || e.kind === 'transpose' || e.kind === 'softmax' || e.kind === 'sum' ? s : `(${s})`;
}

export function matrixMathjs(e: MExpr): string {
  switch (e.kind) {
    case 'mvar':
      return e.name;
    case 'matmul':
      return `${group(e.a)} * ${group(e.b)}`;
    case 'transpose':
      return `transpose(${matrixMathjs(e.a)})`;
    case 'madd':
      return `${matrixMathjs(e.a)} + ${matrixMathjs(e.b)}`;
    case 'ew': {
      const args = e.args.map(group);
      const print = textPrinter((name) => args[Number(PLACEHOLDER.exec(name)?.[1] ?? NaN)] ?? name);
      // Inside an elementwise function every product and power is entry by entry.
      return print(e.f).replaceAll(' * ', ' .* ').replaceAll(' / ', ' ./ ').replaceAll('^', '.^');
    }
    case 'softmax':
      return `softmax(${matrixMathjs(e.a)})`;
    case 'sum':
      return `sum(${matrixMathjs(e.a)})`;
    case 'lse':
      return `log(sum(exp(${matrixMathjs(e.a)})))`;
  }
}
