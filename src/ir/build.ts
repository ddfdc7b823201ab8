// Smart constructors: the hash-consed constructors plus the identities that are never
// worth a derivation step (x + 0, 1·x, 0·x, constant folding, −(−x)). Everything the
// rules produce goes through these, so derivatives never carry "· 1" or "+ 0" noise.
import { binary, children, isParam, num, param, topoOrder, unary, variable, type Expr, type Unary } from './expr.ts';

export { num, variable };

const isConst = (e: Expr, v?: number): boolean => e.kind === 'const' && (v === undefined || e.value === v);
const valueOf = (e: Expr): number => (e.kind === 'const' ? e.value : NaN);

/** Fold only when the result is an exact, tidy number (no 0.30000000000000004 noise). */
function foldable(v: number): boolean {
  return Number.isFinite(v) && Number.isInteger(v * 1e6);
}

export function add(a: Expr, b: Expr): Expr {
  if (isConst(a, 0)) return b;
  if (isConst(b, 0)) return a;
  if (isConst(a) && isConst(b) && foldable(valueOf(a) + valueOf(b))) return num(valueOf(a) + valueOf(b));
  if (b.kind === 'neg') return sub(a, b.a);
  if (isConst(b) && valueOf(b) < 0) return sub(a, num(-valueOf(b)));
  return binary('add', a, b);
}

export function sub(a: Expr, b: Expr): Expr {
  if (isConst(b, 0)) return a;
  if (a === b) return num(0);
  if (isConst(a, 0)) return neg(b);
  if (isConst(a) && isConst(b) && foldable(valueOf(a) - valueOf(b))) return num(valueOf(a) - valueOf(b));
  if (b.kind === 'neg') return add(a, b.a);
  if (isConst(b) && valueOf(b) < 0) return add(a, num(-valueOf(b)));
  return binary('sub', a, b);
}

export function neg(a: Expr): Expr {
  if (a.kind === 'const') return num(-a.value);
  if (a.kind === 'neg') return a.a;
  return unary('neg', a);
}

export function mul(a: Expr, b: Expr): Expr {
  if (isConst(a, 0) || isConst(b, 0)) return num(0);
  if (isConst(a, 1)) return b;
  if (isConst(b, 1)) return a;
  if (isConst(a, -1)) return neg(b);
  if (isConst(b, -1)) return neg(a);
  if (isConst(a) && isConst(b) && foldable(valueOf(a) * valueOf(b))) return num(valueOf(a) * valueOf(b));
  if (a.kind === 'neg') return neg(mul(a.a, b));
  if (b.kind === 'neg') return neg(mul(a, b.a));
  // u · (1/v) reads as u/v, as the course writes the derivative of log.
  if (b.kind === 'div' && isConst(b.a, 1)) return div(a, b.b);
  if (a.kind === 'div' && isConst(a.a, 1) && !isConst(b)) return div(b, a.b);
  // Constants lead a product: 2·x, never x·2, and u·(2v) is 2·(uv).
  if (b.kind === 'mul' && isConst(b.a) && !isConst(a)) return mul(b.a, mul(a, b.b));
  if (b.kind === 'mul' && isConst(b.a) && isConst(a) && foldable(valueOf(a) * valueOf(b.a))) return mul(num(valueOf(a) * valueOf(b.a)), b.b);
  if (a.kind === 'mul' && isConst(a.a) && isConst(b)) return mul(mul(a.a, b), a.b);
  if (isConst(b) && !isConst(a)) return binary('mul', b, a);
  return binary('mul', a, b);
}

export function div(a: Expr, b: Expr): Expr {
  if (isConst(b, 1)) return a;
  if (isConst(a, 0)) return num(0);
  if (a === b) return num(1);
  if (isConst(b, -1)) return neg(a);
  if (a.kind === 'neg') return neg(div(a.a, b));
  return binary('div', a, b);
}

export function pow(a: Expr, b: Expr): Expr {
  if (isConst(b, 1)) return a;
  if (isConst(b, 0)) return num(1);
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
