// A student's claimed derivative -> symprop's IR (scalar claims) or normalised mathjs text
// (matrix claims). The text goes: right-hand side of a single "=", LaTeX -> mathjs (latex.ts;
// a claim is LaTeX when it has a backslash, a braced script _{ ^{, or a one-letter name or
// delta followed by _), Unicode (ŷ σ′ δ ⊙ ᵀ · − ₁) and primes, mathjs parse, then names resolved
// to the derivation's identifiers.
//
// Names (they mirror src/network/names.ts; matching is case-sensitive except w/W):
//   W{k}[i][j] = W{k}[i,j] = W{k}_i_j -> W{k}_{i}_{j} (w_ij^k links unit j of layer k-1 to unit i
//   of layer k, 1-based); b{k}[i] -> b{k}_{i}. A layer of one unit fed by one unit uses seed
//   004's w{k}, b{k} (W{k}[1][1] and W{k} are accepted for w{k} there).
//   x / x1..xN (x[j] too), y / y1..yK, yhat / yhat1..yhatK; p, p{i} and S for softmax outputs.
//   Intermediates in the spec's notation, z{k}/a{k} ("z-a") or a{k}/h{k} ("a-h"), with [i] on
//   wider layers (a1[2] -> a1_2); the last activation is yhat (a{L}/h{L} are accepted for it)
//   and the layer-0 activation is x. Deltas delta{k} / delta{k}[i] numbered as on the sheet
//   ("z-a": from the output back). A width-1 quantity needs no index (b3 = b3[1] -> b3_1).
// Derivative shorthands (scalar claims expand them; matrix claims keep the names below):
//   sigma'(u), sigmoid'(u), dsigmoid(u), sigmoid_prime(u) -> sigmoid(u) * (1 - sigmoid(u))
//   tanh'(u), dtanh(u), tanh_prime(u)                     -> 1 - tanh(u)^2
//   relu'(u), drelu(u), relu_prime(u)                     -> step(u)        (relu'(0) = 0)
//   softplus'(u), dsoftplus(u), softplus_prime(u)         -> sigmoid(u)
//   leaky_relu'(u, α), leaky_relu_prime(u, α)             -> step(u) + α (1 - step(u)), α = 0.01
// A name called like a function is a product: a1(1 - a1) = a1 * (1 - a1).
//
// Matrix claims: a claim is in matrix form when it uses a transpose (W2', W2^T, transpose()),
// an elementwise operator (.*, ./, .^, ⊙) or a whole matrix or vector of more than one entry
// (W2, delta2, h1, x). Its normal form is mathjs text that `evaluate` can run given a scope of
// matrices (vectors as N×1 columns) named as blocks: W{k} (w{k} for a scalar layer), b{k},
// z{k}/a{k} or a{k}/h{k}, delta{k}, x, y, yhat; width-1 quantities and indexed entries keep
// their scalar names. Products are `*`, the Hadamard product `.*`, transposes `transpose(X)`,
// and the functions of ELEMENTWISE_FUNCTIONS must be given by the scope, entry by entry.
//
// Batch notation (scalar network claims): `n` is the batch size and sum(e) (LaTeX \sum_i e,
// \sum_{i=1}^{n} e) the sum over the batch of e, whose names are that example's values. A
// claim using either is a batch claim: `batch` holds it (see batch.ts); otherwise n = 1.
import type { MathNode } from 'mathjs';
import type { Expr } from '../ir/expr.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { constantValue, isFactorName, KNOWN_FUNCTIONS, math, parseExpression } from '../parse/expr.ts';
import { checkFormulaText, checkFormulaTree } from '../parse/limits.ts';
import { readFormula } from '../parse/reading.ts';
import { readMathjs, readScalar, type ClaimReading } from './echo.ts';
import { excerpt, UserError, oneLine } from '../util/errors.ts';
import { closest } from '../util/suggest.ts';
import { expressionResolver, networkResolver, SPLIT, type Resolved, type Resolver } from './claim-names.ts';
import { latexToMathjs, looksLikeLatex, normaliseText, rightHandSide, type Mapped } from './latex.ts';
import { table } from '../util/table.ts';


export type ClaimContext =
  | { readonly kind: 'expression'; readonly variables: readonly string[] }
  | { readonly kind: 'network'; readonly spec: NetworkSpec };

export interface ParsedClaim {
  readonly syntax: 'mathjs' | 'latex';
  /** 'scalar': expr holds it; 'matrix': a matrix-form claim (W2^T, .*, vectors), kept as mathjs text. */
  readonly form: 'scalar' | 'matrix';
  /** Scalar claims: IR over the derivation's variable names (parseExpression(mathjs) gives the same node). */
  readonly expr?: Expr;
  /** The claim normalised to mathjs syntax, derivation names, shorthands expanded in scalar form. */
  readonly mathjs: string;
  /** Batch claims (they use n or sum(...)): judged by batch-judge.ts; `expr` is then absent. */
  readonly batch?: BatchClaim;
  /** How the claim was read, to echo back (text, LaTeX, ambiguity notes). */
  readonly read: ClaimReading;
}

/** Derivative shorthands by canonical name (what matrix claims keep; a scope must define them). */
export const DERIVATIVE_SHORTHANDS = ['sigmoid_prime', 'tanh_prime', 'relu_prime', 'softplus_prime', 'leaky_relu_prime'] as const;
/** Every function a matrix claim's normal form may call elementwise (besides mathjs's transpose). */
export const ELEMENTWISE_FUNCTIONS = [
  'exp', 'log', 'sqrt', 'abs', 'sign', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu', 'softplus', 'step', 'leaky_relu',
  ...DERIVATIVE_SHORTHANDS,
] as const;

const ALIASES: Readonly<Record<string, string>> = table({
  sigma: 'sigmoid', ln: 'log', heaviside: 'step',
  dsigmoid: 'sigmoid_prime', dsigma: 'sigmoid_prime', sigma_prime: 'sigmoid_prime', dtanh: 'tanh_prime',
  drelu: 'relu_prime', dsoftplus: 'softplus_prime', dleaky_relu: 'leaky_relu_prime',
});
/** Scalar expansion of each shorthand: U is the argument, A the leaky slope. */
const EXPANSIONS: Readonly<Record<string, string>> = table({
  sigmoid_prime: '(sigmoid(U) * (1 - sigmoid(U)))',
  tanh_prime: '(1 - tanh(U) ^ 2)',
  relu_prime: 'step(U)',
  softplus_prime: 'sigmoid(U)',
  leaky_relu_prime: '(step(U) + A * (1 - step(U)))',
});

// ---- names --------------------------------------------------------------------------

interface Ref {
  readonly base: string;
  readonly indices: readonly number[];
}

/** A name, possibly indexed: x, W2_1_3, W2[1][3], W2[1, 3]. */
function refOf(node: MathNode): Ref | undefined {
  if (math.isSymbolNode(node)) return { base: node.name, indices: [] };
  if (!math.isAccessorNode(node)) return undefined;
  const inner = refOf(node.object);
  const dims = node.index.dimensions;
  const index = (d: MathNode): number | undefined => {
    const v = math.isConstantNode(d) ? constantValue(d.value) : undefined;
    return v && v.d === 1n && v.n > 0n && v.n < 1_000_000n ? Number(v.n) : undefined;
  };
  const indices = dims.map(index);
  if (!inner || indices.some((i) => i === undefined)) return undefined;
  return { base: inner.base, indices: [...inner.indices, ...(indices as number[])] };
}

const fnName = (node: math.FunctionNode): string => {
  const fn = node.fn as MathNode;
  return math.isSymbolNode(fn) ? fn.name : fn.toString();
};
const canonical = (name: string): string => (Object.hasOwn(ALIASES, name) ? ALIASES[name]! : name);
const CONSTANTS = new Set(['e', 'pi', 'π']);
const isFunctionName = (name: string): boolean => Object.hasOwn(EXPANSIONS, canonical(name)) || KNOWN_FUNCTIONS.includes(canonical(name));

const ELEMENTWISE_OPS = new Set(['dotMultiply', 'dotDivide', 'dotPow']);
const ALLOWED_OPS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', ...ELEMENTWISE_OPS]);

class ClaimReader {
  readonly resolved = new Map<MathNode, Resolved>();
  matrix = false;
  /** The claim uses the batch notation (n or sum); only network claims may. */
  batch = false;
  private sumDepth = 0;

  constructor(
    private readonly text: Mapped,
    private readonly original: string,
    private readonly source: string,
    private readonly names: Resolver,
    private readonly transposeSymbol: boolean,
    private readonly batchAllowed = false,
  ) {}

  /** 1-based position in the original of the first whole-word `word` of the mathjs text. */
  position(word: string): string {
    const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = this.text.text.search(new RegExp(`(?<![A-Za-z0-9_])${esc}(?![A-Za-z0-9_])`));
    return at >= 0 ? ` at position ${(this.text.pos[at] ?? 0) + 1}` : '';
  }

  fail(what: string, word?: string, tail = ` in "${excerpt(this.original)}"`): never {
    throw new UserError(oneLine(`${this.source}: ${what}${word === undefined ? '' : this.position(word)}${tail}`));
  }

  unknown(node: MathNode, ref: Ref): never {
    const shown = node.toString();
    const m = SPLIT.exec(ref.base);
    const guess = m && this.names.knownStem(m[1]!) ? undefined : closest(ref.base, this.names.candidates);
    const hint = guess === undefined ? '' : `did you mean "${guess}"? `;
    return this.fail(`unknown name "${shown}"`, ref.base, ` (${hint}names: ${this.names.listing})`);
  }

  isTranspose(node: MathNode): boolean {
    if (!math.isOperatorNode(node)) return false;
    const e = node.args[1];
    return node.fn === 'pow' && this.transposeSymbol && e !== undefined && math.isSymbolNode(e) && (e.name === 'T' || e.name === 'top');
  }

  /** First pass: check the syntax, resolve every name, decide whether the claim is in matrix form. */
  scan(node: MathNode): void {
    const ref = refOf(node);
    if (ref) {
      const r = this.names.resolve(ref.base, ref.indices);
      if (!r && math.isSymbolNode(node) && CONSTANTS.has(node.name)) return;
      if (!r && math.isSymbolNode(node) && node.name === BATCH_SIZE && this.batchAllowed) {
        this.batch = true;
        return;
      }
      if (!r && math.isSymbolNode(node) && isFunctionName(node.name)) this.fail(`function ${node.name} used without an argument`, node.name);
      if (!r) this.unknown(node, ref);
      this.resolved.set(node, r);
      if (r.kind === 'matrix') this.matrix = true;
      return;
    }
    if (math.isParenthesisNode(node)) return this.scan(node.content);
    if (math.isConstantNode(node)) {
      if (!constantValue(node.value)) this.fail(`expected a number, got ${JSON.stringify(String(node.value))}`);
      return;
    }
    if (math.isOperatorNode(node)) {
      if (!ALLOWED_OPS.has(node.fn)) this.fail(`unsupported operator "${node.op}"`, node.op);
      if (ELEMENTWISE_OPS.has(node.fn)) this.matrix = true;
      if (this.isTranspose(node)) {
        this.matrix = true;
        return this.scan(node.args[0]!);
      }
      return node.args.forEach((a) => this.scan(a));
    }
    if (math.isFunctionNode(node)) return this.scanCall(node);
    this.fail(`unsupported syntax "${node.toString()}"`);
  }

  scanCall(node: math.FunctionNode): void {
    const name = fnName(node);
    const fn = canonical(name);
    if (fn === BATCH_SUM && this.batchAllowed) {
      if (this.sumDepth > 0) this.fail('nested sums are not supported', name);
      if (node.args.length !== 1) this.fail(`sum() takes 1 argument, got ${node.args.length}`, name);
      this.batch = true;
      this.sumDepth++;
      this.scan(node.args[0]!);
      this.sumDepth--;
      return;
    }
    node.args.forEach((a) => this.scan(a));
    if (fn === 'transpose') this.matrix = true;
    else if (!Object.hasOwn(EXPANSIONS, fn) && !KNOWN_FUNCTIONS.includes(fn)) {
      const ref = refOf(node.fn);
      const r = ref && this.names.resolve(ref.base, ref.indices);
      if (!r) this.fail(`unknown function ${name}() (known: ${[...KNOWN_FUNCTIONS, ...DERIVATIVE_SHORTHANDS].join(', ')})`, name);
      this.resolved.set(node.fn, r);
      if (r.kind === 'matrix') this.matrix = true;
      if (node.args.length !== 1) this.fail(`${name}(...) reads as a product and takes one factor`, name);
      return;
    }
    const arity = fn === 'leaky_relu' || fn === 'leaky_relu_prime' ? [1, 2] : [1, 1];
    if (node.args.length < arity[0]! || node.args.length > arity[1]!) this.fail(`${name}() takes ${arity[1]} argument${arity[1] === 1 ? '' : 's'}, got ${node.args.length}`, name);
  }

  /** Second pass: names -> derivation names, shorthands expanded (scalar) or canonical (matrix). */
  rewrite(tree: MathNode): MathNode {
    const cb = (node: MathNode): MathNode => {
      const r = this.resolved.get(node);
      if (r) return new math.SymbolNode(r.name);
      if (this.isTranspose(node)) return call('transpose', [(node as math.OperatorNode).args[0]!.transform(cb)]);
      if (!math.isFunctionNode(node)) return node;
      const args = node.args.map((a) => a.transform(cb));
      const fnRes = this.resolved.get(node.fn);
      // Parenthesised: mathjs prints a right-nested product without them, which would reassociate.
      if (fnRes) return new math.ParenthesisNode(new math.OperatorNode('*', 'multiply', [new math.SymbolNode(fnRes.name), paren(args[0]!)]));
      const fn = canonical(fnName(node));
      const expansion = Object.hasOwn(EXPANSIONS, fn) ? EXPANSIONS[fn] : undefined;
      if (this.matrix || !expansion) return call(fn, args);
      return instantiate(expansion, { U: args[0]!, A: args[1] ?? new math.ConstantNode(0.01) });
    };
    return tree.transform(cb);
  }
}

const BATCH_SIZE = 'n';
const BATCH_SUM = 'sum';

/** A batch claim: `outer` over the parameters, n and the variables `sums[k].name`, each Σ over the batch of `sums[k].expr`. */
export interface BatchClaim {
  readonly outer: Expr;
  readonly sums: readonly { readonly name: string; readonly expr: Expr }[];
}

/** Replace each sum(e) by a variable batchsum{k} and parse the pieces to IR. */
function splitBatch(tree: MathNode, source: string): BatchClaim {
  const sums: { name: string; expr: Expr }[] = [];
  const outer = tree.transform((node) => {
    if (!math.isFunctionNode(node) || fnName(node) !== BATCH_SUM) return node;
    const name = `batchsum${sums.length}`;
    sums.push({ name, expr: parseExpression(printTidy(node.args[0]!), source) });
    return new math.SymbolNode(name);
  });
  return { outer: parseExpression(printTidy(outer), source), sums };
}

const call = (fn: string, args: MathNode[]): MathNode => new math.FunctionNode(new math.SymbolNode(fn), args);
const paren = (node: MathNode): MathNode => (math.isParenthesisNode(node) || refOf(node) ? node : new math.ParenthesisNode(node));

function instantiate(template: string, args: Readonly<Record<string, MathNode>>): MathNode {
  return math.parse(template).transform((n) => (math.isSymbolNode(n) && Object.hasOwn(args, n.name) ? args[n.name]! : n));
}

/**
 * mathjs text without redundant parentheses, when mathjs's printer keeps the tree's shape
 * (it drops them around a right operand of * and +, which would reassociate the IR); else as is.
 */
function printTidy(tree: MathNode): string {
  const bare = (n: MathNode): MathNode => n.transform((m) => (math.isParenthesisNode(m) ? bare(m.content) : m));
  const shape = (n: MathNode): string => bare(n).toString({ parenthesis: 'all', implicit: 'show' });
  const tidy = bare(tree).toString({ implicit: 'show' });
  return shape(math.parse(tidy)) === shape(tree) ? tidy : tree.toString({ implicit: 'show' });
}

function parseMapped(text: Mapped, original: string, source: string): MathNode {
  if (text.text.trim() === '') throw new UserError(`${source}: empty expression`);
  try {
    return math.parse(text.text);
  } catch (e) {
    const err = e as Error & { char?: number };
    const msg = err.message.replace(/\s*\(char \d+\)/, '');
    const at = typeof err.char === 'number' ? (text.pos[Math.max(0, Math.min(err.char - 1, text.text.length))] ?? 0) + 1 : undefined;
    throw new UserError(oneLine(`${source}: ${msg}${at === undefined ? '' : ` at position ${at}`} in "${excerpt(original, (at ?? 1) - 1)}"`));
  }
}

function prepare(text: string, names: Resolver, source: string): { syntax: 'mathjs' | 'latex'; mapped: Mapped; notes: readonly string[] } {
  const rhs = rightHandSide(text);
  const syntax = looksLikeLatex(rhs.text) ? 'latex' : 'mathjs';
  const mathjs = syntax === 'latex' ? latexToMathjs(rhs, text, source, names.words) : rhs;
  const known = (name: string): boolean => CONSTANTS.has(name) || names.resolve(name, []) !== undefined;
  const reading = readFormula(normaliseText(mathjs), {
    isFunction: (name) => isFunctionName(name) || name === BATCH_SUM || name === 'transpose',
    isFactor: (name) => !isFunctionName(name) && (known(name) || isFactorName(name)),
    isKnown: (name) => known(name) || name === BATCH_SIZE || DERIVATIVE_SHORTHANDS.includes(canonical(name) as never),
    parts: [...names.candidates, 'e', 'pi'].filter((n) => names.resolve(n, []) !== undefined || CONSTANTS.has(n)),
  });
  return { syntax, mapped: reading.text, notes: reading.notes };
}

const resolverFor = (context: ClaimContext): Resolver =>
  context.kind === 'network' ? networkResolver(context.spec) : expressionResolver(context.variables);

/** Parse a claimed derivative; throws UserError with the position of what is wrong. */
export function parseClaim(text: string, context: ClaimContext, source = 'claim'): ParsedClaim {
  const names = resolverFor(context);
  checkFormulaText(text, source);
  const { syntax, mapped, notes } = prepare(text, names, source);
  const tree = parseMapped(mapped, text, source);
  checkFormulaTree(tree, source);
  const reader = new ClaimReader(mapped, text, source, names, context.kind === 'network' || !context.variables.includes('T'), context.kind === 'network');
  reader.scan(tree);
  if (context.kind === 'expression' && reader.matrix) reader.fail('matrix operations (transpose, .*) need a network');
  if (reader.batch && reader.matrix) reader.fail('the batch notation (n, sum) is for scalar claims; a matrix claim is about one example');
  const rewritten = reader.rewrite(tree);
  if (reader.batch) {
    const mathjs = printTidy(rewritten);
    return { syntax, form: 'scalar', mathjs, batch: splitBatch(rewritten, source), read: readMathjs(mathjs, notes) };
  }
  // Matrix claims keep the user's parentheses: A * B .* C is legal mathjs but reads badly.
  if (reader.matrix) {
    const mathjs = rewritten.toString({ implicit: 'show' });
    return { syntax, form: 'matrix', mathjs, read: readMathjs(mathjs, notes) };
  }
  const mathjs = printTidy(rewritten);
  const expr = parseExpression(mathjs, source);
  return { syntax, form: 'scalar', expr, mathjs, read: readScalar(expr, notes) };
}

/** The parameter a `--param` names, as a derivation name: "w1" -> "w1", "W2[1][3]" -> "W2_1_3", "W2" -> matrix "W2". */
export function parseParam(
  text: string,
  spec: NetworkSpec,
): { readonly kind: 'scalar'; readonly name: string } | { readonly kind: 'matrix'; readonly name: string } {
  const source = '--param';
  const names = networkResolver(spec);
  const { mapped } = prepare(text, names, source);
  const tree = parseMapped(mapped, text, source);
  const ref = refOf(tree);
  const r = ref && names.resolve(ref.base, ref.indices);
  if (!r || (r.family !== 'weight' && r.family !== 'bias')) {
    const params = names.listing.split(', ').filter((s) => /^[wWb]\d/.test(s));
    throw new UserError(oneLine(`${source}: "${text}" is not a parameter of the network (parameters: ${params.join(', ')})`));
  }
  return { kind: r.kind, name: r.name };
}
