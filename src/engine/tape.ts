// Scalar reverse-mode autodiff, micrograd style.
//
// Every op returns a node that remembers its parents and the local partial derivatives
// ∂out/∂parent, written out by hand below and evaluated at forward time. backward() then
// applies the chain rule  parent.grad += (∂out/∂parent) · out.grad  in reverse
// topological order. This file deliberately shares nothing with src/derive: it is the
// reference the symbolic gradients are checked against.
import { sigmoid as sigmoidOf, softplus as softplusOf } from './stable.ts';

export type TapeOp =
  | 'leaf' | 'const' | 'add' | 'sub' | 'mul' | 'div' | 'neg' | 'pow' | 'sum'
  | 'exp' | 'log' | 'sqrt' | 'abs' | 'sin' | 'cos' | 'tan'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'softplus' | 'step' | 'sign';

export class Value {
  /** ∂root/∂this, filled in by backward(root). */
  grad = 0;
  constructor(
    readonly data: number,
    readonly op: TapeOp = 'leaf',
    readonly parents: readonly Value[] = [],
    /** ∂this/∂parents[i], index-aligned with parents. */
    readonly locals: readonly number[] = [],
  ) {}
}

/** Operands may be plain numbers: they become constants (no gradient flows to them). */
export type Scalar = Value | number;

/** A differentiable input. */
export function value(x: number): Value {
  return new Value(x);
}

function lift(x: Scalar): Value {
  return typeof x === 'number' ? new Value(x, 'const') : x;
}

function unary(op: TapeOp, x: Value, out: number, local: number): Value {
  return new Value(out, op, [x], [local]);
}

// ---- arithmetic -------------------------------------------------------------------

export function add(a: Scalar, b: Scalar): Value {
  const [x, y] = [lift(a), lift(b)];
  return new Value(x.data + y.data, 'add', [x, y], [1, 1]);
}

export function sub(a: Scalar, b: Scalar): Value {
  const [x, y] = [lift(a), lift(b)];
  return new Value(x.data - y.data, 'sub', [x, y], [1, -1]);
}

/** ∂(xy)/∂x = y, ∂(xy)/∂y = x. */
export function mul(a: Scalar, b: Scalar): Value {
  const [x, y] = [lift(a), lift(b)];
  return new Value(x.data * y.data, 'mul', [x, y], [y.data, x.data]);
}

/** ∂(x/y)/∂x = 1/y, ∂(x/y)/∂y = −x/y². */
export function div(a: Scalar, b: Scalar): Value {
  const [x, y] = [lift(a), lift(b)];
  return new Value(x.data / y.data, 'div', [x, y], [1 / y.data, -x.data / (y.data * y.data)]);
}

export function neg(a: Scalar): Value {
  const x = lift(a);
  return unary('neg', x, -x.data, -1);
}

/** Σ x_i as one node (every local derivative is 1), so long sums stay shallow. */
export function sum(terms: readonly Scalar[]): Value {
  const xs = terms.map(lift);
  return new Value(xs.reduce((s, x) => s + x.data, 0), 'sum', xs, xs.map(() => 1));
}

/** ∂(u^v)/∂u = v u^(v−1), taken as 0 when v = 0 (u^0 ≡ 1, even at u = 0). */
function powBaseLocal(u: number, v: number): number {
  return v === 0 ? 0 : v * Math.pow(u, v - 1);
}

/**
 * u^v. A number exponent is a constant, so only ∂/∂u = v u^(v−1) is recorded.
 * A Value exponent also gets ∂/∂v = u^v ln u; at u = 0 (v > 0) that is the limit 0,
 * and for u < 0 it does not exist (u^v is real only at integer v), hence NaN.
 */
export function pow(base: Scalar, exponent: Scalar): Value {
  const u = lift(base);
  if (typeof exponent === 'number') {
    return unary('pow', u, Math.pow(u.data, exponent), powBaseLocal(u.data, exponent));
  }
  const v = exponent.data;
  const out = Math.pow(u.data, v);
  const dv = u.data > 0 ? out * Math.log(u.data) : u.data === 0 && v > 0 ? 0 : NaN;
  return new Value(out, 'pow', [u, exponent], [powBaseLocal(u.data, v), dv]);
}

// ---- elementary functions -----------------------------------------------------------

/** (e^x)' = e^x. */
export function exp(a: Scalar): Value {
  const x = lift(a);
  const y = Math.exp(x.data);
  return unary('exp', x, y, y);
}

/** (ln x)' = 1/x. */
export function log(a: Scalar): Value {
  const x = lift(a);
  return unary('log', x, Math.log(x.data), 1 / x.data);
}

/** (√x)' = 1/(2√x). */
export function sqrt(a: Scalar): Value {
  const x = lift(a);
  const y = Math.sqrt(x.data);
  return unary('sqrt', x, y, 1 / (2 * y));
}

/** |x|' = sign(x), with the subgradient 0 chosen at the kink x = 0. */
export function abs(a: Scalar): Value {
  const x = lift(a);
  return unary('abs', x, Math.abs(x.data), signOf(x.data));
}

export function sin(a: Scalar): Value {
  const x = lift(a);
  return unary('sin', x, Math.sin(x.data), Math.cos(x.data));
}

export function cos(a: Scalar): Value {
  const x = lift(a);
  return unary('cos', x, Math.cos(x.data), -Math.sin(x.data));
}

/** (tan x)' = 1 + tan² x. */
export function tan(a: Scalar): Value {
  const x = lift(a);
  const y = Math.tan(x.data);
  return unary('tan', x, y, 1 + y * y);
}

// ---- activations ----------------------------------------------------------------------

/** σ' = σ(1 − σ). */
export function sigmoid(a: Scalar): Value {
  const x = lift(a);
  const y = sigmoidOf(x.data);
  return unary('sigmoid', x, y, y * (1 - y));
}

/** tanh' = 1 − tanh². */
export function tanh(a: Scalar): Value {
  const x = lift(a);
  const y = Math.tanh(x.data);
  return unary('tanh', x, y, 1 - y * y);
}

/** relu(x) = max(x, 0); relu' = step(x), i.e. 0 at the kink. */
export function relu(a: Scalar): Value {
  const x = lift(a);
  return unary('relu', x, x.data > 0 ? x.data : 0, stepOf(x.data));
}

/** x for x > 0, αx otherwise; derivative 1 for x > 0, α otherwise (α at the kink). */
export function leakyRelu(a: Scalar, alpha: number): Value {
  const x = lift(a);
  const pos = x.data > 0;
  return unary('leaky_relu', x, pos ? x.data : alpha * x.data, pos ? 1 : alpha);
}

/** softplus(x) = log(1 + e^x); softplus' = σ. */
export function softplus(a: Scalar): Value {
  const x = lift(a);
  return unary('softplus', x, softplusOf(x.data), sigmoidOf(x.data));
}

function stepOf(x: number): number {
  return x > 0 ? 1 : 0;
}

function signOf(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** step(x) = 1 if x > 0 else 0; piecewise constant, so the derivative is 0. */
export function step(a: Scalar): Value {
  const x = lift(a);
  return unary('step', x, stepOf(x.data), 0);
}

/** sign(x) ∈ {−1, 0, 1}; piecewise constant, so the derivative is 0. */
export function sign(a: Scalar): Value {
  const x = lift(a);
  return unary('sign', x, signOf(x.data), 0);
}

// ---- reverse pass -----------------------------------------------------------------------

/**
 * Every node reachable from root, each after all of its parents. Iterative depth-first
 * search with an explicit stack of (node, next parent to visit): graphs built from long
 * chains can be far deeper than the JavaScript call stack.
 */
export function topoOrder(root: Value): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>([root]);
  const stack: { node: Value; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const parent = top.node.parents[top.next++];
    if (parent === undefined) {
      stack.pop();
      order.push(top.node);
    } else if (!seen.has(parent)) {
      seen.add(parent);
      stack.push({ node: parent, next: 0 });
    }
  }
  return order;
}

/**
 * Fill in grad = ∂root/∂node for every node under root. Grads are reset first, so calling
 * it twice gives the same result. A node reached along several paths sums the adjoints of
 * all of them (the multivariate chain rule).
 */
export function backward(root: Value): void {
  const order = topoOrder(root);
  for (const node of order) node.grad = 0;
  root.grad = 1;
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    node.parents.forEach((p, j) => {
      p.grad += node.locals[j]! * node.grad;
    });
  }
}
