// Source of the helpers a generated module may need, each numerically stable for
// |u| up to 1000 (no overflow to Infinity, no NaN). Emitted only when used.
import type { HelperOp } from '../print/ts.ts';

export const PRELUDE: { readonly [K in HelperOp]: string } = {
  sigmoid: [
    '/** Logistic function; never evaluates exp of a large positive number. */',
    'function sigmoid(u: number): number {',
    '  if (u >= 0) return 1 / (1 + Math.exp(-u));',
    '  const e = Math.exp(u);',
    '  return e / (1 + e);',
    '}',
  ].join('\n'),
  softplus: [
    '/** log(1 + e^u) = max(u, 0) + log1p(e^-|u|), exact for large |u|. */',
    'function softplus(u: number): number {',
    '  return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));',
    '}',
  ].join('\n'),
  relu: 'function relu(u: number): number {\n  return u > 0 ? u : 0;\n}',
  step: "/** relu'(u), taken as 0 at u = 0. */\nfunction step(u: number): number {\n  return u > 0 ? 1 : 0;\n}",
  leaky_relu: 'function leaky_relu(u: number, alpha: number): number {\n  return u > 0 ? u : alpha * u;\n}',
  leaky_step: "/** leaky_relu'(u). */\nfunction leaky_step(u: number, alpha: number): number {\n  return u > 0 ? 1 : alpha;\n}",
};
