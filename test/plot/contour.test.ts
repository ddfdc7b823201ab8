import { describe, expect, it } from 'vitest';
import { marchingSquares, type Samples } from '../../src/plot/contour.ts';

function sample(nx: number, ny: number, f: (i: number, j: number) => number): Samples {
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = f(i, j);
  return { nx, ny, values };
}

describe('marching squares', () => {
  it('finds the vertical line of a field linear in i, at the interpolated position', () => {
    const segments = marchingSquares(sample(10, 6, (i) => i / 9), 0.5);
    expect(segments).toHaveLength(5); // one per row of squares
    for (const [a, b] of segments) {
      expect(a[0]).toBeCloseTo(4.5, 12);
      expect(b[0]).toBeCloseTo(4.5, 12);
      expect(Math.abs(a[1] - b[1])).toBeCloseTo(1, 12);
    }
  });

  it('finds a circle of a radial field, closed (every end point shared by two segments)', () => {
    const [c, r] = [10, 6];
    const segments = marchingSquares(sample(21, 21, (i, j) => Math.hypot(i - c, j - c)), r);
    expect(segments.length).toBeGreaterThan(20);
    const ends = new Map<string, number>();
    for (const seg of segments) {
      for (const [x, y] of seg) {
        expect(Math.hypot(x - c, y - c)).toBeGreaterThan(r - 0.2);
        expect(Math.hypot(x - c, y - c)).toBeLessThan(r + 0.2);
        const key = `${x.toFixed(9)},${y.toFixed(9)}`;
        ends.set(key, (ends.get(key) ?? 0) + 1);
      }
    }
    expect([...ends.values()].every((n) => n === 2)).toBe(true);
  });

  it('draws nothing for a field that never reaches the level, and skips squares with NaN', () => {
    expect(marchingSquares(sample(5, 5, () => 0.2), 0.5)).toEqual([]);
    const withNaN = sample(3, 2, (i) => (i === 0 ? NaN : i));
    expect(marchingSquares(withNaN, 1.5)).toHaveLength(1);
  });

  it('resolves a saddle by the centre: the lines cut off the two corners on the centre’s other side', () => {
    // Samples (0,0) = (1,1) = 1 and (1,0) = (0,1) = 0; the centre's mean is 0.5.
    const saddle: Samples = { nx: 2, ny: 2, values: [1, 0, 0, 1] };
    const nearest = (segments: ReturnType<typeof marchingSquares>): string[] =>
      segments.map(([a, b]) => `${Math.round((a[0] + b[0]) / 2)},${Math.round((a[1] + b[1]) / 2)}`).sort();
    // Level 0.5: the centre is above, so the high corners connect and the low ones are cut off.
    expect(nearest(marchingSquares(saddle, 0.5))).toEqual(['0,1', '1,0']);
    // Level 0.6: the centre is below, so the high corners are cut off.
    expect(nearest(marchingSquares(saddle, 0.6))).toEqual(['0,0', '1,1']);
  });
});
