// symprop check SPEC --param P --claim C | --expr E --wrt X --claim C | --claims FILE [--json]
// Exit 0 when every claim is equivalent, 1 when any is not (or undecided, or unreadable),
// 2 on bad input.
import { Command, Option } from 'commander';
import type { CheckRequest, CheckResult } from '../check/run.ts';
import type { Lang } from '../check/diagnose.ts';
import { symbolText } from '../naming.ts';
import { visible } from '../util/escape.ts';
import { UserError } from '../util/errors.ts';
import type { Io } from './io.ts';
import { load } from './lazy.ts';

interface CheckOptions {
  param?: string;
  claim?: string;
  expr?: string;
  wrt?: string;
  claims?: string;
  json?: boolean;
  lang: Lang;
  specsDir?: string;
}

function request(specPath: string | undefined, o: CheckOptions): CheckRequest {
  if (o.claim === undefined) throw new UserError('give --claim "..." (or --claims FILE for a batch)');
  if (o.expr !== undefined) {
    if (specPath) throw new UserError('give either a spec file or --expr, not both');
    if (!o.wrt) throw new UserError('--expr needs --wrt, the variable the claim differentiates by');
    return { kind: 'expression', expr: o.expr, wrt: o.wrt, claim: o.claim };
  }
  if (!specPath) throw new UserError('give a network spec file, or --expr "..." --wrt x');
  if (!o.param) throw new UserError('--param names the parameter the claim is the derivative by, e.g. --param w1 or --param "W2[1][3]"');
  return { kind: 'network', specPath, param: o.param, claim: o.claim };
}

const num = (v: number): string => String(Number(v.toPrecision(6)));

/** A coordinate as the sheet writes it: W1[1][2] (claim syntax) -> w¹₁₂, yhat -> ŷ. */
function sheetName(key: string): string {
  const m = /^([A-Za-z]+\d+)((?:\[\d+\])+)$/.exec(key);
  return symbolText(m ? `${m[1]}_${m[2]!.slice(1, -1).split('][').join('_')}` : key);
}
const MAX_SHOWN = 12;

/** The counterexample as one line: the point, then both values. */
export function counterexampleText(r: CheckResult): string | undefined {
  const c = r.counterexample;
  if (!c) return undefined;
  // A wide network's point has hundreds of coordinates: the text shows the first ones
  // (--json has them all).
  const entries = Object.entries(c.point);
  const shown = entries.slice(0, MAX_SHOWN).map(([k, v]) => `${sheetName(k)} = ${num(v)}`);
  if (entries.length > MAX_SHOWN) shown.push(`… (${entries.length - MAX_SHOWN} more; --json lists them)`);
  const point = shown.join(', ');
  // Enough digits that the two values differ on the page (2.000000000001x against 2x).
  const rel = Math.abs(c.claim - c.truth) / Math.max(Math.abs(c.claim), Math.abs(c.truth), 1e-300);
  const digits = Math.min(17, Math.max(6, Math.ceil(-Math.log10(rel || 1)) + 2));
  const shownValue = (v: number): string => String(Number(v.toPrecision(digits)));
  return `at ${point}: claim = ${shownValue(c.claim)}, truth = ${shownValue(c.truth)}`;
}

function describe(r: CheckResult): string {
  const lines = [`verdict: ${r.verdict}`];
  if (r.read) lines.push(`read as: ${r.read.text}`, `LaTeX: ${r.read.latex}`, ...(r.read.notes ?? []).map((n) => `note: ${n}`));
  if (r.error) lines.push(`error: ${r.error}`);
  if (r.method && r.verdict !== 'error') lines.push(`method: ${r.method}`);
  const ce = counterexampleText(r);
  if (ce) lines.push(`counterexample: ${ce}`);
  if (r.diagnosis) lines.push(`diagnosis: ${r.diagnosis}`);
  if (r.reason) lines.push(`reason: ${r.reason}`);
  return `${lines.map(visible).join('\n')}\n`;
}

function table(results: readonly CheckResult[]): string {
  // Ids, names and claims come from a student's file: shown with their control characters escaped.
  const rows = results.map((r) => [r.id ?? '', r.student ?? '', r.verdict, r.read?.text ?? '', r.diagnosis ?? r.error ?? r.reason ?? (counterexampleText(r) ?? '')].map(visible));
  const head = ['id', 'student', 'verdict', 'read as', 'diagnosis'];
  const last = head.length - 1;
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min(r[i]!.length, i === last ? 200 : i === 3 ? 60 : 40))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === last ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const counts = ['equivalent', 'not equivalent', 'undecided', 'error'].map((v) => `${results.filter((r) => r.verdict === v).length} ${v}`);
  return `${[line(head), ...rows.map(line)].join('\n')}\n\n${counts.join(', ')}\n`;
}

export function checkCommand(io: Io, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('judge a hand derivation: equivalent, not equivalent (with a counterexample and a diagnosis) or undecided')
    .argument('[spec]', 'network spec (JSON)')
    .option('--param <name>', 'the parameter, e.g. w1, "W2[1][3]", "b1[2]"')
    .option('--claim <formula>', 'the claimed derivative, in mathjs syntax or LaTeX')
    .option('--expr <text>', 'instead of a spec: a scalar expression')
    .option('--wrt <var>', 'with --expr: the variable')
    .option('--claims <file>', 'a JSON array of claims to judge (batch)')
    .option('--specs-dir <dir>', "with --claims: the directory the claims' specs are in (default: the claims file's own)")
    .option('--json', 'print JSON')
    .addOption(new Option('--lang <lang>', 'language of the diagnoses').choices(['en', 'fr']).default('en'))
    .action(async (specPath: string | undefined, o: CheckOptions) => {
      const { checkClaim, checkClaimsFile, checkExitCode } = await load();
      if (o.claims !== undefined) {
        if (specPath || o.claim || o.expr) throw new UserError('--claims judges a whole file: give no spec, --claim or --expr with it');
        const results = checkClaimsFile(o.claims, { lang: o.lang, ...(o.specsDir === undefined ? {} : { specsDir: o.specsDir }) });
        io.out(o.json ? `${JSON.stringify(results, null, 2)}\n` : table(results));
        setExit(checkExitCode(results));
        return;
      }
      const result = checkClaim(request(specPath, o), undefined, { lang: o.lang });
      io.out(o.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result));
      setExit(checkExitCode([result]));
    });
}
