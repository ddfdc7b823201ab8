import { describe, expect, it } from 'vitest';
import { DERIVATIVE_SHORTHANDS, ELEMENTWISE_FUNCTIONS, parseClaim, parseParam, type ClaimContext } from '../../src/check/claim.ts';
import { validateSpec } from '../../src/network/validate.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import type { Expr } from '../../src/ir/expr.ts';

const net = (input: number, units: number[], extra: Record<string, unknown> = {}): ClaimContext => ({
  kind: 'network',
  spec: validateSpec({
    name: 't', input, notation: 'z-a', loss: 'mse',
    layers: units.map((u) => ({ units: u, activation: 'sigmoid' })), ...extra,
  }),
});
/** Seed 004's scalar network: x -> σ(w1 x + b1) -> σ(w2 a1 + b2), bce. */
const seed004 = net(1, [1, 1], { loss: 'bce' });
/** Seed 004's circles network [2, 4, 4, 1], z-a notation. */
const circles = net(2, [4, 4, 1], { loss: 'bce' });
/** Seed 002's xor network [2, 2, 1], a-h notation. */
const xor = net(2, [2, 1], { notation: 'a-h' });
/** Seeds 000/002's [3, 4, 2] network, a-h notation. */
const mlp = net(3, [4, 2], { notation: 'a-h' });
const expr = (...variables: string[]): ClaimContext => ({ kind: 'expression', variables });

const scalar = (text: string, context: ClaimContext): Expr => {
  const claim = parseClaim(text, context);
  expect(claim.form).toBe('scalar');
  // The normalised text is the claim: parsing it again gives the same node.
  expect(parseExpression(claim.mathjs)).toBe(claim.expr);
  return claim.expr!;
};
const ir = (canonical: string): Expr => parseExpression(canonical);

// The seed-004 claim for ∂J/∂w1, as the course writes it.
const SEED004_W1 = ir('(yhat - y) * w2 * a1 * (1 - a1) * x');
const SEED004_W1_PRIME = ir('(yhat - y) * w2 * (sigmoid(z1) * (1 - sigmoid(z1))) * x');

describe('parseClaim: mathjs syntax', () => {
  it('parses the seed-004 claim to the derivation names', () => {
    const claim = parseClaim('(yhat - y) * w2 * a1 * (1 - a1) * x', seed004);
    expect(claim).toMatchObject({ syntax: 'mathjs', form: 'scalar', mathjs: '(yhat - y) * w2 * a1 * (1 - a1) * x' });
    expect(claim.expr).toBe(SEED004_W1);
  });

  it('reads implicit multiplication and a name called like a function as a product', () => {
    expect(scalar('(yhat - y) w2 a1 x', seed004)).toBe(ir('(yhat - y) * w2 * a1 * x'));
    // a1(1 - a1) is the product a1 · (1 − a1), read left to right like any other product.
    const grouped = ir('(yhat - y) * w2 * a1 * (1 - a1) * x');
    expect(scalar('(yhat - y) w2 a1 (1 - a1) x', seed004)).toBe(grouped);
    expect(scalar('(yhat - y) * w2 * a1(1 - a1) * x', seed004)).toBe(grouped);
    expect(parseClaim('(yhat - y) * w2 * a1(1 - a1) * x', seed004).mathjs).toBe('(yhat - y) * w2 * a1 * (1 - a1) * x');
  });

  it('keeps only the right-hand side of an equation', () => {
    expect(scalar('dJ/dw1 = (yhat - y) * w2 * a1 * (1 - a1) * x', seed004)).toBe(SEED004_W1);
  });

  it("expands sigma'(u) to sigmoid(u) (1 - sigmoid(u))", () => {
    expect(scalar("(yhat - y) * w2 * sigma'(z1) * x", seed004)).toBe(SEED004_W1_PRIME);
    expect(scalar("(yhat - y) * w2 * sigmoid'(z1) * x", seed004)).toBe(SEED004_W1_PRIME);
    expect(scalar('(yhat - y) * w2 * dsigmoid(z1) * x', seed004)).toBe(SEED004_W1_PRIME);
  });

  it("expands tanh', relu', softplus' and leaky_relu'", () => {
    expect(scalar("tanh'(z1)", seed004)).toBe(ir('1 - tanh(z1)^2'));
    expect(scalar("relu'(z2) * x", seed004)).toBe(ir('step(z2) * x'));
    expect(scalar("softplus'(z1)", seed004)).toBe(ir('sigmoid(z1)'));
    expect(scalar("leaky_relu'(z1, 0.2)", seed004)).toBe(ir('step(z1) + 0.2 * (1 - step(z1))'));
    expect(scalar('drelu(z1)', seed004)).toBe(ir('step(z1)'));
  });

  it('accepts the Unicode forms ŷ, σ′, δ, ·, −', () => {
    expect(scalar('(ŷ − y) · w₂ · σ′(z₁) · x', seed004)).toBe(SEED004_W1_PRIME);
    expect(scalar('δ2 * x', seed004)).toBe(ir('delta2 * x'));
  });

  it('names deltas as the sheet does (z-a: numbered from the output back)', () => {
    expect(scalar('delta1 * a1', seed004)).toBe(ir('delta1 * a1'));
    expect(scalar('delta1 * a2[3]', circles)).toBe(ir('delta1_1 * a2_3'));
    expect(scalar('delta3[2] * x2', circles)).toBe(ir('delta3_2 * x2'));
  });

  it('maps indexed parameters to W{k}_{i}_{j} and b{k}_{i}, 1-based', () => {
    expect(scalar('W2[1][3] + W2[1, 3] + W2_1_3', circles)).toBe(ir('W2_1_3 + W2_1_3 + W2_1_3'));
    expect(scalar('b1[2] * W3[1][4]', circles)).toBe(ir('b1_2 * W3_1_4'));
  });

  it("accepts W2[1][1] and W2 for seed 004's w2, and b3 for a width-1 bias", () => {
    expect(scalar('W2[1][1] * a1 + W2', seed004)).toBe(ir('w2 * a1 + w2'));
    expect(scalar('b3 + z3 + delta1', circles)).toBe(ir('b3_1 + z3_1 + delta1_1'));
  });

  it('uses the a-h notation: a{k} pre-activation, h{k} activation, the last one yhat', () => {
    expect(scalar('delta2 * h1[2]', xor)).toBe(ir('delta2_1 * h1_2'));
    expect(scalar('h2 - y', xor)).toBe(ir('yhat - y'));
    expect(scalar('x[1] + x2 + a1[1]', xor)).toBe(ir('x1 + x2 + a1_1'));
  });

  it('knows the constants e and pi, and leaves == to fail', () => {
    expect(scalar('e^x + pi', seed004)).toBe(ir('e^x + pi'));
    expect(() => parseClaim('x == y', seed004)).toThrow('claim: unsupported operator "==" at position 3 in "x == y"');
    expect(() => parseClaim("relu' + x", seed004)).toThrow(/function relu_prime used without an argument at position 1/);
  });

  it('keeps expression variables', () => {
    expect(scalar('1/x', expr('x', 'y'))).toBe(ir('1 / x'));
    expect(scalar('y * x^(y - 1)', expr('x', 'y'))).toBe(ir('y * x^(y - 1)'));
  });
});

describe('parseClaim: LaTeX', () => {
  it('parses the seed-004 claim with \\hat{y}, subscripts, spacing and implicit products', () => {
    const claim = parseClaim('(\\hat{y} - y)\\, w_2\\, a_1 (1 - a_1)\\, x', seed004);
    expect(claim.syntax).toBe('latex');
    expect(claim.mathjs).toBe('(yhat - y) * w2 * a1 * (1 - a1) * x');
    expect(claim.expr).toBe(SEED004_W1);
  });

  it("parses \\left( \\right), \\hat y, \\cdot and \\sigma'", () => {
    expect(scalar("\\left(\\hat y-y\\right) \\cdot w_2 \\cdot \\sigma'(z_1) \\cdot x", seed004)).toBe(SEED004_W1_PRIME);
    expect(scalar('\\left[\\hat y-y\\right] \\times w_2 \\sigma^{\\prime}(z_1) x', seed004)).toBe(SEED004_W1_PRIME);
  });

  it('parses \\frac, \\sqrt, \\log, \\ln, \\exp and e^{u}', () => {
    expect(scalar('\\frac{1}{x}', expr('x', 'y'))).toBe(ir('1 / x'));
    expect(scalar('\\frac12 \\sqrt{x}', expr('x'))).toBe(ir('(1 / 2) * sqrt(x)'));
    expect(scalar('\\log x + \\ln(y) + \\exp(x) + e^{x y}', expr('x', 'y'))).toBe(ir('log(x) + log(y) + exp(x) + exp(x * y)'));
  });

  it('reads an unknown run of letters as a product, as LaTeX does, but keeps known names', () => {
    expect(scalar('\\frac{y}{xy}', expr('x', 'y'))).toBe(ir('y / (x * y)'));
    expect(scalar('\\alpha x_1 + alpha', expr('x_1', 'alpha'))).toBe(ir('alpha * x_1 + alpha'));
  });

  it('drops the left-hand side \\frac{\\partial J}{\\partial w_1} =', () => {
    expect(scalar('\\frac{\\partial J}{\\partial w_1} = -\\frac{y}{\\hat y} + \\frac{1-y}{1-\\hat{y}}', seed004)).toBe(ir('-(y / yhat) + (1 - y) / (1 - yhat)'));
  });

  it('reads w_{ij}^{(k)}, w^{k}_{ij} and w_{ij}^{k} as weights; ^{(k)} is the layer', () => {
    const w = ir('W2_1_3');
    expect(scalar('w_{13}^{(2)}', circles)).toBe(w);
    expect(scalar('w^{(2)}_{13}', circles)).toBe(w);
    expect(scalar('w^{2}_{13}', circles)).toBe(w);
    expect(scalar('w_{13}^{2}', circles)).toBe(w);
    expect(scalar('w_{11}^{(2)}', seed004)).toBe(ir('w2'));
  });

  it('needs commas in weight subscripts from three digits on', () => {
    const big = net(12, [3]);
    expect(scalar('w_{3,12}^{(1)}', big)).toBe(ir('W1_3_12'));
    expect(() => parseClaim('w_{312}^{(1)}', big)).toThrow(
      'claim: ambiguous weight indices "312" (separate them with a comma, e.g. w_{31,2}) at position 2 in "w_{312}^{(1)}"',
    );
  });

  it('reads deltas and units: \\delta_2, \\delta^{(1)}_2, z^{1}_{2}, x_1, \\hat{y}_2', () => {
    expect(scalar('\\delta_2 x', seed004)).toBe(ir('delta2 * x'));
    expect(scalar('\\delta^{(3)}_2 x_1', circles)).toBe(ir('delta3_2 * x1'));
    expect(scalar('z^{1}_{2} + a_{3}^{(2)}', circles)).toBe(ir('z1_2 + a2_3'));
    expect(scalar('\\hat{y}_2 - y_2', net(1, [2]))).toBe(ir('yhat2 - y2'));
  });

  it('reads a superscript after a unit subscript as a power', () => {
    expect(scalar('1 - a_1^2', seed004)).toBe(ir('1 - a1^2'));
    expect(scalar('1 - \\tanh^2(z_1)', seed004)).toBe(ir('1 - tanh(z1)^2'));
  });

  it("reads \\mathrm{relu}', \\operatorname{relu}' and plain digits after a name", () => {
    expect(scalar("\\mathrm{relu}'(z_1) \\operatorname{relu}'(z2)", seed004)).toBe(ir('step(z1) * step(z2)'));
    expect(scalar('(\\hat{y} - y) w2 a1 (1 - a1) x', seed004)).toBe(SEED004_W1);
  });
});

describe('parseClaim: matrix form', () => {
  it('detects transposes and vectors, and writes transpose() and *', () => {
    expect(parseClaim('delta2 * h1^T', mlp)).toMatchObject({ form: 'matrix', mathjs: 'delta2 * transpose(h1)' });
    expect(parseClaim("delta2 * a1'", circles)).toMatchObject({ form: 'matrix', mathjs: 'delta2 * transpose(a1)' });
    expect(parseClaim('delta1', xor).form).toBe('matrix');
    expect(parseClaim('W2', circles).form).toBe('matrix');
  });

  it("writes .* for Hadamard products and keeps derivative shorthands as names", () => {
    const claim = parseClaim("(W2^T * delta2) .* relu'(a1)", mlp);
    expect(claim).toMatchObject({ form: 'matrix', mathjs: '(transpose(W2) * delta2) .* relu_prime(a1)' });
    expect(claim.expr).toBeUndefined();
    expect(parseClaim('\\left(W_2^{\\top} \\delta_2\\right) \\odot \\sigma\'(a_1)', mlp).mathjs).toBe('(transpose(W2) * delta2) .* sigmoid_prime(a1)');
  });

  it('names width-1 quantities by their scalar names inside matrix claims', () => {
    expect(parseClaim('(W3^T * delta1) .* relu\'(z2)', circles).mathjs).toBe('(transpose(W3) * delta1_1) .* relu_prime(z2)');
  });

  it('lists the shorthand names a scope must define', () => {
    expect(DERIVATIVE_SHORTHANDS).toEqual(['sigmoid_prime', 'tanh_prime', 'relu_prime', 'softplus_prime', 'leaky_relu_prime']);
    expect(ELEMENTWISE_FUNCTIONS).toContain('sigmoid');
    expect(ELEMENTWISE_FUNCTIONS).toContain('relu_prime');
  });

  it('refuses matrix operations on an expression', () => {
    expect(() => parseClaim('x .* y', expr('x', 'y'))).toThrow(/matrix operations .* need a network/);
  });
});

describe('parseClaim: errors', () => {
  it('reports a syntax error with its position in the original text', () => {
    expect(() => parseClaim('(yhat - y) * w2 +', seed004)).toThrow('claim: Unexpected end of expression at position 18 in "(yhat - y) * w2 +"');
    expect(() => parseClaim('(yhat - y', seed004, 'claims.json[3].claim')).toThrow(/^claims\.json\[3\]\.claim: Parenthesis \) expected at position 10/);
  });

  it('reports an unknown name with its position and the names that exist', () => {
    expect(() => parseClaim('x * w3', seed004)).toThrow(
      'claim: unknown name "w3" at position 5 (names: w1, b1, w2, b2, x, y, yhat, z1, a1, z2, delta1, delta2)',
    );
    expect(() => parseClaim('W2[5][1]', circles)).toThrow(/unknown name "W2\[5\]\[1\]" at position 1 \(names: W1\[1\.\.4\]\[1\.\.2\], b1\[1\.\.4\], .*W3\[1\]\[1\.\.4\], b3,/);
  });

  it('suggests the closest name for a misspelling', () => {
    expect(() => parseClaim('yaht - y', seed004)).toThrow(/unknown name "yaht" at position 1 \(did you mean "yhat"\?/);
  });

  it('maps positions back into LaTeX', () => {
    expect(() => parseClaim('(\\hat{y} - y)\\, w_3', seed004)).toThrow(/unknown name "w3" at position 17 /);
    expect(() => parseClaim('\\frac{1}{x} + \\partial', expr('x'))).toThrow('claim: unsupported LaTeX command \\partial at position 15 in "\\frac{1}{x} + \\partial"');
    expect(() => parseClaim('\\left( x + 1', expr('x'))).toThrow(/missing "\)" for the group opened at position 1/);
  });

  it('rejects unknown functions and symbolic indices', () => {
    expect(() => parseClaim('x + lgo(x)', seed004)).toThrow(/unknown function lgo\(\) .* at position 5/);
    expect(() => parseClaim('y_i', net(1, [2]))).toThrow(/symbolic index "i"/);
  });
});

describe('parseParam', () => {
  const spec004 = seed004.kind === 'network' ? seed004.spec : undefined!;
  const circlesSpec = circles.kind === 'network' ? circles.spec : undefined!;

  it('names scalars as the derivation does', () => {
    expect(parseParam('w1', spec004)).toEqual({ kind: 'scalar', name: 'w1' });
    expect(parseParam('W2[1][1]', spec004)).toEqual({ kind: 'scalar', name: 'w2' });
    expect(parseParam('W2[1][3]', circlesSpec)).toEqual({ kind: 'scalar', name: 'W2_1_3' });
    expect(parseParam('b1[2]', circlesSpec)).toEqual({ kind: 'scalar', name: 'b1_2' });
    expect(parseParam('w_{13}^{(2)}', circlesSpec)).toEqual({ kind: 'scalar', name: 'W2_1_3' });
  });

  it('names whole matrices and bias vectors', () => {
    expect(parseParam('W2', circlesSpec)).toEqual({ kind: 'matrix', name: 'W2' });
    expect(parseParam('b1', circlesSpec)).toEqual({ kind: 'matrix', name: 'b1' });
  });

  it('rejects what is not a parameter', () => {
    expect(() => parseParam('z1', spec004)).toThrow('--param: "z1" is not a parameter of the network (parameters: w1, b1, w2, b2)');
    expect(() => parseParam('W4', circlesSpec)).toThrow(/not a parameter/);
  });
});
