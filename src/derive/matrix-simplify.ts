// Rewrites of matrix expressions for display and for code: naming (replace a stored
// forward value by its name, also inside an elementwise function: σ(a)(1 − σ(a)) with
// h = σ(a) reads h ⊙ (1 − h)), the one-hot identity for cross-entropy targets, and the
// scalar simplifier applied entry by entry, each recorded as a step.
import * as B from '../ir/build.ts';
import { substitute, topoOrder, type Expr } from '../ir/expr.ts';
import { lift, mconst } from '../ir/matrix-build.ts';
import { logSumExp, madd, matmul, mtopo, mvar, placeholder, softmax, sumAll, transpose, type MExpr, type MVar } from '../ir/matrix.ts';
import { simplify, simplifySteps } from '../simplify/steps.ts';

export interface Named {
  readonly name: string;
  readonly expr: MExpr;
}

export type MatrixStepRule = 'inner-product' | 'one-hot' | 'common-denominator' | 'cancel' | 'expand' | 'collect';
export interface MatrixStep {
  readonly rule: MatrixStepRule;
  readonly expr: MExpr;
}

function rebuild(node: MExpr, kids: readonly MExpr[]): MExpr {
  switch (node.kind) {
    case 'mvar': return node;
    case 'matmul': return matmul(kids[0]!, kids[1]!);
    case 'madd': return madd(kids[0]!, kids[1]!);
    case 'transpose': return transpose(kids[0]!);
    case 'ew': return lift(node.f, kids, node.shape);
    case 'softmax': return softmax(kids[0]!);
    case 'sum': return sumAll(kids[0]!);
    case 'lse': return logSumExp(kids[0]!);
  }
}

/** Apply `f` bottom-up to every node of e. */
export function mapBottomUp(e: MExpr, f: (node: MExpr) => MExpr): MExpr {
  const memo = new Map<number, MExpr>();
  for (const node of mtopo([e])) {
    const kids = (node.kind === 'ew' ? node.args : node.kind === 'mvar' ? [] : 'b' in node ? [node.a, node.b] : [node.a]).map((k) => memo.get(k.id)!);
    memo.set(node.id, f(rebuild(node, kids)));
  }
  return memo.get(e.id)!;
}

/** The named elementwise bindings by the id of their first argument: a node only looks at those it could contain. */
const byFirstArg = new WeakMap<readonly Named[], Map<number, Named[]>>();

function candidatesFor(named: readonly Named[]): Map<number, Named[]> {
  let index = byFirstArg.get(named);
  if (!index) {
    index = new Map();
    for (const b of named) {
      const first = b.expr.kind === 'ew' ? b.expr.args[0] : undefined;
      if (first) index.set(first.id, [...(index.get(first.id) ?? []), b]);
    }
    byFirstArg.set(named, index);
  }
  return index;
}

/** Inside ew(f, args): find the function g of a named elementwise binding and use its name. */
function nameInside(node: MExpr, named: readonly Named[]): MExpr {
  if (node.kind !== 'ew') return node;
  let f: Expr = node.f;
  const args: MExpr[] = [...node.args];
  const index = candidatesFor(named);
  // In binding order, as before: a linear scan of every binding made deep chains quadratic.
  const candidates = [...new Set(node.args.flatMap((a) => index.get(a.id) ?? []))];
  if (candidates.length > 1) candidates.sort((x, y) => named.indexOf(x) - named.indexOf(y));
  for (const b of candidates) {
    if (b.expr.kind !== 'ew' || b.expr.args.some((a) => !args.includes(a))) continue;
    const remap = new Map(b.expr.args.map((a, j) => [placeholder(j).id, placeholder(args.indexOf(a))] as const));
    const g = substitute(b.expr.f, remap);
    if (!topoOrder([f]).includes(g)) continue;
    f = substitute(f, new Map([[g.id, placeholder(args.length)]]));
    args.push(mvar(b.name, b.expr.shape[0], b.expr.shape[1]));
  }
  return f === node.f ? node : lift(f, args, node.shape);
}

/** Replace every stored forward value by its name. */
const namesById = new WeakMap<readonly Named[], Map<number, MVar>>();

export function nameValues(e: MExpr, named: readonly Named[]): MExpr {
  // Built once per list of bindings: the backward pass names every adjoint against the same list.
  let byId = namesById.get(named);
  if (!byId) {
    byId = new Map(named.map((b) => [b.expr.id, mvar(b.name, b.expr.shape[0], b.expr.shape[1])] as const));
    namesById.set(named, byId);
  }
  const names = byId;
  return mapBottomUp(e, (node) => names.get(node.id) ?? nameInside(node, named));
}

/** pᵀ (f(args) with p among args) = Σ_k p_k f_k: an inner product of elementwise terms as one sum. */
function innerProduct(node: MExpr): MExpr {
  if (node.kind !== 'matmul' || node.a.kind !== 'transpose' || node.b.kind !== 'ew' || node.b.shape[1] !== 1) return node;
  const terms = lift(B.mul(placeholder(0), placeholder(1)), [node.a.a, node.b]);
  return sumAll(terms.kind === 'ew' ? lift(simplify(terms.f), terms.args, terms.shape) : terms);
}

/** Σ_k c·y_k = c when y is a one-hot target. */
function oneHot(target: MVar): (node: MExpr) => MExpr {
  return (node) => {
    if (node.kind !== 'sum' || node.a.kind !== 'ew' || node.a.args.length !== 1 || node.a.args[0] !== target) return node;
    const f = node.a.f;
    const collected = simplifySteps(f).at(-1)?.expr ?? f;
    const c = collected === placeholder(0) ? 1 : collected.kind === 'neg' && collected.a === placeholder(0) ? -1 : undefined;
    return c === undefined ? node : mconst(c);
  };
}

/** Elementwise simplification steps of an ew node (the scalar simplifier, lifted). */
function elementwiseSteps(e: MExpr): MatrixStep[] {
  if (e.kind !== 'ew') return [];
  return simplifySteps(e.f).map((s) => ({ rule: s.rule, expr: lift(s.expr, e.args, e.shape) }));
}

/** The steps that simplify an adjoint: inner products, the one-hot identity, then algebra. */
export function simplifyMatrix(e: MExpr, target: MVar | undefined): MatrixStep[] {
  const steps: MatrixStep[] = [];
  let current = e;
  const push = (rule: MatrixStepRule, next: MExpr): void => {
    if (next !== current) steps.push({ rule, expr: next });
    current = next;
  };
  push('inner-product', mapBottomUp(current, innerProduct));
  if (target) push('one-hot', mapBottomUp(current, oneHot(target)));
  for (const s of elementwiseSteps(current)) push(s.rule, s.expr);
  return steps;
}
