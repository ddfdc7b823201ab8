// The last steps of a derivation: the result as a textbook writes it. Candidate forms of
// the result (factored, expanded, with known identities) are compared by operation count
// (ops.ts, SymPy's count_ops); the smallest is kept only when it is proved equal to the
// result (prove.ts) AND agrees with it numerically wherever the result is defined at a
// handful of points, so a final step never changes the value, not even its domain.
import type { Expr } from '../ir/expr.ts';
import { evaluate } from '../ir/eval.ts';
import { freeVars, PARAM_OPS, topoOrder, UNARY_OPS } from '../ir/expr.ts';
import { displayForm } from './canon.ts';
import { expandedExpr, factoredExpr, prettyArgs, smallest } from './display.ts';
import { count } from './ops.ts';
import { treeSize } from './steps.ts';
import { TooLarge } from './poly.ts';
import { identityForms } from './identities.ts';
import { domainFacts, proveEqual } from './prove.ts';

export type TextbookRule = 'factor' | 'identity';
export interface TextbookStep {
  readonly rule: TextbookRule;
  readonly expr: Expr;
}
interface Candidate extends TextbookStep {
  readonly ops: number;
}

/** Results larger than this (as printed) are left as they are: no textbook writes them out. */
const MAX_SIZE = 300;

/** Sample values, distinct per variable, both signs, away from 0 and ±1. */
const SAMPLES = [0.7, 1.3, -0.6, 2.1, -1.7, 0.35, 3.2, -2.4];

/** Does b have a's value at every sample point where a is defined (and is a defined somewhere)? */
export function agreesNumerically(a: Expr, b: Expr): boolean {
  const vars = freeVars(a);
  let defined = 0;
  for (let i = 0; i < SAMPLES.length; i++) {
    const env = Object.fromEntries(vars.map((v, j) => [v, SAMPLES[(i + 3 * j) % SAMPLES.length]! * (1 + 0.1 * j)]));
    const va = evaluate(a, env);
    if (!Number.isFinite(va)) continue;
    const vb = evaluate(b, env);
    if (!(Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va)))) return false;
    defined++;
  }
  return defined > 0 || vars.length === 0;
}

function candidates(e: Expr): Candidate[] {
  const facts = domainFacts(e);
  const { canon, form } = displayForm(e, facts);
  const make = (rule: TextbookRule) => (form: Expr): Candidate => {
    const expr = smallest([prettyArgs(canon, form), form]);
    return { rule, expr, ops: count(expr) };
  };
  const factored = [...factoredExpr(canon, form), expandedExpr(canon, form)].map(make('factor'));
  return [...factored, ...identityForms(e, facts).map(make('identity'))];
}

/**
 * Functions a final form may bring in: only those of the families the result already uses.
 * A course differentiating σ(2x + 1) writes 2σ(2x + 1)(1 − σ(2x + 1)), never
 * (1/2)(1 − tanh²(x + 1/2)) or sech²; tanh′ stays 1 − tanh². From exponentials, σ and tanh
 * may appear (e^x/(1 + e^x) = σ(x)); among circular functions, any other (−tan x, sec² x).
 */
const FAMILIES: readonly (readonly [readonly string[], readonly string[]])[] = [
  [['exp'], ['sigmoid', 'tanh']],
  [['sin', 'cos', 'tan', 'sec', 'csc', 'cot'], ['sin', 'cos', 'tan', 'sec', 'csc', 'cot']],
  [['sinh', 'cosh', 'sech', 'csch', 'coth'], ['sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth']],
];
/** Function kinds (arithmetic, constants and variables are never "brought in"). */
const FUNCTIONS = new Set<string>([...UNARY_OPS, ...PARAM_OPS].filter((k) => k !== 'neg'));
const kinds = (e: Expr): Set<string> => new Set(topoOrder([e]).map((n) => n.kind));
function bringsInFunctions(result: Expr, candidate: Expr): boolean {
  const had = kinds(result);
  const allowed = new Set(had);
  for (const [present, brings] of FAMILIES) if (present.some((k) => had.has(k))) brings.forEach((k) => allowed.add(k));
  return [...kinds(candidate)].some((k) => FUNCTIONS.has(k) && !allowed.has(k));
}

/** Ties between equal counts: fewer nodes, and no fraction of a fraction or −(…) inside a sum. */
function awkwardness(e: Expr): number {
  let score = 0;
  for (const n of topoOrder([e])) {
    if (n.kind === 'div' && (n.a.kind === 'div' || n.b.kind === 'div')) score += 2;
    if ((n.kind === 'add' || n.kind === 'sub') && (n.a.kind === 'neg' || n.b.kind === 'neg')) score += 2;
  }
  return score + treeSize(e);
}

/** The final steps from e: empty when no candidate is shorter, or none is proved equal. */
export function textbookSteps(e: Expr): TextbookStep[] {
  if (treeSize(e, MAX_SIZE + 1) > MAX_SIZE) return [];
  let found: Candidate[];
  try {
    found = candidates(e);
  } catch (err) {
    if (err instanceof TooLarge || err instanceof RangeError) return [];
    throw err;
  }
  const own = count(e);
  const untidy = awkwardness(e);
  // shorter, or as short and tidier (1/(x log x) rather than 1/log(x)/x)
  const better = found
    .filter((c) => c.expr !== e && !bringsInFunctions(e, c.expr) && (c.ops < own || (c.ops === own && awkwardness(c.expr) < untidy)))
    .sort((a, b) => a.ops - b.ops || awkwardness(a.expr) - awkwardness(b.expr));
  const proved = (c: Candidate): boolean => agreesNumerically(e, c.expr) && proveEqual(e, c.expr);
  const best = better.find(proved);
  if (!best) return [];
  // an identity after a factoring that already shortened: both steps, as on the board
  const factored = best.rule === 'identity' ? better.find((c) => c.rule === 'factor' && c.ops > best.ops && proved(c)) : undefined;
  return factored ? [factored, best].map(({ rule, expr }) => ({ rule, expr })) : [{ rule: best.rule, expr: best.expr }];
}
