import { describe, expect, it } from 'vitest';
import * as B from '../../src/ir/build.ts';
import { variable } from '../../src/ir/expr.ts';
import { parseExpression } from '../../src/parse/expr.ts';
import { TooLarge } from '../../src/simplify/poly.ts';
import { isIdenticallyZero, rationalExpr, toRational } from '../../src/simplify/rational.ts';

const e = (text: string) => parseExpression(text);

describe('the rational normal form is exact', () => {
  it('a coefficient 10^-12 away from 2 is not 2', () => {
    expect(isIdenticallyZero(e('2*x - 2.000000000001*x'))).toBe(false);
    expect(isIdenticallyZero(e('x^2 - 1.0000000000000001*x^2'))).toBe(false);
    expect(isIdenticallyZero(e('2*x - 2*x'))).toBe(true);
  });

  it('decimals are the rationals they spell: 0.1 + 0.2 = 0.3, 1/3 + 1/6 = 0.5', () => {
    expect(isIdenticallyZero(e('0.1*x + 0.2*x - 0.3*x'))).toBe(true);
    expect(isIdenticallyZero(e('x/3 + x/6 - 0.5*x'))).toBe(true);
    expect(isIdenticallyZero(e('x/3 - 0.3333333333333333*x'))).toBe(false);
  });

  it('atoms whose constants share a float are different atoms', () => {
    // 1/3 and 0.3333333333333333 are the same double but not the same number
    expect(isIdenticallyZero(B.sub(B.sin(B.div(variable('x'), B.num(3))), B.sin(B.mul(B.num(0.3333333333333333), variable('x')))))).toBe(false);
  });

  it('coefficients print exactly', () => {
    expect(rationalExpr(toRational(e('x/3 + x/3')))).toBe(B.mul(B.rational({ n: 2n, d: 3n }), variable('x')));
  });

  it('hostile sizes fail fast with TooLarge, not a hang', () => {
    // 10^400 cannot be typed (the parser refuses literals of over 200 digits), but can be built.
    const huge = B.rational({ n: 10n ** 400n, d: 1n });
    expect(() => toRational(B.add(B.mul(huge, variable('x')), B.num(1)))).toThrow(TooLarge);
    const binomials = Array.from({ length: 200 }, (_, i) => `(x + ${i + 1})`).join('*');
    expect(() => toRational(e(binomials))).toThrow(TooLarge);
    // 400 names cannot be typed either (100 per formula), but can be built.
    const wide = B.product(Array.from({ length: 200 }, (_, i) => B.add(variable(`a${i}`), variable(`b${i}`))));
    expect(() => toRational(wide)).toThrow(TooLarge);
  });
});
