// Mistakes in a function's derivative: the function itself for it (σ for σ′, tanh for tanh′,
// relu for relu′, softplus for σ, sin for cos, the whole expression), another activation's
// derivative (tanh′ for σ′), or the right derivative taken of the wrong quantity.
import { findBinding } from '../../derivation/model.ts';
import { variable, type Expr } from '../../ir/expr.ts';
import { layerSizes } from '../../network/spec.ts';
import { networkNames } from '../../network/names.ts';
import { ACTIVATIONS, activationOf, describeEdge, label, pretty, unitDerivative, type ActivationKind, type Edge } from '../words.ts';
import { candidate, value, type Candidate, type Setting } from './candidate.ts';
import { localEdges, otherFactors, replaced } from './chain.ts';

/** The edges of the chain that are a function of one argument: of = f(wrt). */
function functionEdges(s: Setting): { edge: Edge; fn: Expr }[] {
  return localEdges(s).flatMap((edge) => {
    const def = findBinding(s.d, edge.of)?.expr;
    return def && 'a' in def && !('b' in def) && def.a.kind === 'var' && def.a.name === edge.wrt ? [{ edge, fn: def }] : [];
  });
}

/** σ for σ′, tanh for tanh′, relu for relu′, softplus for softplus′ = σ, sin for cos. */
export function* functionForDerivative(s: Setting): Generator<Candidate> {
  for (const { edge, fn } of functionEdges(s)) {
    const variant = replaced(s, edge.factor, variable(edge.of));
    if (!variant) continue;
    const act = activationOf(fn, edge.wrt);
    const fnText = s.spec && act ? `${ACTIVATIONS[act].fn}(${pretty(edge.wrt)}) = ${pretty(edge.of)}` : label(s.d, fn);
    const words = describeEdge(edge);
    yield candidate('function-for-derivative', (m) => m.functionForDerivative(fnText, words.label, s.cite) + m.rightFactors(otherFactors(s, edge)), variant);
  }
}

/**
 * The whole function for its derivative: log(1 + exp(x)) for exp(x)/(1 + exp(x)). Tried
 * last: 2^x for 2^x·log(2) lacks a factor, exp(3x) for 3·exp(3x) the chain rule's 3.
 */
export function* wholeFunction(s: Setting): Generator<Candidate> {
  if (s.d.subject.kind !== 'expression') return;
  const output = variable(s.d.output);
  yield candidate('function-for-derivative', (m) => m.functionForDerivative(label(s.d, output), label(s.d, s.problem.truth), s.cite), (p) => value(output, p));
}

/** Another activation's derivative in place of this edge's (tanh' for σ'), on the same unit. */
export function* wrongActivation(s: Setting): Generator<Candidate> {
  for (const edge of localEdges(s)) {
    const words = describeEdge(edge);
    if (!words.activation) continue;
    const a = variable(edge.of);
    const z = variable(edge.wrt);
    // identity' = 1 is not among them: that claim lacks the factor, and is diagnosed so.
    const alternatives: [ActivationKind, string, Expr][] = [];
    for (const kind of ['sigmoid', 'tanh', 'relu'] as const) {
      const { prime, ofOutput, at } = ACTIVATIONS[kind];
      if (ofOutput) alternatives.push([kind, `${prime} = ${ofOutput.text(pretty(edge.of))}`, ofOutput.expr(a)]);
      if (at) alternatives.push([kind, `${prime} = ${at.text(pretty(edge.wrt))}`, at.expr(z)]);
    }
    const unit = `${pretty(edge.of)} = ${words.activation}(${pretty(edge.wrt)})`;
    for (const [kind, text, alt] of alternatives) {
      const variant = kind === words.activation ? undefined : replaced(s, edge.factor, alt);
      if (variant) yield candidate('wrong-activation', (m) => m.wrongActivation(text, unit, words.label, s.cite) + m.rightFactors(otherFactors(s, edge)), variant);
    }
  }
}

/** The network's quantities a derivative may be taken of: activations (inputs included) and pre-activations. */
function quantities(s: Setting): { acts: string[]; pres: string[] } {
  if (!s.spec) return { acts: [], pres: [] };
  const names = networkNames(s.spec);
  const sizes = layerSizes(s.spec);
  const units = (k: number): number[] => Array.from({ length: sizes[k]! }, (_, i) => i + 1);
  const acts = units(0).map((j) => names.input(j));
  const pres: string[] = [];
  for (let k = 1; k < sizes.length; k++) {
    acts.push(...units(k).map((i) => names.act(k, i)));
    pres.push(...units(k).map((i) => names.pre(k, i)));
  }
  return { acts, pres };
}

type Form = 'output' | 'at';

/** How a quantity's σ′ (tanh′, …) reads: the unit's own derivative when it has that activation. */
function derivativeText(s: Setting, kind: ActivationKind, q: string, form: Form): string {
  const def = findBinding(s.d, q)?.expr;
  const z = def && 'a' in def && def.a.kind === 'var' && activationOf(def, def.a.name) === kind ? def.a.name : undefined;
  if (form === 'output' && z) return unitDerivative(kind, pretty(q), pretty(z));
  const { prime, ofOutput } = ACTIVATIONS[kind];
  return form === 'output' && ofOutput ? ofOutput.text(pretty(q)) : `${prime}(${pretty(q)})`;
}

/**
 * The right activation's derivative of the wrong quantity: 1 − ŷ² for 1 − a₁², σ′(z₂) for
 * σ′(z₁); first through other activations and at other pre-activations, then the unit's
 * own two confused (σ′(a₁) for σ′(z₁), z₁(1 − z₁) for a₁(1 − a₁)).
 */
export function* activationOfWrongQuantity(s: Setting): Generator<Candidate> {
  const { acts, pres } = quantities(s);
  const tries: [Form, string[]][] = [['output', acts], ['at', pres], ['at', acts], ['output', pres]];
  for (const edge of localEdges(s)) {
    const words = describeEdge(edge);
    if (!words.activation) continue;
    const { ofOutput, at } = ACTIVATIONS[words.activation];
    const seen = new Set<number>([edge.factor.id]);
    for (const [form, qs] of tries) {
      for (const q of qs) {
        const alt = form === 'output' ? (q === edge.of ? undefined : ofOutput?.expr(variable(q))) : q === edge.wrt ? undefined : at?.expr(variable(q));
        if (!alt || seen.has(alt.id)) continue;
        seen.add(alt.id);
        const variant = replaced(s, edge.factor, alt);
        const used = derivativeText(s, words.activation, q, form);
        if (variant) yield candidate('activation-of-wrong-quantity', (m) => m.activationOfWrongQuantity(used, words.label, s.cite) + m.rightFactors(otherFactors(s, edge)), variant);
      }
    }
  }
}
