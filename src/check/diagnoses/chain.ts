// The gradient as the sheet writes it: a sum over paths of products of local partials
// (derivation/model.ts, ChainPath). A candidate mistake is the truth with some local
// factors replaced, or some paths dropped; its value is that sum at the probe point.
import type { ChainPath, Delta } from '../../derivation/model.ts';
import { substitute, variable, type Expr } from '../../ir/expr.ts';
import { describeEdge, label, type Edge } from '../words.ts';
import { value, type ProbePoint, type Setting } from './candidate.ts';

/** A constant factor that changes nothing when missing or doubled: 0, 1, −1. */
const trivial = (e: Expr): boolean => e.kind === 'const' && (e.value === 1 || e.value === -1 || e.value === 0);

/** The operands of a product (flattened); nothing for any other node. */
export function operands(e: Expr): Expr[] {
  if (e.kind !== 'mul') return [];
  const side = (x: Expr): Expr[] => (x.kind === 'mul' ? operands(x) : [x]);
  return [...side(e.a), ...side(e.b)];
}

const edgesOf = (s: Setting, path: ChainPath): Edge[] =>
  path.factors.map((factor, i) => ({ derivation: s.d, of: path.names[i]!, wrt: path.names[i + 1]!, factor }));

/** The local partials along every path, each factor once, then the operands of products among them. */
export function chainEdges(s: Setting): Edge[] {
  const seen = new Set<number>();
  const fresh = (e: Edge): boolean => !trivial(e.factor) && !seen.has(e.factor.id) && (seen.add(e.factor.id), true);
  const edges = s.g.paths.flatMap((path) => edgesOf(s, path)).filter(fresh);
  const parts = edges.flatMap((edge) => operands(edge.factor).map((factor): Edge => ({ ...edge, factor, part: true }))).filter(fresh);
  return [...edges, ...parts];
}

/** Past this many paths, a local factor's mistake is looked for only in the factors every path shares. */
const FEW_PATHS = 4;

/**
 * The whole local partials a student may have got wrong (the function for its derivative,
 * another activation's derivative, …): all of them on a gradient of few paths; on a sum over
 * many paths (a deep or wide network) those every path shares, the parameter's own unit,
 * since a mistake in one term of a long sum is not one a student makes alone, and each
 * candidate costs an evaluation of the whole truth.
 */
export function localEdges(s: Setting): Edge[] {
  const whole = chainEdges(s).filter((e) => !e.part);
  const { paths } = s.g;
  if (paths.length <= FEW_PATHS && !s.g.truncated) return whole;
  return whole.filter((e) => paths.every((path) => path.factors.includes(e.factor)));
}

/** The gradient as one product: the output δ (the loss's factors, simplified) and the edges after it. */
export interface Product {
  readonly head?: { readonly delta: Delta; readonly edges: readonly Edge[] };
  readonly edges: readonly Edge[];
}

/** The gradient as one product, when every path goes through the same output δ and then the same edges. */
export function singleProduct(s: Setting): Product | undefined {
  const { d, g } = s;
  if (g.truncated || g.paths.length === 0) return undefined;
  const split = (path: ChainPath): { at: number; delta?: Delta } => {
    const at = path.names.findIndex((n) => d.deltas.some((x) => x.of === n));
    return at < 0 ? { at: 0 } : { at, delta: d.deltas.find((x) => x.of === path.names[at])! };
  };
  const tails = new Set(g.paths.map((path) => path.names.slice(split(path).at).join('>')));
  const first = g.paths[0]!;
  const { at, delta } = split(first);
  if (tails.size !== 1 || (!delta && g.paths.length > 1)) return undefined;
  const edges = edgesOf(s, first);
  const heads = g.paths.flatMap((path) => edgesOf(s, path).slice(0, split(path).at));
  return { ...(delta ? { head: { delta, edges: heads } } : {}), edges: edges.slice(at).filter((e) => !trivial(e.factor)) };
}

/**
 * The labels of the gradient's factors other than `edge` ("ŷ − y", "w₂", "x"), when the
 * gradient is one product and `edge` is outside its output δ; all of them without an edge.
 */
export function otherFactors(s: Setting, edge?: Edge): string[] {
  const product = singleProduct(s);
  if (!product) return [];
  const { head, edges } = product;
  if (edge && head?.edges.some((e) => e.factor === edge.factor || (edge.part && e.of === edge.of && e.wrt === edge.wrt))) return [];
  const labels = head ? [label(s.d, head.delta.expr)] : [];
  for (const e of edges) {
    if (!edge || e.of !== edge.of || e.wrt !== edge.wrt) labels.push(describeEdge(e).label);
    else if (edge.part) {
      const rest = operands(e.factor);
      rest.splice(rest.indexOf(edge.factor), 1);
      labels.push(...rest.filter((f) => !trivial(f)).map((f) => label(s.d, f)));
    }
  }
  return labels;
}

/** Σ over the kept paths of the product of their (replaced) factors, plus λw. */
function pathSum(s: Setting, paths: readonly (readonly Expr[])[]): (p: ProbePoint) => number {
  return (p) => paths.reduce((sum, fs) => sum + fs.reduce((prod, f) => prod * value(f, p), 1), 0) + s.reg(p);
}

/** A variable no derivation names: the hole a replaced factor leaves in the truth. */
const HOLE = '__replaced';
const holes = new WeakMap<Setting, Map<number, Expr>>();

/** The truth with `node` made a hole, once per setting and node (rebuilding a large truth is the costly part). */
function holed(s: Setting, node: Expr): Expr {
  let byNode = holes.get(s);
  if (!byNode) holes.set(s, (byNode = new Map()));
  let e = byNode.get(node.id);
  if (!e) byNode.set(node.id, (e = substitute(s.problem.truth, new Map([[node.id, variable(HOLE)]]))));
  return e;
}

/**
 * The truth with the local factor `node` replaced by `alt` wherever it occurs; undefined when
 * nothing changes. Through the paths when they are all listed, else in the truth expression.
 */
export function replaced(s: Setting, node: Expr, alt: Expr): ((p: ProbePoint) => number) | undefined {
  const { g, problem } = s;
  if (node === alt) return undefined;
  if (g.truncated || g.paths.length === 0) {
    const truth = holed(s, node);
    if (truth === problem.truth) return undefined;
    return (p) => {
      const env: Record<string, number> = Object.create(p.env) as Record<string, number>;
      env[HOLE] = value(alt, p);
      return value(truth, { env });
    };
  }
  const map = new Map([[node.id, alt]]);
  const paths = g.paths.map((path) => path.factors.map((f) => substitute(f, map)));
  const same = paths.every((fs, i) => fs.every((f, j) => f === g.paths[i]!.factors[j]));
  return same ? undefined : pathSum(s, paths);
}

/** The truth over some of its paths only; undefined when the paths are not all listed. */
export function pathsOnly(s: Setting, keep: (path: ChainPath) => boolean): ((p: ProbePoint) => number) | undefined {
  const { g } = s;
  if (g.truncated) return undefined;
  return pathSum(s, g.paths.filter(keep).map((path) => path.factors));
}

/**
 * The truth through the named deltas (the gradient's δ form) with some deltas redefined, the
 * deltas after them recomputed from their definitions; undefined without a δ form.
 */
export function withDeltas(s: Setting, redefined: ReadonlyMap<string, Expr>): ((p: ProbePoint) => number) | undefined {
  const form = s.g.deltaForm;
  const first = s.d.deltas.findIndex((x) => redefined.has(x.name));
  if (!form || first < 0) return undefined;
  const later = s.d.deltas.slice(first);
  return (p) => {
    const env: Record<string, number> = Object.create(p.env) as Record<string, number>;
    for (const x of later) env[x.name] = value(redefined.get(x.name) ?? x.expr, { env });
    return value(form, { env }) + s.reg(p);
  };
}

/** The truth with each path's product times an extra factor of that path (none: the path as it is); undefined past the path limit. */
export function pathsScaled(s: Setting, extra: (path: ChainPath) => Expr | undefined): ((p: ProbePoint) => number) | undefined {
  if (s.g.truncated) return undefined;
  return pathSum(s, s.g.paths.map((path) => [...(extra(path) ? [extra(path)!] : []), ...path.factors]));
}
