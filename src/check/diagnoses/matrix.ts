// Diagnoses of a matrix-form claim from its evaluated matrices: at each probe point the claim
// and the truth (a block of the engine's gradient) as grids, and the point's scalar values.
// The judge (matrix-judge.ts) calls diagnoseMatrix with the points it probed.
import type { Derivation } from '../../derivation/model.ts';
import { sigmoidValue } from '../../ir/eval.ts';
import { networkNames, notationOf, paramBlocks } from '../../network/names.ts';
import type { NetworkSpec } from '../../network/spec.ts';
import type { Diagnosis, Lang } from '../diagnose.ts';
import { DIAGNOSIS_CATALOGS, type DiagnosisMessages, type Ref, type Shapes } from '../messages/index.ts';
import { close } from '../probe.ts';
import { ACTIVATIONS, isActivationKind, pretty, type ActivationKind } from '../words.ts';
import type { MistakeKind } from './candidate.ts';

export type Grid = readonly (readonly number[])[];

/** One probe point of a matrix claim; matrix-judge's points have this shape. */
export interface MatrixPoint {
  readonly sample: { readonly env: Readonly<Record<string, number>> };
  readonly claim: Grid;
  readonly truth: Grid;
}

/** The parameter, as judgeMatrixClaim takes it: a whole block (W2, b1) or one entry (W2_1_3) compared as 1×1. */
export interface MatrixParam {
  readonly kind: 'matrix' | 'scalar';
  readonly name: string;
}

/** Layer k of the block, whether it is a bias, and the unit i of each grid row. */
interface Block {
  readonly k: number;
  readonly bias: boolean;
  readonly units: readonly number[];
  /** The θ name of entry (row r, column c). */
  readonly entry: (r: number, c: number) => string;
  readonly name: string;
}

function blockOf(spec: NetworkSpec, param: MatrixParam): Block | undefined {
  const n = networkNames(spec);
  const m = /^([wWb])(\d+)(?:_(\d+)(?:_(\d+))?)?$/.exec(param.name);
  if (!m) return undefined;
  const k = Number(m[2]);
  const bias = m[1] === 'b';
  const info = paramBlocks(spec).find((b) => b.name.toLowerCase() === `${bias ? 'b' : 'w'}${k}`);
  if (!info) return undefined;
  if (param.kind === 'matrix') {
    const units = Array.from({ length: info.rows }, (_, i) => i + 1);
    return { k, bias, units, entry: (r, c) => (bias ? n.bias(k, r + 1) : n.weight(k, r + 1, c + 1)), name: info.name };
  }
  return { k, bias, units: [Number(m[3] ?? 1)], entry: () => param.name, name: param.name };
}

const shape = (g: Grid): string => `${g.length}×${g[0]?.length ?? 0}`;
const sameShape = (a: Grid, b: Grid): boolean => a.length === b.length && (a[0]?.length ?? 0) === (b[0]?.length ?? 0);
const transposed = (g: Grid): Grid => (g[0] ?? []).map((_, j) => g.map((row) => row[j]!));

/** g′ of unit i of layer k at a point, from its stored values. */
function gprimeAt(spec: NetworkSpec, k: number, i: number, env: Readonly<Record<string, number>>): number {
  const n = networkNames(spec);
  const layer = spec.layers[k - 1]!;
  const a = env[n.act(k, i)]!;
  const z = env[n.pre(k, i)]!;
  switch (layer.activation) {
    case 'sigmoid': return a * (1 - a);
    case 'tanh': return 1 - a * a;
    case 'relu': return z > 0 ? 1 : 0;
    case 'leaky_relu': return z > 0 ? 1 : (layer.alpha ?? 0.01);
    case 'softplus': return sigmoidValue(z);
    default: return 1;
  }
}

/** Vector texts of g′_k as the sheet's matrix form writes them. */
const VECTOR_GPRIME: { readonly [K in ActivationKind]?: (a: string, z: string) => string } = {
  sigmoid: (a) => `${a} ⊙ (1 − ${a})`,
  tanh: (a) => `1 − ${a}²`,
  relu: (_a, z) => `step(${z})`,
  softplus: (_a, z) => `σ(${z})`,
};

/** δ_k lacks ⊙ g′_k(a_k): layers whose g′ the loss does not cancel and is not 1. */
function gprimeWords(spec: NetworkSpec, d: Derivation, k: number): { gprime: string; delta: Ref } | undefined {
  const L = spec.layers.length;
  const act = spec.layers[k - 1]!.activation;
  const cancelled = k === L && ((act === 'sigmoid' && spec.loss === 'bce') || act === 'softmax');
  const text = isActivationKind(act) ? VECTOR_GPRIME[act] : undefined;
  if (cancelled || !text || !isActivationKind(act)) return undefined;
  const { pre: preStem, act: actStem, deltaNumber } = notationOf(spec);
  const pre = pretty(`${preStem}${k}`);
  const a = pretty(k === L ? 'yhat' : `${actStem}${k}`);
  const delta = (layer: number): string => pretty(`delta${deltaNumber(layer)}`);
  const prime = `${ACTIVATIONS[act].prime}(${pre})`;
  const upstream = k === L ? '∇ŷJ' : `(${pretty(`W${k + 1}`)}ᵀ${delta(k + 1)})`;
  const eq = d.matrix?.deltas.find((x) => x.of === `${preStem}${k}`)?.eq;
  return { gprime: `${prime} = ${text(a, pre)}`, delta: { what: `${delta(k)} = ${upstream} ⊙ ${prime}`, eq } };
}

/** Does the claim's entry v at row r, column c of a point fit the mistake? */
type EntryTest = (p: MatrixPoint, r: number, c: number, v: number, scale: number) => boolean;
type Mistake = readonly [MistakeKind, (m: DiagnosisMessages) => string, EntryTest];

/** The same-shape mistakes, in the order they are tried: a sign, ⊙ g′ missing from δ, the L2 term. */
function entryMistakes(spec: NetworkSpec, derivation: Derivation, block: Block, g: Ref): Mistake[] {
  const truth = (p: MatrixPoint, r: number, c: number): number => p.truth[r]![c]!;
  const own = (p: MatrixPoint, r: number, c: number): number => spec.l2 * p.sample.env[block.entry(r, c)]!;
  const reg = (p: MatrixPoint, r: number, c: number): number => (block.bias ? 0 : own(p, r, c));
  const list: Mistake[] = [['sign', (m) => m.sign(g), (p, r, c, v, s) => close(v, -truth(p, r, c), s)]];
  const words = gprimeWords(spec, derivation, block.k);
  if (words) {
    // The claim without g′, times g′, is the truth: (C − λW) ⊙ g′ = T − λW.
    const gp = (p: MatrixPoint, r: number): number => gprimeAt(spec, block.k, block.units[r]!, p.sample.env);
    const test: EntryTest = (p, r, c, v, s) => close((v - reg(p, r, c)) * gp(p, r), truth(p, r, c) - reg(p, r, c), s);
    list.push(['matrix-missing-gprime', (m) => m.matrixMissingGprime(words.gprime, words.delta, g), test]);
  }
  // The output's σ′ (or the softmax's diagonal ŷ(1 − ŷ)) kept although the loss cancels it.
  const L = spec.layers.length;
  const out = spec.layers[L - 1]!.activation;
  const cancel = block.k === L && out === 'sigmoid' && spec.loss === 'bce' ? 'bce-sigmoid' : block.k === L && out === 'softmax' && spec.loss === 'cross_entropy' ? 'softmax-ce' : undefined;
  if (cancel) {
    const yhat = (p: MatrixPoint, r: number): number => p.sample.env[networkNames(spec).act(L, block.units[r]!)]!;
    const extra: EntryTest = (p, r, c, v, s) => close(v - reg(p, r, c), (truth(p, r, c) - reg(p, r, c)) * yhat(p, r) * (1 - yhat(p, r)), s);
    list.push(['extra-factor', (m) => m.extraFactor(`⊙ ${pretty('yhat')} ⊙ (1 − ${pretty('yhat')})`, g, cancel), extra]);
  }
  if (spec.l2 > 0) {
    const name = pretty(block.name);
    const plus: EntryTest = (p, r, c, v, s) => close(v, truth(p, r, c) + own(p, r, c), s);
    if (block.bias) list.push(['lambda-on-bias', (m) => m.lambdaOnBias(name, spec.l2, g), plus]);
    else {
      list.push(['double-lambda', (m) => m.doubleLambda(name, spec.l2, g), plus]);
      list.push(['missing-lambda', (m) => m.missingLambda(name, spec.l2, g), (p, r, c, v, s) => close(v, truth(p, r, c) - own(p, r, c), s)]);
    }
  }
  return list;
}

/** ∂J/∂W₂ with the sheet's equation: the entry's own (index form), else its block's (matrix form). */
function citeOf(derivation: Derivation, param: MatrixParam, block: Block): Ref {
  const entry = param.kind === 'scalar' ? derivation.gradients.find((g) => g.wrt === param.name)?.eq : undefined;
  const matrix = derivation.matrix?.gradients.find((g) => g.wrt.toLowerCase() === block.name.toLowerCase())?.eq;
  return { what: `∂J/∂${pretty(block.name)}`, eq: entry ?? matrix };
}

/** Shapes known without points (from the claim's matrix shapes): the transpose when it fits, else the wrong shape. */
export function diagnoseShape(derivation: Derivation, spec: NetworkSpec, param: MatrixParam, shapes: Shapes, transposeFits: boolean, lang: Lang = 'en'): Diagnosis | undefined {
  const m = DIAGNOSIS_CATALOGS[lang];
  const block = blockOf(spec, param);
  if (!block) return undefined;
  const g = citeOf(derivation, param, block);
  return transposeFits ? { kind: 'transpose', message: m.finish(m.transpose(g, shapes)) } : { kind: 'shape', message: m.finish(m.shape(shapes, g)) };
}

/** The claim's matrices do not conform (mathjs's message `detail`); `truthShape` is the gradient's, "2×2". */
export function diagnoseNonConforming(derivation: Derivation, spec: NetworkSpec, param: MatrixParam, detail: string, truthShape: string, lang: Lang = 'en'): Diagnosis | undefined {
  const m = DIAGNOSIS_CATALOGS[lang];
  const block = blockOf(spec, param);
  return block && { kind: 'shape', message: m.finish(m.nonConforming(detail, truthShape, citeOf(derivation, param, block))) };
}

/**
 * The mistake in a matrix-form claim, from its evaluated matrices: the wrong shape or the
 * transpose, a sign, ⊙ g′ missing from δ, and the L2 term (on a bias, 2λ, missing).
 */
export function diagnoseMatrix(
  spec: NetworkSpec,
  derivation: Derivation,
  param: MatrixParam,
  points: readonly MatrixPoint[],
  scale: number,
  lang: Lang = 'en',
): Diagnosis | undefined {
  const m = DIAGNOSIS_CATALOGS[lang];
  const block = blockOf(spec, param);
  const first = points[0];
  if (!block || !first) return undefined;
  const g = citeOf(derivation, param, block);
  const say = (kind: MistakeKind, message: string): Diagnosis => ({ kind, message: m.finish(message) });
  const matches = (f: (p: MatrixPoint) => Grid): boolean =>
    points.every((p) => {
      const c = f(p);
      return sameShape(c, p.truth) && c.every((row, i) => row.every((v, j) => close(v, p.truth[i]![j]!, scale)));
    });
  if (!points.every((p) => sameShape(p.claim, p.truth))) {
    return diagnoseShape(derivation, spec, param, { claim: shape(first.claim), truth: shape(first.truth) }, matches((p) => transposed(p.claim)), lang);
  }
  if (matches((p) => p.claim)) return undefined;
  if (matches((p) => transposed(p.claim))) return say('transpose', m.transpose(g));
  const fits = ([, , test]: Mistake): boolean => points.every((p) => p.claim.every((row, r) => row.every((v, c) => test(p, r, c, v, scale))));
  const found = entryMistakes(spec, derivation, block, g).find(fits);
  return found && say(found[0], found[1](m));
}
