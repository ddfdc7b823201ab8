// The chain-rule paths from the output to one variable, a view of a derivation computed on
// demand. Enumerating them for every parameter of a deep network is quadratic in depth (a
// chain of L layers has paths of length ~2L to each of its 2L parameters), so derive,
// codegen and the δ-form checker never ask; the sheet's written-out products and the
// checker's diagnoses ask for the few gradients they show.
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import type { ChainPath, Gradient, LocalPartial } from './model.ts';

/** At most this many paths are enumerated; more and the set is `truncated`. */
export const MAX_PATHS = 32;

export interface PathSet {
  /** Paths output -> ... -> wrt, each with the local partial of every edge (at most MAX_PATHS). */
  readonly paths: readonly ChainPath[];
  /** Σ over paths of the product of local partials: the whole derivative unless truncated. */
  readonly expanded: Expr;
  /** More paths exist than are listed: `expanded` is then not the whole sum. */
  readonly truncated: boolean;
}

/** What the paths are read from: the output's name and the local partials (edges). */
export interface PathSource {
  readonly output: string;
  readonly partials: readonly LocalPartial[];
}

interface Graph {
  readonly down: ReadonlyMap<string, readonly LocalPartial[]>;
  readonly up: ReadonlyMap<string, readonly string[]>;
  readonly cache: Map<string, PathSet>;
}

// Keyed by the partials array, which copies of a derivation (renumbering) share.
const graphs = new WeakMap<readonly LocalPartial[], Graph>();

function graphOf(partials: readonly LocalPartial[]): Graph {
  let g = graphs.get(partials);
  if (g) return g;
  const down = new Map<string, LocalPartial[]>();
  const up = new Map<string, string[]>();
  for (const p of partials) {
    down.set(p.of, [...(down.get(p.of) ?? []), p]);
    up.set(p.wrt, [...(up.get(p.wrt) ?? []), p.of]);
  }
  g = { down, up, cache: new Map() };
  graphs.set(partials, g);
  return g;
}

/** The nodes from which `to` can be reached, by one backward sweep over the edges. */
function leadingTo(to: string, up: ReadonlyMap<string, readonly string[]>): Set<string> {
  const leads = new Set([to]);
  const stack = [to];
  while (stack.length) {
    for (const of of up.get(stack.pop()!) ?? []) {
      if (!leads.has(of)) {
        leads.add(of);
        stack.push(of);
      }
    }
  }
  return leads;
}

function enumerate(from: string, to: string, g: Graph): ChainPath[] {
  // Only walk through nodes that lead to `to`: dead ends are exponentially many in depth,
  // and every step of the walk then ends in a path, so the cost is MAX_PATHS · length.
  const leads = leadingTo(to, g.up);
  const paths: ChainPath[] = [];
  if (!leads.has(from)) return paths;
  if (from === to) return [{ names: [from], factors: [] }];
  const names = [from];
  const factors: Expr[] = [];
  // Iterative depth-first walk (a chain is thousands of edges deep): one edge iterator per level.
  const stack: Iterator<LocalPartial>[] = [(g.down.get(from) ?? []).values()];
  while (stack.length && paths.length <= MAX_PATHS) {
    const next = stack[stack.length - 1]!.next();
    if (next.done) {
      stack.pop();
      names.pop();
      factors.pop();
      continue;
    }
    const p = next.value;
    if (!leads.has(p.wrt)) continue;
    names.push(p.wrt);
    factors.push(p.expr);
    if (p.wrt === to) {
      paths.push({ names: [...names], factors: [...factors] });
      names.pop();
      factors.pop();
    } else {
      stack.push((g.down.get(p.wrt) ?? []).values());
    }
  }
  return paths;
}

/** The paths from the output to `wrt` (memoised per derivation). */
export function chainPaths(d: PathSource, wrt: string): PathSet {
  const g = graphOf(d.partials);
  const key = `${d.output}\u0000${wrt}`;
  const hit = g.cache.get(key);
  if (hit) return hit;
  const all = enumerate(d.output, wrt, g);
  const truncated = all.length > MAX_PATHS;
  const paths = all.slice(0, MAX_PATHS);
  const set = { paths, truncated, expanded: B.sum(paths.map((p) => B.product(p.factors))) };
  g.cache.set(key, set);
  return set;
}

/** A gradient with its paths, for the readers that show or diagnose them. */
export type PathedGradient = Gradient & PathSet;

export function withPaths(d: PathSource, g: Gradient): PathedGradient {
  return { ...g, ...chainPaths(d, g.wrt) };
}
