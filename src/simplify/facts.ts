// Steps that use facts about the network, not algebra alone: the definition of a
// softmax output (e^{a_k} = ŷ_k S) and a one-hot target (Σ_k y_k = 1). The first is a
// substitution by definition, so always sound. The second is shown only when the
// rational normal form proves it: the delta minus the claimed form, with every
// intermediate inlined and y_K replaced by 1 − Σ_{k<K} y_k, must be identically zero.
import * as B from '../ir/build.ts';
import { substitute, variable, type Expr } from '../ir/expr.ts';
import { TooLarge } from './poly.ts';
import { isIdenticallyZero } from './rational.ts';
import { simplifySteps, type StepRule } from './steps.ts';

export type FactRule = 'softmax' | 'one-hot';

export interface OneHot {
  /** The targets y_1, ..., y_K of one example: a one-hot row, so they sum to 1. */
  readonly targets: readonly string[];
  /** The form a delta takes once Σ_k y_k = 1 is used (ŷ_i − y_i), by the node it is the adjoint of. */
  readonly claims: ReadonlyMap<string, Expr>;
}

/** What a network knows about its last layer (network/graph.ts fills it in). */
export interface NetworkFacts {
  /** Rewrites by definition, node id -> replacement: e^{a_k} -> ŷ_k S for a softmax. */
  readonly definitions?: ReadonlyMap<number, Expr>;
  readonly oneHot?: OneHot;
}

export interface FactStep {
  readonly rule: StepRule | FactRule;
  readonly expr: Expr;
}

function zero(e: Expr): boolean {
  try {
    return isIdenticallyZero(e);
  } catch (err) {
    if (err instanceof TooLarge || err instanceof RangeError) return false;
    throw err;
  }
}

/**
 * Is e = claim given Σ_k y_k = 1, and only given it? `inline` replaces every intermediate
 * by its definition, so that ŷ_k, S and e^{a_k} are not taken as independent.
 */
export function provedByOneHot(e: Expr, claim: Expr, targets: readonly string[], inline: (e: Expr) => Expr): boolean {
  const last = targets[targets.length - 1];
  if (last === undefined) return false;
  const diff = inline(B.sub(e, claim));
  if (zero(diff)) return false; // true without the fact: not a one-hot step
  const rest = B.sum(targets.slice(0, -1).map((t) => variable(t)));
  return zero(substitute(diff, new Map([[variable(last).id, B.sub(B.num(1), rest)]])));
}

/**
 * The simplification steps of a delta: definitions substituted, then the algebra of
 * steps.ts, then the one-hot step if it is proved. Empty when nothing is simpler.
 */
export function deltaSteps(product: Expr, of: string, facts: NetworkFacts, inline: (e: Expr) => Expr): FactStep[] {
  const steps: FactStep[] = [];
  let current = product;
  if (facts.definitions) {
    const rewritten = substitute(product, facts.definitions);
    if (rewritten !== product) steps.push({ rule: 'softmax', expr: rewritten });
    current = rewritten;
  }
  steps.push(...simplifySteps(current));
  current = steps.length ? steps[steps.length - 1]!.expr : product;
  const claim = facts.oneHot?.claims.get(of);
  if (claim && claim !== current && provedByOneHot(current, claim, facts.oneHot!.targets, inline)) {
    steps.push({ rule: 'one-hot', expr: claim });
  }
  return steps;
}
