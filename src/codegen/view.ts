// Derivation -> the code view model: every decision about the generated module is made
// here, so the template only loops. Unrolled form: one local per scalar binding, which
// is what the index-form derivation gives (and what --unroll emits for small networks).
import { variable, type Expr } from '../ir/expr.ts';
import type { Binding, Delta, Derivation } from '../derivation/model.ts';
import { symbolText } from '../naming.ts';
import { flatParams, isWeightName, networkNames, paramBlocks } from '../network/names.ts';
import { layerSizes, paramCount, type NetworkSpec } from '../network/spec.ts';
import { formatNumber } from '../print/number.ts';
import { tsPrinter } from '../print/ts.ts';
import { oneLine } from '../util/errors.ts';
import { PRELUDE } from './prelude.ts';
import { stableCode, usesUnsafe, type StableCode } from './stable.ts';

export interface CodeView {
  readonly header: readonly string[];
  readonly sizes: string;
  readonly paramCount: number;
  readonly paramNames: string;
  readonly paramShapes: string;
  readonly inputs: number;
  readonly outputs: number;
  readonly helpers: readonly string[];
  /** Module-level buffers (loop form). */
  readonly scratch: readonly string[];
  /** The loop over examples (one at a time, or block by block). */
  readonly loopHead: string;
  readonly forwardComment: string;
  readonly loadParams: readonly string[];
  readonly loadInputs: readonly string[];
  readonly loadTargets: readonly string[];
  readonly forward: readonly string[];
  readonly storeOutputs: readonly string[];
  readonly lossDoc: string;
  readonly loss: readonly string[];
  readonly gradInit: readonly string[];
  readonly backward: readonly string[];
  readonly scaleComment: string;
  readonly scale: string;
  readonly gradStore: readonly string[];
  readonly regulariser: string;
}

const line = (code: string, comment: string): string => `${code} // ${comment}`;
const partial = (of: string, wrt: string): string => `∂${symbolText(of)}/∂${symbolText(wrt)}`;
/** Plain-text math for comments: the TypeScript form with Unicode names and a centred dot. */
const textPrinter = tsPrinter(symbolText);
const text = (e: Expr): string => textPrinter.print(e).replaceAll(' * ', ' · ');
/** Row `ex` of an n × size row-major matrix, column j (0-based). */
const at = (size: number, j: number): string => (size === 1 ? 'ex' : j === 0 ? `ex * ${size}` : `ex * ${size} + ${j}`);

/** A forward binding's line, preceded by the softmax shift m = max u when it is the normaliser. */
function forwardLines(b: Binding, stable: StableCode, ts: (e: Expr) => string, m: string): string[] {
  const own = `(${b.eq}) ${symbolText(b.name)}`;
  if (stable.shift?.before !== b.name) return [line(`const ${b.name} = ${ts(b.expr)};`, own)];
  return [
    line(`const ${m} = Math.max(${stable.shift.args.map(ts).join(', ')});`, 'the largest logit: every exponent below is ≤ 0'),
    line(`const ${b.name} = ${ts(b.expr)};`, `${own}, scaled by e^−${m} (every exponent shifted by ${m}) so that it cannot overflow`),
  ];
}

/** δ = the chain it multiplies along, or its whole product when it is short enough to read. */
function deltaComment(delta: Delta, of: string): string {
  const chain = delta.chain.slice(1).map((wrt, i) => partial(delta.chain[i]!, wrt));
  const start = delta.factors.length > chain.length ? [text(delta.factors[0]!)] : [];
  const product = [...start, ...chain].join(' · ');
  return chain.length === 0 && product.length > 100 ? partial(of, delta.of) : product;
}

/** The deltas, then each parameter's gradient accumulated, every line citing its equation. */
function backwardLines(d: Derivation, stable: StableCode, ts: (e: Expr) => string): string[] {
  const exprs = [...d.deltas.map((x) => x.expr), ...d.gradients.map((g) => g.deltaForm ?? g.result)];
  // S and e^{a} exist in the code only shifted by m: the backward pass must not read them.
  if (exprs.some((e) => usesUnsafe(e, stable.unsafe))) {
    throw new Error('codegen: a backward expression uses the softmax normaliser, which the code keeps shifted');
  }
  const deltas = d.deltas.map((delta) =>
    line(`const ${delta.name} = ${ts(delta.expr)};`, `(${delta.eq}) ${symbolText(delta.name)} = ${deltaComment(delta, d.output)}`),
  );
  const grads = d.gradients.map((g) =>
    line(`g_${g.wrt} += ${ts(g.deltaForm ?? g.result)};`, `(${g.eq}) ${partial(d.output, g.wrt)} = ${text(g.deltaForm ?? g.result)}`),
  );
  return [...deltas, ...grads];
}

export interface CodegenInput {
  readonly spec: NetworkSpec;
  readonly derivation: Derivation;
  /** The spec's path as the user gave it, named in the header. */
  readonly source: string;
  /** The command that regenerates the file, named in the header. */
  readonly command: string;
}

export function lossDoc(spec: NetworkSpec): string {
  const mean = spec.reduction === 'mean' ? '(1/n) Σ_e' : 'Σ_e';
  const reg = spec.l2 > 0 ? ` + (λ/2) Σ_k ‖W_k‖² with λ = ${formatNumber(spec.l2)}` : '';
  return `J = ${mean} L(ŷ_e, y_e)${reg}, L = ${spec.loss} (see the derivation sheet).`;
}

/** The "generated, do not edit" header; user text is escaped onto single lines. */
export function moduleHeader({ spec, source, command }: Omit<CodegenInput, 'derivation'>): string[] {
  return [
    `Generated by symprop from ${JSON.stringify(oneLine(source))} (network ${JSON.stringify(oneLine(spec.name))}). Do not edit.`,
    `Regenerate with: ${oneLine(command)}`,
    `Equation numbers (n) refer to the derivation of this spec (symprop derive ${oneLine(source)}).`,
  ];
}

/** paramNames and paramShapes: θ's blocks W_1, b_1, ..., as source literals. */
export function blockExports(spec: NetworkSpec): { paramNames: string; paramShapes: string } {
  const blocks = paramBlocks(spec);
  return {
    paramNames: `[${blocks.map((b) => JSON.stringify(b.name)).join(', ')}]`,
    paramShapes: `[${blocks.map((b) => `[${b.rows}, ${b.cols}]`).join(', ')}]`,
  };
}

export function codeView({ spec, derivation: d, source, command }: CodegenInput): CodeView {
  const printer = tsPrinter();
  const ts = printer.print;
  const names = networkNames(spec);
  const sizes = layerSizes(spec);
  const L = sizes.length - 1;
  const params = flatParams(spec);
  const range = (n: number): number[] => [...Array(n).keys()];
  const forwardBindings = d.forward.filter((b) => b.role === 'forward');
  const lossBinding = d.forward.find((b) => b.role === 'output')!;
  const weights = params.filter(isWeightName);
  const l2 = spec.l2;

  const stable = stableCode(forwardBindings, lossBinding.expr, names);
  const forward = stable.forward.flatMap((b) => forwardLines(b, stable, ts, names.logitMax));
  const loss = line(`loss += ${ts(stable.loss)};`, `(${lossBinding.eq}) ${spec.loss}, computed from the logits where it can`);
  const reg = weights.map((w) => `${w} * ${w}`).join(' + ');

  return {
    header: moduleHeader({ spec, source, command }),
    sizes: sizes.join(', '),
    paramCount: paramCount(spec),
    ...blockExports(spec),
    inputs: sizes[0]!,
    outputs: sizes[L]!,
    scratch: [],
    loopHead: 'for (let ex = 0; ex < n; ex++) {',
    forwardComment: 'Forward pass: every value the backward pass needs is kept in a local.',
    loadParams: params.map((p, k) => `const ${p} = theta[${k}]!;`),
    loadInputs: range(sizes[0]!).map((j) => `const ${names.input(j + 1)} = X[${at(sizes[0]!, j)}]!;`),
    loadTargets: range(sizes[L]!).map((i) => `const ${names.target(i + 1)} = Y[${at(sizes[L]!, i)}]!;`),
    forward,
    storeOutputs: range(sizes[L]!).map((i) => `out[${at(sizes[L]!, i)}] = ${ts(variable(names.act(L, i + 1)))};`),
    lossDoc: lossDoc(spec),
    loss: [loss],
    gradInit: params.map((p) => `let g_${p} = 0;`),
    backward: backwardLines(d, stable, ts),
    scaleComment: spec.reduction === 'mean' ? 'Batch mean: J = (1/n) Σ_e L_e.' : 'Reduction "sum": J = Σ_e L_e.',
    scale: spec.reduction === 'mean' ? '1 / n' : '1',
    gradStore: params.map((p, k) => {
      const decay = l2 > 0 && isWeightName(p) ? ` + ${formatNumber(l2)} * ${p}` : '';
      return `grad[${k}] = g_${p} * scale${decay};`;
    }),
    regulariser: l2 > 0 && reg ? ` + ${formatNumber(l2 / 2)} * (${reg})` : '',
    // Helpers last: printing above is what registers them.
    get helpers(): string[] {
      return [...printer.helpers].map((h) => PRELUDE[h]);
    },
  };
}
