// Diagnoses of wrong scalar claims, end to end (parse → judge → diagnose), in English and in
// French: the mistake's kind, the words of its sentence, the sheet's equation number.
import { describe, expect, it } from 'vitest';
import { MISTAKE_KINDS } from '../../src/check/diagnose.ts';
import { checkClaim, Subjects, type CheckRequest } from '../../src/check/run.ts';
import { BATCH_CASES, MATRIX_CASES } from './diagnose-cases.ts';
import { SCALAR_CASES } from './diagnose-cases.ts';

const subjects = new Subjects();
const label = (r: CheckRequest): string => ('specPath' in r ? `${r.specPath} ∂J/∂${r.param} = ${r.claim}` : 'expr' in r ? `d/d${r.wrt} ${r.expr} = ${r.claim}` : `${r.param} = ${r.claim}`);

describe('diagnoses of scalar claims, in English and French', () => {
  for (const { kind, request, en, fr } of SCALAR_CASES) {
    it(`${kind}: ${label(request)}`, () => {
      const english = checkClaim(request, subjects, { lang: 'en' });
      expect(english.verdict, JSON.stringify(english)).toBe('not equivalent');
      expect(english.mistake, english.diagnosis).toBe(kind);
      expect(english.diagnosis).toMatch(en);
      const french = checkClaim(request, subjects, { lang: 'fr' });
      expect(french.mistake).toBe(kind);
      expect(french.diagnosis).toMatch(fr);
    });
  }
});

describe('the catalogue of mistakes', () => {
  it('tests every kind with at least two claims (other is the fallback, never chosen)', () => {
    const counts = new Map<string, number>();
    for (const { kind } of [...SCALAR_CASES, ...MATRIX_CASES, ...BATCH_CASES]) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    for (const kind of MISTAKE_KINDS.filter((k) => k !== 'other')) expect(counts.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(2);
    expect([...counts.keys()].filter((k) => !(MISTAKE_KINDS as readonly string[]).includes(k))).toEqual([]);
  });

  it('writes names as the sheet does, never as identifiers (W1_1_2, a1_2, yhat, delta1)', () => {
    for (const { request } of SCALAR_CASES) {
      for (const lang of ['en', 'fr'] as const) {
        const { diagnosis } = checkClaim(request, subjects, { lang });
        expect(diagnosis).not.toMatch(/[A-Za-z]\d+_\d|yhat|delta|\bW\d|[a-z]\d\b/);
      }
    }
  });

  it('writes decimal commas in French, points in English', () => {
    const request: CheckRequest = { kind: 'network', specPath: 'examples/tanh-regression.json', param: 'b3', claim: 'delta3 + 0.01*b3' };
    expect(checkClaim(request, subjects, { lang: 'fr' }).diagnosis).toContain('λ = 0,01');
    expect(checkClaim(request, subjects, { lang: 'en' }).diagnosis).toContain('λ = 0.01');
  });

  it('names nothing when no common mistake fits', () => {
    const r = checkClaim({ kind: 'expression', expr: 'log(x*y)', wrt: 'x', claim: 'log(x)' }, subjects, { lang: 'fr' });
    expect(r.verdict).toBe('not equivalent');
    expect(r.diagnosis).toBeUndefined();
    expect(r.mistake).toBeUndefined();
  });
});
