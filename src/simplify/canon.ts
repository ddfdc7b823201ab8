// The canonical form: an expression, already in the basis of basis.ts, as a rational
// function over canonical atoms, with the relations of reduce.ts applied. Arguments of
// atoms are themselves canonical expressions, so sin(x + 1) and sin(1 + x) are one atom.
// Every step is an identity wherever the expression is defined; the canonical form of an
// expression that is zero there may still fail to be 0 (not proved), never the reverse.
import * as B from '../ir/build.ts';
import { isParam, isUnary, topoOrder, type Expr, type Param, type Unary } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import { toBasis } from './basis.ts';
import { emptyFacts, gcdQ, type Ctx, type Facts, type Method } from './canon-context.ts';
import { functionDisplay, logDisplay, sqrtDisplay } from './canon-display.ts';
import { asExponent, expOf, logOf, power } from './canon-power.ts';
import { oddOf, opaque, signOf, sinCos, stepOf } from './canon-trig.ts';
import { constPoly, contentSplit, isRational, mulPolyMono, scalePoly, type Term } from './poly.ts';
import { reduce } from './reduce.ts';
import { addRat, denPoly, invRat, mulRat, negRat, polyExpr, powRat, ratAtom, ratConst, ratPoly, type DenFactor, type Rational } from './rational.ts';

const MINUS_ONE = Q.neg(Q.ONE);

/** Atoms with relations of reduce.ts: kept in the denominator, where those see positive powers. */
const RELATIONAL = new Set(['sin', 'sign', 'step']);

/** Atoms of the denominator moved up with negative exponents: 1/x and x^{−1} are one form. */
function laurentForm(r: Rational): Rational {
  const single = (f: DenFactor): Term | undefined => {
    const t = f.poly.size === 1 ? f.poly.values().next().value : undefined;
    return t && t.mono.factors.every(([a]) => !RELATIONAL.has(a.kind)) ? t : undefined;
  };
  if (!r.den.some((f) => single(f))) return r;
  let num = r.num;
  const den: DenFactor[] = [];
  for (const f of r.den) {
    const t = single(f);
    if (t) num = mulPolyMono(scalePoly(num, Q.div(Q.ONE, Q.powInt(t.coeff, f.mult))), t.mono, Q.q(BigInt(-f.mult)));
    else den.push(f);
  }
  return { num, den };
}

export class Canon implements Ctx {
  readonly learned: Facts = emptyFacts();
  readonly used = new Set<Method>();
  readonly bases = new Map<number, Rational>();
  private readonly memo = new Map<number, Rational>();

  /** `display`: the final-form mode of canon-display.ts; otherwise the prover's basis. */
  constructor(
    readonly known: Facts = emptyFacts(),
    readonly display = false,
  ) {}

  exp(r: Rational): Rational {
    return expOf(this, r);
  }

  of(e: Expr): Rational {
    const hit = this.memo.get(e.id);
    if (hit) return hit;
    for (const node of topoOrder([e])) {
      if (this.memo.has(node.id)) continue;
      const r = reduce(this, this.display ? this.displayNode(node) : this.node(node));
      this.memo.set(node.id, laurentForm(this.display ? r : this.reduceDen(r)));
    }
    return this.memo.get(e.id)!;
  }

  /** Written with the denominator multiplied out, so that the expression's own form is this form again. */
  expr(r: Rational): Expr {
    const num = polyExpr(r.num);
    return r.den.length === 0 ? num : B.div(num, polyExpr(denPoly(r.den)));
  }

  /** The relations applied to each denominator factor too (sin² there is 1 − cos²). */
  private reduceDen(r: Rational): Rational {
    let out: Rational = { num: r.num, den: [] };
    for (const f of r.den) {
      // an atom's power as a whole (sin(x)² reduces, sin(x) does not)
      const power = f.poly.size === 1 ? powRat(ratPoly(f.poly), f.mult) : ratPoly(f.poly);
      const red = reduce(this, power);
      // through mulRat, so a factor already there adds its multiplicity rather than replacing it
      const inverse = red === power ? { num: constPoly(Q.ONE), den: [f] } : invRat(f.poly.size === 1 ? red : powRat(red, f.mult));
      out = mulRat(out, inverse);
    }
    return out;
  }

  /** What divides is ≠ 0 on the domain: so are the atoms of its common monomial. */
  private nonzero(r: Rational): void {
    if (r.num.size === 0) return;
    for (const [a, k] of contentSplit(r.num).mono.factors) if (isRational(k)) this.learned.nonzero.add(a.id);
  }

  /** Display mode: arithmetic and powers as in the prover, functions as written. */
  private displayNode(e: Expr): Rational {
    const k = (x: Expr): Rational => this.memo.get(x.id)!;
    switch (e.kind) {
      case 'log':
        return logDisplay(this, k(e.a));
      case 'sqrt':
        return sqrtDisplay(this, k(e.a));
      case 'exp': // as in the prover: e^{Σ c m} = Π (e^m)^c, merged again when written
      case 'const':
      case 'pi':
      case 'var':
      case 'add':
      case 'sub':
      case 'neg':
      case 'mul':
      case 'div':
      case 'pow':
        return this.node(e);
      default:
        return functionDisplay(this, e as Unary | Param, k((e as Unary | Param).a));
    }
  }

  private node(e: Expr): Rational {
    const k = (x: Expr): Rational => this.memo.get(x.id)!;
    switch (e.kind) {
      case 'const':
        return ratConst(e.q);
      case 'pi':
      case 'var':
        return ratAtom(e);
      case 'add':
        return addRat(k(e.a), k(e.b));
      case 'sub':
        return addRat(k(e.a), k(e.b), MINUS_ONE);
      case 'neg':
        return negRat(k(e.a));
      case 'mul':
        return mulRat(k(e.a), k(e.b));
      case 'div':
        this.used.add('rational');
        this.nonzero(k(e.b));
        return mulRat(k(e.a), invRat(k(e.b)));
      case 'pow': {
        const s = asExponent(k(e.b));
        if (s === undefined) return ratAtom(B.pow(this.expr(k(e.a)), this.expr(k(e.b))));
        if (isRational(s) && Q.sign(s) < 0) this.nonzero(k(e.a));
        return power(this, k(e.a), s);
      }
      case 'exp':
        return expOf(this, k(e.a));
      case 'log':
        return logOf(this, k(e.a));
      case 'sin':
        return sinCos(this, k(e.a)).s;
      case 'cos':
        return sinCos(this, k(e.a)).c;
      case 'sign':
        return signOf(this, k(e.a));
      case 'step':
        return stepOf(this, k(e.a));
      case 'asin':
      case 'atan':
        return oddOf(this, e.kind, k(e.a));
      default: {
        // Not in the basis (a caller passed it unrewritten): rewrite, or keep as one atom.
        const rewritten = toBasis(e);
        if (rewritten !== e) return this.of(rewritten);
        if (isUnary(e) || isParam(e)) return opaque(this, e, k(e.a));
        return ratAtom(e);
      }
    }
  }
}

/** Facts of two passes together (angle units: the finer of the two). */
export function mergeFacts(a: Facts, b: Facts): Facts {
  const angles = new Map(a.angles);
  for (const [key, g] of b.angles) {
    const prev = angles.get(key);
    angles.set(key, prev ? gcdQ(prev, g) : g);
  }
  return {
    positive: new Set([...a.positive, ...b.positive]),
    positivePolys: new Set([...a.positivePolys, ...b.positivePolys]),
    nonzero: new Set([...a.nonzero, ...b.nonzero]),
    angles,
  };
}

/** The canonical expression of e (its basis form, then the normal form written back). */
export function canonicalExpr(e: Expr, known: Facts = emptyFacts()): Expr {
  const c = new Canon(known);
  return c.expr(c.of(toBasis(e)));
}

/** The display canonical form of e (functions kept as written). */
export function displayForm(e: Expr, known: Facts = emptyFacts()): { canon: Canon; form: Rational } {
  const canon = new Canon(known, true);
  return { canon, form: canon.of(e) };
}
