// Numeric evaluation of the IR (values only; derivatives live in derive/ and engine/).
import { assertNever, topoOrder, type Expr } from './expr.ts';

export type Env = Readonly<Record<string, number>>;

/** Numerically stable logistic function. */
export function sigmoidValue(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/** log(1 + e^u) without overflow. */
export function softplusValue(u: number): number {
  return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
}

function apply(e: Expr, v: (c: Expr) => number, env: Env): number {
  switch (e.kind) {
    case 'const':
      return e.value;
    case 'pi':
      return Math.PI;
    case 'var': {
      const x = env[e.name];
      if (typeof x !== 'number') throw new Error(`no value for variable ${e.name}`); // also env.constructor
      return x;
    }
    case 'add': return v(e.a) + v(e.b);
    case 'sub': return v(e.a) - v(e.b);
    case 'mul': return v(e.a) * v(e.b);
    case 'div': return v(e.a) / v(e.b);
    case 'pow': return Math.pow(v(e.a), v(e.b));
    case 'neg': return -v(e.a);
    case 'exp': return Math.exp(v(e.a));
    case 'log': return Math.log(v(e.a));
    case 'sqrt': return Math.sqrt(v(e.a));
    case 'abs': return Math.abs(v(e.a));
    case 'sign': return Math.sign(v(e.a));
    case 'sin': return Math.sin(v(e.a));
    case 'cos': return Math.cos(v(e.a));
    case 'tan': return Math.tan(v(e.a));
    case 'tanh': return Math.tanh(v(e.a));
    case 'sigmoid': return sigmoidValue(v(e.a));
    case 'relu': return Math.max(0, v(e.a));
    case 'softplus': return softplusValue(v(e.a));
    case 'sinh': return Math.sinh(v(e.a));
    case 'cosh': return Math.cosh(v(e.a));
    case 'sech': return 1 / Math.cosh(v(e.a));
    case 'csch': return 1 / Math.sinh(v(e.a));
    case 'coth': return 1 / Math.tanh(v(e.a));
    case 'sec': return 1 / Math.cos(v(e.a));
    case 'csc': return 1 / Math.sin(v(e.a));
    case 'cot': return 1 / Math.tan(v(e.a));
    case 'asin': return Math.asin(v(e.a));
    case 'acos': return Math.acos(v(e.a));
    case 'atan': return Math.atan(v(e.a));
    case 'step': return v(e.a) > 0 ? 1 : 0;
    case 'leaky_relu': return v(e.a) > 0 ? v(e.a) : e.alpha * v(e.a);
    case 'leaky_step': return v(e.a) > 0 ? 1 : e.alpha;
    default: return assertNever(e);
  }
}

/** Value of e at the point env (every free variable must have a value). */
export function evaluate(e: Expr, env: Env): number {
  const memo = new Map<number, number>();
  for (const node of topoOrder([e])) memo.set(node.id, apply(node, (c) => memo.get(c.id)!, env));
  return memo.get(e.id)!;
}
