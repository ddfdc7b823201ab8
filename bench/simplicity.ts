// How simple are symprop's derivatives? For every catalogue expression symprop parses
// (test/fixtures/expressions.json), the size of each gradient's final result, counted as SymPy's
// count_ops counts (bench/count-ops.ts), beside the count of SymPy's simplify(diff(e, x))
// (bench/fixtures/sympy-ops.json, written by scripts/oracle/sympy_ops.py).
//
//   npx tsx bench/simplicity.ts      # prints the section; `npm run bench` puts it in RESULTS.md
//
// Each result is also evaluated at the oracle's probe point and compared with SymPy's value of
// the derivative there, so that a small but wrong result cannot pass for a simple one.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { deriveExpression } from '../src/api.ts';
import { evaluate } from '../src/ir/eval.ts';
import { countOps, inexactConstants } from './count-ops.ts';
import { left, markdownTable, right } from './table.ts';

const CATALOGUE = 'test/fixtures/expressions.json';
const ORACLE = 'bench/fixtures/sympy-ops.json';
const WORST = 15;
/** Relative agreement required between symprop's and SymPy's derivative values. */
const VALUE_TOLERANCE = 1e-9;

export interface CatalogueEntry {
  readonly id: string;
  readonly expr: string;
  readonly wrt: string;
  readonly family: string;
  readonly new?: boolean;
}

export interface OracleEntry {
  readonly expr: string;
  readonly wrt: string;
  readonly diff: number;
  readonly simplified: number | null;
  readonly sympy: string | null;
  readonly point: Readonly<Record<string, number>> | null;
  readonly value: number | null;
}

export interface SimplicityRow {
  readonly entry: CatalogueEntry;
  /** count_ops of symprop's result (summed over the gradients: one here, `wrt` is one variable). */
  readonly ours: number;
  readonly oracle: OracleEntry | undefined;
  /** 'agree', 'DISAGREE', or why it was not checked. */
  readonly value: 'agree' | 'DISAGREE' | 'no oracle value' | 'not finite';
  readonly ourValue: number;
  readonly inexact: readonly number[];
}

export interface SimplicityReport {
  readonly catalogue: readonly CatalogueEntry[];
  readonly rows: readonly SimplicityRow[];
  /** Entries symprop cannot derive today, with the first line of the error. */
  readonly skipped: readonly { readonly entry: CatalogueEntry; readonly error: string }[];
  /** Catalogue entries with no (or a stale) SymPy figure: rerun scripts/oracle/sympy_ops.py. */
  readonly stale: readonly string[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export function simplicityReport(
  catalogue: readonly CatalogueEntry[] = readJson<CatalogueEntry[]>(CATALOGUE),
  oracle: Readonly<Record<string, OracleEntry>> = readJson<Record<string, OracleEntry>>(ORACLE),
): SimplicityReport {
  const rows: SimplicityRow[] = [];
  const skipped: { entry: CatalogueEntry; error: string }[] = [];
  const stale: string[] = [];
  for (const entry of catalogue) {
    const o = oracle[entry.id];
    const fresh = o !== undefined && o.expr === entry.expr && o.wrt === entry.wrt;
    if (!fresh) stale.push(entry.id);
    let results;
    try {
      results = deriveExpression(entry.expr, entry.wrt, entry.id).gradients.map((g) => g.result);
    } catch (e) {
      skipped.push({ entry, error: ((e as Error).message.split('\n')[0] ?? '').trim() });
      continue;
    }
    const ours = results.reduce((n, r) => n + countOps(r), 0);
    const result = results[0]!;
    let value: SimplicityRow['value'] = 'no oracle value';
    let ourValue = NaN;
    if (fresh && o.point && o.value !== null) {
      try {
        ourValue = evaluate(result, o.point);
      } catch {
        ourValue = NaN;
      }
      if (!Number.isFinite(ourValue)) value = 'not finite';
      else value = Math.abs(ourValue - o.value) <= VALUE_TOLERANCE * Math.max(1, Math.abs(o.value)) ? 'agree' : 'DISAGREE';
    }
    rows.push({ entry, ours, oracle: fresh ? o : undefined, value, ourValue, inexact: results.flatMap(inexactConstants) });
  }
  return { catalogue, rows, skipped, stale };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const code = (s: string): string => `\`${s.replace(/\|/g, '\\|')}\``;
const subject = (e: CatalogueEntry): string => `${code(e.expr)}${e.wrt === 'x' ? '' : ` by ${e.wrt}`}`;

/** The section as Markdown (printed by `npx tsx bench/simplicity.ts`, and in RESULTS.md). */
export function simplicitySection(report: SimplicityReport = simplicityReport()): string {
  const compared = report.rows.filter((r): r is SimplicityRow & { oracle: OracleEntry & { simplified: number } } => r.oracle?.simplified != null);
  const diffOf = (r: (typeof compared)[number]): number => r.ours - r.oracle.simplified;
  const worst = [...compared].sort((a, b) => diffOf(b) - diffOf(a) || a.entry.id.localeCompare(b.entry.id)).slice(0, WORST);
  const table = markdownTable(
    [left('id'), left('expression'), right('ours'), right('SymPy simplified'), right('ours − SymPy')],
    worst.map((r) => [r.entry.id, subject(r.entry), String(r.ours), String(r.oracle.simplified), String(diffOf(r))]),
  );

  const n = compared.length;
  const fewer = compared.filter((r) => diffOf(r) < 0).length;
  const equal = compared.filter((r) => diffOf(r) === 0).length;
  const best = compared.filter((r) => r.ours <= Math.min(r.oracle.simplified, r.oracle.diff)).length;
  const total = (f: (r: (typeof compared)[number]) => number): number => compared.reduce((s, r) => s + f(r), 0);
  const positive = compared.filter((r) => r.oracle.simplified > 0);
  const ratio = median(positive.map((r) => r.ours / r.oracle.simplified));
  const zeros = compared.length - positive.length;
  const zerosMatched = compared.filter((r) => r.oracle.simplified === 0 && r.ours === 0).length;
  const skippedNew = report.skipped.filter((s) => s.entry.new).length;
  const newCount = report.catalogue.filter((e) => e.new).length;
  const agree = report.rows.filter((r) => r.value === 'agree').length;
  const disagree = report.rows.filter((r) => r.value === 'DISAGREE' || r.value === 'not finite');
  const inexact = report.rows.filter((r) => r.inexact.length > 0);

  const lines = [
    `Catalogue: ${report.catalogue.length} expressions (${newCount} of them use sec, csc, cot, the hyperbolic or the inverse circular functions). ` +
      `Derived: ${report.rows.length}; skipped (symprop throws): ${report.skipped.length}, ` +
      `${skippedNew} of them marked new, ${report.skipped.length - skippedNew} not.`,
    `Compared with a SymPy figure: ${n}.`,
    `Ours ≤ SymPy simplified: ${fewer + equal} of ${n} (${fewer} smaller, ${equal} equal, ${n - fewer - equal} larger); ` +
      `ours ≤ the smaller of SymPy's simplified and unsimplified: ${best} of ${n}.`,
    `Total ops: ours ${total((r) => r.ours)}, SymPy simplified ${total((r) => r.oracle.simplified)}, ` +
      `SymPy unsimplified diff ${total((r) => r.oracle.diff)}.`,
    `Median ratio ours / SymPy simplified: ${ratio.toFixed(2)} over the ${positive.length} where SymPy's count is > 0 ` +
      `(SymPy's is 0 for ${zeros}; ours too for ${zerosMatched}).`,
    `Values at SymPy's probe point: ${agree} of ${report.rows.length} agree` +
      (disagree.length ? `; differ or not finite: ${disagree.map((r) => `${r.entry.id} (ours ${r.ourValue}, SymPy ${r.oracle?.value})`).join(', ')}` : '') + '.',
  ];
  if (inexact.length) {
    lines.push(`Results with an inexact (float) constant, counted as 0 ops: ${inexact.map((r) => `${r.entry.id} (${r.inexact.join(', ')})`).join(', ')}.`);
  }
  if (report.stale.length) {
    lines.push(`No current SymPy figure (rerun scripts/oracle/sympy_ops.py): ${report.stale.join(', ')}.`);
  }
  if (report.skipped.length) {
    const causes = new Map<string, string[]>();
    for (const s of report.skipped) {
      const cause = s.error.replace(/^[^:]*: /, '').replace(/ at position \d+ in ".*"$/, '').replace(/ \(known: .*\)/, '');
      causes.set(cause, [...(causes.get(cause) ?? []), s.entry.id]);
    }
    lines.push(`Skipped: ${[...causes].map(([cause, ids]) => `${cause}: ${ids.join(', ')}`).join('; ')}.`);
  }
  return [
    '### Simplicity of derivatives: symprop against SymPy',
    'Size of each derivative as SymPy\'s `count_ops` counts it (bench/count-ops.ts; σ, softplus, relu and other named ' +
      'functions count as one application), against `count_ops(simplify(diff(e, x)))` from SymPy ' +
      '(bench/fixtures/sympy-ops.json, scripts/oracle/sympy_ops.py). The catalogue is test/fixtures/expressions.json. ' +
      `The ${Math.min(WORST, worst.length)} largest differences:`,
    table,
    lines.map((l) => `- ${l}`).join('\n'),
  ].join('\n\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(simplicitySection());
}
