// Smart constructors: the hash-consed constructors plus the identities that are never
// worth a derivation step (x + 0, 1·x, 0·x, constant folding, −(−x)). Everything the
// rules produce goes through these, so derivatives never carry "· 1" or "+ 0" noise.
import { binary, children, isParam, num, param, pi, rational, topoOrder, unary, variable, type Const, type Expr, type Unary } from './expr.ts';
import * as Q from './q.ts';

export { num, pi, rational, variable };

const isConst = (e: Expr): e is Const => e.kind === 'const';
/** Is e the constant v exactly? */
const isNum = (e: Expr, v: number): boolean => e.kind === 'const' && e.value === v && Q.isInteger(e.q);
const valueOf = (e: Expr): number => (e.kind === 'const' ? e.value : NaN);
/** Exact constant arithmetic: constants fold with no rounding. */
const fold = (a: Const, b: Const, f: (x: Q.Q, y: Q.Q) => Q.Q): Const => rational(f(a.q, b.q));

export function add(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  if (isConst(a) && isConst(b)) return fold(a, b, Q.add);
  if (b.kind === 'neg') return sub(a, b.a);
  if (isConst(b) && valueOf(b) < 0) return sub(a, rational(Q.neg(b.q)));
  return binary('add', a, b);
}

export function sub(a: Expr, b: Expr): Expr {
  if (isNum(b, 0)) return a;
  if (a === b) return num(0);
  if (isNum(a, 0)) return neg(b);
  if (isConst(a) && isConst(b)) return fold(a, b, Q.sub);
  if (b.kind === 'neg') return add(a, b.a);
  if (isConst(b) && valueOf(b) < 0) return add(a, rational(Q.neg(b.q)));
  return binary('sub', a, b);
}

export function neg(a: Expr): Expr {
  if (a.kind === 'const') return rational(Q.neg(a.q));
  if (a.kind === 'neg') return a.a;
  return unary('neg', a);
}

export function mul(a: Expr, b: Expr): Expr {
  if (isNum(a, 0) || isNum(b, 0)) return num(0);
  if (isNum(a, 1)) return b;
  if (isNum(b, 1)) return a;
  if (isNum(a, -1)) return neg(b);
  if (isNum(b, -1)) return neg(a);
  if (isConst(a) && isConst(b)) return fold(a, b, Q.mul);
  if (a.kind === 'neg') return neg(mul(a.a, b));
  if (b.kind === 'neg') return neg(mul(a, b.a));
  // u · (1/v) reads as u/v, as the course writes the derivative of log.
  if (b.kind === 'div' && isNum(b.a, 1)) return div(a, b.b);
  if (a.kind === 'div' && isNum(a.a, 1) && !isConst(b)) return div(b, a.b);
  // Constants lead a product: 2·x, never x·2, and u·(2v) is 2·(uv).
  if (b.kind === 'mul' && isConst(b.a) && !isConst(a)) return mul(b.a, mul(a, b.b));
  if (b.kind === 'mul' && isConst(b.a) && isConst(a)) return mul(fold(a, b.a, Q.mul), b.b);
  if (a.kind === 'mul' && isConst(a.a) && isConst(b)) return mul(mul(a.a, b), a.b);
  if (isConst(b) && !isConst(a)) return binary('mul', b, a);
  return binary('mul', a, b);
}

export function div(a: Expr, b: Expr): Expr {
  if (isNum(b, 1)) return a;
  if (isNum(a, 0)) return num(0);
  if (a === b) return num(1);
  if (isNum(b, -1)) return neg(a);
  if (isConst(a) && isConst(b) && !isNum(b, 0)) return fold(a, b, Q.div);
  if (a.kind === 'neg') return neg(div(a.a, b));
  return binary('div', a, b);
}

/** Exponents of exactly folded constant powers stay small: 3^2 folds, 10^400 is left standing. */
const MAX_FOLDED_POWER = 64;

export function pow(a: Expr, b: Expr): Expr {
  if (isNum(b, 1)) return a;
  if (isNum(b, 0)) return num(1);
  if (isConst(a) && isConst(b) && Q.isInteger(b.q) && Math.abs(b.value) <= MAX_FOLDED_POWER && !(isNum(a, 0) && b.value < 0)) {
    return rational(Q.powInt(a.q, b.value));
  }
  return binary('pow', a, b);
}

/** Product of many factors, left to right. */
export function product(factors: readonly Expr[]): Expr {
  return factors.reduce<Expr>((acc, f) => mul(acc, f), num(1));
}

/** Sum of many terms, left to right. */
export function sum(terms: readonly Expr[]): Expr {
  return terms.reduce<Expr>((acc, t) => add(acc, t), num(0));
}

export const exp = (a: Expr): Expr => unary('exp', a);
export const log = (a: Expr): Expr => unary('log', a);
export const sqrt = (a: Expr): Expr => unary('sqrt', a);
export const abs = (a: Expr): Expr => unary('abs', a);
export const sign = (a: Expr): Expr => unary('sign', a);
export const sin = (a: Expr): Expr => unary('sin', a);
export const cos = (a: Expr): Expr => unary('cos', a);
export const tan = (a: Expr): Expr => unary('tan', a);
export const sigmoid = (a: Expr): Expr => unary('sigmoid', a);
export const tanh = (a: Expr): Expr => unary('tanh', a);
export const relu = (a: Expr): Expr => unary('relu', a);
export const softplus = (a: Expr): Expr => unary('softplus', a);
export const step = (a: Expr): Expr => unary('step', a);
export const sinh = (a: Expr): Expr => unary('sinh', a);
export const cosh = (a: Expr): Expr => unary('cosh', a);
export const sech = (a: Expr): Expr => unary('sech', a);
export const csch = (a: Expr): Expr => unary('csch', a);
export const coth = (a: Expr): Expr => unary('coth', a);
export const sec = (a: Expr): Expr => unary('sec', a);
export const csc = (a: Expr): Expr => unary('csc', a);
export const cot = (a: Expr): Expr => unary('cot', a);
export const asin = (a: Expr): Expr => unary('asin', a);
export const acos = (a: Expr): Expr => unary('acos', a);
export const atan = (a: Expr): Expr => unary('atan', a);
export const leakyRelu = (a: Expr, alpha: number): Expr => param('leaky_relu', a, alpha);
export const leakyStep = (a: Expr, alpha: number): Expr => param('leaky_step', a, alpha);

const SMART_BINARY = { add, sub, mul, div, pow } as const;

/** Rebuild e through the smart constructors (after a substitution put a 1 or a 0 somewhere). */
export function tidy(e: Expr): Expr {
  const memo = new Map<number, Expr>();
  for (const node of topoOrder([e])) {
    const kids = children(node).map((k) => memo.get(k.id)!);
    let out: Expr;
    if (kids.length === 0) out = node;
    else if (node.kind in SMART_BINARY) out = SMART_BINARY[node.kind as keyof typeof SMART_BINARY](kids[0]!, kids[1]!);
    else if (node.kind === 'neg') out = neg(kids[0]!);
    else if (isParam(node)) out = param(node.kind, kids[0]!, node.alpha);
    else out = unary((node as Unary).kind, kids[0]!);
    memo.set(node.id, out);
  }
  return memo.get(e.id)!;
}
