// Mistakes of a network gradient as a whole: the chain stopped at a later layer's δ, and
// the l2 term (λ on a bias, 2λ for λ, λw forgotten).
import type { Delta } from '../../derivation/model.ts';
import { freeVars, substitute, variable, type Expr } from '../../ir/expr.ts';
import { isWeightName } from '../../network/names.ts';
import { describeEdge, label, pretty, type Edge } from '../words.ts';
import type { Ref } from '../messages/index.ts';
import { candidate, value, type Candidate, type ProbePoint, type Setting } from './candidate.ts';
import { operands } from './chain.ts';

/** The edges from `later.of` down to `mine.of` on each path through both, and how many units δ of mine sums over. */
function between(s: Setting, later: Delta, mine: Delta): { edges: Edge[]; sum: number } | undefined {
  const spans = s.g.paths.flatMap((path) => {
    const i = path.names.indexOf(later.of);
    const j = path.names.indexOf(mine.of);
    return i >= 0 && i < j ? [{ path, i, j }] : [];
  });
  const first = spans[0];
  if (!first) return undefined;
  const { path, i, j } = first;
  const edges = path.factors.slice(i, j).map((factor, k): Edge => ({ derivation: s.d, of: path.names[i + k]!, wrt: path.names[i + k + 1]!, factor }));
  const above = new Set(s.g.paths.map((p) => p.names[p.names.indexOf(mine.of) - 2]).filter((n) => n !== undefined));
  return { edges: edges.filter((e) => !(e.factor.kind === 'const' && e.factor.value === 1)), sum: above.size };
}

/** The parameter's own δ in its gradient's δ form (δ¹₂·x₃ → δ¹₂), with the other factors' labels. */
function ownDelta(s: Setting): { mine: Delta; form: Expr; rest: string[] } | undefined {
  const form = s.g.deltaForm;
  if (!s.spec || !form) return undefined;
  const own = s.d.deltas.filter((x) => freeVars(form).includes(x.name));
  const mine = own[0];
  if (own.length !== 1 || !mine) return undefined;
  const rest = (form.kind === 'mul' ? operands(form) : [form]).filter((f) => !(f.kind === 'var' && f.name === mine.name)).map((f) => label(s.d, f));
  return { mine, form, rest };
}

const deltaRef = (s: Setting, x: Delta): Ref => ({ what: `${pretty(x.name)} = ∂J/∂${pretty(x.of)}`, eq: s.deltaEq(x) });
/** The truth through its δ form with the parameter's own δ replaced by another. */
const otherDelta = (s: Setting, form: Expr, mine: Delta, other: Delta) => {
  const variant = substitute(form, new Map([[variable(mine.name).id, variable(other.name)]]));
  return (p: ProbePoint): number => value(variant, p) + s.reg(p);
};

/**
 * The claim stops at a later layer's δ: (ŷ − y)·x for ∂J/∂w₁, δ of the output where the
 * gradient needs δ of its own layer (CSI 4106, eq. 9-14): the factors of the hidden layers
 * between them are missing.
 */
export function* missingHiddenChain(s: Setting): Generator<Candidate> {
  const own = ownDelta(s);
  if (!own) return;
  const { mine, form, rest } = own;
  for (const later of s.d.deltas) {
    const span = later === mine ? undefined : between(s, later, mine);
    if (!span) continue;
    const factors = span.edges.map((e) => describeEdge(e).label);
    yield candidate(
      'missing-hidden-chain',
      (m) => m.missingHiddenChain(deltaRef(s, later), pretty(later.of), pretty(mine.of), factors, span.sum, s.cite) + m.rightFactors(rest),
      otherDelta(s, form, mine, later),
    );
  }
}

/** Another δ than the parameter's own that is not further up its chain: another unit's, or another layer's (z-a counts δ from the output back). */
export function* wrongDelta(s: Setting): Generator<Candidate> {
  const own = ownDelta(s);
  if (!own) return;
  const { mine, form } = own;
  const layer = (x: Delta): string => /^delta(\d+)/.exec(x.name)?.[1] ?? '';
  const output = s.d.deltas[0];
  for (const other of s.d.deltas) {
    if (other === mine || between(s, other, mine)) continue;
    const numbering = s.spec?.notation === 'z-a' && output && layer(other) !== layer(mine) ? deltaRef(s, output) : undefined;
    yield candidate('index', (m) => m.wrongDelta(pretty(other.name), deltaRef(s, mine), s.cite, numbering), otherDelta(s, form, mine, other));
  }
}

/** The l2 penalty (λ/2)‖W‖² gives λ·w to a weight's gradient and nothing to a bias's. */
export function* lambdaCandidates(s: Setting): Generator<Candidate> {
  const { context } = s.problem;
  if (!s.spec || s.spec.l2 <= 0 || context.kind !== 'network') return;
  const { l2 } = s.spec;
  const { param } = context;
  const name = pretty(param);
  const own = (p: { readonly env: Readonly<Record<string, number>> }): number => l2 * p.env[param]!;
  if (!isWeightName(param)) {
    yield candidate('lambda-on-bias', (m) => m.lambdaOnBias(name, l2, s.cite), (p) => p.truth + own(p));
    return;
  }
  yield candidate('double-lambda', (m) => m.doubleLambda(name, l2, s.cite), (p) => p.truth + own(p));
  yield candidate('missing-lambda', (m) => m.missingLambda(name, l2, s.cite), (p) => p.truth - own(p));
}
