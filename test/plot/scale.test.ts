import { describe, expect, it } from 'vitest';
import { extent, linear, linearTicks, logarithmic, logAxis, niceDomain, niceStep, powerOfTen, tickLabel } from '../../src/plot/scale.ts';

describe('scales', () => {
  it('map a domain onto pixels, y upwards when the range is reversed', () => {
    const x = linear({ min: -2, max: 2 }, { min: 100, max: 500 });
    expect([x(-2), x(0), x(2)]).toEqual([100, 300, 500]);
    const y = linear({ min: 0, max: 1 }, { min: 400, max: 0 });
    expect(y(0.25)).toBe(300);
    expect(linear({ min: 3, max: 3 }, { min: 0, max: 10 })(3)).toBe(5);
    const log = logarithmic({ min: 1e-4, max: 1 }, { min: 400, max: 0 });
    expect(log(1e-2)).toBeCloseTo(200, 9);
  });

  it('pick steps of 1, 2 or 5 × 10^k', () => {
    expect(niceStep(300, 6)).toBe(50);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(0.07, 5)).toBeCloseTo(0.01, 15);
    expect(niceStep(7, 5)).toBe(1);
  });

  it('put ticks on whole steps inside the range, labelled with the step’s decimals', () => {
    expect(linearTicks({ min: 0, max: 300 }, 6).map((t) => t.label)).toEqual(['0', '50', '100', '150', '200', '250', '300']);
    expect(linearTicks({ min: -2.3, max: 2.3 }, 5).map((t) => t.label)).toEqual(['−2', '−1', '0', '1', '2']);
    expect(linearTicks({ min: 0, max: 1.2 }, 5).map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
    expect(linearTicks({ min: 0, max: 1.2 }, 5).map((t) => t.label)).toContain('0.6');
    // Epochs: never a half step.
    expect(linearTicks({ min: 0, max: 2 }, 6, 1).map((t) => t.label)).toEqual(['0', '1', '2']);
  });

  it('never print -0, and use a real minus sign', () => {
    expect(tickLabel(-0.00001, 0.1)).toBe('0.0');
    expect(tickLabel(-0.5, 0.1)).toBe('−0.5');
  });

  it('widen a domain to whole steps', () => {
    expect(niceDomain({ min: 0, max: 1.08 })).toEqual({ min: 0, max: 1.2 });
    const flat = niceDomain({ min: 2, max: 2 });
    expect(flat.max).toBeGreaterThan(flat.min);
  });

  it('take whole decades for a log axis, labelled 10⁻ⁿ', () => {
    const { domain, ticks } = logAxis({ min: 3e-5, max: 0.2 });
    expect(domain).toEqual({ min: 1e-5, max: 1 });
    expect(ticks.map((t) => t.label)).toEqual(['10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '10⁰']);
    expect(logAxis({ min: 1e-12, max: 10 }).ticks).toHaveLength(7); // every other decade past 8
    expect(powerOfTen(12)).toBe('10¹²');
  });

  it('skip non-finite values in an extent', () => {
    expect(extent([3, NaN, -1, Infinity, 2])).toEqual({ min: -1, max: 3 });
    expect(extent([NaN])).toBeUndefined();
  });
});
