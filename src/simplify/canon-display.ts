// The canonical form in display mode, for the final forms a reader sees: functions are
// kept as written (σ(u) is not 1/(1 + e^{−u}), exp(x + y) is not e^x e^y), their arguments
// canonical, and only what a textbook would also write differently is rewritten:
// log(e^u) = u, √u = u^{1/2}, sin(−u) = −sin u, cos(−u) = cos u; exp is the prover's
// (e^{x+y} = e^x e^y, so that factors come out), merged again when written (display.ts).
import * as B from '../ir/build.ts';
import { param, unary, type Param, type Unary, type UnaryOp } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import type { Ctx } from './canon-context.ts';
import { laurent, power } from './canon-power.ts';
import { isRational, sortedTerms } from './poly.ts';
import { mulRat, negRat, ratAtom, ratConst, type Rational } from './rational.ts';

const ODD = new Set<string>(['sin', 'tan', 'sinh', 'tanh', 'asin', 'atan', 'csc', 'cot', 'csch', 'coth', 'sign']);
const EVEN = new Set<string>(['cos', 'cosh', 'sec', 'sech', 'abs']);

/** log u: one atom, unless u is a power of one exp atom (log(e^u)^k = k·u). */
export function logDisplay(ctx: Ctx, r: Rational): Rational {
  const p = laurent(r);
  const t = p?.size === 1 ? p.values().next().value! : undefined;
  if (r.num.size === 0) throw new RangeError('log of 0');
  if (t && Q.eq(t.coeff, Q.ONE) && t.mono.factors.length === 1) {
    const [a, k] = t.mono.factors[0]!;
    if (a.kind === 'exp' && isRational(k)) return mulRat(ctx.of(a.a), ratConst(k));
  }
  if (t && Q.eq(t.coeff, Q.ONE) && t.mono.factors.length === 0) return ratConst(Q.ZERO);
  return ratAtom(B.log(ctx.expr(r)));
}

/** Any other function, over its canonical argument; odd and even ones see a leading + sign. */
export function functionDisplay(ctx: Ctx, e: Unary | Param, r: Rational): Rational {
  const lead = sortedTerms(r.num)[0];
  const flip = lead !== undefined && Q.sign(lead.coeff) < 0 && (ODD.has(e.kind) || EVEN.has(e.kind));
  const u = ctx.expr(flip ? negRat(r) : r);
  const atom = ratAtom('alpha' in e ? param(e.kind, u, e.alpha) : unary(e.kind as UnaryOp, u));
  return flip && ODD.has(e.kind) ? negRat(atom) : atom;
}

/** √u = u^{1/2}. */
export function sqrtDisplay(ctx: Ctx, r: Rational): Rational {
  return power(ctx, r, Q.q(1n, 2n));
}
