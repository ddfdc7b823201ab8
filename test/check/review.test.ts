// Cases an independent review found on a clean clone (2026-12-01): each was a wrong verdict.
import { describe, expect, it } from 'vitest';
import { checkClaim, Subjects, type CheckRequest } from '../../src/check/run.ts';

const subjects = new Subjects();
const expr = (e: string, wrt: string, claim: string): CheckRequest => ({ kind: 'expression', expr: e, wrt, claim });
const net = (param: string, claim: string): CheckRequest => ({ kind: 'network', specPath: 'examples/scalar-bce.json', param, claim });

describe('review findings', () => {
  it.each([
    [expr('x^2', 'z', '0'), 'equivalent'],
    [expr('x^2', 'z', '1'), 'not equivalent'],
    [expr('sin(x)*cos(x)', 'w', '0'), 'equivalent'],
    [expr('sin(x)*cos(x)', 'w', 'sin(x)'), 'not equivalent'],
  ] as const)('a --wrt variable named like an intermediate (z, w) is still absent: %o → %s', (request, verdict) => {
    expect(checkClaim(request, subjects).verdict).toBe(verdict);
  });

  it.each([
    ['2*x + relu(x - 100)'], ['2x + relu(x - 350)'], ['2x + step(x - 500)'], ['2x + relu(x - 1000)'], ['2x + 1e-9*relu(x - 1e10)'],
  ])('a claim different only past a far kink (or one on a scan-grid value) is not equivalent: %s', (claim) => {
    expect(checkClaim(expr('x^2', 'x', claim), subjects).verdict).toBe('not equivalent');
  });

  it.each([
    [net('b2', 'yhat - y + relu(b2 - 100)')], [net('w2', '(yhat - y)*a1 + relu(x - 200)')],
  ])('networks too: %o', (request) => {
    expect(checkClaim(request, subjects).verdict).toBe('not equivalent');
  });

  it('a division then a juxtaposed factor is read left to right, and noted: 2/x log x is (2/x)·log x', () => {
    const r = checkClaim(expr('log(x)^2', 'x', '2/x log x'), subjects);
    expect(r.verdict).toBe('equivalent');
    expect(r.read?.text).toBe('2 / x * log(x)');
    expect(r.read?.notes?.[0]).toMatch(/read left to right/);
    expect(checkClaim(expr('log(x)^2/2', 'x', '1/x ln x'), subjects).verdict).toBe('equivalent');
  });

  it('a value beyond the arithmetic at a probe point is never a trace', () => {
    expect(['not equivalent', 'undecided']).toContain(checkClaim(expr('x^2', 'x', '2x + exp(-x^6)'), subjects).verdict);
  });
});
