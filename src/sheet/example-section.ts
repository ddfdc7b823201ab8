// The worked example as blocks: each formula of the matrix form beside its numbers, from the
// input to the update (numbers from example-numbers.ts).
import { layerOf } from '../derivation/numbering.ts';
import type { MatrixDerivation } from '../derive/matrix-backprop.ts';
import { symbolLatex } from '../naming.ts';
import { notationOf, paramBlocks } from '../network/names.ts';
import { layerSizes, type NetworkSpec } from '../network/spec.ts';
import { matrixLatex } from '../print/matrix-latex.ts';
import { inline, type Block } from './blocks.ts';
import { eq, heading, para } from './derivation-blocks.ts';
import type { WorkedExample } from './example-numbers.ts';
import type { Messages } from './i18n/messages.ts';
import { matrixNumbers, numberLatex } from './numbers.ts';

/**
 * The formula = its numbers; a matrix of several columns, or a long formula, puts the numbers on
 * a row of their own, so that nothing runs off a printed page.
 */
function twoRows(formula: string, numbers: string): string {
  if (!numbers.includes('&') && formula.length <= 60) return `${formula} = ${numbers}`;
  const at = formula.indexOf(' = ');
  const [lhs, rhs] = at < 0 ? [formula, ''] : [formula.slice(0, at), formula.slice(at + 3)];
  return at < 0
    ? `\\begin{aligned} & ${lhs} \\\\ &= ${numbers} \\end{aligned}`
    : `\\begin{aligned} ${lhs} &= ${rhs} \\\\ &= ${numbers} \\end{aligned}`;
}

export function exampleSection(ex: WorkedExample, spec: NetworkSpec, md: MatrixDerivation, m: Messages): Block[] {
  const sizes = layerSizes(spec);
  const L = spec.layers.length;
  const notation = notationOf(spec);
  const num = (v: number): string => numberLatex(v, m.decimal);
  const column = (values: ArrayLike<number>): string => matrixNumbers(values, values.length, 1, m.decimal);
  const blocks = paramBlocks(spec);
  /** θ's block of a gradient's parameter (W_k or b_k) and its symbol. */
  const block = (wrt: string) => blocks[2 * (layerOf(wrt) - 1) + (wrt.startsWith('b') ? 1 : 0)]!;
  const slice = (values: Float64Array, wrt: string): string => {
    const b = block(wrt);
    return matrixNumbers(values.subarray(b.offset, b.offset + b.rows * b.cols), b.rows, b.cols, m.decimal);
  };
  const seed = ex.thetaSource.kind === 'seed' ? ex.thetaSource.seed : undefined;
  const out: Block[] = [
    heading(2, inline(m.exampleTitle)),
    para(m.exampleIntro({ drawn: ex.drawnInput, seed, lr: num(ex.lr) })),
    para(m.exampleParameters),
    eq(`x = ${column(ex.x)}, \\qquad y = ${column(ex.y)}`),
  ];
  for (let k = 1; k <= L; k++) {
    const [w, b] = [md.gradients.find((g) => layerOf(g.wrt) === k && !g.wrt.startsWith('b'))!, md.gradients.find((g) => layerOf(g.wrt) === k && g.wrt.startsWith('b'))!];
    out.push(eq(`${symbolLatex(w.wrt)} = ${slice(ex.theta, w.wrt)}, \\qquad ${symbolLatex(b.wrt)} = ${slice(ex.theta, b.wrt)}`));
  }

  out.push(para(m.exampleForward));
  for (const b of md.forward.filter((x) => x.role === 'forward')) {
    const k = b.name === 'yhat' ? L : layerOf(b.name);
    const values = b.name === 'yhat' ? ex.yhat : b.name.startsWith(notation.pre) ? ex.pre[k - 1] : ex.act[k - 1];
    if (!values || values.length !== sizes[k]) continue;
    out.push(eq(twoRows(`${symbolLatex(b.name)} = ${matrixLatex(b.expr)}`, column(values))));
  }

  const loss = md.forward.find((b) => b.role === 'output')!;
  const l2 = spec.l2 > 0 ? ` + \\frac{\\lambda}{2} \\sum_k \\lVert W_k \\rVert_F^2` : '';
  out.push(para(m.exampleLoss), eq(twoRows(`J = ${matrixLatex(loss.expr)}${l2}`, num(ex.loss))));

  out.push(para(m.exampleBackward));
  for (const x of md.deltas) out.push(eq(twoRows(`${symbolLatex(x.name)} = ${matrixLatex(x.expr)}`, column(ex.delta[layerOf(x.of) - 1]!))));

  out.push(para(m.exampleGradients));
  for (const g of md.gradients) {
    const decay = spec.l2 > 0 && !g.wrt.startsWith('b') ? ` + \\lambda ${symbolLatex(g.wrt)}` : '';
    out.push(eq(twoRows(`\\nabla_{${symbolLatex(g.wrt)}} J = ${matrixLatex(g.expr)}${decay}`, slice(ex.grad, g.wrt))));
  }

  out.push(para(m.exampleUpdate));
  for (let k = 1; k <= L; k++) {
    for (const g of md.gradients.filter((x) => layerOf(x.wrt) === k)) {
      const s = symbolLatex(g.wrt);
      out.push(eq(twoRows(`${s} - \\alpha \\nabla_{${s}} J`, slice(ex.updated, g.wrt))));
    }
  }
  out.push(para(m.exampleAfter(num(ex.loss), num(ex.lossAfter), ex.lossAfter > ex.loss)));
  return out;
}
