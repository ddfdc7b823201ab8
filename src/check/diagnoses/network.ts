// Mistakes of a network gradient as a whole: the chain stopped at a later layer's δ, and
// the l2 term (λ on a bias, 2λ for λ, λw forgotten).
import type { Delta } from '../../derivation/model.ts';
import { freeVars, substitute, variable } from '../../ir/expr.ts';
import { isWeightName } from '../../network/names.ts';
import { describeEdge, label, pretty, type Edge } from '../words.ts';
import { candidate, value, type Candidate, type Setting } from './candidate.ts';
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

/**
 * The claim stops at a later layer's δ: (ŷ − y)·x for ∂J/∂w₁, δ of the output where the
 * gradient needs δ of its own layer (seed 004, eq. 9-14): the factors of the hidden layers
 * between them are missing.
 */
export function* missingHiddenChain(s: Setting): Generator<Candidate> {
  const { d, g } = s;
  if (!s.spec || !g.deltaForm) return;
  const form = g.deltaForm;
  const own = d.deltas.filter((x) => freeVars(form).includes(x.name));
  const mine = own[0];
  if (own.length !== 1 || !mine) return;
  const rest = (form.kind === 'mul' ? operands(form) : [form]).filter((f) => !(f.kind === 'var' && f.name === mine.name)).map((f) => label(d, f));
  for (const later of d.deltas) {
    const span = later === mine ? undefined : between(s, later, mine);
    if (!span) continue;
    const variant = substitute(form, new Map([[variable(mine.name).id, variable(later.name)]]));
    const factors = span.edges.map((e) => describeEdge(e).label);
    const stop = { what: `${pretty(later.name)} = ∂J/∂${pretty(later.of)}`, eq: s.deltaEq(later) };
    yield candidate(
      'missing-hidden-chain',
      (m) => m.missingHiddenChain(stop, pretty(later.of), pretty(mine.of), factors, span.sum, s.cite) + m.rightFactors(rest),
      (p) => value(variant, p) + s.reg(p),
    );
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
