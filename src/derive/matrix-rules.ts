// The rules of matrix calculus the matrix form needs, one per matrix node kind: given
// the adjoint C̄ of a node, the adjoint contribution of each child. Elementwise nodes
// reuse the scalar table (rules.ts) through localDerivative, so σ', tanh', relu', log'
// are written once in the whole project.
import * as B from '../ir/build.ts';
import { lift } from '../ir/matrix-build.ts';
import { matmul, placeholder, softmax, sumAll, transpose, type MExpr, type MKind, type MNodeOf } from '../ir/matrix.ts';
import { localDerivative } from './local.ts';

export interface MatrixRule<K extends MKind> {
  readonly id: string;
  /** The rule in LaTeX, C̄ being the adjoint of the node. */
  readonly formula: string;
  readonly adjoints: (node: MNodeOf<K>, cbar: MExpr) => readonly MExpr[];
}

const isScalar = (e: MExpr): boolean => e.shape[0] === 1 && e.shape[1] === 1;

/** d f(u0..)/d u_i ⊙ C̄, summed to 1 × 1 when argument i was broadcast. */
function elementwiseAdjoints(node: MNodeOf<'ew'>, cbar: MExpr): MExpr[] {
  const c = placeholder(node.args.length);
  return node.args.map((arg, i) => {
    const partial = localDerivative(node.f, `u${i}`, new Map()).expr;
    const full = lift(B.mul(c, partial), [...node.args, cbar], node.shape);
    return isScalar(arg) && !isScalar(node) ? sumAll(full) : full;
  });
}

export const MATRIX_RULES: { readonly [K in MKind]: MatrixRule<K> } = {
  mvar: { id: 'leaf', formula: '', adjoints: () => [] },
  // C = AB: Ā = C̄ Bᵀ, B̄ = Aᵀ C̄
  matmul: {
    id: 'matmul',
    formula: '\\bar{A} = \\bar{C} B^{\\top}, \\quad \\bar{B} = A^{\\top} \\bar{C}',
    adjoints: (n, c) => [matmul(c, transpose(n.b)), matmul(transpose(n.a), c)],
  },
  transpose: { id: 'transpose', formula: '\\bar{A} = \\bar{C}^{\\top}', adjoints: (_n, c) => [transpose(c)] },
  madd: { id: 'sum', formula: '\\bar{A} = \\bar{B} = \\bar{C}', adjoints: (_n, c) => [c, c] },
  // C = f(A, B, ...) entry by entry: Ā = C̄ ⊙ ∂f/∂A
  ew: { id: 'elementwise', formula: "\\bar{A} = \\bar{C} \\odot f'(A)", adjoints: elementwiseAdjoints },
  // p = softmax(a): ∂p_i/∂a_c = p_i(1 − p_c) if i = c, −p_i p_c if i ≠ c (the CNN note, eq. 7 and 9),
  // so ā = Jᵀ p̄ = p ⊙ (p̄ − (pᵀ p̄)).
  softmax: {
    id: 'softmax',
    formula: '\\frac{\\partial p_i}{\\partial a_c} = \\begin{cases} p_i (1 - p_c) & i = c \\\\ -p_i p_c & i \\neq c \\end{cases}',
    adjoints: (n, c) => [lift(B.mul(placeholder(0), B.sub(placeholder(1), placeholder(2))), [n, c, matmul(transpose(n), c)], n.shape)],
  },
  // s = Σ_i a_i: ā = s̄ 1
  sum: { id: 'sum-all', formula: '\\bar{a} = \\bar{s}\\,\\mathbf{1}', adjoints: (n, c) => [lift(placeholder(0), [c], n.a.shape)] },
  // s = log Σ_j e^{a_j}: ā = s̄ softmax(a)
  lse: {
    id: 'logsumexp',
    formula: '\\frac{\\partial}{\\partial a_i} \\log \\sum_j e^{a_j} = \\operatorname{softmax}(a)_i',
    adjoints: (n, c) => [lift(B.mul(placeholder(0), placeholder(1)), [softmax(n.a), c], n.a.shape)],
  },
};

export function matrixAdjoints<K extends MKind>(node: MNodeOf<K>, cbar: MExpr): readonly MExpr[] {
  return (MATRIX_RULES[node.kind as K] as MatrixRule<K>).adjoints(node, cbar);
}
