// Matrix-form derivation -> loop code over blocks of examples, for networks of any size.
// Each per-layer vector is kept for a whole block of up to CHUNK examples, in a row-major
// CHUNK × N buffer allocated once when the module loads. Every product of the step is then
// one call of the blocked gemm kernel (gemm.ts), every elementwise binding one flat loop over
// the block, and only softmax and the loss go example by example.
import * as B from '../ir/build.ts';
import { substitute, variable, type Expr } from '../ir/expr.ts';
import type { MExpr } from '../ir/matrix.ts';
import type { MatrixDerivation } from '../derive/matrix-backprop.ts';
import type { Binding } from '../derivation/model.ts';
import { tsPrinter, type HelperOp } from '../print/ts.ts';
import { isSmall, smallAffine, smallBiasGradient, smallTransposed, smallWeightGradient } from './small.ts';
import { stableLoss } from './stable.ts';

export interface ParamSlot {
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
}

/** What the loop emitter needs to know about where values live. */
export interface LoopContext {
  /** Prelude helpers the emitted code calls, collected while printing. */
  readonly helpers: Set<HelperOp>;
  /** θ offsets of W_k and b_k by name. */
  readonly params: ReadonlyMap<string, ParamSlot>;
  readonly input: string;
  readonly target: string;
  /** Vector names that alias another buffer (identity activations). */
  readonly alias: ReadonlyMap<string, string>;
  /** Length of every named vector, per example. */
  readonly sizes: ReadonlyMap<string, number>;
  /** Nodes computed into an extra buffer before use (softmax, Wᵀδ), by node id. */
  readonly materialized: Map<number, string>;
  /** Extra buffers to declare: name -> length per example. */
  readonly extraScratch: Map<string, number>;
  /** Set once any product goes through the gemm kernel, which is then emitted. */
  readonly kernels: Set<'gemm'>;
  fresh(stem: string): string;
}

/** Entry k of the block of a named vector is `array[base + k]`. */
export interface Place {
  readonly array: string;
  readonly base: string;
}

function place(ctx: LoopContext, name: string): Place {
  const real = ctx.alias.get(name) ?? name;
  if (real === ctx.input) return { array: 'X', base: 'xo' };
  if (real === ctx.target) return { array: 'Y', base: 'yo' };
  return { array: real, base: '0' };
}

export const entry = (p: Place, k: string): string => (p.base === '0' ? `${p.array}[${k}]!` : `${p.array}[${p.base} + ${k}]!`);

function sizeOf(ctx: LoopContext, name: string): number {
  const n = ctx.sizes.get(ctx.alias.get(name) ?? name);
  if (n === undefined) throw new Error(`codegen: no size for vector ${name}`);
  return n;
}

/** Entry i of example e of a named vector. */
const rowEntry = (ctx: LoopContext, name: string, i: string): string => entry(place(ctx, name), rowIndex(sizeOf(ctx, name), i));

/** `a * n`, or `a` when n = 1 (one-output networks read better without `* 1`). */
export const times = (a: string, n: number): string => (n === 1 ? a : `${a} * ${n}`);

function rowIndex(size: number, i: string): string {
  return i === '0' ? times('e', size) : `${times('e', size)} + ${i}`;
}

/** f(args) with each placeholder u_k replaced by its compiled argument. */
function elementwise(ctx: LoopContext, f: Expr, args: readonly MExpr[], compile: (a: MExpr) => string): string {
  const printed = new Map<string, string>(args.map((a, k) => [`u${k}`, compile(a)]));
  return tsPrinter((name) => printed.get(name) ?? name, ctx.helpers).print(f);
}

/** Flat entry k of a node whose operands are all materialised. */
function element(ctx: LoopContext, e: MExpr, k: string): string {
  if (e.kind === 'mvar') return entry(place(ctx, e.name), k);
  const buffer = ctx.materialized.get(e.id);
  if (buffer) return `${buffer}[${k}]!`;
  if (e.kind === 'ew') return elementwise(ctx, e.f, e.args, (a) => element(ctx, a, k));
  throw new Error(`codegen: no loop form for ${e.kind} inside an elementwise expression`);
}

/** The scalar holding log Σ exp(a) of a softmax output, one per example of the block. */
const LSE = 'lse_';

/** target = softmax(a), example by example, with each example's log Σ exp(a) kept in lse_target. */
function softmaxLines(ctx: LoopContext, target: string, a: string, n: number): string[] {
  const at = (i: string): string => entry(place(ctx, a), `o + ${i}`);
  ctx.extraScratch.set(`${LSE}${target}`, 1);
  return [
    'for (let e = 0; e < m; e++) {',
    `  const o = ${times('e', n)};`,
    '  let max = -Infinity;',
    `  for (let i = 0; i < ${n}; i++) if (${at('i')} > max) max = ${at('i')};`,
    '  let s = 0;',
    `  for (let i = 0; i < ${n}; i++) {`,
    `    const t = Math.exp(${at('i')} - max);`,
    `    ${target}[o + i] = t;`,
    '    s += t;',
    '  }',
    `  for (let i = 0; i < ${n}; i++) ${target}[o + i]! /= s;`,
    // log p_i = a_i − (max + log s): the loss never takes the log of an underflowed p.
    `  ${LSE}${target}[e] = max + Math.log(s);`,
    '}',
  ];
}

/** target = Wᵀ·v for every example: T (m × C) = V (m × R) · W (R × C). */
function transposedProduct(ctx: LoopContext, target: string, W: string, v: string): string[] {
  const w = ctx.params.get(W)!;
  const V = place(ctx, v);
  if (isSmall(w)) return smallTransposed(target, w, V);
  ctx.kernels.add('gemm');
  return [
    `${target}.fill(0, 0, ${times('m', w.cols)});`,
    `gemm(m, ${w.cols}, ${w.rows}, ${V.array}, ${V.base}, ${w.rows}, 1, theta, ${w.offset}, 1, ${w.cols}, ${target}, 0, ${w.cols}, 1);`,
  ];
}

/** Wᵀ·v with W a parameter and v a named vector (the back-propagated δ), as its two names. */
function asTransposedProduct(e: MExpr): { readonly W: string; readonly v: string } | undefined {
  if (e.kind !== 'matmul' || e.a.kind !== 'transpose' || e.a.a.kind !== 'mvar' || e.b.kind !== 'mvar') return undefined;
  return { W: e.a.a.name, v: e.b.name };
}

/** Operands of an elementwise node that need a whole-vector computation first. */
function prerequisites(ctx: LoopContext, e: MExpr): string[] {
  if (e.kind !== 'ew') return [];
  return e.args.flatMap((arg) => {
    if (ctx.materialized.has(arg.id)) return [];
    const isProduct = asTransposedProduct(arg) !== undefined;
    if (arg.kind !== 'softmax' && !isProduct) return prerequisites(ctx, arg);
    const name = ctx.fresh(isProduct ? 't' : 'p');
    ctx.extraScratch.set(name, arg.shape[0]);
    const lines = fillVector(ctx, name, arg);
    ctx.materialized.set(arg.id, name);
    return lines;
  });
}

/** Statements that fill the block of vector `target` with node e. */
export function fillVector(ctx: LoopContext, target: string, e: MExpr): string[] {
  const n = e.shape[0];
  if (e.kind === 'madd' && e.a.kind === 'matmul' && e.a.a.kind === 'mvar' && e.a.b.kind === 'mvar' && e.b.kind === 'mvar') {
    const W = ctx.params.get(e.a.a.name)!;
    const b = ctx.params.get(e.b.name)!;
    const H = place(ctx, e.a.b.name);
    if (isSmall(W)) return smallAffine(target, W, b, H);
    // A = H·Wᵀ + 1·bᵀ: every row starts as b, then one product for the block
    ctx.kernels.add('gemm');
    return [
      `for (let e = 0; e < m; e++) for (let i = 0; i < ${n}; i++) ${target}[${times('e', n)} + i] = theta[${b.offset} + i]!;`,
      `gemm(m, ${n}, ${W.cols}, ${H.array}, ${H.base}, ${W.cols}, 1, theta, ${W.offset}, ${W.cols}, 1, ${target}, 0, ${n}, 1);`,
    ];
  }
  const product = asTransposedProduct(e);
  if (product) return transposedProduct(ctx, target, product.W, product.v);
  if (e.kind === 'softmax' && e.a.kind === 'mvar') return softmaxLines(ctx, target, e.a.name, n);
  if (e.kind !== 'ew') throw new Error(`codegen: no loop form for ${e.kind}`);
  const before = prerequisites(ctx, e);
  return [...before, `for (let k = 0; k < ${times('m', n)}; k++) ${target}[k] = ${element(ctx, e, 'k')};`];
}

/** Gradient accumulation for the block: ∇W += Δᵀ·H (one product), ∇b += Σ_e δ_e. */
export function gradientLines(ctx: LoopContext, wrt: string, e: MExpr): string[] {
  const slot = ctx.params.get(wrt)!;
  if (e.kind === 'mvar') {
    const D = place(ctx, e.name);
    if (isSmall(slot)) return smallBiasGradient(slot, D);
    return [`for (let e = 0; e < m; e++) for (let i = 0; i < ${slot.rows}; i++) grad[${slot.offset} + i]! += ${entry(D, `${times('e', slot.rows)} + i`)};`];
  }
  if (e.kind === 'matmul' && e.a.kind === 'mvar' && e.b.kind === 'transpose' && e.b.a.kind === 'mvar') {
    const [D, H] = [place(ctx, e.a.name), place(ctx, e.b.a.name)];
    const { rows: R, cols: C } = slot;
    if (isSmall(slot)) return smallWeightGradient(slot, D, H);
    ctx.kernels.add('gemm');
    return [`gemm(${R}, ${C}, m, ${D.array}, ${D.base}, 1, ${R}, ${H.array}, ${H.base}, 1, ${C}, grad, ${slot.offset}, ${C}, 1);`];
  }
  throw new Error(`codegen: no loop form for the gradient of ${wrt}`);
}

interface Compiled {
  readonly pre: readonly string[];
  readonly expr: string;
}

/** An expression over vector names (and lse_ scalars), entry i of example e. */
function named(ctx: LoopContext, f: Expr, i: string): string {
  return tsPrinter((name) => (name.startsWith(LSE) ? `${name}[e]!` : rowEntry(ctx, name, i)), ctx.helpers).print(f);
}

/** A 1 × 1 node of example e, computed by statements before use; `term` makes loss terms stable. */
function scalar(ctx: LoopContext, e: MExpr, term: (f: Expr, args: readonly MExpr[]) => Expr): Compiled {
  if (e.kind === 'sum' && e.a.kind === 'ew') {
    if (e.a.shape[0] === 1) return { pre: [], expr: named(ctx, term(e.a.f, e.a.args), '0') };
    const acc = ctx.fresh('s');
    const body = named(ctx, term(e.a.f, e.a.args), 'i');
    return { pre: [`let ${acc} = 0;`, `for (let i = 0; i < ${e.a.shape[0]}; i++) ${acc} += ${body};`], expr: acc };
  }
  if (e.kind === 'lse' && e.a.kind === 'mvar') {
    const [m, s] = [ctx.fresh('max'), ctx.fresh('s')];
    const name = e.a.name;
    const a = (i: string): string => rowEntry(ctx, name, i);
    const n = e.a.shape[0];
    return {
      pre: [`let ${m} = -Infinity;`, `for (let i = 0; i < ${n}; i++) if (${a('i')} > ${m}) ${m} = ${a('i')};`,
        `let ${s} = 0;`, `for (let i = 0; i < ${n}; i++) ${s} += Math.exp(${a('i')} - ${m});`],
      expr: `(${m} + Math.log(${s}))`,
    };
  }
  if (e.kind === 'ew') {
    const parts = e.args.map((a) => scalar(ctx, a, term));
    const expr = elementwise(ctx, e.f, e.args, (a) => parts[e.args.indexOf(a)]!.expr);
    return { pre: parts.flatMap((p) => p.pre), expr };
  }
  throw new Error(`codegen: no scalar loop form for ${e.kind}`);
}

/** The loss of each example of the block, made stable: BCE from the logits, log-softmax for cross-entropy. */
export function lossStatements(ctx: LoopContext, d: MatrixDerivation): Compiled {
  const output = d.forward[d.forward.length - 1]!;
  const sigmoidPre: Binding[] = [];
  const logOf = new Map<string, Expr>();
  for (const b of d.forward) {
    const e = b.expr;
    if (e.kind === 'ew' && e.f.kind === 'sigmoid' && e.args[0]?.kind === 'mvar') {
      sigmoidPre.push({ name: b.name, expr: B.sigmoid(variable(e.args[0].name)), role: 'forward', eq: b.eq });
    }
    if (e.kind === 'softmax' && e.a.kind === 'mvar') logOf.set(b.name, B.sub(variable(e.a.name), variable(`${LSE}${b.name}`)));
  }
  const term = (f: Expr, args: readonly MExpr[]): Expr => {
    const names = new Map(args.map((a, k) => [variable(`u${k}`).id, variable(a.kind === 'mvar' ? a.name : `u${k}`)] as const));
    const withNames = substitute(f, names);
    const logs = new Map<number, Expr>();
    for (const [p, logp] of logOf) logs.set(B.log(variable(p)).id, logp);
    return stableLoss(substitute(withNames, logs), sigmoidPre);
  };
  return scalar(ctx, output.expr, term);
}
