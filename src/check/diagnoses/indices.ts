// Mistakes of names: another parameter's gradient (a wrong index, the transposed entry,
// another input of the same unit), weights with swapped indices inside the formula, one
// input or unit for another, an expression's derivative with respect to another variable.
import { deriveExpressionIR } from '../../derive/expression.ts';
import { freeVars, type Expr } from '../../ir/expr.ts';
import { flatParams, networkNames } from '../../network/names.ts';
import { layerSizes } from '../../network/spec.ts';
import { pretty } from '../words.ts';
import { candidate, renamed, value, type Candidate, type Setting } from './candidate.ts';

const WEIGHT = /^[wW](\d+)(?:_(\d+)_(\d+))?$/;

/** The transposed entry W{k}_j_i of a weight W{k}_i_j (i ≠ j), when the network has it. */
function transposed(name: string, params: ReadonlySet<string>): string | undefined {
  const m = WEIGHT.exec(name);
  if (!m?.[2] || m[2] === m[3]) return undefined;
  const other = `W${m[1]}_${m[3]}_${m[2]}`;
  return params.has(other) ? other : undefined;
}

/** The claim is another parameter's gradient: a wrong index, the transposed entry, or another input of the unit. */
export function* otherParameter(s: Setting): Generator<Candidate> {
  const { context } = s.problem;
  if (!s.spec || context.kind !== 'network') return;
  const { param } = context;
  const params = flatParams(s.spec);
  const names = networkNames(s.spec);
  const ref = (q: string) => ({ what: `∂J/∂${pretty(q)}`, eq: s.d.gradients.find((x) => x.wrt === q)?.eq });
  const mine = WEIGHT.exec(param);
  const swapped = transposed(param, new Set(params));
  for (const [j, other] of params.entries()) {
    if (other === param) continue;
    const theirs = WEIGHT.exec(other);
    const fits = (p: { readonly grad?: Float64Array | undefined }) => p.grad?.[j] ?? NaN;
    if (other === swapped) {
      yield candidate('swapped-indices', (m) => m.swappedIndicesGradient(ref(other), ref(param)), fits);
    } else if (mine?.[2] && theirs?.[2] && mine[1] === theirs[1] && mine[2] === theirs[2]) {
      const k = Number(mine[1]);
      const input = (col: string): string => pretty(k === 1 ? names.input(Number(col)) : names.act(k - 1, Number(col)));
      yield candidate('wrong-input', (m) => m.wrongInputGradient(input(theirs[3]!), input(mine[3]!), ref(other), ref(param)), fits);
    } else {
      yield candidate('index', (m) => m.index(ref(other), pretty(other), ref(param), pretty(param)), fits);
    }
  }
}

/** W2[2][1] written for W2[1][2] inside the formula: one weight at a time, then each matrix read transposed. */
export function* swappedIndices(s: Setting): Generator<Candidate> {
  const { context } = s.problem;
  if (!s.spec || context.kind !== 'network') return;
  const params = new Set(flatParams(s.spec));
  const pairs = freeVars(s.problem.truth)
    .filter((v) => v !== context.param)
    .flatMap((v) => {
      const t = transposed(v, params);
      return t ? [[v, t] as const] : [];
    });
  const layers = [...new Set(pairs.map(([v]) => WEIGHT.exec(v)![1]!))];
  const groups = [...pairs.map((pair) => [pair]), ...layers.map((k) => pairs.filter(([v]) => WEIGHT.exec(v)![1] === k)).filter((g) => g.length > 1)];
  for (const group of groups) {
    const shown = group.map(([v, t]) => [pretty(t), pretty(v)] as const);
    yield candidate('swapped-indices', (m) => m.swappedIndices(shown, s.cite), renamed(s, new Map(group)));
  }
}

/** Past this many renamings, the values a student may confuse are grouped by layer only. */
const MAX_RENAMINGS = 400;

/**
 * Groups of names a student may confuse: the inputs and every hidden pre-activation and
 * activation (x for a₁, z¹₁ for a¹₁, h¹₂ for h¹₁), or, on a large network, the units of one
 * layer and each unit's pre-activation with its activation.
 */
function confusable(s: Setting): string[][] {
  const { d } = s;
  if (!s.spec) return d.subject.kind === 'expression' ? [freeVars(d.subject.expr)] : [];
  const names = networkNames(s.spec);
  const sizes = layerSizes(s.spec);
  const units = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i + 1));
  const layers = [units(sizes[0]!, names.input)];
  const partners: string[][] = [];
  for (let k = 1; k < sizes.length - 1; k++) {
    layers.push(units(sizes[k]!, (i) => names.act(k, i)), units(sizes[k]!, (i) => names.pre(k, i)));
    for (let i = 1; i <= sizes[k]!; i++) partners.push([names.pre(k, i), names.act(k, i)]);
  }
  const all = layers.flat();
  const used = new Set(freeVars(s.problem.truth));
  if (all.filter((n) => used.has(n)).length * all.length <= MAX_RENAMINGS) return [all];
  return [...layers.filter((g) => g.length > 1), ...partners];
}

/** One input (or unit) in place of another in the formula: x₁ for x₂, h¹₂ for h¹₁, x for a₁, z¹₁ for a¹₁. */
export function* wrongInput(s: Setting): Generator<Candidate> {
  const used = new Set(freeVars(s.problem.truth));
  for (const group of confusable(s)) {
    for (const u of group.filter((n) => used.has(n))) {
      for (const v of group.filter((n) => n !== u)) {
        yield candidate('wrong-input', (m) => m.wrongInput(pretty(v), pretty(u), s.cite), renamed(s, new Map([[u, v]])));
      }
    }
  }
}

/** An expression's claim that is the derivative with respect to another of its variables (derived here if the sheet did not). */
export function* otherVariable(s: Setting): Generator<Candidate> {
  const { d, g } = s;
  if (d.subject.kind !== 'expression') return;
  const { expr } = d.subject;
  for (const v of freeVars(expr).filter((x) => x !== g.wrt)) {
    const known = d.gradients.find((x) => x.wrt === v);
    let result: Expr | undefined = known?.result;
    try {
      result ??= deriveExpressionIR(expr, [v], 'diagnosis').gradients[0]?.result;
    } catch {
      continue;
    }
    if (!result) continue;
    const truth = result;
    const ref = { what: `∂${pretty(d.output)}/∂${pretty(v)}`, eq: known?.eq };
    yield candidate('index', (m) => m.wrongVariable(ref, pretty(v), s.cite, pretty(g.wrt)), (p) => value(truth, p));
  }
}
