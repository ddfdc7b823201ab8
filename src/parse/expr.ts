// User text -> IR. reading.ts first applies the mathematician's reading (x^x (log x + 1)
// is x^x·(log x + 1)); mathjs then parses (precedence, implicit multiplication, the
// character of a syntax error), with numbers as BigNumbers so that a decimal literal
// keeps every digit; we convert its tree to our IR with exact rational constants, accept
// only the functions the rule table knows, and report where anything else was found.
import { bignumberDependencies, create, parseDependencies, type MathNode } from 'mathjs';
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import { fromDecimal, size } from '../ir/q.ts';
import { IDENTIFIER } from '../naming.ts';
import { excerpt, UserError, oneLine } from '../util/errors.ts';
import { closest } from '../util/suggest.ts';
import { checkFormulaText, checkFormulaTree, MAX_LITERAL_DIGITS } from './limits.ts';
import { mapped, readFormula, type Reading } from './reading.ts';
import { table } from '../util/table.ts';


/** mathjs's parser with numbers kept as decimal BigNumbers (2.0000001 stays 20000001/10^7). */
export const math = create(
  { parseDependencies: parseDependencies!, bignumberDependencies: bignumberDependencies! },
  { number: 'BigNumber', precision: MAX_LITERAL_DIGITS },
);

type Unary = (a: Expr) => Expr;
/** The functions a user may call, by the names they may use. */
const FUNCTIONS: ReadonlyMap<string, Unary> = new Map<string, Unary>([
  ['exp', B.exp], ['log', B.log], ['ln', B.log], ['sqrt', B.sqrt], ['abs', B.abs], ['sign', B.sign],
  ['sin', B.sin], ['cos', B.cos], ['tan', B.tan], ['sec', B.sec], ['csc', B.csc], ['cot', B.cot],
  ['cosec', B.csc], ['cotan', B.cot],
  ['asin', B.asin], ['acos', B.acos], ['atan', B.atan], ['arcsin', B.asin], ['arccos', B.acos], ['arctan', B.atan],
  ['sinh', B.sinh], ['cosh', B.cosh], ['tanh', B.tanh], ['sech', B.sech], ['csch', B.csch], ['coth', B.coth],
  ['sigmoid', B.sigmoid], ['sigma', B.sigmoid], ['relu', B.relu], ['softplus', B.softplus],
  ['step', B.step], ['heaviside', B.step], ['H', B.step],
]);
/** The exact constants: e is exp(1), so e^x is exp(x). */
const CONSTANTS: ReadonlyMap<string, () => Expr> = new Map([
  ['pi', () => B.pi()], ['π', () => B.pi()], ['e', () => B.exp(B.num(1))],
]);

/** Is this a name the user may call (also the leaky ReLU, which takes a slope)? */
export const isFunctionName = (name: string): boolean => FUNCTIONS.has(name) || name === 'leaky_relu';

/** A short variable name (x, y1, z_2): "x(…)" is then a product, while "foo(…)" is an unknown function. */
export const isFactorName = (name: string): boolean => !isFunctionName(name) && /^[A-Za-z](?:_?\d+)?$/.test(name);

/** A mathjs constant node's exact value (BigNumber, or a plain number from a caller's own parse). */
export function constantValue(value: unknown): ReturnType<typeof fromDecimal> {
  if (typeof value === 'number') return Number.isFinite(value) ? fromDecimal(String(value)) : undefined;
  if (value !== null && typeof value === 'object' && 'isBigNumber' in value) return fromDecimal(String(value));
  return undefined;
}

const BINARY: Readonly<Record<string, (a: Expr, b: Expr) => Expr>> = table({
  add: B.add, subtract: B.sub, multiply: B.mul, divide: B.div, pow: B.pow,
});

export const KNOWN_FUNCTIONS = [...FUNCTIONS.keys(), 'leaky_relu'];

class Converter {
  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  fail(what: string, name?: string): never {
    const at = name === undefined ? -1 : this.text.search(new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(name)}(?![A-Za-z0-9_])`));
    const where = at >= 0 ? ` at position ${at + 1}` : '';
    throw new UserError(oneLine(`${this.source}: ${what}${where} in "${excerpt(this.text, Math.max(0, at))}"`));
  }

  convert(node: MathNode): Expr {
    switch (node.type) {
      case 'ParenthesisNode':
        return this.convert((node as math.ParenthesisNode).content);
      case 'ConstantNode': {
        const value = (node as math.ConstantNode).value;
        const exact = constantValue(value);
        if (!exact) return this.fail(`expected a number, got ${JSON.stringify(String(value))}`);
        if (size(exact) > MAX_LITERAL_DIGITS) return this.fail(`the number ${String(value)} has more than ${MAX_LITERAL_DIGITS} digits written out (the limit)`);
        return B.rational(exact);
      }
      case 'SymbolNode':
        return this.symbol((node as math.SymbolNode).name);
      case 'OperatorNode':
        return this.operator(node as math.OperatorNode);
      case 'FunctionNode':
        return this.call(node as math.FunctionNode);
      default:
        return this.fail(`unsupported syntax (${node.type}) "${node.toString()}"`);
    }
  }

  symbol(name: string): Expr {
    const constant = CONSTANTS.get(name);
    if (constant) return constant();
    if (isFunctionName(name)) this.fail(`function ${name} used without an argument`, name);
    if (!IDENTIFIER.test(name)) this.fail(`invalid name "${name}" (a name starts with a letter, then letters, digits and _)`, name);
    return B.variable(name);
  }

  operator(node: math.OperatorNode): Expr {
    const args = node.args.map((a) => this.convert(a));
    if (node.fn === 'unaryMinus') return B.neg(args[0]!);
    if (node.fn === 'unaryPlus') return args[0]!;
    const op = Object.hasOwn(BINARY, node.fn) ? BINARY[node.fn] : undefined;
    if (!op || args.length !== 2) return this.fail(`unsupported operator "${node.op}"`, node.op);
    // e^u is exp(u): one node, printed e^{u}, with the exp rule.
    if (node.fn === 'pow' && args[0]!.kind === 'exp' && args[0]!.a.kind === 'const' && args[0]!.a.value === 1) return B.exp(args[1]!);
    const [a, b] = [args[0]!, args[1]!];
    // Undefined constants are refused here, before folding would hide them (0/0 · x folds to 0).
    if (node.fn === 'divide' && isZero(b)) return this.fail('division by zero', node.op);
    if (node.fn === 'pow' && isZero(a) && b.kind === 'const' && b.value < 0) return this.fail('0 to a negative power is undefined', node.op);
    return op(a, b);
  }

  call(node: math.FunctionNode): Expr {
    const name = node.fn.type === 'SymbolNode' ? (node.fn as unknown as math.SymbolNode).name : node.fn.toString();
    const args = node.args.map((a) => this.convert(a));
    if (name === 'leaky_relu') return this.leaky(args, name);
    const f = FUNCTIONS.get(name);
    if (!f && isFactorName(name) && args.length === 1) return B.mul(this.symbol(name), args[0]!);
    if (!f) {
      const guess = closest(name, KNOWN_FUNCTIONS);
      return this.fail(`unknown function ${name}() (${guess ? `did you mean ${guess}()? ` : ''}known: ${KNOWN_FUNCTIONS.join(', ')})`, name);
    }
    if (args.length !== 1) return this.fail(`${name}() takes 1 argument, got ${args.length}`, name);
    const u = args[0]!;
    const c = u.kind === 'const' ? u.value : undefined;
    const real = (name === 'log' || name === 'ln') ? c === undefined || c > 0 : name === 'sqrt' ? c === undefined || c >= 0 : (name === 'asin' || name === 'acos' || name === 'arcsin' || name === 'arccos') ? c === undefined || Math.abs(c) <= 1 : true;
    if (!real) return this.fail(`${name}(${c}) is undefined`, name);
    return f(u);
  }

  leaky(args: Expr[], name: string): Expr {
    const alpha = args[1] ?? B.num(0.01);
    if (args.length < 1 || args.length > 2 || alpha.kind !== 'const') {
      return this.fail('leaky_relu(x, alpha) takes an argument and an optional constant slope', name);
    }
    return B.leakyRelu(args[0]!, alpha.value);
  }
}

const isZero = (e: Expr): boolean => e.kind === 'const' && e.value === 0;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The reading rules of scalar expressions. */
export const EXPRESSION_READING = { isFunction: isFunctionName, isFactor: isFactorName };

/** The mathematician's reading of plain mathjs text (see reading.ts). */
export function readExpressionText(text: string): Reading {
  return readFormula(mapped(text), EXPRESSION_READING);
}

/** Parse a scalar expression; `source` names where it came from in error messages. */
export function parseExpression(input: string, source = 'expression'): Expr {
  if (input.trim() === '') throw new UserError(`${source}: empty expression`);
  checkFormulaText(input, source);
  const read = readExpressionText(input).text;
  const text = read.text;
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (e) {
    const err = e as Error & { char?: number };
    const msg = err.message.replace(/\s*\(char \d+\)/, '');
    // mathjs counts in the text it read; report the position in what the user typed.
    const where = typeof err.char === 'number' ? ` at position ${(read.pos[Math.max(0, err.char - 1)] ?? 0) + 1}` : '';
    throw new UserError(oneLine(`${source}: ${msg}${where} in "${excerpt(input, typeof err.char === 'number' ? err.char : 0)}"`));
  }
  checkFormulaTree(tree, source);
  return new Converter(input, source).convert(tree);
}
