// Name the mistake in a wrong claim. Each candidate is a common error of a hand derivation
// (sign, a missing or extra local factor of the chain, the wrong activation's derivative,
// another parameter's gradient, a swapped input, a forgotten λw); it "fits" when it matches
// the claim at every probe point. The first that fits is reported, citing the sheet's
// equation number of the gradient.
import type { Derivation } from '../derivation/model.ts';
import * as B from '../ir/build.ts';
import { evaluate } from '../ir/eval.ts';
import { freeVars, substitute, variable, type Expr } from '../ir/expr.ts';
import { flatParams, isWeightName, networkNames } from '../network/names.ts';
import { layerSizes, type NetworkSpec } from '../network/spec.ts';
import type { JudgeContext, Problem } from './judge.ts';
import { close, type Sample } from './probe.ts';
import { describeEdge, pretty, type Edge } from './words.ts';

export interface ProbePoint extends Sample {
  readonly claim: number;
}

interface Candidate {
  readonly kind?: string;
  readonly message: string;
  fits(p: ProbePoint, scale: number): boolean;
}

/** The language of a diagnosis. */
export type Lang = 'en' | 'fr';

/** A named mistake: its kind (stable, for tools: `--json`'s "mistake") and one sentence in the asked language. */
export interface Diagnosis {
  readonly kind: string;
  readonly message: string;
}

export function diagnose(problem: Problem, points: readonly ProbePoint[], scale: number, _lang: Lang = 'en'): Diagnosis | undefined {
  for (const c of candidates(problem)) {
    if (points.every((p) => c.fits(p, scale))) return { kind: c.kind ?? 'other', message: c.message };
  }
  return undefined;
}

/** Lazily, in the order they are tried. */
function* candidates(problem: Problem): Generator<Candidate> {
  const { derivation: d, gradient, context } = problem;
  const what = context.kind === 'network' ? `∂J/∂${pretty(context.param)}` : `∂${d.output}/∂${context.wrt}`;
  const cite = `${what} (eq. ${gradient.eq})`;
  yield { message: `sign error: the claim is the negative of ${cite}`, fits: (p, s) => close(p.claim, -p.truth, s) };
  const edges = chainEdges(d, problem);
  for (const e of edges) yield* factorCandidates(e, cite, context);
  for (const e of edges) yield* activationCandidates(e, problem.truth, cite);
  if (context.kind === 'network') yield* indexCandidates(context.spec, d, context.param);
  else yield* otherVariableCandidates(problem);
  yield* swapCandidates(problem, cite);
  if (context.kind === 'network' && context.spec.l2 > 0 && isWeightName(context.param)) {
    const { l2 } = context.spec;
    const w = context.param;
    yield {
      message: `missing regularisation term λ·${w} (λ = ${l2}): ${cite} includes λ·${w} from the l2 penalty`,
      fits: (p, s) => close(p.claim, p.truth - l2 * p.env[w]!, s),
    };
  }
}

/** The local partials along every path of the gradient, each once, then the operands of products among them. */
function chainEdges(d: Derivation, problem: Problem): Edge[] {
  const seen = new Set<number>();
  const edges: Edge[] = [];
  const parts: Edge[] = [];
  const add = (list: Edge[], edge: Edge): void => {
    if (edge.factor.kind === 'const' || seen.has(edge.factor.id)) return;
    seen.add(edge.factor.id);
    list.push(edge);
  };
  for (const path of problem.gradient.paths) {
    path.factors.forEach((factor, i) => add(edges, { derivation: d, of: path.names[i]!, wrt: path.names[i + 1]!, factor }));
  }
  for (const edge of [...edges]) {
    for (const factor of operands(edge.factor)) add(parts, { ...edge, factor, part: true });
  }
  return [...edges, ...parts];
}

/** The operands of a product (flattened); nothing for any other node. */
function operands(e: Expr): Expr[] {
  if (e.kind !== 'mul') return [];
  const side = (x: Expr): Expr[] => (x.kind === 'mul' ? operands(x) : [x]);
  return [...side(e.a), ...side(e.b)];
}

const value = (e: Expr, p: ProbePoint): number => {
  try {
    return evaluate(e, p.env);
  } catch {
    return NaN;
  }
};

function* factorCandidates(edge: Edge, cite: string, context: JudgeContext): Generator<Candidate> {
  const words = describeEdge(edge);
  const f = edge.factor;
  const cancels = context.kind === 'network' && words.cancelledBy ? `: ${words.cancelledBy}` : '';
  yield {
    message: `missing factor ${words.label} in ${cite}`,
    fits: (p, s) => close(p.claim * value(f, p), p.truth, s),
  };
  yield {
    message: `extra factor ${words.label}${cancels}, in ${cite}`,
    fits: (p, s) => close(p.claim, p.truth * value(f, p), s),
  };
}

/** The truth with this edge's activation derivative replaced by another activation's. */
function* activationCandidates(edge: Edge, truth: Expr, cite: string): Generator<Candidate> {
  const words = describeEdge(edge);
  if (!words.activation) return;
  const A = variable(edge.of);
  const Z = variable(edge.wrt);
  const one = B.num(1);
  const alternatives: [string, string, Expr][] = [
    ['sigmoid', `σ' (${pretty(edge.of)}(1 − ${pretty(edge.of)}))`, B.mul(A, B.sub(one, A))],
    ['sigmoid', `σ' (σ(${edge.wrt})(1 − σ(${edge.wrt})))`, B.mul(B.sigmoid(Z), B.sub(one, B.sigmoid(Z)))],
    ['tanh', `tanh' (1 − ${pretty(edge.of)}²)`, B.sub(one, B.mul(A, A))],
    ['tanh', `tanh' (1 − tanh(${edge.wrt})²)`, B.sub(one, B.mul(B.tanh(Z), B.tanh(Z)))],
    ['relu', `relu' (step(${edge.wrt}))`, B.step(Z)],
    ['identity', `identity' (1)`, one],
  ];
  for (const [kind, text, alt] of alternatives) {
    if (kind === words.activation) continue;
    const variant = substitute(truth, new Map([[edge.factor.id, alt]]));
    if (variant === truth) continue;
    yield {
      message: `wrong activation derivative: ${text} used where ${pretty(edge.of)} = ${words.activation}(${edge.wrt}) needs ${words.label}, in ${cite}`,
      fits: (p, s) => close(p.claim, value(variant, p), s),
    };
  }
}

const WEIGHT = /^[wW](\d+)(?:_(\d+)_(\d+))?$/;

/** The claim is another parameter's gradient: a wrong index, or (same row, other column) a wrong input. */
function* indexCandidates(spec: NetworkSpec, d: Derivation, param: string): Generator<Candidate> {
  const params = flatParams(spec);
  const names = networkNames(spec);
  const eqOf = (q: string): string => {
    const g = d.gradients.find((x) => x.wrt === q);
    return g ? ` (eq. ${g.eq})` : '';
  };
  const mine = WEIGHT.exec(param);
  for (const [j, other] of params.entries()) {
    if (other === param) continue;
    const theirs = WEIGHT.exec(other);
    let message = `index: this is ∂J/∂${pretty(other)}${eqOf(other)}, the gradient of ${pretty(other)}, not of ${pretty(param)}${eqOf(param)}`;
    if (mine?.[2] && theirs?.[2] && mine[1] === theirs[1] && mine[2] === theirs[2]) {
      const k = Number(mine[1]);
      const input = (col: string): string => (k === 1 ? names.input(Number(col)) : names.act(k - 1, Number(col)));
      message = `wrong input: ${pretty(input(theirs[3]!))} used instead of ${pretty(input(mine[3]!))}; this is ∂J/∂${pretty(other)}${eqOf(other)}, not ∂J/∂${pretty(param)}${eqOf(param)}`;
    } else if (mine?.[2] && theirs?.[2] && mine[1] === theirs[1] && mine[2] === theirs[3] && mine[3] === theirs[2]) {
      message = `index: this is ∂J/∂${pretty(other)}${eqOf(other)}, not ∂J/∂${pretty(param)}${eqOf(param)} (indices swapped, as by a transpose)`;
    }
    yield { message, fits: (p, s) => p.grad !== undefined && close(p.claim, p.grad[j]!, s) };
  }
}

/** Groups of names a student may confuse: inputs, and the units of one layer. */
function swapGroups(problem: Problem): string[][] {
  const { context, derivation: d } = problem;
  if (context.kind === 'expression') return d.subject.kind === 'expression' ? [freeVars(d.subject.expr)] : [];
  const names = networkNames(context.spec);
  const sizes = layerSizes(context.spec);
  const units = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i + 1));
  const groups = [units(sizes[0]!, names.input)];
  for (let k = 1; k < sizes.length - 1; k++) {
    groups.push(units(sizes[k]!, (i) => names.act(k, i)), units(sizes[k]!, (i) => names.pre(k, i)));
  }
  return groups.filter((g) => g.length > 1);
}

function* swapCandidates(problem: Problem, cite: string): Generator<Candidate> {
  const used = new Set(freeVars(problem.truth));
  for (const group of swapGroups(problem)) {
    for (const u of group.filter((n) => used.has(n))) {
      for (const v of group.filter((n) => n !== u)) {
        const variant = substitute(problem.truth, new Map([[variable(u).id, variable(v)]]));
        yield {
          message: `wrong input: ${pretty(v)} used instead of ${pretty(u)} in ${cite}`,
          fits: (p, s) => close(p.claim, value(variant, p), s),
        };
      }
    }
  }
}

/** An expression's claim that is the derivative with respect to another variable. */
function* otherVariableCandidates(problem: Problem): Generator<Candidate> {
  const { derivation: d, gradient } = problem;
  for (const g of d.gradients) {
    if (g === gradient) continue;
    yield {
      message: `wrong input: this is ∂${d.output}/∂${g.wrt} (eq. ${g.eq}), the derivative with respect to ${g.wrt}, not ${gradient.wrt} (eq. ${gradient.eq})`,
      fits: (p, s) => close(p.claim, value(g.result, p), s),
    };
  }
}
