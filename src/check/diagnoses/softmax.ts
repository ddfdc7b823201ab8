// Softmax mistakes (the CNN note, eq. 7 and 9). The output ŷₖ = exp(aₖ)/S depends on aᵢ by two
// routes: through its numerator when k = i, and through S = Σⱼ exp(aⱼ) for every k; the
// sheet's paths J → ŷₖ (→ S) → aᵢ are exactly these.
//   softmax-as-sigmoid: the output taken for a sigmoid of its pre-activation, ŷᵢ = σ(aᵢ):
//                       δᵢ = σ(aᵢ) − yᵢ (as bce after a sigmoid gives), or ∂J/∂ŷᵢ · σ′(aᵢ).
//   softmax-one-path:   part of Σₖ ∂J/∂ŷₖ · ∂ŷₖ/∂aᵢ only: the k = i term (ŷᵢ(1 − ŷᵢ)
//                       elementwise, the Jacobian's diagonal), the numerator's route alone (S
//                       held constant), or the routes through S alone.
import type { ChainPath } from '../../derivation/model.ts';
import * as B from '../../ir/build.ts';
import { variable, type Expr } from '../../ir/expr.ts';
import { networkNames } from '../../network/names.ts';
import { candidate, type Candidate, type Setting } from './candidate.ts';
import { pathsOnly, withDeltas } from './chain.ts';

interface Route {
  /** k of the output ŷₖ the path leaves J by, and i of the output pre-activation aᵢ it reaches. */
  readonly k: number;
  readonly i: number;
  readonly throughS: boolean;
}

export function* softmaxCandidates(s: Setting): Generator<Candidate> {
  const { spec, g } = s;
  const L = spec?.layers.length ?? 0;
  if (!spec || spec.layers[L - 1]!.activation !== 'softmax' || spec.loss !== 'cross_entropy' || g.truncated) return;
  const names = networkNames(spec);
  const K = spec.layers[L - 1]!.units;
  const outputs = new Map(Array.from({ length: K }, (_, k) => [names.act(L, k + 1), k + 1] as const));
  const pres = new Map(Array.from({ length: K }, (_, i) => [names.pre(L, i + 1), i + 1] as const));
  const route = (path: ChainPath): Route | undefined => {
    const at = path.names.findIndex((n) => outputs.has(n));
    const pre = path.names.findIndex((n, j) => j > at && pres.has(n));
    if (at < 0 || pre < 0) return undefined;
    return { k: outputs.get(path.names[at]!)!, i: pres.get(path.names[pre]!)!, throughS: path.names.slice(at, pre).includes(names.normaliser) };
  };
  const routes = new Map(g.paths.map((path) => [path, route(path)] as const));
  if (![...routes.values()].some((r) => r?.throughS)) return;
  const keep = (f: (r: Route) => boolean) => pathsOnly(s, (path) => { const r = routes.get(path); return r !== undefined && f(r); });
  const letter = spec.notation === 'z-a' ? 'z' : 'a';
  const outputDeltas = s.d.deltas.filter((x) => pres.has(x.of));
  const deltaEqs = [...new Set(outputDeltas.map(s.deltaEq))].filter((eq) => eq !== undefined);
  // δᵢ with ŷᵢ = σ(aᵢ): σ(aᵢ) − yᵢ, or ∂J/∂ŷᵢ · σ′(aᵢ) = −yᵢ/σ(aᵢ) · σ(aᵢ)(1 − σ(aᵢ)) = −yᵢ(1 − σ(aᵢ)).
  const forms: ((sigma: Expr, y: Expr) => Expr)[] = [(sigma, y) => B.sub(sigma, y), (sigma, y) => B.neg(B.mul(y, B.sub(B.num(1), sigma)))];
  for (const form of forms) {
    const deltas = new Map(outputDeltas.map((x) => [x.name, form(B.sigmoid(variable(x.of)), variable(names.target(pres.get(x.of)!)))] as const));
    const variant = withDeltas(s, deltas);
    if (variant) yield candidate('softmax-as-sigmoid', (m) => m.softmaxAsSigmoid(letter, deltaEqs, s.cite), variant);
  }
  const diagonal = keep((r) => r.k === r.i);
  const numerator = keep((r) => !r.throughS);
  const normaliser = keep((r) => r.throughS);
  if (diagonal) yield candidate('softmax-one-path', (m) => m.softmaxOnePath('diagonal', letter, s.cite), diagonal);
  if (numerator) yield candidate('softmax-one-path', (m) => m.softmaxOnePath('numerator', letter, s.cite), numerator);
  if (normaliser) yield candidate('softmax-one-path', (m) => m.softmaxOnePath('normaliser', letter, s.cite), normaliser);
}
