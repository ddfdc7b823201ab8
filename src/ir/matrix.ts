// The matrix-level IR: hash-consed nodes over column vectors and matrices, for the
// matrix form of a layered network (a_k = W_k h_{k−1} + b_k, h_k = g_k(a_k), ...).
//
// Elementwise work is one node kind, `ew`: a scalar IR expression over placeholders
// u0, u1, ... applied entry by entry to same-shaped arguments. Its derivative is the
// scalar rule table's, lifted; its simplification is the scalar simplifier's. So the
// matrix level adds only what is truly matrix calculus: products, transposes, softmax,
// sums.
import { variable, type Expr, type Var } from './expr.ts';
import { interner } from './intern.ts';

export type Shape = readonly [rows: number, cols: number];

interface Base {
  readonly id: number;
  readonly shape: Shape;
}
export interface MVar extends Base {
  readonly kind: 'mvar';
  readonly name: string;
}
export interface MatMul extends Base {
  readonly kind: 'matmul';
  readonly a: MExpr;
  readonly b: MExpr;
}
export interface Transpose extends Base {
  readonly kind: 'transpose';
  readonly a: MExpr;
}
export interface MAdd extends Base {
  readonly kind: 'madd';
  readonly a: MExpr;
  readonly b: MExpr;
}
/** f(u0, u1, ...) entry by entry; every argument has this node's shape or is 1 × 1
 * (a scalar, broadcast). With no argument it is a constant. */
export interface Elementwise extends Base {
  readonly kind: 'ew';
  readonly f: Expr;
  readonly args: readonly MExpr[];
}
/** softmax of a column vector: p_i = exp(a_i) / Σ_j exp(a_j). */
export interface Softmax extends Base {
  readonly kind: 'softmax';
  readonly a: MExpr;
}
/** Σ of all entries: a 1 × 1 result. */
export interface SumAll extends Base {
  readonly kind: 'sum';
  readonly a: MExpr;
}
/** log Σ_j exp(a_j), computed stably: a 1 × 1 result. */
export interface LogSumExp extends Base {
  readonly kind: 'lse';
  readonly a: MExpr;
}

export type MExpr = MVar | MatMul | Transpose | MAdd | Elementwise | Softmax | SumAll | LogSumExp;
export type MKind = MExpr['kind'];
export type MNodeOf<K extends MKind> = Extract<MExpr, { kind: K }>;

/** The i-th placeholder of an elementwise function. */
export function placeholder(i: number): Var {
  return variable(`u${i}`);
}

const { intern } = interner<MExpr>();

function sameShape(a: Shape, b: Shape, what: string): void {
  if (a[0] !== b[0] || a[1] !== b[1]) throw new Error(`${what}: shapes ${a.join('×')} and ${b.join('×')} differ`);
}

export function mvar(name: string, rows: number, cols = 1): MVar {
  return intern(`v:${name}:${rows}:${cols}`, (id) => ({ kind: 'mvar', name, shape: [rows, cols], id }));
}

export function matmul(a: MExpr, b: MExpr): MatMul {
  if (a.shape[1] !== b.shape[0]) throw new Error(`matmul: ${a.shape.join('×')} times ${b.shape.join('×')}`);
  return intern(`mm:${a.id}:${b.id}`, (id) => ({ kind: 'matmul', a, b, shape: [a.shape[0], b.shape[1]], id }));
}

export function transpose(a: MExpr): MExpr {
  if (a.kind === 'transpose') return a.a;
  return intern(`t:${a.id}`, (id) => ({ kind: 'transpose', a, shape: [a.shape[1], a.shape[0]], id }));
}

export function madd(a: MExpr, b: MExpr): MAdd {
  sameShape(a.shape, b.shape, 'madd');
  return intern(`+:${a.id}:${b.id}`, (id) => ({ kind: 'madd', a, b, shape: a.shape, id }));
}

const isScalar = (s: Shape): boolean => s[0] === 1 && s[1] === 1;

/** Raw elementwise node; matrix-build.ts `lift` is the canonical way to make one. */
export function ew(f: Expr, args: readonly MExpr[], shape?: Shape): Elementwise {
  const out = shape ?? args.find((x) => !isScalar(x.shape))?.shape ?? [1, 1];
  for (const x of args) if (!isScalar(x.shape)) sameShape(out, x.shape, 'ew');
  const key = `ew:${f.id}:${args.map((x) => x.id).join(',')}:${out.join('x')}`;
  return intern(key, (id) => ({ kind: 'ew', f, args, shape: out, id }));
}

export function softmax(a: MExpr): Softmax {
  return intern(`sm:${a.id}`, (id) => ({ kind: 'softmax', a, shape: a.shape, id }));
}

export function sumAll(a: MExpr): SumAll {
  return intern(`sum:${a.id}`, (id) => ({ kind: 'sum', a, shape: [1, 1], id }));
}

export function logSumExp(a: MExpr): LogSumExp {
  return intern(`lse:${a.id}`, (id) => ({ kind: 'lse', a, shape: [1, 1], id }));
}

export function mchildren(e: MExpr): readonly MExpr[] {
  switch (e.kind) {
    case 'mvar':
      return [];
    case 'matmul':
    case 'madd':
      return [e.a, e.b];
    case 'ew':
      return e.args;
    default:
      return [e.a];
  }
}

/** Nodes reachable from the roots, children first. */
export function mtopo(roots: readonly MExpr[]): MExpr[] {
  const seen = new Set<number>();
  const order: MExpr[] = [];
  const visit = (e: MExpr): void => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    mchildren(e).forEach(visit);
    order.push(e);
  };
  roots.forEach(visit);
  return order;
}

export function mfreeVars(e: MExpr): MVar[] {
  return mtopo([e]).filter((n): n is MVar => n.kind === 'mvar');
}
