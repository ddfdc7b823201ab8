import { describe, expect, it } from 'vitest';
import * as B from '../../src/ir/build.ts';
import { variable, type Expr, type Op } from '../../src/ir/expr.ts';
import { evaluate } from '../../src/ir/eval.ts';
import { localDerivative } from '../../src/derive/local.ts';
import { RULES } from '../../src/derive/rules.ts';
import { centralDifference, relErr } from '../helpers.ts';

const u = variable('u');
const v = variable('v');

// One expression per op, and the points (away from kinks) where its rule is checked.
const CASES: { readonly [K in Op]: { expr: Expr; points: number[] } } = {
  add: { expr: B.add(B.mul(B.num(3), u), v), points: [-2, 0.5, 3] },
  sub: { expr: B.sub(v, B.mul(u, u)), points: [-2, 0.5, 3] },
  mul: { expr: B.mul(B.sin(u), v), points: [-2, 0.5, 3] },
  div: { expr: B.div(v, B.add(u, B.num(5))), points: [-2, 0.5, 3] },
  pow: { expr: B.pow(u, v), points: [0.3, 1.5, 2.5] },
  neg: { expr: B.neg(B.mul(u, v)), points: [-2, 0.5, 3] },
  exp: { expr: B.exp(B.mul(u, v)), points: [-1, 0.2, 1] },
  log: { expr: B.log(B.mul(u, u)), points: [-2, 0.5, 3] },
  sqrt: { expr: B.sqrt(B.add(B.mul(u, u), v)), points: [-2, 0.5, 3] },
  abs: { expr: B.abs(B.mul(u, v)), points: [-2, 0.5, 3] },
  sin: { expr: B.sin(B.mul(u, v)), points: [-2, 0.5, 3] },
  cos: { expr: B.cos(B.mul(u, v)), points: [-2, 0.5, 3] },
  tan: { expr: B.tan(u), points: [-1, 0.5, 1.2] },
  sigmoid: { expr: B.sigmoid(B.mul(u, v)), points: [-3, 0.5, 4] },
  tanh: { expr: B.tanh(B.mul(u, v)), points: [-2, 0.5, 3] },
  relu: { expr: B.relu(B.mul(u, v)), points: [-2, 0.5, 3] },
  softplus: { expr: B.softplus(B.mul(u, v)), points: [-2, 0.5, 3] },
  leaky_relu: { expr: B.leakyRelu(B.mul(u, v), 0.1), points: [-2, 0.5, 3] },
  step: { expr: B.add(B.step(u), u), points: [-2, 0.5, 3] },
  sign: { expr: B.add(B.sign(u), B.mul(u, v)), points: [-2, 0.5, 3] },
  leaky_step: { expr: B.mul(B.leakyStep(u, 0.2), u), points: [-2, 0.5, 3] },
  sinh: { expr: B.sinh(B.mul(u, v)), points: [-2, 0.5, 3] },
  cosh: { expr: B.cosh(B.mul(u, v)), points: [-2, 0.5, 3] },
  sech: { expr: B.sech(B.mul(u, v)), points: [-2, 0.5, 3] },
  csch: { expr: B.csch(B.mul(u, v)), points: [-2, 0.5, 3] },
  coth: { expr: B.coth(B.mul(u, v)), points: [-2, 0.5, 3] },
  sec: { expr: B.sec(B.mul(u, v)), points: [-1, 0.5, 0.9] },
  csc: { expr: B.csc(B.mul(u, v)), points: [-2, 0.5, 1.4] },
  cot: { expr: B.cot(B.mul(u, v)), points: [-2, 0.5, 1.4] },
  asin: { expr: B.asin(B.mul(u, v)), points: [-0.6, 0.3, 0.7] },
  acos: { expr: B.acos(B.mul(u, v)), points: [-0.6, 0.3, 0.7] },
  atan: { expr: B.atan(B.mul(u, v)), points: [-2, 0.5, 3] },
};

describe('rule table', () => {
  for (const op of Object.keys(RULES) as Op[]) {
    it(`${op}: local derivative matches central differences`, () => {
      const { expr, points } = CASES[op];
      const d = localDerivative(expr, 'u', new Map()).expr;
      for (const p of points) {
        const env = { u: p, v: 1.3 };
        const numeric = centralDifference((x) => evaluate(expr, { ...env, u: x }), p);
        expect(relErr(evaluate(d, env), numeric)).toBeLessThan(1e-6);
      }
    });
  }

  it('every rule has a distinct id and a formula', () => {
    const ids = Object.values(RULES).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of Object.values(RULES)) expect(r.formula.length).toBeGreaterThan(5);
  });

  it('the sigmoid rule is written with the node itself: σ(u)(1 − σ(u))', () => {
    const s = B.sigmoid(u);
    const [p] = RULES.sigmoid.partials(s as never);
    expect(p).toBe(B.mul(s, B.sub(B.num(1), s)));
  });
});

// Type-level: a rule table missing an op does not compile.
// @ts-expect-error -- the tanh rule is missing
const incomplete: typeof RULES = (({ tanh: _dropped, ...rest }) => rest)(RULES);
void incomplete;
