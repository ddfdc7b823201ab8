// The grading catalogue (test/check/fixtures/grading-catalogue.json): claims as students write
// them, each verified independently by SymPy (scripts/oracle/verify_catalogue.py, run by hand),
// that `check` must classify exactly: a right claim is `equivalent` (never `not equivalent`),
// a wrong claim is `not equivalent` (never `equivalent`). A wrong claim carrying a named mistake
// must be diagnosed, and when the result names its mistake (`mistake`), it must be that one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { checkClaim, Subjects, type CheckRequest, type CheckResult } from '../../src/check/run.ts';

interface Entry {
  readonly id: string;
  readonly expr?: string;
  readonly wrt?: string;
  readonly spec?: string;
  readonly param?: string;
  readonly claim: string;
  readonly expect: 'equivalent' | 'not equivalent';
  readonly mistake?: string;
  readonly notation: readonly string[];
  readonly sympy: string;
}

const ENTRIES = JSON.parse(readFileSync(new URL('./fixtures/grading-catalogue.json', import.meta.url), 'utf8')) as Entry[];

/** Mistakes with no single formula to name: a counterexample is enough. */
const UNNAMED = new Set(['other', 'perturbed-constant', 'differs-off-box', 'undefined-claim']);

function request(e: Entry): CheckRequest {
  if (e.spec !== undefined && e.param !== undefined) return { kind: 'network', specPath: e.spec, param: e.param, claim: e.claim };
  if (e.expr !== undefined && e.wrt !== undefined) return { kind: 'expression', expr: e.expr, wrt: e.wrt, claim: e.claim };
  throw new Error(`${e.id}: needs spec and param, or expr and wrt`);
}

const subject = (e: Entry): string => (e.spec !== undefined ? `${e.spec.replace(/^examples\/|\.json$/g, '')} ∂J/∂${e.param}` : `d/d${e.wrt} ${e.expr}`);

/** What the grader said, for the failure message. */
function said(r: CheckResult): string {
  const parts = [`verdict ${r.verdict}`];
  if (r.diagnosis !== undefined) parts.push(`diagnosis: ${r.diagnosis}`);
  const mistake = (r as { readonly mistake?: unknown }).mistake;
  if (mistake !== undefined) parts.push(`mistake: ${String(mistake)}`);
  if (r.reason !== undefined) parts.push(`reason: ${r.reason}`);
  if (r.method !== undefined) parts.push(`method: ${r.method}`);
  return parts.join('; ');
}

describe('the grading catalogue (verified by SymPy)', () => {
  const subjects = new Subjects();

  it('has at least 110 right and 65 wrong claims, with unique ids and named mistakes', () => {
    const right = ENTRIES.filter((e) => e.expect === 'equivalent');
    const wrong = ENTRIES.filter((e) => e.expect === 'not equivalent');
    expect(right.length).toBeGreaterThanOrEqual(110);
    expect(wrong.length).toBeGreaterThanOrEqual(65);
    expect(right.length + wrong.length).toBe(ENTRIES.length);
    expect(new Set(ENTRIES.map((e) => e.id)).size).toBe(ENTRIES.length);
    expect(wrong.filter((e) => typeof e.mistake !== 'string').map((e) => e.id)).toEqual([]);
    expect(right.filter((e) => e.mistake !== undefined).map((e) => e.id)).toEqual([]);
  });

  for (const e of ENTRIES) {
    const label = `${e.id} ${subject(e)}: ${e.claim} → ${e.expect}${e.mistake ? ` (${e.mistake})` : ''}`;
    it(label, { timeout: 60_000 }, () => {
      const r = checkClaim(request(e), subjects);
      // How it was read is shown as LaTeX: KaTeX must accept it.
      expect(() => katex.renderToString(r.read?.latex ?? '', { throwOnError: true, strict: 'error' }), `read.latex ${r.read?.latex}`).not.toThrow();
      const why = `${e.id}: ${said(r)} (SymPy: ${e.sympy})`;
      if (e.expect === 'equivalent') {
        expect(r.verdict, `rejected a right claim: ${why}`).not.toBe('not equivalent');
        expect(r.verdict, why).toBe('equivalent');
        return;
      }
      expect(r.verdict, `accepted a wrong claim: ${why}`).not.toBe('equivalent');
      expect(r.verdict, why).toBe('not equivalent');
      const kind = e.mistake!;
      if (!UNNAMED.has(kind)) expect(typeof r.diagnosis, `a diagnosis naming ${kind}: ${why}`).toBe('string');
      const mistake = (r as { readonly mistake?: unknown }).mistake;
      if (mistake !== undefined && kind !== 'other') expect(mistake, why).toBe(kind);
    });
  }
});
