// SymPy's count_ops(expr, visual=False), reimplemented for symprop's IR, so that the size of
// symprop's derivatives can be set beside SymPy's (bench/simplicity.ts, against the figures
// scripts/oracle/sympy_ops.py writes to bench/fixtures/sympy-ops.json).
//
// SymPy's algorithm (sympy/core/function.py, count_ops; SymPy 1.14) walks the expression TREE
// (a subexpression used twice counts twice) and counts:
//   - an n-ary Add as n − 1 ADD/SUB (x − y is one SUB), plus one NEG when every term is
//     negative (−x − y is NEG + SUB);
//   - an n-ary Mul as n − 1 MUL, one NEG when its coefficient is negative, and one DIV when it
//     has a denominator (fraction(): factors with a negative exponent, exp(−u), a rational
//     coefficient's q); the numerator and the denominator are then counted on their own, so
//     x/y is DIV, 2/x is DIV (the integer numerator is free) and 3x/2 is DIV + MUL;
//   - x^−1 as DIV, any other power as POW (and its exponent: √x = x^(1/2) is POW + DIV);
//   - a rational constant as NEG if negative plus DIV if not an integer (−1/3 is 2); integers
//     ≥ 0, floats and π as 0; Euler's e as 1 (EXP); exp(u), as every function application, as 1.
//
// symprop's IR is binary (add, sub, mul, div, pow, neg), so it is first put in the shape SymPy
// would hold (toSympy): sums and products flattened, a − b as a + (−1)·b, a/b as a·b^−1, √u as
// u^(1/2), e^u as exp(u), numeric factors folded into one leading coefficient, an integer power
// of a product or of a power distributed ((xy)^−1 = x^−1 y^−1, (x^2)^3 = x^6, (e^u)^2 = e^{2u}),
// and a number times a sum distributed (−(x + 1) = −x − 1, 2(x + y) = 2x + 2y), as SymPy's
// automatic evaluation does. Nothing else of SymPy's evaluation is applied: like terms are not
// collected (x + x stays two terms), equal bases are not merged (x·x^{x−1} is not x^x), log(e) is
// not 1. What is counted is the expression symprop prints, in SymPy's accounting.
//
// The fair-comparison choices:
//   - sigmoid, softplus, relu, step (Heaviside), sign, abs, leaky_relu and every other function
//     node count as ONE function application, plus their argument. SymPy's figures are for
//     its own expansion (σ(u) = 1/(1 + e^−u) is 4 ops and its derivative is written in exp),
//     while symprop may keep σ(u) as one node: that is symprop's notation, and counting σ as
//     one op is how SymPy counts any named function. (SymPy itself counts Heaviside(x) as 2,
//     because its second argument H0 = 1/2 is a DIV; here step(u) is 1.)
//   - A constant is exact when its denominator is at most MAX_EXACT_DENOMINATOR (0.25 = 1/4 is
//     a SymPy Rational: DIV), else it is a float (0 ops, as SymPy counts a Float). That is how
//     a folded 2π = 6.283185307179586 counts; `inexactConstants` reports such constants.
//   - Constants equal to Math.PI or Math.E (how the parser wrote pi and e before the IR had
//     exact ones) are π (0) and e (1), and a power with base e is exp.
//
// The IR is read generically (kind, children(), value/q), so IR kinds added later (sinh, sec,
// asin, ...) count as functions without a change here.
import { children, type Expr } from '../src/ir/expr.ts';

/** Denominators up to this are exact rationals (SymPy Rational); beyond, floats. */
export const MAX_EXACT_DENOMINATOR = 10n ** 9n;

/** An expression in SymPy's evaluated shape (what count_ops walks). */
export type Sym =
  | { readonly t: 'rat'; readonly n: bigint; readonly d: bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'pi' }
  | { readonly t: 'E' }
  | { readonly t: 'sym'; readonly name: string }
  | { readonly t: 'add'; readonly args: readonly Sym[] }
  | { readonly t: 'mul'; readonly args: readonly Sym[] }
  | { readonly t: 'pow'; readonly base: Sym; readonly exp: Sym }
  | { readonly t: 'fn'; readonly name: string; readonly args: readonly Sym[] };

type Rat = Extract<Sym, { t: 'rat' }>;
type Num = Extract<Sym, { t: 'rat' | 'float' }>;

// ---- rationals ------------------------------------------------------------------------

const babs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [babs(a), babs(b)];
  while (y) [x, y] = [y, x % y];
  return x;
}
export function rat(n: bigint | number, d: bigint | number = 1n): Rat {
  let [p, q] = [BigInt(n), BigInt(d)];
  if (q === 0n) throw new RangeError('zero denominator');
  if (q < 0n) [p, q] = [-p, -q];
  const g = gcd(p, q) || 1n;
  return { t: 'rat', n: p / g, d: q / g };
}
const ONE = rat(1);
const MINUS_ONE = rat(-1);
const isNum = (s: Sym): s is Num => s.t === 'rat' || s.t === 'float';
/** Is s the rational n/d? (Not a type guard: false does not mean "not a rational".) */
const isRat = (s: Sym, n: bigint, d = 1n): boolean => s.t === 'rat' && s.n === n && s.d === d;
const isInteger = (s: Sym): s is Rat => s.t === 'rat' && s.d === 1n;
const numValue = (s: Num): number => (s.t === 'float' ? s.v : Number(s.n) / Number(s.d));
const isNegativeNum = (s: Sym): boolean => (s.t === 'rat' ? s.n < 0n : s.t === 'float' ? s.v < 0 : false);

function numMul(a: Num, b: Num): Num {
  if (a.t === 'rat' && b.t === 'rat') return rat(a.n * b.n, a.d * b.d);
  return { t: 'float', v: numValue(a) * numValue(b) };
}
function numAdd(a: Num, b: Num): Num {
  if (a.t === 'rat' && b.t === 'rat') return rat(a.n * b.d + b.n * a.d, a.d * b.d);
  return { t: 'float', v: numValue(a) + numValue(b) };
}
const isZeroNum = (s: Num): boolean => (s.t === 'rat' ? s.n === 0n : s.v === 0);

/** The exact value of a finite float's shortest decimal form (0.1 -> 1/10). */
export function decimalRational(v: number): Rat {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v));
  if (!m) throw new RangeError(`not a finite number: ${v}`);
  const [, sign, int, frac = '', e = '0'] = m;
  const exp = Number(e) - frac.length;
  const n = BigInt(`${sign}${int}${frac}`);
  return exp >= 0 ? rat(n * 10n ** BigInt(exp)) : rat(n, 10n ** BigInt(-exp));
}

// ---- SymPy's automatic evaluation (the part of it described above) ------------------------

export function mkAdd(terms: readonly Sym[]): Sym {
  const flat: Sym[] = [];
  let c: Num = rat(0);
  for (const t of terms) {
    for (const u of t.t === 'add' ? t.args : [t]) {
      if (isNum(u)) c = numAdd(c, u);
      else flat.push(u);
    }
  }
  if (!isZeroNum(c) || flat.length === 0) flat.unshift(c);
  return flat.length === 1 ? flat[0]! : { t: 'add', args: flat };
}

export function mkMul(factors: readonly Sym[]): Sym {
  const rest: Sym[] = [];
  let c: Num = ONE;
  for (const f of factors) {
    for (const u of f.t === 'mul' ? f.args : [f]) {
      if (isNum(u)) c = numMul(c, u);
      else rest.push(u);
    }
  }
  if (isZeroNum(c) || rest.length === 0) return c;
  const unit = c.t === 'rat' && c.n === 1n && c.d === 1n;
  if (unit) return rest.length === 1 ? rest[0]! : { t: 'mul', args: rest };
  // A number times a sum is distributed: 2(x + y) = 2x + 2y, −(x − 1) = 1 − x.
  if (rest.length === 1 && rest[0]!.t === 'add') return mkAdd(rest[0]!.args.map((t) => mkMul([c, t])));
  return { t: 'mul', args: [c, ...rest] };
}

export const mkNeg = (a: Sym): Sym => mkMul([MINUS_ONE, a]);
export const fn = (name: string, ...args: Sym[]): Sym => ({ t: 'fn', name, args });

const MAX_FOLDED_POWER = 64n;

export function mkPow(base: Sym, exp: Sym): Sym {
  if (isRat(exp, 1n)) return base;
  if (isRat(exp, 0n)) return ONE;
  if (base.t === 'E') return fn('exp', exp);
  if (isInteger(exp)) {
    const k = exp.n;
    if (base.t === 'rat' && babs(k) <= MAX_FOLDED_POWER && !(base.n === 0n && k < 0n)) {
      const [p, q] = k >= 0n ? [base.n ** k, base.d ** k] : [base.d ** -k, base.n ** -k];
      return rat(p, q);
    }
    if (base.t === 'pow') return mkPow(base.base, mkMul([base.exp, exp]));
    if (base.t === 'mul') return mkMul(base.args.map((f) => mkPow(f, exp)));
    if (base.t === 'fn' && base.name === 'exp') return fn('exp', mkMul([base.args[0]!, exp]));
  }
  return { t: 'pow', base, exp };
}

// ---- symprop's IR -> SymPy's shape ------------------------------------------------------

/** The fields of an IR node this file reads, whatever the IR's version. */
interface Node {
  readonly kind: string;
  readonly id: number;
  readonly value?: number;
  readonly q?: { readonly n: bigint; readonly d: bigint };
  readonly name?: string;
}

/** IR function kinds whose SymPy name differs (the rest keep theirs: sin, tanh, asin, ...). */
const SYMPY_NAMES: Readonly<Record<string, string>> = { abs: 'Abs' };

function constant(node: Node): Sym {
  const v = node.value ?? NaN;
  if (v === Math.PI) return { t: 'pi' };
  if (v === Math.E) return { t: 'E' };
  const r = node.q ? rat(node.q.n, node.q.d) : Number.isInteger(v) ? rat(v) : decimalRational(v);
  return r.d > MAX_EXACT_DENOMINATOR ? { t: 'float', v } : r;
}

/** `e` in the shape SymPy would hold it. */
export function toSympy(e: Expr): Sym {
  const memo = new Map<number, Sym>();
  const go = (x: Expr): Sym => {
    const node = x as unknown as Node;
    const hit = memo.get(node.id);
    if (hit) return hit;
    const k = children(x).map(go);
    let s: Sym;
    switch (node.kind) {
      case 'const': s = constant(node); break;
      case 'pi': s = { t: 'pi' }; break;
      case 'var': s = { t: 'sym', name: node.name ?? '?' }; break;
      case 'add': s = mkAdd([k[0]!, k[1]!]); break;
      case 'sub': s = mkAdd([k[0]!, mkNeg(k[1]!)]); break;
      case 'mul': s = mkMul([k[0]!, k[1]!]); break;
      case 'div': s = mkMul([k[0]!, mkPow(k[1]!, MINUS_ONE)]); break;
      case 'pow': s = mkPow(k[0]!, k[1]!); break;
      case 'neg': s = mkNeg(k[0]!); break;
      case 'sqrt': s = mkPow(k[0]!, rat(1, 2)); break;
      case 'exp': s = isRat(k[0]!, 1n) ? { t: 'E' } : fn('exp', k[0]!); break;
      default: s = fn(node.kind, ...k); // every other kind is one function application
    }
    memo.set(node.id, s);
    return s;
  };
  return go(e);
}

// ---- count_ops ----------------------------------------------------------------------------

/** SymPy's _coeff_isneg: a negative number, or a product whose leading number is negative. */
const coeffIsNeg = (a: Sym): boolean => isNegativeNum(a.t === 'mul' ? a.args[0]! : a);

/** SymPy's fraction(a) (exact=False): numerator and denominator of a product. */
export function fraction(a: Sym): [Sym, Sym] {
  const numer: Sym[] = [];
  const denom: Sym[] = [];
  for (const term of a.t === 'mul' ? a.args : [a]) {
    const power = term.t === 'pow' ? { base: term.base, exp: term.exp } : term.t === 'fn' && term.name === 'exp' ? { base: { t: 'E' } as Sym, exp: term.args[0]! } : undefined;
    if (power) {
      const { base, exp } = power;
      if (isNum(exp) && numValue(exp) < 0) denom.push(isRat(exp, -1n) ? base : mkPow(base, mkNeg(exp)));
      else if (exp.t === 'mul' && coeffIsNeg(exp)) denom.push(mkPow(base, mkNeg(exp))); // as_numer_denom
      else numer.push(term);
    } else if (term.t === 'rat' && term.d !== 1n) {
      if (term.n !== 1n) numer.push(rat(term.n));
      denom.push(rat(term.d));
    } else {
      numer.push(term);
    }
  }
  return [mkMul(numer), mkMul(denom)];
}

/** count_ops(s, visual=False) of an expression already in SymPy's shape. */
export function countSympyOps(root: Sym): number {
  let ops = 0;
  const stack: Sym[] = [root];
  while (stack.length) {
    let a = stack.pop()!;
    if (a.t === 'rat') {
      if (a.n < 0n) ops++; // NEG
      if (a.d !== 1n) ops++; // DIV
      continue;
    }
    if (a.t === 'mul') {
      if (coeffIsNeg(a)) {
        ops++; // NEG
        if (isRat(a.args[0]!, -1n)) a = a.args.length === 2 ? a.args[1]! : { t: 'mul', args: a.args.slice(1) };
        else a = mkNeg(a);
      }
      const [n, d] = fraction(a);
      if (isInteger(n)) {
        ops++; // DIV
        if (n.n < 0n) ops++;
        stack.push(d);
        continue;
      }
      if (!isRat(d, 1n)) {
        if (!isInteger(d)) stack.push(d);
        ops++; // DIV
        stack.push(n);
        continue;
      }
    } else if (a.t === 'add') {
      let negs = 0;
      a.args.forEach((t, i) => {
        if (coeffIsNeg(t)) {
          negs++;
          stack.push(mkNeg(t));
        } else {
          stack.push(t);
        }
        if (i > 0) ops++; // ADD or SUB
      });
      if (negs === a.args.length) ops++; // NEG
      continue;
    }
    if (a.t === 'pow' && isRat(a.exp, -1n)) {
      ops++; // DIV
      stack.push(a.base);
      continue;
    }
    if (a.t === 'E') {
      ops++; // EXP
      continue;
    }
    if (a.t === 'mul') ops += a.args.length - 1;
    else if (a.t === 'pow' || a.t === 'fn') ops++;
    if (a.t === 'mul' || a.t === 'fn') stack.push(...a.args);
    else if (a.t === 'pow') stack.push(a.base, a.exp);
    else if (a.t === 'add') stack.push(...a.args); // a product's leftover after NEG (as SymPy)
  }
  return ops;
}

/** SymPy's count_ops for an IR expression, as described at the top of this file. */
export function countOps(e: Expr): number {
  return countSympyOps(toSympy(e));
}

/** Constants of `e` that count as floats (not exact rationals, not π or e): their values. */
export function inexactConstants(e: Expr): number[] {
  const found: number[] = [];
  const walk = (s: Sym): void => {
    if (s.t === 'float') found.push(s.v);
    else if (s.t === 'add' || s.t === 'mul' || s.t === 'fn') s.args.forEach(walk);
    else if (s.t === 'pow') [s.base, s.exp].forEach(walk);
  };
  walk(toSympy(e));
  return found;
}

/** Python (SymPy) source for `e`: sigmoid, softplus, relu, step, ... as undefined functions, so
 * that SymPy counts each as one application, as countOps does. For cross-checking by hand:
 * `count_ops(parse_expr(text, local_dict))` with real symbols. */
export function sympyText(e: Expr): string {
  const print = (s: Sym): string => {
    switch (s.t) {
      case 'rat': return s.d === 1n ? String(s.n) : `Rational(${s.n}, ${s.d})`;
      case 'float': return `Float('${s.v}')`;
      case 'pi': return 'pi';
      case 'E': return 'E';
      case 'sym': return s.name;
      case 'add': return `(${s.args.map(print).join(' + ')})`;
      case 'mul': return `(${s.args.map(print).join('*')})`;
      case 'pow': return `(${print(s.base)})**(${print(s.exp)})`;
      case 'fn': return `${SYMPY_NAMES[s.name] ?? s.name}(${s.args.map(print).join(', ')})`;
    }
  };
  return print(toSympy(e));
}
