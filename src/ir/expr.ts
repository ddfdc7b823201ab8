// The expression IR: immutable, hash-consed scalar nodes.
//
// Nodes are built only through the constructors below, which return the one existing
// node for a given structure. Structural equality is therefore `===`, shared
// subexpressions (the backprop deltas) are shared objects, and a node's `id` is a
// stable key for maps. Constructors here do NOT simplify: `simplify/` and the smart
// builders in build.ts do that, so that a derivation can show each step.

import { interner } from './intern.ts';
import { fromNumber, toNumber, type Q } from './q.ts';

export const BINARY_OPS = ['add', 'sub', 'mul', 'div', 'pow'] as const;
export const UNARY_OPS = [
  'neg', 'exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tan',
  'sigmoid', 'tanh', 'relu', 'softplus', 'step', 'sign',
  'sinh', 'cosh', 'sech', 'csch', 'coth', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan',
] as const;
/** Ops with a numeric parameter (the leaky ReLU slope α and its derivative). */
export const PARAM_OPS = ['leaky_relu', 'leaky_step'] as const;

export type BinaryOp = (typeof BINARY_OPS)[number];
export type UnaryOp = (typeof UNARY_OPS)[number];
export type ParamOp = (typeof PARAM_OPS)[number];
/** Every operator node kind: the rule table is keyed by this type. */
export type Op = BinaryOp | UnaryOp | ParamOp;

interface Base {
  /** Creation order; unique per structure, so usable as a map key and a stable sort key. */
  readonly id: number;
}
/** A rational constant: exact in `q`, its nearest float in `value`. */
export interface Const extends Base {
  readonly kind: 'const';
  readonly value: number;
  readonly q: Q;
}
/** The exact constant π (e is exp(1)). */
export interface Pi extends Base {
  readonly kind: 'pi';
}
export interface Var extends Base {
  readonly kind: 'var';
  readonly name: string;
}
export interface Binary<K extends BinaryOp = BinaryOp> extends Base {
  readonly kind: K;
  readonly a: Expr;
  readonly b: Expr;
}
export interface Unary<K extends UnaryOp = UnaryOp> extends Base {
  readonly kind: K;
  readonly a: Expr;
}
export interface Param<K extends ParamOp = ParamOp> extends Base {
  readonly kind: K;
  readonly a: Expr;
  readonly alpha: number;
}

/** A node of the scalar IR: immutable and hash-consed (equal expressions are the same object). */
export type Expr = Const | Pi | Var | Binary | Unary | Param;
export type Leaf = Const | Pi | Var;
export type OpNode = Binary | Unary | Param;
/** The node type of one operator kind. */
export type NodeOf<K extends Op> = K extends BinaryOp ? Binary<K> : K extends UnaryOp ? Unary<K> : K extends ParamOp ? Param<K> : never;

const BINARY = new Set<string>(BINARY_OPS);
const UNARY = new Set<string>(UNARY_OPS);

export function isLeaf(e: Expr): e is Leaf {
  return e.kind === 'const' || e.kind === 'var' || e.kind === 'pi';
}
export function isBinary(e: Expr): e is Binary {
  return BINARY.has(e.kind);
}
export function isUnary(e: Expr): e is Unary {
  return UNARY.has(e.kind);
}
export function isParam(e: Expr): e is Param {
  return e.kind === 'leaky_relu' || e.kind === 'leaky_step';
}
export function isOp(name: string): name is Op {
  return BINARY.has(name) || UNARY.has(name) || name === 'leaky_relu' || name === 'leaky_step';
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

// ---- hash-consing -------------------------------------------------------------------

const { intern, size } = interner<Expr>();

/** Number of distinct nodes ever built (for tests of sharing). */
export function internedCount(): number {
  return size();
}

/** A constant from a float, read as its shortest decimal (0.1 is exactly 1/10). */
export function num(value: number): Const {
  if (!Number.isFinite(value)) throw new Error(`non-finite constant ${value}`);
  return rational(fromNumber(value));
}

/** A constant from an exact rational. */
export function rational(r: Q): Const {
  return intern(`c:${r.n}/${r.d}`, (id) => ({ kind: 'const', value: toNumber(r), q: r, id }));
}

export function pi(): Pi {
  return intern('pi', (id) => ({ kind: 'pi', id }));
}

export function variable(name: string): Var {
  return intern(`v:${name}`, (id) => ({ kind: 'var', name, id }));
}

export function binary<K extends BinaryOp>(kind: K, a: Expr, b: Expr): Binary<K> {
  return intern(`${kind}:${a.id}:${b.id}`, (id) => ({ kind, a, b, id }) as Binary<K>);
}

export function unary<K extends UnaryOp>(kind: K, a: Expr): Unary<K> {
  return intern(`${kind}:${a.id}`, (id) => ({ kind, a, id }) as Unary<K>);
}

export function param<K extends ParamOp>(kind: K, a: Expr, alpha: number): Param<K> {
  return intern(`${kind}:${a.id}:${alpha}`, (id) => ({ kind, a, alpha, id }) as Param<K>);
}

/** Children in evaluation order. */
export function children(e: Expr): readonly Expr[] {
  if (isLeaf(e)) return [];
  if (isBinary(e)) return [e.a, e.b];
  return [(e as Unary | Param).a];
}

/** Rebuild `e` with new children (same kind and parameters). */
export function withChildren(e: OpNode, kids: readonly Expr[]): Expr {
  if (isBinary(e)) return binary(e.kind, kids[0]!, kids[1]!);
  if (isParam(e)) return param(e.kind, kids[0]!, e.alpha);
  return unary((e as Unary).kind, kids[0]!);
}

/** Nodes reachable from the roots, children before parents (a topological order). */
export function topoOrder(roots: readonly Expr[]): Expr[] {
  const seen = new Set<number>();
  const order: Expr[] = [];
  const visit = (root: Expr): void => {
    // Iterative post-order: deep chains must not overflow the call stack.
    const stack: Array<[Expr, number]> = [[root, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [node, i] = top;
      if (i === 0 && seen.has(node.id)) {
        stack.pop();
        continue;
      }
      const kids = children(node);
      if (i < kids.length) {
        top[1] = i + 1;
        if (!seen.has(kids[i]!.id)) stack.push([kids[i]!, 0]);
      } else {
        stack.pop();
        if (!seen.has(node.id)) {
          seen.add(node.id);
          order.push(node);
        }
      }
    }
  };
  roots.forEach(visit);
  return order;
}

/** Distinct variable names in `e`, in order of first appearance. */
export function freeVars(e: Expr): string[] {
  return topoOrder([e]).filter((n): n is Var => n.kind === 'var').map((v) => v.name);
}

/** Number of distinct nodes of a set of expressions (shared nodes count once). */
export function dagSize(roots: readonly Expr[]): number {
  return topoOrder(roots).length;
}

/** Replace nodes by a mapping from node id; rebuilds only what changes. */
export function substitute(e: Expr, map: ReadonlyMap<number, Expr>): Expr {
  const memo = new Map<number, Expr>();
  for (const node of topoOrder([e])) {
    const direct = map.get(node.id);
    if (direct) {
      memo.set(node.id, direct);
      continue;
    }
    if (isLeaf(node)) {
      memo.set(node.id, node);
      continue;
    }
    const kids = children(node).map((k) => memo.get(k.id)!);
    const same = kids.every((k, i) => k === children(node)[i]);
    memo.set(node.id, same ? node : withChildren(node, kids));
  }
  return memo.get(e.id)!;
}
