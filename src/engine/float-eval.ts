// The same programs as ball-eval.ts in floats: fast, for what needs no proof (the signs of
// kink arguments while scanning for breakpoints, a screen of exp's arguments, the values a
// diagnosis compares). The op semantics are those of ir/eval.ts (a test checks they agree).
import { sigmoidValue, softplusValue } from '../ir/eval.ts';
import { children, type Expr, type NodeOf, type Op } from '../ir/expr.ts';
import { compile, type Binding } from './ball-eval.ts';

type Rule<K extends Op> = (a: number, b: number, node: NodeOf<K>) => number;

const FLOAT: { readonly [K in Op]: Rule<K> } = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
  neg: (a) => -a,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: Math.sign,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
  sigmoid: sigmoidValue,
  relu: (a) => Math.max(0, a),
  softplus: softplusValue,
  sinh: Math.sinh,
  cosh: Math.cosh,
  sech: (a) => 1 / Math.cosh(a),
  csch: (a) => 1 / Math.sinh(a),
  coth: (a) => 1 / Math.tanh(a),
  sec: (a) => 1 / Math.cos(a),
  csc: (a) => 1 / Math.sin(a),
  cot: (a) => 1 / Math.tan(a),
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  step: (a) => (a > 0 ? 1 : 0),
  leaky_relu: (a, _, n) => (a > 0 ? a : n.alpha * a),
  leaky_step: (a, _, n) => (a > 0 ? 1 : n.alpha),
};

/**
 * Decimal digits an exponential op's saturation takes at argument u: 1 − σ(u) ≈ e^{−|u|} needs
 * |u|·log10(e) digits beyond 1 to be seen at all, 1 − tanh²(u) ≈ 4e^{−2|u|} twice as many.
 */
export const SATURATION: ReadonlyMap<Op, number> = new Map<Op, number>([
  ...(['exp', 'sigmoid', 'softplus', 'sinh', 'cosh'] as const).map((op) => [op, Math.LOG10E] as const),
  ...(['tanh', 'sech', 'csch', 'coth'] as const).map((op) => [op, 2 * Math.LOG10E] as const),
]);

export interface FloatRun {
  readonly env: Map<string, number>;
  readonly roots: readonly number[];
  /** The most digits an exponential saturates by at this point (SATURATION), NaN if an argument is not finite. */
  readonly saturation: number;
}

/** One compiled node: its op (or leaf), the slots of its arguments, and the binding it sets. */
interface Slot {
  readonly node: Expr;
  readonly args: readonly number[];
  readonly saturation: number | undefined;
  readonly bind?: string;
}

export class FloatProgram {
  private readonly slots: Slot[] = [];
  private readonly rootSlots: number[];
  /** Float nodes evaluated per run (work accounting). */
  readonly size: number;

  constructor(bindings: readonly Binding[], roots: readonly Expr[]) {
    const at = new Map<number, number>();
    for (const step of compile(bindings, roots)) {
      if ('bind' in step) {
        this.slots.push({ node: step.node, args: [at.get(step.node.id)!], saturation: undefined, bind: step.bind });
        continue;
      }
      at.set(step.node.id, this.slots.length);
      const args = children(step.node).map((k) => at.get(k.id)!);
      this.slots.push({ node: step.node, args, saturation: SATURATION.get(step.node.kind as Op) });
    }
    this.rootSlots = roots.map((r) => at.get(r.id)!);
    this.size = this.slots.length;
  }

  run(inputs: ReadonlyMap<string, number>): FloatRun {
    const env = new Map(inputs);
    const v = new Float64Array(this.slots.length);
    let saturation = 0;
    for (let i = 0; i < this.slots.length; i++) {
      const { node: e, args, bind } = this.slots[i]!;
      if (bind !== undefined) {
        env.set(bind, v[args[0]!]!);
        continue;
      }
      if (e.kind === 'const') v[i] = e.value;
      else if (e.kind === 'pi') v[i] = Math.PI;
      else if (e.kind === 'var') v[i] = env.get(e.name) ?? NaN;
      else {
        const a = v[args[0]!]!;
        const digits = this.slots[i]!.saturation;
        if (digits !== undefined) saturation = Number.isFinite(a) ? Math.max(saturation, digits * Math.abs(a)) : NaN;
        v[i] = (FLOAT[e.kind] as Rule<Op>)(a, args.length > 1 ? v[args[1]!]! : a, e as NodeOf<Op>);
      }
    }
    return { env, roots: this.rootSlots.map((r) => v[r]!), saturation };
  }
}
