// Evaluating IR in high precision: a program is a list of bindings (name = expression, in
// order) and roots, compiled once into one topological order of nodes, then run at any point
// and precision. Running charges its work, in units counted by node and precision, never by
// the clock, so that whoever stops a long evaluation stops it at the same place on any machine.
import type { Decimal } from './decimal.ts';
import { decimalText, type Q } from '../ir/q.ts';
import { children, isLeaf, topoOrder, type Const, type Expr, type Op } from '../ir/expr.ts';
import { applyBall, TRANSCENDENTAL } from './ball-ops.ts';
import { isFault, known, UNKNOWN, ZERO_R, type Ball, type BallValue, type Precision } from './ball.ts';

export interface Binding {
  readonly name: string;
  readonly expr: Expr;
}

type Step = { readonly node: Expr } | { readonly bind: string; readonly node: Expr };

/** Work units of one node at p digits: an arithmetic op at 60 digits is 1, a series (exp, log, sin, …) 100, growing with p. */
export function nodeCost(e: Expr, digits: number): number {
  if (isLeaf(e)) return 0;
  const k = digits / 60;
  return TRANSCENDENTAL.has(e.kind as Op) ? Math.ceil(100 * k * k) : Math.ceil(k);
}

/** Bindings then roots, as one order of distinct nodes with a `bind` step after each binding. */
export function compile(bindings: readonly Binding[], roots: readonly Expr[]): Step[] {
  const seen = new Set<number>();
  const steps: Step[] = [];
  const visit = (e: Expr): void => {
    for (const n of topoOrder([e])) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      steps.push({ node: n });
    }
  };
  for (const b of bindings) {
    visit(b.expr);
    steps.push({ bind: b.name, node: b.expr });
  }
  roots.forEach(visit);
  return steps;
}

/** A constant at p digits: exact when it is a terminating decimal, else rounded n/d. */
export function constBall(P: Precision, q: Q): Ball {
  const text = decimalText(q);
  if (text !== undefined) return P.exactBall(text);
  const y = new P.D(q.n.toString()).div(q.d.toString());
  return P.rounded(y, ZERO_R);
}

export interface BallRun {
  /** Inputs and every binding. */
  readonly env: ReadonlyMap<string, BallValue>;
  readonly roots: readonly BallValue[];
  /** Work units spent. */
  readonly cost: number;
}

export class BallProgram {
  private readonly steps: Step[];
  private readonly constants = new Map<string, Ball>();
  private readonly binds: boolean;

  constructor(
    bindings: readonly Binding[],
    private readonly roots: readonly Expr[],
  ) {
    this.steps = compile(bindings, roots);
    this.binds = bindings.length > 0;
  }

  private constant(P: Precision, c: Const): Ball {
    const key = `${P.digits}:${c.id}`;
    let b = this.constants.get(key);
    if (!b) this.constants.set(key, (b = constBall(P, c.q)));
    return b;
  }

  private leaf(P: Precision, e: Expr, env: ReadonlyMap<string, BallValue>): BallValue {
    if (e.kind === 'const') return this.constant(P, e);
    if (e.kind === 'pi') return P.pi();
    if (e.kind !== 'var') throw new Error(`not a leaf: ${e.kind}`);
    const v = env.get(e.name);
    if (v === undefined) throw new Error(`no value for ${e.name}`);
    return v;
  }

  run(P: Precision, inputs: ReadonlyMap<string, BallValue>): BallRun {
    // Roots over given names only (a claim over a point's bindings) need no copy of them.
    const env = this.binds ? new Map(inputs) : (inputs as Map<string, BallValue>);
    const memo = new Map<number, BallValue>();
    let cost = 0;
    for (const step of this.steps) {
      if ('bind' in step) {
        env.set(step.bind, memo.get(step.node.id)!);
        continue;
      }
      const e = step.node;
      if (isLeaf(e)) {
        memo.set(e.id, this.leaf(P, e, env));
        continue;
      }
      cost += nodeCost(e, P.digits);
      const args = children(e).map((k) => memo.get(k.id)!);
      const bad = args.find(isFault) ?? args.find((a) => !known(a as Ball));
      memo.set(e.id, bad ?? applyBall(P, e as Expr & { kind: Op }, args[0] as Ball, (args[1] ?? args[0]) as Ball));
    }
    return { env, roots: this.roots.map((r) => memo.get(r.id) ?? UNKNOWN), cost };
  }
}

/** A ball's midpoint as the nearest float (NaN for a fault). */
export function ballNumber(v: BallValue): number {
  return isFault(v) ? NaN : (v.m as Decimal).toNumber();
}
