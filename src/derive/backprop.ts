// Symbolic reverse-mode differentiation over a graph of named bindings.
//
// Adjoints are accumulated from the output back, in reverse binding order:
// adj(v) = Σ_k adj(name_k) · ∂name_k/∂v. The adjoint of a designated node (a
// pre-activation) is bound to a new name, its delta, and every later adjoint refers to
// that name, so the derivation grows linearly with depth instead of re-expanding the
// whole chain below each parameter.
import * as B from '../ir/build.ts';
import { freeVars, substitute, variable, type Expr } from '../ir/expr.ts';
import type { Binding, Delta, Derivation, Gradient, LocalPartial, Step } from '../derivation/model.ts';
import { chainPaths } from '../derivation/paths.ts';
import { deltaSteps, type NetworkFacts } from '../simplify/facts.ts';
import { simplify } from '../simplify/steps.ts';
import { textbookSteps } from '../simplify/textbook.ts';
import { localDerivative } from './local.ts';

export interface BindingGraph {
  readonly subject: Derivation['subject'];
  readonly source: string;
  /** Forward bindings in evaluation order; the last is the output. */
  readonly bindings: readonly Omit<Binding, 'eq'>[];
  /** Variables to differentiate with respect to, in output order. */
  readonly wrt: readonly string[];
  /** The delta name for a binding whose adjoint gets one (pre-activations), if any. */
  readonly deltaName?: (binding: string) => string | undefined;
  /** Express final results in the inputs' own variables (expressions) or keep intermediates (networks). */
  readonly inlineIntermediates: boolean;
  /** Facts the deltas may be simplified with (softmax definition, one-hot targets). */
  readonly facts?: NetworkFacts;
}

function localPartials(graph: BindingGraph): LocalPartial[] {
  // A bare-variable binding (z = w) must not rename w everywhere, so it names nothing.
  const names = new Map<number, Expr>();
  for (const b of graph.bindings) if (b.expr.kind !== 'var') names.set(b.expr.id, variable(b.name));
  // Only edges that lead somewhere matter: to another binding or to a variable of interest.
  const wanted = new Set([...graph.bindings.map((b) => b.name), ...graph.wrt]);
  const out: LocalPartial[] = [];
  for (const b of graph.bindings) {
    for (const v of new Set(freeVars(b.expr).filter((name) => wanted.has(name)))) {
      const local = localDerivative(b.expr, v, names);
      if (local.expr.kind === 'const' && local.expr.value === 0) continue;
      out.push({ of: b.name, wrt: v, expr: local.expr, rules: local.rules.length ? local.rules : ['identity'] });
    }
  }
  return out;
}

/** Replace every intermediate name by its definition, innermost last (full inlining). */
function inliner(bindings: readonly Omit<Binding, 'eq'>[]): (e: Expr) => Expr {
  const defs = new Map<number, Expr>();
  for (const b of bindings) defs.set(variable(b.name).id, substitute(b.expr, defs));
  return (e) => substitute(e, defs);
}

function pushStep(steps: Step[], rule: Step['rule'], expr: Expr, start: Expr): void {
  const last = steps.length ? steps[steps.length - 1]!.expr : start;
  if (expr !== last) steps.push({ rule, expr });
}

/**
 * The bindings in an order for the reverse sweep: later runs first, but each run of
 * mutually independent bindings (the units of one layer) in its own order, so that δ₁
 * comes before δ₂ and sums read δ₁w₁ⱼ + δ₂w₂ⱼ. Valid: no binding of a run uses another.
 */
function reverseOrder(forward: readonly Binding[]): Binding[] {
  const runs: Binding[][] = [];
  let run: Binding[] = [];
  let names = new Set<string>();
  for (const b of forward) {
    if (freeVars(b.expr).some((v) => names.has(v))) {
      runs.push(run);
      run = [];
      names = new Set();
    }
    run.push(b);
    names.add(b.name);
  }
  runs.push(run);
  return runs.reverse().flat();
}

export function derive(graph: BindingGraph): Derivation {
  let eq = 0;
  const forward: Binding[] = graph.bindings.map((b) => ({ ...b, eq: ++eq }));
  const partials = localPartials(graph);
  const edges = new Map<string, LocalPartial[]>();
  for (const p of partials) edges.set(p.of, [...(edges.get(p.of) ?? []), p]);

  // Reverse sweep: adjoints, with named deltas.
  const output = forward[forward.length - 1]!.name;
  const adj = new Map<string, Expr>([[output, B.num(1)]]);
  const parents = new Map<string, string[]>();
  const deltas: Delta[] = [];
  const deltaValue = new Map<number, Expr>();
  const inline = inliner(graph.bindings);
  // The single-parent path from the output or the previous delta down to `name`. A node
  // with several parents (h_j feeds every unit of the next layer, a softmax input feeds
  // ŷ_i and S) has a sum for adjoint, not a chain: undefined, and the δ shows its product.
  const chainTo = (name: string): string[] | undefined => {
    const ps = parents.get(name) ?? [];
    if (ps.length !== 1) return undefined;
    const p = ps[0]!;
    if (p === output || deltas.some((d) => d.of === p)) return [p, name];
    const up = chainTo(p);
    return up && [...up, name];
  };
  // The factors of a single chain: the delta it starts from (if any), then each local partial.
  const chainFactors = (chain: readonly string[]): Expr[] => {
    const start = deltas.find((d) => d.of === chain[0]);
    const locals = chain.slice(1).map((wrt, i) => edges.get(chain[i]!)!.find((p) => p.wrt === wrt)!.expr);
    return start ? [variable(start.name), ...locals] : locals;
  };
  for (const b of reverseOrder(forward)) {
    let a = adj.get(b.name);
    if (!a) continue;
    const dName = graph.deltaName?.(b.name);
    if (dName) {
      const steps: Step[] = deltaSteps(a, b.name, graph.facts ?? {}, inline);
      const expr = steps.length ? steps[steps.length - 1]!.expr : a;
      const chain = chainTo(b.name) ?? [b.name];
      const factors = chain.length > 1 ? chainFactors(chain) : [a];
      deltas.push({ name: dName, expr, role: 'delta', eq: ++eq, of: b.name, chain, factors, product: a, steps });
      deltaValue.set(variable(dName).id, substitute(expr, deltaValue));
      a = variable(dName);
    }
    for (const p of edges.get(b.name) ?? []) {
      const prev = adj.get(p.wrt);
      const term = B.mul(a, p.expr);
      adj.set(p.wrt, prev ? B.add(prev, term) : term);
      parents.set(p.wrt, [...(parents.get(p.wrt) ?? []), b.name]);
    }
  }

  const gradients: Gradient[] = graph.wrt.map((v) => {
    const steps: Step[] = [];
    const deltaForm = adj.get(v) ?? B.num(0);
    if (graph.inlineIntermediates) {
      // Always shown: the product of the factors as one expression (1 · 1/v · y = y/v).
      const { expanded, truncated } = chainPaths({ output, partials }, v);
      const collected = simplify(truncated ? deltaForm : expanded);
      steps.push({ rule: 'multiply', expr: collected });
      const inlined = inline(collected);
      pushStep(steps, 'substitute', inlined, expanded);
      pushStep(steps, 'collect', simplify(inlined), expanded);
      for (const s of textbookSteps(steps[steps.length - 1]!.expr)) pushStep(steps, s.rule, s.expr, expanded);
    } else {
      // Shown even when it equals the product: the sheet displays the factors one by one.
      steps.push({ rule: 'simplify', expr: substitute(deltaForm, deltaValue) });
    }
    const result = steps[steps.length - 1]!.expr;
    const g: Gradient = { wrt: v, eq: ++eq, steps, result };
    return graph.deltaName ? { ...g, deltaForm } : g;
  });

  return { subject: graph.subject, output, source: graph.source, forward, partials, deltas, gradients };
}
