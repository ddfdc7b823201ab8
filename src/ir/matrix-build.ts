// Canonical elementwise nodes. `lift(f, args)` fuses elementwise arguments into f
// (so δ_L = ∂J/∂ŷ ⊙ σ'(a_L) is one scalar expression the scalar simplifier can reduce),
// folds constant arguments, merges repeated arguments and drops unused ones. Structural
// equality of matrix expressions then holds up to that canonical form.
import * as B from './build.ts';
import { freeVars, substitute, type Expr } from './expr.ts';
import { ew, madd, placeholder, type MExpr, type Shape } from './matrix.ts';

const PLACEHOLDER = /^u(\d+)$/;
const placeholderIndex = (name: string): number => Number(PLACEHOLDER.exec(name)?.[1] ?? -1);

/** f's placeholders in order of first use. */
function usedPlaceholders(f: Expr): number[] {
  return freeVars(f).map(placeholderIndex).filter((i) => i >= 0);
}

export function lift(f: Expr, args: readonly MExpr[], shape?: Shape): MExpr {
  // 1. Inline elementwise arguments: their own arguments join the list.
  const flatArgs: MExpr[] = [];
  const inner = new Map<number, Expr>();
  for (const [i, arg] of args.entries()) {
    if (arg.kind === 'ew') {
      const offset = flatArgs.length;
      flatArgs.push(...arg.args);
      const shift = new Map(arg.args.map((_, j) => [placeholder(j).id, placeholder(offset + j)] as const));
      inner.set(placeholder(i).id, substitute(arg.f, shift));
    } else {
      inner.set(placeholder(i).id, placeholder(flatArgs.length));
      flatArgs.push(arg);
    }
  }
  const fused = B.tidy(substitute(f, inner));
  // 2. One placeholder per distinct argument, numbered by first use.
  const order: MExpr[] = [];
  const renumber = new Map<number, Expr>();
  for (const i of usedPlaceholders(fused)) {
    const arg = flatArgs[i]!;
    let k = order.indexOf(arg);
    if (k < 0) k = order.push(arg) - 1;
    renumber.set(placeholder(i).id, placeholder(k));
  }
  const g = substitute(fused, renumber);
  const outShape = shape ?? args.find((a) => a.shape[0] * a.shape[1] !== 1)?.shape;
  if (g.kind === 'var' && order.length === 1 && (outShape === undefined || same(order[0]!.shape, outShape))) return order[0]!;
  return ew(g, order, outShape);
}

const same = (a: Shape, b: Shape): boolean => a[0] === b[0] && a[1] === b[1];

/** A 1 × 1 constant. */
export const mconst = (c: number): MExpr => ew(B.num(c), []);

const u0 = placeholder(0);
const u1 = placeholder(1);

export const hadamard = (a: MExpr, b: MExpr): MExpr => lift(B.mul(u0, u1), [a, b]);
export const msub = (a: MExpr, b: MExpr): MExpr => lift(B.sub(u0, u1), [a, b]);
export const mscale = (c: number, a: MExpr): MExpr => lift(B.mul(B.num(c), u0), [a]);

/** a + b: elementwise (fused) when either side is elementwise, a plain sum otherwise. */
export function plus(a: MExpr, b: MExpr): MExpr {
  return a.kind === 'ew' || b.kind === 'ew' ? lift(B.add(u0, u1), [a, b]) : madd(a, b);
}
