// Matrix-form derivation -> loop code over Float64Array, for networks of any size.
// Every binding becomes one loop (a matrix-vector product, an entry-by-entry function,
// a softmax), every gradient an outer-product accumulation into grad; per-layer vectors
// are module-level scratch buffers, so calls allocate nothing.
import * as B from '../ir/build.ts';
import { substitute, variable, type Expr } from '../ir/expr.ts';
import type { MExpr, MVar } from '../ir/matrix.ts';
import type { MatrixDerivation } from '../derive/matrix-backprop.ts';
import type { Binding } from '../derivation/model.ts';
import { tsPrinter, type HelperOp } from '../print/ts.ts';
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
  /** Vector nodes computed into an extra buffer before use (softmax of logits), by node id. */
  readonly materialized: Map<number, string>;
  /** Extra buffers to declare: name -> length. */
  readonly extraScratch: Map<string, number>;
  fresh(stem: string): string;
}

/** Where entry `i` of a named vector is read. */
function entryOf(ctx: LoopContext, name: string, i: string): string {
  const real = ctx.alias.get(name) ?? name;
  if (real === ctx.input) return `X[xo + ${i}]!`;
  if (real === ctx.target) return `Y[yo + ${i}]!`;
  return `${real}[${i}]!`;
}

interface Compiled {
  readonly pre: readonly string[];
  readonly expr: string;
}

/** Entry i of a vector-valued node, with any statements it needs first. */
function element(ctx: LoopContext, e: MExpr, i: string): Compiled {
  if (e.kind === 'mvar') return { pre: [], expr: entryOf(ctx, e.name, i) };
  const buffer = ctx.materialized.get(e.id);
  if (buffer) return { pre: [], expr: `${buffer}[${i}]!` };
  if (e.kind === 'matmul' && e.a.kind === 'transpose' && e.a.a.kind === 'mvar' && e.b.kind === 'mvar') {
    // (Wᵀ v)_i = Σ_j W[j][i] v[j]
    const W = ctx.params.get(e.a.a.name)!;
    const dot = ctx.fresh('dot');
    const loop = `for (let j = 0; j < ${W.rows}; j++) ${dot} += theta[${W.offset} + j * ${W.cols} + ${i}]! * ${entryOf(ctx, e.b.name, 'j')};`;
    return { pre: [`let ${dot} = 0;`, loop], expr: dot };
  }
  if (e.kind === 'ew') return elementwise(ctx, e.f, e.args, (a) => element(ctx, a, i));
  throw new Error(`codegen: no loop form for ${e.kind} inside an elementwise expression`);
}

/** f(args) with each placeholder replaced by its compiled argument. */
function elementwise(ctx: LoopContext, f: Expr, args: readonly MExpr[], compile: (a: MExpr) => Compiled): Compiled {
  const parts = args.map(compile);
  const printed = new Map<string, string>(parts.map((p, k) => [`u${k}`, p.expr]));
  const expr = tsPrinter((name) => printed.get(name) ?? name, ctx.helpers).print(f);
  return { pre: parts.flatMap((p) => p.pre), expr };
}

/** A 1 × 1 node as a scalar computed by statements before use; `term` makes loss terms stable. */
function scalar(ctx: LoopContext, e: MExpr, term: (f: Expr, args: readonly MExpr[]) => Expr): Compiled {
  if (e.kind === 'sum' && e.a.kind === 'ew') {
    const acc = ctx.fresh('s');
    const body = named(ctx, term(e.a.f, e.a.args), 'i');
    return { pre: [`let ${acc} = 0;`, `for (let i = 0; i < ${e.a.shape[0]}; i++) ${acc} += ${body};`], expr: acc };
  }
  if (e.kind === 'lse' && e.a.kind === 'mvar') {
    const [m, s] = [ctx.fresh('max'), ctx.fresh('s')];
    const a = (i: string): string => entryOf(ctx, (e.a as MVar).name, i);
    const n = e.a.shape[0];
    return {
      pre: [`let ${m} = -Infinity;`, `for (let i = 0; i < ${n}; i++) if (${a('i')} > ${m}) ${m} = ${a('i')};`,
        `let ${s} = 0;`, `for (let i = 0; i < ${n}; i++) ${s} += Math.exp(${a('i')} - ${m});`],
      expr: `(${m} + Math.log(${s}))`,
    };
  }
  if (e.kind === 'ew') return elementwise(ctx, e.f, e.args, (a) => scalar(ctx, a, term));
  throw new Error(`codegen: no scalar loop form for ${e.kind}`);
}

/** An expression over vector names (and lse_ scalars), entry i. */
function named(ctx: LoopContext, f: Expr, i: string): string {
  return tsPrinter((name) => (name.startsWith(LSE) ? name : entryOf(ctx, name, i)), ctx.helpers).print(f);
}

/** The scalar holding log Σ exp(a) of a softmax output, set by fillVector. */
const LSE = 'lse_';

/** Vectors that an elementwise expression needs whole (a softmax of logits), computed first. */
function prerequisites(ctx: LoopContext, e: MExpr): string[] {
  if (e.kind !== 'ew') return [];
  return e.args.flatMap((arg) => {
    if (arg.kind !== 'softmax' || ctx.materialized.has(arg.id)) return prerequisites(ctx, arg);
    const name = ctx.fresh('p');
    ctx.extraScratch.set(name, arg.shape[0]);
    const lines = fillVector(ctx, name, arg);
    ctx.materialized.set(arg.id, name);
    return lines;
  });
}

/** Statements that fill vector `target` (length n) with node e. */
export function fillVector(ctx: LoopContext, target: string, e: MExpr): string[] {
  const n = e.shape[0];
  const before = prerequisites(ctx, e);
  if (before.length) return [...before, ...fillVector(ctx, target, e)];
  if (e.kind === 'madd' && e.a.kind === 'matmul' && e.a.a.kind === 'mvar' && e.a.b.kind === 'mvar' && e.b.kind === 'mvar') {
    // a = W h + b, one dot product per row
    const W = ctx.params.get(e.a.a.name)!;
    const b = ctx.params.get(e.b.name)!;
    const h = e.a.b.name;
    return [
      `for (let i = 0; i < ${n}; i++) {`,
      `  let s = theta[${b.offset} + i]!;`,
      `  for (let j = 0; j < ${W.cols}; j++) s += theta[${W.offset} + i * ${W.cols} + j]! * ${entryOf(ctx, h, 'j')};`,
      `  ${target}[i] = s;`,
      '}',
    ];
  }
  if (e.kind === 'softmax' && e.a.kind === 'mvar') {
    const a = (i: string): string => entryOf(ctx, (e.a as MVar).name, i);
    const [m, s] = [ctx.fresh('max'), ctx.fresh('s')];
    return [
      `let ${m} = -Infinity;`,
      `for (let i = 0; i < ${n}; i++) if (${a('i')} > ${m}) ${m} = ${a('i')};`,
      `let ${s} = 0;`,
      `for (let i = 0; i < ${n}; i++) {`,
      `  const e = Math.exp(${a('i')} - ${m});`,
      `  ${target}[i] = e;`,
      `  ${s} += e;`,
      '}',
      `for (let i = 0; i < ${n}; i++) ${target}[i]! /= ${s};`,
      // log p_i = a_i − (max + log s): the loss never takes the log of an underflowed p.
      `const ${LSE}${target} = ${m} + Math.log(${s});`,
    ];
  }
  const body = element(ctx, e, 'i');
  return [`for (let i = 0; i < ${n}; i++) {`, ...body.pre.map((l) => `  ${l}`), `  ${target}[i] = ${body.expr};`, '}'];
}

/** The loss of one example, made stable: BCE from the logits, log-softmax for cross-entropy. */
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
