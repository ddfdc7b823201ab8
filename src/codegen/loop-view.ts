// Matrix-form derivation -> the code view model of a loop module (any network size).
// Same sections as the unrolled view, so one template serves both.
import type { MatrixDerivation } from '../derive/matrix-backprop.ts';
import { symbolText } from '../naming.ts';
import { paramBlocks } from '../network/names.ts';
import { layerSizes, paramCount, type NetworkSpec } from '../network/spec.ts';
import { matrixText } from '../print/matrix-text.ts';
import { formatNumber } from '../print/number.ts';
import { fillVector, gradientLines, lossStatements, times, type LoopContext, type ParamSlot } from './loops.ts';
import { GEMM_SOURCE } from './gemm.ts';
import { PRELUDE } from './prelude.ts';
import { blockExports, type CodeView } from './view.ts';

/** θ slots by the matrix form's names (W1, b1, ...), from the one θ layout. */
export function paramSlots(spec: NetworkSpec): Map<string, ParamSlot> {
  return new Map(paramBlocks(spec).map((b, i) => [`${i % 2 ? 'b' : 'W'}${(i >> 1) + 1}`, b] as const));
}

const comment = (eq: number, name: string, text: string): string => `// (${eq}) ${symbolText(name)} = ${text}`;

function context(spec: NetworkSpec, d: MatrixDerivation): LoopContext {
  const alias = new Map<string, string>();
  for (const b of d.forward) if (b.expr.kind === 'mvar') alias.set(b.name, b.expr.name);
  const sizes = layerSizes(spec);
  const lengths = new Map<string, number>([['x', sizes[0]!], ['y', sizes[sizes.length - 1]!]]);
  for (const b of [...d.forward, ...d.deltas]) lengths.set(b.name, b.expr.shape[0]);
  const counters = new Map<string, number>();
  return {
    helpers: new Set(),
    params: paramSlots(spec),
    input: 'x',
    target: 'y',
    alias,
    sizes: lengths,
    materialized: new Map(),
    extraScratch: new Map(),
    kernels: new Set(),
    fresh: (stem) => {
      const n = counters.get(stem) ?? 0;
      counters.set(stem, n + 1);
      return `${stem}${n}`;
    },
  };
}

/** Examples per block: large enough to amortise each product, small enough to stay in cache. */
const CHUNK = 64;

export function loopView(spec: NetworkSpec, d: MatrixDerivation, header: readonly string[], lossDoc: string): CodeView {
  const ctx = context(spec, d);
  const sizes = layerSizes(spec);
  const [n0, nL] = [sizes[0]!, sizes[sizes.length - 1]!];
  const forwardBindings = d.forward.filter((b) => b.role === 'forward' && !ctx.alias.has(b.name));
  const forward = forwardBindings.flatMap((b) => [comment(b.eq, b.name, matrixText(b.expr)), ...fillVector(ctx, b.name, b.expr)]);
  const output = d.forward.find((b) => b.role === 'output')!;
  const loss = lossStatements(ctx, d);
  const deltas = d.deltas.flatMap((x) => [comment(x.eq, x.name, matrixText(x.expr)), ...fillVector(ctx, x.name, x.expr)]);
  const gradients = d.gradients.flatMap((g) => [comment(g.eq, `∂J/∂${g.wrt}`, matrixText(g.expr)), ...gradientLines(ctx, g.wrt, g.expr)]);
  const yhat = ctx.alias.get('yhat') ?? 'yhat';
  const weights = [...ctx.params].filter(([name]) => name.startsWith('W')).map(([, slot]) => slot);
  const l2 = spec.l2;
  const decay = l2 > 0 ? weights.map((w) => `for (let k = ${w.offset}; k < ${w.offset + w.rows * w.cols}; k++) { grad[k]! += ${formatNumber(l2)} * theta[k]!; reg += theta[k]! * theta[k]!; }`) : [];
  return {
    header,
    sizes: sizes.join(', '),
    paramCount: paramCount(spec),
    ...blockExports(spec),
    inputs: n0,
    outputs: nL,
    scratch: [
      '',
      `/** Examples per block: each per-layer buffer below holds the vectors of one block, row by row. */`,
      `const CHUNK = ${CHUNK};`,
      ...[...forwardBindings, ...d.deltas].map((b) => `const ${b.name} = new Float64Array(${times('CHUNK', b.expr.shape[0])});`),
      ...[...ctx.extraScratch].map(([name, size]) => `const ${name} = new Float64Array(${times('CHUNK', size)});`),
    ],
    loopHead: 'for (let c = 0; c < n; c += CHUNK) {',
    forwardComment: 'Forward pass for the block: every vector the backward pass needs stays in its buffer.',
    loadParams: [],
    loadInputs: ['const m = Math.min(CHUNK, n - c);', `const xo = ${times('c', n0)};`],
    loadTargets: [`const yo = ${times('c', nL)};`],
    forward,
    storeOutputs: [`for (let k = 0; k < ${times('m', nL)}; k++) out[${times('c', nL)} + k] = ${yhat}[k]!;`],
    lossDoc,
    loss: [comment(output.eq, 'J', matrixText(output.expr)), 'for (let e = 0; e < m; e++) {', ...loss.pre.map((l) => `  ${l}`), `  loss += ${loss.expr};`, '}'],
    gradInit: ['grad.fill(0);'],
    backward: [...deltas, ...gradients],
    scaleComment: spec.reduction === 'mean' ? 'Batch mean: J = (1/n) Σ_e L_e.' : 'Reduction "sum": J = Σ_e L_e.',
    scale: spec.reduction === 'mean' ? '1 / n' : '1',
    gradStore: [`for (let k = 0; k < paramCount; k++) grad[k]! *= scale;`, ...(l2 > 0 ? ['let reg = 0;', ...decay] : [])],
    regulariser: l2 > 0 ? ` + ${formatNumber(l2 / 2)} * reg` : '',
    get helpers(): string[] {
      return [...[...ctx.helpers].map((h) => PRELUDE[h]), ...(ctx.kernels.has('gemm') ? [GEMM_SOURCE] : [])];
    },
  };
}
