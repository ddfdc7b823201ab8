// User text -> IR. mathjs parses (it knows precedence, implicit multiplication and
// reports the character of a syntax error); we convert its tree to our IR, accepting
// only the functions the rule table knows, and report where anything else was found.
import { create, parseDependencies, type MathNode } from 'mathjs';
import * as B from '../ir/build.ts';
import type { Expr } from '../ir/expr.ts';
import { IDENTIFIER } from '../naming.ts';
import { UserError, oneLine } from '../util/errors.ts';

const math = create({ parseDependencies: parseDependencies! });

type Unary = (a: Expr) => Expr;
/** The functions a user may call, by the names they may use. */
const FUNCTIONS: Readonly<Record<string, Unary>> = {
  exp: B.exp, log: B.log, ln: B.log, sqrt: B.sqrt, abs: B.abs, sign: B.sign,
  sin: B.sin, cos: B.cos, tan: B.tan, tanh: B.tanh,
  sigmoid: B.sigmoid, sigma: B.sigmoid, relu: B.relu, softplus: B.softplus,
  step: B.step, heaviside: B.step,
};
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

const BINARY: Readonly<Record<string, (a: Expr, b: Expr) => Expr>> = {
  add: B.add, subtract: B.sub, multiply: B.mul, divide: B.div, pow: B.pow,
};

export const KNOWN_FUNCTIONS = [...Object.keys(FUNCTIONS), 'leaky_relu'];

class Converter {
  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  fail(what: string, name?: string): never {
    const at = name === undefined ? -1 : this.text.search(new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(name)}(?![A-Za-z0-9_])`));
    const where = at >= 0 ? ` at position ${at + 1}` : '';
    throw new UserError(oneLine(`${this.source}: ${what}${where} in "${this.text}"`));
  }

  convert(node: MathNode): Expr {
    switch (node.type) {
      case 'ParenthesisNode':
        return this.convert((node as math.ParenthesisNode).content);
      case 'ConstantNode': {
        const value = (node as math.ConstantNode).value;
        if (typeof value !== 'number') this.fail(`expected a number, got ${JSON.stringify(value)}`);
        return B.num(value);
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
    if (name in CONSTANTS) return B.num(CONSTANTS[name]!);
    if (name in FUNCTIONS) this.fail(`function ${name} used without an argument`, name);
    if (!IDENTIFIER.test(name)) this.fail(`invalid name "${name}" (letters, digits and _ only)`, name);
    return B.variable(name);
  }

  operator(node: math.OperatorNode): Expr {
    const args = node.args.map((a) => this.convert(a));
    if (node.fn === 'unaryMinus') return B.neg(args[0]!);
    if (node.fn === 'unaryPlus') return args[0]!;
    const op = BINARY[node.fn];
    if (!op || args.length !== 2) return this.fail(`unsupported operator "${node.op}"`, node.op);
    return op(args[0]!, args[1]!);
  }

  call(node: math.FunctionNode): Expr {
    const name = node.fn.type === 'SymbolNode' ? (node.fn as unknown as math.SymbolNode).name : node.fn.toString();
    const args = node.args.map((a) => this.convert(a));
    if (name === 'leaky_relu') return this.leaky(args, name);
    const f = FUNCTIONS[name];
    if (!f) return this.fail(`unknown function ${name}() (known: ${KNOWN_FUNCTIONS.join(', ')})`, name);
    if (args.length !== 1) return this.fail(`${name}() takes 1 argument, got ${args.length}`, name);
    return f(args[0]!);
  }

  leaky(args: Expr[], name: string): Expr {
    const alpha = args[1] ?? B.num(0.01);
    if (args.length < 1 || args.length > 2 || alpha.kind !== 'const') {
      return this.fail('leaky_relu(x, alpha) takes an argument and an optional constant slope', name);
    }
    return B.leakyRelu(args[0]!, alpha.value);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parse a scalar expression; `source` names where it came from in error messages. */
export function parseExpression(text: string, source = 'expression'): Expr {
  if (text.trim() === '') throw new UserError(`${source}: empty expression`);
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (e) {
    const err = e as Error & { char?: number };
    const msg = err.message.replace(/\s*\(char \d+\)/, '');
    const where = typeof err.char === 'number' ? ` at position ${err.char}` : '';
    throw new UserError(oneLine(`${source}: ${msg}${where} in "${text}"`));
  }
  return new Converter(text, source).convert(tree);
}
