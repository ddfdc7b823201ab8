// bench/count-ops.ts against SymPy 1.14's count_ops. Each expected value was computed by
// running SymPy on the expression in the comment (all symbols real), e.g.
//   python3 -c "from sympy import *; x, y = symbols('x y', real=True); print(count_ops(x - y))"
import { describe, expect, it } from 'vitest';
import { countOps, decimalRational, sympyText } from '../bench/count-ops.ts';
import { parseExpression } from '../src/parse/expr.ts';

const CASES: ReadonlyArray<readonly [text: string, sympy: number]> = [
  ['x - y', 1], //                  x - y: SUB
  ['-x - y', 2], //                 -x - y: NEG + SUB
  ['x / y', 1], //                  x/y: DIV
  ['2 / x', 1], //                  2/x: DIV (an integer numerator is free)
  ['3 * x / 2', 2], //              3*x/2 = Mul(Rational(3, 2), x): DIV + MUL
  ['1 / (x * y)', 2], //            1/(x*y): DIV + MUL
  ['sqrt(x)', 2], //                sqrt(x) = x**(1/2): POW + DIV
  ['1 / sqrt(x)', 3], //            1/sqrt(x) = x**(-1/2): POW + NEG + DIV
  ['x^(-2)', 2], //                 x**(-2): POW + NEG
  ['-1/3', 2], //                   Rational(-1, 3): NEG + DIV
  ['sin(x)*x + sin(x)^2', 5], //    x*sin(x) + sin(x)**2: ADD + MUL + POW + 2*SIN (SymPy's docstring)
  ['1 + a + b^2', 3], //            a + b**2 + 1: 2*ADD + POW
  ['x * exp(-x)', 2], //            x*exp(-x): DIV + EXP (fraction() reads exp(-x) as 1/exp(x))
  ['pi * x^2', 2], //               pi*x**2: MUL + POW (pi is free)
  ['e', 1], //                      E: EXP
  ['-(x + 1)', 2], //               -x - 1: NEG + SUB (SymPy distributes the minus)
  ['2^x * log(2)', 3], //           2**x*log(2): MUL + POW + LOG
  ['0.25 * x', 1], //               x/4 = Mul(Rational(1, 4), x): DIV
  ['-x * y / (x + 1)', 4], //       -x*y/(x + 1): NEG + DIV + MUL + ADD
  ['exp(x) / (exp(x) + 1)', 4], //  exp(x)/(exp(x) + 1): DIV + ADD + 2*EXP
  ['abs(x) * sign(x)', 3], //       Abs(x)*sign(x): MUL + ABS + SIGN
  ['sigmoid(x)', 1], //             Function('sigmoid')(x): one application, as any named function
];

describe('count_ops as SymPy counts it', () => {
  for (const [text, sympy] of CASES) {
    it(`${text}: ${sympy}`, () => {
      const e = parseExpression(text);
      expect(countOps(e), sympyText(e)).toBe(sympy);
    });
  }

  it('reads decimals exactly', () => {
    expect(decimalRational(0.1)).toEqual({ t: 'rat', n: 1n, d: 10n });
    expect(decimalRational(-2.5e-7)).toEqual({ t: 'rat', n: -1n, d: 4000000n });
    expect(decimalRational(1e21)).toEqual({ t: 'rat', n: 10n ** 21n, d: 1n });
  });
});
