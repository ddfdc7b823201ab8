// A matrix-form claim (delta2 * h1^T, (W2^T * delta2) .* relu'(a1)) as a grid of scalar IR
// expressions, one per entry, over the derivation's names: W2 is the grid of W2_i_j, delta2
// the column of delta2_i, and * , .*, ^T, + act on grids as mathjs does (a product needs
// matching inner sizes; + and .* broadcast a size-1 dimension; a width-1 quantity of a
// scalar layer is a number, not a 1×1 matrix). Each entry is then judged like a scalar claim:
// the same high-precision points, breakpoints and exact proof. Constants stay exact (the
// BigNumber parser of parse/expr.ts).
import type { MathNode } from 'mathjs';
import * as B from '../ir/build.ts';
import { substitute, variable, type Expr } from '../ir/expr.ts';
import { networkNames, notationOf, paramBlocks } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { constantValue, math, parseExpression } from '../parse/expr.ts';

/** A number, or a matrix of entries (rows × columns, vectors as columns). */
export type Value = { readonly kind: 'scalar'; readonly e: Expr } | { readonly kind: 'matrix'; readonly rows: readonly (readonly Expr[])[] };

/** Shapes that do not conform (mathjs's DimensionError): the claim is then not equivalent. */
export class ShapeError extends Error {}
/** Syntax the matrix evaluator does not take (division by a matrix, …): undecided. */
export class UnsupportedError extends Error {}

const scalar = (e: Expr): Value => ({ kind: 'scalar', e });
const matrix = (rows: readonly (readonly Expr[])[]): Value => ({ kind: 'matrix', rows });
export const shapeOf = (v: Value): [number, number] => (v.kind === 'scalar' ? [1, 1] : [v.rows.length, v.rows[0]?.length ?? 0]);
export const shapeText = ([r, c]: readonly [number, number]): string => `${r}×${c}`;

/** The claim's names as values: every scalar name, and the blocks and layer vectors as matrices (scalar names win). */
export function claimScope(spec: NetworkSpec, names: ReadonlySet<string>): Map<string, Value> {
  const scope = new Map<string, Value>([...names].map((n) => [n, scalar(variable(n))]));
  const n = networkNames(spec);
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const { pre: preStem, act: actStem, deltaNumber } = notationOf(spec);
  const grid = (name: string, rows: number, cols: number, entry: (i: number, j: number) => string): void => {
    if (scope.has(name)) return;
    const ids = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => entry(i + 1, j + 1)));
    if (ids.flat().every((id) => names.has(id))) scope.set(name, matrix(ids.map((row) => row.map((id) => variable(id)))));
  };
  const column = (name: string, size: number, entry: (i: number) => string): void => grid(name, size, 1, (i) => entry(i));
  for (const block of paramBlocks(spec)) {
    const k = Number(/\d+$/.exec(block.name)![0]);
    if (block.name.startsWith('b')) column(block.name, block.rows, (i) => n.bias(k, i));
    else grid(`W${k}`, block.rows, block.cols, (i, j) => n.weight(k, i, j));
  }
  column('x', sizes[0]!, n.input);
  column('y', sizes[L]!, n.target);
  column('yhat', sizes[L]!, (i) => n.act(L, i));
  column('p', sizes[L]!, n.prob);
  for (let k = 1; k <= L; k++) {
    column(`${preStem}${k}`, sizes[k]!, (i) => n.pre(k, i));
    if (k < L) column(`${actStem}${k}`, sizes[k]!, (i) => n.act(k, i));
    column(`delta${deltaNumber(k)}`, sizes[k]!, (i) => n.delta(k, i));
  }
  return scope;
}

const entries = (v: Value): Expr[][] => (v.kind === 'scalar' ? [[v.e]] : v.rows.map((r) => [...r]));

/** f entrywise, broadcasting a size-1 dimension (mathjs's add, subtract and dot operators). */
function broadcast(a: Value, b: Value, f: (x: Expr, y: Expr) => Expr, what: string): Value {
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(f(a.e, b.e));
  const [ar, ac] = shapeOf(a);
  const [br, bc] = shapeOf(b);
  const fits = (p: number, q: number): boolean => p === q || p === 1 || q === 1;
  if (a.kind === 'matrix' && b.kind === 'matrix' && (!fits(ar, br) || !fits(ac, bc))) {
    throw new ShapeError(`Dimension mismatch in ${what}: ${shapeText([ar, ac])} and ${shapeText([br, bc])}`);
  }
  const A = entries(a);
  const Bm = entries(b);
  const at = (g: Expr[][], i: number, j: number): Expr => g[g.length === 1 ? 0 : i]![g[0]!.length === 1 ? 0 : j]!;
  const rows = Math.max(ar, br);
  const cols = Math.max(ac, bc);
  return matrix(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(at(A, i, j), at(Bm, i, j)))));
}

/** mathjs's multiply: a scalar scales; matrices need A's columns = B's rows. */
function product(a: Value, b: Value): Value {
  if (a.kind === 'scalar' || b.kind === 'scalar') return broadcast(a, b, B.mul, 'multiplication');
  const [ar, ac] = shapeOf(a);
  const [br, bc] = shapeOf(b);
  if (ac !== br) throw new ShapeError(`Dimension mismatch in multiplication: matrix A columns (${ac}) must match matrix B rows (${br})`);
  return matrix(Array.from({ length: ar }, (_, i) => Array.from({ length: bc }, (_, j) => B.sum(a.rows[i]!.map((x, k) => B.mul(x, b.rows[k]![j]!))))));
}

const transpose = (v: Value): Value => (v.kind === 'scalar' ? v : matrix(v.rows[0]!.map((_, j) => v.rows.map((r) => r[j]!))));
const map = (v: Value, f: (e: Expr) => Expr): Value => (v.kind === 'scalar' ? scalar(f(v.e)) : matrix(v.rows.map((r) => r.map(f))));

/** The one entry of a 1×1 value (mathjs inverts a square divisor; only 1×1 ones are taken here). */
function single(v: Value, what: string): Expr {
  const [r, c] = shapeOf(v);
  if (r !== 1 || c !== 1) throw new UnsupportedError(`${what} by a ${shapeText([r, c])} matrix`);
  return entries(v)[0]![0]!;
}

/** The elementwise derivative shorthands of matrix claims (claim.ts keeps their names), as claim.ts expands them in scalar claims. */
const SHORTHANDS: ReadonlyMap<string, (u: Expr, alpha: number) => Expr> = new Map([
  ['sigmoid_prime', (u: Expr) => B.mul(B.sigmoid(u), B.sub(B.num(1), B.sigmoid(u)))],
  ['tanh_prime', (u: Expr) => B.sub(B.num(1), B.pow(B.tanh(u), B.num(2)))],
  ['relu_prime', (u: Expr) => B.step(u)],
  ['softplus_prime', (u: Expr) => B.sigmoid(u)],
  ['leaky_relu_prime', (u: Expr, alpha: number) => B.add(B.step(u), B.mul(B.num(alpha), B.sub(B.num(1), B.step(u))))],
]);

const ARG = variable('u1');
const functionTemplates = new Map<string, Expr>();

/** name(u) as the scalar parser reads it (every function and alias of parse/expr.ts). */
function applyFunction(name: string, u: Expr): Expr {
  let template = functionTemplates.get(name);
  if (!template) functionTemplates.set(name, (template = parseExpression(`${name}(u1)`, 'claim')));
  return substitute(template, new Map([[ARG.id, u]]));
}

const constantOf = (v: Value | undefined, fallback: number): number => {
  if (v === undefined) return fallback;
  if (v.kind !== 'scalar' || v.e.kind !== 'const') throw new UnsupportedError('a leaky slope that is not a constant');
  return v.e.value;
};

function call(name: string, args: Value[]): Value {
  if (name === 'transpose') return transpose(args[0]!);
  const shorthand = SHORTHANDS.get(name);
  const alpha = constantOf(args[1], 0.01);
  if (shorthand) return map(args[0]!, (u) => shorthand(u, alpha));
  if (name === 'leaky_relu') return map(args[0]!, (u) => B.leakyRelu(u, alpha));
  return map(args[0]!, (u) => applyFunction(name, u));
}

const E = B.exp(B.num(1));

function operator(fn: string, args: Value[]): Value {
  const [a, b] = args as [Value, Value];
  switch (fn) {
    case 'unaryMinus': return map(a, B.neg);
    case 'unaryPlus': return a;
    case 'add': return broadcast(a, b, B.add, 'addition');
    case 'subtract': return broadcast(a, b, B.sub, 'subtraction');
    case 'multiply': return product(a, b);
    case 'dotMultiply': return broadcast(a, b, B.mul, 'elementwise multiplication');
    case 'dotDivide': return broadcast(a, b, B.div, 'elementwise division');
    case 'dotPow': return broadcast(a, b, (x, y) => (x === E ? B.exp(y) : B.pow(x, y)), 'elementwise power');
    case 'divide': return b.kind === 'scalar' ? map(a, (x) => B.div(x, b.e)) : product(a, scalar(B.div(B.num(1), single(b, 'division'))));
    case 'pow': {
      if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(a.e === E ? B.exp(b.e) : B.pow(a.e, b.e));
      return scalar(B.pow(single(a, 'a power of'), single(b, 'a power')));
    }
    default: throw new UnsupportedError(`operator ${fn}`);
  }
}

/** The claim (mathjs text of parseClaim) as a Value; throws ShapeError or UnsupportedError. */
export function matrixClaim(text: string, scope: ReadonlyMap<string, Value>): Value {
  const convert = (node: MathNode): Value => {
    if (math.isParenthesisNode(node)) return convert(node.content);
    if (math.isConstantNode(node)) {
      const q = constantValue(node.value);
      if (!q) throw new UnsupportedError(`constant ${String(node.value)}`);
      return scalar(B.rational(q));
    }
    if (math.isSymbolNode(node)) {
      if (node.name === 'pi') return scalar(B.pi());
      if (node.name === 'e') return scalar(E);
      const v = scope.get(node.name);
      if (!v) throw new UnsupportedError(`the name ${node.name}`);
      return v;
    }
    if (math.isOperatorNode(node)) return operator(node.fn, node.args.map(convert));
    if (math.isFunctionNode(node)) {
      const fn = node.fn as MathNode;
      return call(math.isSymbolNode(fn) ? fn.name : fn.toString(), node.args.map(convert));
    }
    throw new UnsupportedError(`syntax "${node.toString()}"`);
  };
  return convert(math.parse(text));
}
