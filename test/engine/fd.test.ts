import { describe, it, expect } from 'vitest';
import { centralDiff, maxRelErr, relErr } from '../../src/engine/fd.ts';

describe('centralDiff', () => {
  it('matches a hand-derived gradient', () => {
    // f = x² y + sin z  →  ∇f = (2xy, x², cos z)
    const f = (v: Float64Array) => v[0]! * v[0]! * v[1]! + Math.sin(v[2]!);
    const x = Float64Array.of(1.5, -2, 0.3);
    const g = centralDiff(f, x);
    expect(g[0]).toBeCloseTo(2 * 1.5 * -2, 8);
    expect(g[1]).toBeCloseTo(1.5 * 1.5, 8);
    expect(g[2]).toBeCloseTo(Math.cos(0.3), 8);
  });

  it('scales the step with large coordinates', () => {
    // d/dx of x³ at 1e4 is 3e8; an absolute 1e-5 step would lose most digits to rounding
    const g = centralDiff((v) => v[0]! ** 3, Float64Array.of(1e4));
    expect(relErr(g[0]! / 3e8, 1)).toBeLessThan(1e-8);
  });

  it('restores x exactly and leaves it untouched between probes', () => {
    const x = Float64Array.of(0.1, 1e6, -7.3);
    const copy = Float64Array.from(x);
    const seen: number[][] = [];
    centralDiff((v) => {
      seen.push(Array.from(v));
      return v[0]! + v[1]! + v[2]!;
    }, x);
    expect(Array.from(x)).toEqual(Array.from(copy));
    // each probe moves exactly one coordinate
    for (const probe of seen) expect(probe.filter((p, i) => p !== copy[i]).length).toBe(1);
    expect(seen.length).toBe(6);
  });

  it('honours a custom base step', () => {
    // for f = x², the central difference is exact: (x+h)² − (x−h)² = 4xh
    const g = centralDiff((v) => v[0]! * v[0]!, Float64Array.of(3), 0.5);
    expect(g[0]).toBe(6);
  });
});

describe('relErr', () => {
  it('is absolute below 1 and relative above', () => {
    expect(relErr(0, 1e-9)).toBeCloseTo(1e-9, 20);
    expect(relErr(1000, 1001)).toBeCloseTo(1 / 1001, 12);
    expect(relErr(-2, 2)).toBe(2);
  });

  it('is 0 for identical values, including infinities, and NaN for NaN', () => {
    expect(relErr(Infinity, Infinity)).toBe(0);
    expect(relErr(5, 5)).toBe(0);
    expect(relErr(NaN, 1)).toBeNaN();
  });

  it('maxRelErr takes the worst entry and never hides a NaN', () => {
    expect(maxRelErr([1, 2, 3], [1, 2.5, 3])).toBeCloseTo(0.5 / 2.5, 12);
    expect(maxRelErr([NaN, 1], [0, 5])).toBeNaN();
    expect(maxRelErr([1], [1, 2])).toBe(Infinity);
  });
});
