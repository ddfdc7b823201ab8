// Products re-expressed with the named quotients: sin θ / cos θ = tan θ, 1/cos θ = sec θ,
// cos θ / sin θ = cot θ, 1/sin θ = csc θ, and the same for sinh and cosh (tanh, sech, coth,
// csch). Each is the definition of the function, so the value is unchanged wherever the
// product is defined (which is where its cos θ, sin θ factors do not vanish).
import * as B from '../ir/build.ts';
import { children, topoOrder, unary, withChildren, type Expr, type OpNode, type UnaryOp } from '../ir/expr.ts';
import * as Q from '../ir/q.ts';
import { count } from './ops.ts';

interface Family {
  readonly s: UnaryOp;
  readonly c: UnaryOp;
  /** s/c, c/s, 1/c, 1/s */
  readonly names: readonly [UnaryOp, UnaryOp, UnaryOp, UnaryOp];
}
export const CIRCULAR: Family = { s: 'sin', c: 'cos', names: ['tan', 'cot', 'sec', 'csc'] };
export const HYPERBOLIC: Family = { s: 'sinh', c: 'cosh', names: ['tanh', 'coth', 'sech', 'csch'] };

interface Flat {
  coeff: Q.Q;
  /** base id -> [base, integer exponent] */
  readonly powers: Map<number, [Expr, number]>;
  readonly others: Expr[];
}

function flatten(e: Expr, sign: number, out: Flat): void {
  if (e.kind === 'mul') {
    flatten(e.a, sign, out);
    flatten(e.b, sign, out);
  } else if (e.kind === 'div') {
    flatten(e.a, sign, out);
    flatten(e.b, -sign, out);
  } else if (e.kind === 'neg') {
    out.coeff = Q.neg(out.coeff);
    flatten(e.a, sign, out);
  } else if (e.kind === 'const' && !Q.isZero(e.q)) {
    out.coeff = sign > 0 ? Q.mul(out.coeff, e.q) : Q.div(out.coeff, e.q);
  } else if (e.kind === 'pow' && e.b.kind === 'const' && Q.isInteger(e.b.q) && Math.abs(e.b.value) <= 64) {
    add(out, e.a, sign * e.b.value);
  } else {
    add(out, e, sign);
  }
}

function add(out: Flat, base: Expr, k: number): void {
  const prev = out.powers.get(base.id);
  out.powers.set(base.id, [base, (prev?.[1] ?? 0) + k]);
}

/** Terms of a sum with their signs. */
function sumTerms(e: Expr, sign: number, out: [Expr, number][]): void {
  if (e.kind === 'add' || e.kind === 'sub') {
    sumTerms(e.a, sign, out);
    sumTerms(e.b, e.kind === 'sub' ? -sign : sign, out);
  } else out.push([e, sign]);
}

/**
 * One product with its sin/cos pairs named; undefined when there is nothing to name. Also
 * tried: one power of a cos θ below the bar taken into a sum factor, (s − y c)/c³ =
 * (tan θ − y)/c² — kept when shorter.
 */
function contractProduct(e: Expr, f: Family): Expr | undefined {
  const flat: Flat = { coeff: Q.ONE, powers: new Map(), others: [] };
  flatten(e, 1, flat);
  const direct = contractFlat(flat, f);
  const sums = [...flat.powers.values()].filter(([b, k]) => k === 1 && (b.kind === 'add' || b.kind === 'sub'));
  const below = [...flat.powers.values()].filter(([b, k]) => k < 0 && (b.kind === f.s || b.kind === f.c));
  if (sums.length !== 1 || below.length === 0) return direct;
  let best = direct;
  for (const [atom, k0] of below) for (let m = 1; m <= Math.min(-k0, 3); m++) {
    const terms: [Expr, number][] = [];
    sumTerms(sums[0]![0], 1, terms);
    const moved = terms.map(([t, sign]) => {
      const q = B.div(t, B.pow(atom, B.num(m)));
      const c = contractProduct(q, f) ?? rebuildOf(q);
      return sign < 0 ? B.neg(c) : c;
    });
    const powers = new Map(flat.powers);
    powers.delete(sums[0]![0].id);
    const sum = B.sum(moved);
    powers.set(sum.id, [sum, 1]);
    powers.set(atom.id, [atom, k0 + m]);
    const alt = contractFlat({ coeff: flat.coeff, powers, others: [] }, f) ?? rebuild({ coeff: flat.coeff, powers, others: [] });
    if (!best || count(alt) < count(best)) best = alt;
  }
  return best;
}

/** A product with its powers collected (y·cos θ / cos θ = y). */
function rebuildOf(e: Expr): Expr {
  const flat: Flat = { coeff: Q.ONE, powers: new Map(), others: [] };
  flatten(e, 1, flat);
  return rebuild(flat);
}

function contractFlat(flat: Flat, f: Family): Expr | undefined {
  flat = { coeff: flat.coeff, powers: new Map(flat.powers), others: [] };
  const byArg = new Map<number, { s: number; c: number; arg: Expr }>();
  for (const [base, k] of flat.powers.values()) {
    if (base.kind !== f.s && base.kind !== f.c) continue;
    const arg = (base as Extract<Expr, { a: Expr }>).a;
    const entry = byArg.get(arg.id) ?? { s: 0, c: 0, arg };
    if (base.kind === f.s) entry.s += k;
    else entry.c += k;
    byArg.set(arg.id, entry);
  }
  let changed = false;
  for (const { s, c, arg } of byArg.values()) {
    if (!(s < 0 || c < 0)) continue;
    changed = true;
    flat.powers.delete(unary(f.s, arg).id);
    flat.powers.delete(unary(f.c, arg).id);
    let [ks, kc] = [s, c];
    const [quot, inv, rc, rs] = f.names;
    const m1 = ks > 0 && kc < 0 ? Math.min(ks, -kc) : 0; // s/c
    ks -= m1;
    kc += m1;
    const m2 = ks < 0 && kc > 0 ? Math.min(-ks, kc) : 0; // c/s
    ks += m2;
    kc -= m2;
    const put = (op: UnaryOp, k: number): void => void (k !== 0 && add(flat, unary(op, arg), k));
    put(quot, m1);
    put(inv, m2);
    put(rc, kc < 0 ? -kc : 0);
    put(rs, ks < 0 ? -ks : 0);
    put(f.c, kc > 0 ? kc : 0);
    put(f.s, ks > 0 ? ks : 0);
  }
  return changed ? rebuild(flat) : undefined;
}

function rebuild(flat: Flat): Expr {
  const up: Expr[] = [];
  const down: Expr[] = [];
  for (const [base, k] of flat.powers.values()) if (k !== 0) (k > 0 ? up : down).push(B.pow(base, B.num(Math.abs(k))));
  const negative = Q.sign(flat.coeff) < 0;
  const c = negative ? Q.neg(flat.coeff) : flat.coeff;
  const top = B.mul(B.rational(down.length ? Q.q(c.n) : c), B.product(up));
  const out = down.length ? B.div(top, B.mul(B.rational(Q.q(c.d)), B.product(down))) : top;
  return negative ? B.neg(out) : out;
}

const isProduct = (e: Expr): boolean => e.kind === 'mul' || e.kind === 'div' || e.kind === 'neg' || e.kind === 'pow';

/** e with every product's quotients of the family named (bottom-up). */
export function contract(e: Expr, f: Family): Expr {
  const memo = new Map<number, Expr>();
  const parentIsProduct = new Set<number>();
  for (const node of topoOrder([e])) if (isProduct(node)) for (const k of children(node)) parentIsProduct.add(k.id);
  for (const node of topoOrder([e])) {
    const kids = children(node).map((k) => memo.get(k.id)!);
    const rebuilt = kids.length === 0 ? node : withChildren(node as OpNode, kids);
    // a maximal product (not inside a larger one) is contracted as a whole
    const whole = isProduct(rebuilt) && !(parentIsProduct.has(node.id) && node !== e);
    memo.set(node.id, (whole && contractProduct(rebuilt, f)) || rebuilt);
  }
  return memo.get(e.id)!;
}
