// Matrix IR -> plain Unicode text, for comments in generated code: W2ᵀ·δ2 ⊙ (1 − h1²).
import type { MExpr } from '../ir/matrix.ts';
import { symbolText } from '../naming.ts';
import { tsPrinter } from './ts.ts';

const PLACEHOLDER = /^u(\d+)$/;

/** The code's helper names for derivatives, as the sheet writes them: step(z) is relu′(z). */
const derivativeNames = (text: string): string => text.replace(/\bleaky_step\(/g, 'leaky_relu′(').replace(/\bstep\(/g, 'relu′(');

function group(e: MExpr): string {
  const s = matrixText(e);
  return e.kind === 'mvar' || e.kind === 'softmax' || (e.kind === 'transpose' && e.a.kind === 'mvar') ? s : `(${s})`;
}

export function matrixText(e: MExpr): string {
  switch (e.kind) {
    case 'mvar':
      return symbolText(e.name);
    case 'matmul':
      return `${group(e.a)}·${group(e.b)}`;
    case 'transpose':
      return `${group(e.a)}ᵀ`;
    case 'madd':
      return `${matrixText(e.a)} + ${matrixText(e.b)}`;
    case 'ew': {
      const args = e.args.map(group);
      const text = tsPrinter((name) => args[Number(PLACEHOLDER.exec(name)?.[1] ?? NaN)] ?? symbolText(name)).print(e.f);
      return derivativeNames(text.replaceAll(' * ', e.shape[0] > 1 ? ' ⊙ ' : ' · ').replaceAll('Math.', ''));
    }
    case 'softmax':
      return `softmax(${matrixText(e.a)})`;
    case 'sum':
      return `Σ ${group(e.a)}`;
    case 'lse':
      return `log Σ exp ${group(e.a)}`;
  }
}
