// Mistakes of one factor of the chain: a local partial missing (the chain rule's inner
// derivative, for an expression) or once too often, a small number off (the ½ of (√x)′),
// an activation's derivative on a linear output.
import { findBinding, type ChainPath } from '../../derivation/model.ts';
import { variable, type Expr } from '../../ir/expr.ts';
import { networkNames } from '../../network/names.ts';
import { close } from '../probe.ts';
import { ACTIVATIONS, describeEdge, inline, label, pretty, type Edge } from '../words.ts';
import { candidate, value, type Candidate, type Setting } from './candidate.ts';
import { chainEdges, otherFactors, pathsScaled } from './chain.ts';

/** Is `def` a function of the one argument u: f(u), or u raised to a constant power? */
const functionOf = (def: Expr | undefined, u: string): def is Expr =>
  def !== undefined && 'a' in def && def.a.kind === 'var' && def.a.name === u && (!('b' in def) || (def.kind === 'pow' && def.b.kind === 'const'));

/**
 * The chain rule's outer function above `edge` (an expression's): the first z = f(u) up the
 * path through factors of 1 (sums), so that the edge's factor is the derivative of u, the
 * argument (log(x² + 1): the 2·x of the argument x² + 1).
 */
function outerFunction(s: Setting, edge: Edge): { argument: string; outer: string } | undefined {
  if (s.d.subject.kind !== 'expression' || edge.part) return undefined;
  for (const path of s.g.paths) {
    const i = path.names.findIndex((n, j) => n === edge.of && path.names[j + 1] === edge.wrt);
    for (let j = i - 1; j >= 0; j--) {
      const def = findBinding(s.d, path.names[j]!)?.expr;
      if (functionOf(def, path.names[j + 1]!)) return { argument: label(s.d, variable(path.names[j + 1]!)), outer: label(s.d, def) };
      const f = path.factors[j]!;
      if (!(f.kind === 'const' && f.value === 1)) break;
    }
  }
  return undefined;
}

/** The claim lacks the factor (it times the factor is the truth), or has it once too often. */
export function* factorCandidates(s: Setting): Generator<Candidate> {
  for (const edge of chainEdges(s)) {
    const words = describeEdge(edge);
    const f = edge.factor;
    const outer = outerFunction(s, edge);
    yield {
      kind: outer ? 'missing-chain-factor' : 'missing-factor',
      message: (m) => (outer ? m.missingChainFactor(words.label, outer.argument, outer.outer, s.cite) : m.missingFactor(words.label, s.cite)) + m.rightFactors(otherFactors(s, edge)),
      fits: (p, sc) => close((p.claim - s.reg(p)) * value(f, p), p.truth - s.reg(p), sc),
    };
  }
  for (const edge of chainEdges(s)) {
    const words = describeEdge(edge);
    const cancel = s.spec ? words.cancel : undefined;
    const f = edge.factor;
    yield candidate('extra-factor', (m) => m.extraFactor(words.label, s.cite, cancel) + m.rightFactors(otherFactors(s), true), (p) => (p.truth - s.reg(p)) * value(f, p) + s.reg(p));
  }
}

/** The constants a truth is multiplied or divided by, as written: the ½ of (√x)′ = 1/(2√x). */
function writtenConstants(e: Expr, out = new Set<number>(), inverse = false): Set<number> {
  if (e.kind === 'const') out.add(inverse ? 1 / e.value : e.value);
  else if (e.kind === 'mul' || e.kind === 'div') {
    writtenConstants(e.a, out, inverse);
    writtenConstants(e.b, out, e.kind === 'div' ? !inverse : inverse);
  } else if (e.kind === 'neg') writtenConstants(e.a, out, inverse);
  return out;
}

/** Small numbers a claim may be off by: 2 doubled, the ½ of a power rule forgotten. */
const RATIOS: readonly [number, string][] = [2, 3, 4].flatMap((k): [number, string][] => [[k, String(k)], [1 / k, `1/${k}`]]);

/** The claim is the truth times a small number: that number's inverse missing when the truth has it, else extra. */
export function* constantFactor(s: Setting): Generator<Candidate> {
  const written = writtenConstants(s.d.subject.kind === 'expression' ? inline(s.d, s.problem.truth) : s.problem.truth);
  for (const [r, text] of RATIOS) {
    const inverse = RATIOS.find(([q]) => Math.abs(q * r - 1) < 1e-12)![1];
    const missing = [...written].some((c) => Math.abs(c * r - 1) < 1e-12);
    const kind = missing ? 'missing-factor' : 'extra-factor';
    yield candidate(kind, (m) => (missing ? m.missingFactor(inverse, s.cite) : m.extraFactor(text, s.cite)), (p) => (p.truth - s.reg(p)) * r + s.reg(p));
  }
}

/** On a linear (identity) output, an activation's derivative of ŷ where ∂ŷ/∂a = 1: ŷ(1 − ŷ), 1 − ŷ². */
export function* linearOutputFactor(s: Setting): Generator<Candidate> {
  const { spec } = s;
  const L = spec?.layers.length ?? 0;
  if (!spec || spec.layers[L - 1]!.activation !== 'identity') return;
  const names = networkNames(spec);
  const outputs = new Set(Array.from({ length: spec.layers[L - 1]!.units }, (_, i) => names.act(L, i + 1)));
  const unitOf = (path: ChainPath): string | undefined => path.names.find((n) => outputs.has(n));
  const units = [...new Set(s.g.paths.map(unitOf))];
  for (const kind of ['sigmoid', 'tanh'] as const) {
    const form = ACTIVATIONS[kind].ofOutput!;
    const variant = pathsScaled(s, (path) => {
      const y = unitOf(path);
      return y ? form.expr(variable(y)) : undefined;
    });
    const text = form.text(units.length === 1 && units[0] ? pretty(units[0]) : 'ŷᵢ');
    if (variant) yield candidate('extra-factor', (m) => m.extraFactor(text, s.cite, 'identity-output') + m.rightFactors(otherFactors(s), true), variant);
  }
}

