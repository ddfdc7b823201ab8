// Relations between atoms, applied term by term until none applies: the numerator is then
// a unique representative, and zero exactly when the relations make it zero. Each rule is
// an identity wherever the term is defined:
//   sin(θ)^k = sin(θ)^{k−2}(1 − cos(θ)²)            k ≥ 2
//   p^k = p^{⌊k⌋} p^{k−⌊k⌋} for a prime atom p        (√2·√2 = 2)
//   B^k = B^{⌊k⌋} B^{k−⌊k⌋} for a composite base      (√(1+x²)² = 1 + x²; B ≥ 0 where B^{k} is defined)
//   step(u)^k = step(u), sign(u)^{k} = sign(u)^{k−2}  (values in {0, 1} and {−1, 0, 1})
//   sign(u)² = 1 where u ≠ 0 is known, and u·sign(u)² = u (both sides 0 at u = 0)
//   step(u)·sign(u) = step(u),  step(u)·step(−u) = 0
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import type { Ctx } from './canon-context.ts';
import { floorQ } from './canon-power.ts';
import { TooLarge, constPoly, isRational, makeMono, monoPoly, type PowerFactor, type Term } from './poly.ts';
import { MAX_POWER, addRat, mulRat, negRat, powRat, ratAtom, ratConst, ratPoly, type Rational } from './rational.ts';

const MAX_ROUNDS = 64;
const ONE = ratConst(Q.ONE);

const isInt = (k: PowerFactor[1]): k is Q.Q => isRational(k) && Q.isInteger(k);
const argOf = (a: Expr): Expr => (a as Extract<Expr, { a: Expr }>).a;

/** The replacement of factor i of the term (times the other factors), or undefined. */
function rewriteFactor(ctx: Ctx, factors: readonly PowerFactor[], i: number): Rational | undefined {
  const [a, k] = factors[i]!;
  const others = factors.filter((_, j) => j !== i);
  const has = (pred: (b: Expr, k: PowerFactor[1]) => boolean): boolean => others.some(([b, kb]) => pred(b, kb));
  if (a.kind === 'const' && a.value > 0 && isRational(k) && (Q.cmp(k, Q.ONE) >= 0 || Q.sign(k) < 0)) {
    const n = floorQ(k);
    if (n > 400n || n < -400n) throw new TooLarge('a constant power too large to fold');
    return mulRat(ratConst(Q.powInt(a.q, Number(n))), ratAtom(a, Q.sub(k, Q.q(n))));
  }
  const base = ctx.bases.get(a.id);
  if (base && isRational(k)) {
    const n = floorQ(k);
    if (n !== 0n && n <= BigInt(MAX_POWER) && n >= BigInt(-MAX_POWER)) return mulRat(powRat(base, Number(n)), ratAtom(a, Q.sub(k, Q.q(n))));
  }
  if (!isInt(k) || Q.sign(k) <= 0) return undefined;
  const u = a.kind === 'sin' || a.kind === 'step' || a.kind === 'sign' ? argOf(a) : undefined;
  if (a.kind === 'sin' && !ctx.display && Q.cmp(k, Q.q(2n)) >= 0) {
    const cos2 = ratAtom(B.cos(argOf(a)), Q.q(2n));
    return mulRat(ratAtom(a, Q.sub(k, Q.q(2n))), addRat(ONE, cos2, Q.neg(Q.ONE)));
  }
  if (a.kind === 'step') {
    if (Q.cmp(k, Q.ONE) > 0) return ratAtom(a);
    const minus = ctx.expr(negRat(ctx.of(u!)));
    if (has((b) => b.kind === 'step' && argOf(b) === minus)) return ratConst(Q.ZERO);
  }
  if (a.kind === 'sign') {
    if (has((b) => b.kind === 'step' && argOf(b) === u)) return ONE;
    if (Q.cmp(k, Q.q(3n)) >= 0) return ratAtom(a, Q.sub(k, Q.q(2n)));
    const nonzero = ctx.known.nonzero.has(u!.id) || ctx.known.positive.has(u!.id) || has((b, kb) => b === u && !(isRational(kb) && Q.isZero(kb)));
    if (Q.eq(k, Q.q(2n)) && nonzero) return ONE;
  }
  return undefined;
}

function rewriteTerm(ctx: Ctx, t: Term): Rational | undefined {
  const factors = t.mono.factors;
  for (let i = 0; i < factors.length; i++) {
    const r = rewriteFactor(ctx, factors, i);
    if (!r) continue;
    const rest = monoPoly(makeMono(factors.filter((_, j) => j !== i)), t.coeff);
    return mulRat(ratPoly(rest), r);
  }
  return undefined;
}

/** One round over the numerator's terms; undefined when no rule applied. */
function round(ctx: Ctx, r: Rational): Rational | undefined {
  const rewrites: Rational[] = [];
  const plain = new Map(r.num);
  for (const t of r.num.values()) {
    const next = rewriteTerm(ctx, t);
    if (!next) continue;
    rewrites.push(next);
    plain.delete(t.mono.key);
  }
  if (rewrites.length === 0) return undefined;
  // the untouched terms stay one polynomial; only the rewritten ones need rational sums
  let out = ratPoly(plain);
  for (const next of rewrites) out = addRat(out, next);
  return r.den.length ? mulRat(out, { num: constPoly(Q.ONE), den: r.den }) : out;
}

/** r with every relation applied to its numerator. */
export function reduce(ctx: Ctx, r: Rational): Rational {
  let out = r;
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const next = round(ctx, out);
    if (!next) return out;
    out = next;
  }
  return out;
}
