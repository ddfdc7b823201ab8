// Checking claims end to end: parse the claim, derive once per subject, judge. A batch
// (a teacher's claim file) is judged entry by entry: a malformed claim becomes that
// entry's error and the rest of the batch is still judged.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import type { Derivation } from '../derivation/model.ts';
import { deriveExpression, deriveNetwork, INDEX_FORM_MAX } from '../api.ts';
import { freeVars } from '../ir/expr.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { paramCount } from '../network/spec.ts';
import { isConvJson } from '../network/conv-spec.ts';
import { loadSpec, validateSpec } from '../network/validate.ts';
import { parseJson } from '../util/json.ts';
import { inputName, readInputFile, STDIN } from '../util/fs.ts';
import { parseExpression } from '../parse/expr.ts';
import { isUserError, oneLine, UserError } from '../util/errors.ts';
import { parseClaim, parseParam } from './claim.ts';
import type { Lang } from './diagnose.ts';
import type { ClaimReading } from './echo.ts';
import { judgeExpressionClaim, judgeNetworkClaim, type Judgement } from './judge.ts';
import { judgeBatchClaim } from './batch-judge.ts';
import { judgeMatrixClaim } from './matrix-judge.ts';

/** What check says of a convolutional spec, after the file's name: the claims it judges are a dense network's or an expression's. */
export const CHECK_CONV_REFUSAL = 'check judges claims on dense networks (a spec of dense layers) and on scalar expressions (--expr), not on a convolutional network (conv2d, maxpool, avgpool, flatten)';

/** The index form is what claims are judged against; past this size it is not built. */

/**
 * One claim to judge: ∂J/∂param of a network (its spec as a file path, or in memory: a
 * validated spec or the JSON object a spec file holds), or d/dwrt of an expression.
 */
export type CheckRequest =
  | { readonly kind: 'network'; readonly specPath: string; readonly param: string; readonly claim: string }
  | { readonly kind: 'network'; readonly spec: NetworkSpec | object; readonly param: string; readonly claim: string }
  | { readonly kind: 'expression'; readonly expr: string; readonly wrt: string; readonly claim: string };

/** A verdict with how the claim was read, and for a wrong claim a counterexample and a diagnosis. */
export interface CheckResult extends Omit<Partial<Judgement>, 'verdict'> {
  readonly id?: string;
  readonly student?: string;
  /** 'error': the claim could not be read (the message says where). */
  readonly verdict: Judgement['verdict'] | 'error';
  readonly error?: string;
  /** How the claim was read: mathjs text (claim syntax) and LaTeX, with ambiguity notes. */
  readonly read?: ClaimReading;
}

export interface CheckOptions {
  /** Language of the diagnoses (default English). */
  readonly lang?: Lang;
  /** Claims files: where their specs may be (default: the claims file's own directory). */
  readonly specsDir?: string;
}

/**
 * Diagnoses cite the sheet's equation numbers. A network too large for the sheet's index
 * form is judged against an index form all the same; its gradients then cite the sheet's
 * matrix equation of their block (∂J/∂W2_1_3 -> the equation of ∇_{W2} J).
 */
function withSheetNumbers(judged: Derivation, sheet: Derivation): Derivation {
  if (sheet.forward.length) return sheet.gradients.length === judged.gradients.length ? sheet : judged;
  const blockEq = new Map((sheet.matrix?.gradients ?? []).map((g) => [g.wrt, g.eq] as const));
  const block = (wrt: string): string => wrt.replace(/^w(\d+)$/, 'W$1').replace(/^(W\d+|b\d+)_.*$/, '$1');
  const gradients = judged.gradients.map((g) => ({ ...g, eq: blockEq.get(block(g.wrt)) ?? g.eq }));
  return { ...judged, gradients, ...(sheet.matrix ? { matrix: sheet.matrix } : {}) };
}

/** The derivation a network's claims are judged against, numbered as the sheet numbers it. */
function judged(spec: NetworkSpec, source: string): { spec: NetworkSpec; derivation: Derivation } {
  const indexForm = paramCount(spec) <= INDEX_FORM_MAX ? 'always' : 'auto';
  return { spec, derivation: withSheetNumbers(deriveNetwork(spec, source, { indexForm }), deriveNetwork(spec, source)) };
}

/** Derivations by subject, so a batch of 200 copies derives each network once. */
export class Subjects {
  private readonly networks = new Map<string, { spec: NetworkSpec; derivation: Derivation }>();
  private readonly expressions = new Map<string, Derivation>();

  private readonly inMemory = new WeakMap<object, { spec: NetworkSpec; derivation: Derivation }>();

  network(specPath: string): { spec: NetworkSpec; derivation: Derivation } {
    let hit = this.networks.get(specPath);
    if (!hit) {
      hit = judged(loadSpec(specPath, CHECK_CONV_REFUSAL), specPath);
      this.networks.set(specPath, hit);
    }
    return hit;
  }

  /** A spec given in memory (validated here; a spec already validated validates as itself). */
  networkOf(raw: object): { spec: NetworkSpec; derivation: Derivation } {
    let hit = this.inMemory.get(raw);
    if (!hit) {
      if (isConvJson(raw)) throw new UserError(`spec: ${CHECK_CONV_REFUSAL}`);
      const spec = validateSpec(raw, 'spec');
      hit = judged(spec, `${spec.name}.json`);
      this.inMemory.set(raw, hit);
    }
    return hit;
  }

  expression(expr: string, wrt: string): Derivation {
    const key = `${expr}\u0000${wrt}`;
    let hit = this.expressions.get(key);
    if (!hit) {
      hit = deriveExpression(expr, wrt, '--expr');
      this.expressions.set(key, hit);
    }
    return hit;
  }
}

function judge(request: CheckRequest, subjects: Subjects, options: CheckOptions): CheckResult {
  const judgeOptions = { lang: options.lang ?? 'en' };
  if (request.kind === 'expression') {
    const derivation = subjects.expression(request.expr, request.wrt);
    // The claim may use every variable of the expression as typed, also those that cancelled (x/x).
    const variables = [...new Set([...freeVars(parseExpression(request.expr, '--expr')), ...request.wrt.split(',').map((v) => v.trim())])];
    const claim = parseClaim(request.claim, { kind: 'expression', variables });
    if (claim.form !== 'scalar') throw new UserError('claim: an expression claim must be a scalar formula');
    return { ...judgeExpressionClaim(derivation, request.wrt, claim.expr!, judgeOptions), read: claim.read };
  }
  const { spec, derivation } = 'specPath' in request ? subjects.network(request.specPath) : subjects.networkOf(request.spec);
  const param = parseParam(request.param, spec);
  const claim = parseClaim(request.claim, { kind: 'network', spec });
  if (claim.batch) {
    if (param.kind === 'matrix') throw new UserError('claim: the batch notation (n, sum) is for one parameter entry, not a whole matrix');
    return { ...judgeBatchClaim(spec, derivation, param.name, claim.batch, judgeOptions), read: claim.read };
  }
  if (param.kind === 'matrix' || claim.form === 'matrix') {
    return { ...judgeMatrixClaim(spec, derivation, param, claim.mathjs, judgeOptions), read: claim.read };
  }
  return { ...judgeNetworkClaim(spec, derivation, param.name, claim.expr!, judgeOptions), read: claim.read };
}

/**
 * judge(), but a number too large for the arithmetic at some probe point (a BigInt or stack
 * limit: e^{x⁶} at |x| = 300) gives `undecided` with the reason: never a verdict, never a trace.
 */
function judgeSafely(request: CheckRequest, subjects: Subjects, options: CheckOptions): CheckResult {
  try {
    return judge(request, subjects, options);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { verdict: 'undecided', method: 'none', probes: 0, reason: oneLine(`a value at a probe point is beyond the arithmetic's range (${err.message})`) };
  }
}

/** Judge one claim; bad input throws a UserError. */
export function checkClaim(request: CheckRequest, subjects = new Subjects(), options: CheckOptions = {}): CheckResult {
  // For plain JavaScript callers: the request's shape, not a TypeError deep inside.
  const r = request as Partial<Record<string, unknown>> | null;
  const ok = r !== null && typeof r === 'object' && (r['kind'] === 'expression' || r['kind'] === 'network') && typeof r['claim'] === 'string';
  if (!ok || !(subjects instanceof Subjects)) {
    throw new UserError('checkClaim: expected { kind: "network", specPath | spec, param, claim } or { kind: "expression", expr, wrt, claim } (and optionally a Subjects cache)');
  }
  return judgeSafely(request, subjects, options);
}

const entrySchema = z.union([
  z.object({ id: z.string(), spec: z.string(), param: z.string(), claim: z.string(), student: z.string().optional() }).strict(),
  z.object({ id: z.string(), expr: z.string(), wrt: z.string(), claim: z.string(), student: z.string().optional() }).strict(),
]);

type Entry = z.infer<typeof entrySchema>;

/** Claims in one file: 200 students × 25 questions. Each claim is bounded by its work budget, the file by this. */
export const MAX_CLAIMS = 5000;

/** An entry that is not a claim: it becomes that entry's error, and the rest of the file is judged. */
interface BadEntry {
  readonly bad: string;
  readonly id: string;
  readonly student?: string;
}

function readClaimsFile(file: string): (Entry | BadEntry)[] {
  const path = inputName(file);
  const json = parseJson(readInputFile(file, 'claims file'), path);
  if (!Array.isArray(json)) throw new UserError(`${path}: must be a JSON array of claims`);
  if (json.length > MAX_CLAIMS) throw new UserError(`${path}: ${json.length} claims, over the limit of ${MAX_CLAIMS} per file (each may take up to its work budget)`);
  return json.map((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const keys = raw !== null && typeof raw === 'object' ? Object.keys(raw) : [];
    const want = keys.includes('expr') ? ['id', 'expr', 'wrt', 'claim'] : ['id', 'spec', 'param', 'claim'];
    const field = (k: string): unknown => (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[k] : undefined);
    const bad = want.find((k) => typeof field(k) !== 'string') ?? keys.find((k) => ![...want, 'student'].includes(k)) ?? (field('student') !== undefined ? 'student' : undefined);
    const id = typeof field('id') === 'string' ? (field('id') as string) : `#${i}`;
    const student = typeof field('student') === 'string' ? { student: field('student') as string } : {};
    return { id, ...student, bad: oneLine(`entry ${i}${bad ? `, field "${bad}"` : ''}: expected { "id", "spec", "param", "claim" } or { "id", "expr", "wrt", "claim" } (strings; optional "student")`) };
  });
}

/**
 * A claims file's spec path, resolved inside `home` (links followed): a student's file must
 * not make the grader read, let alone quote, /etc/shadow. Refused by name, unread.
 */
function confined(spec: string, home: string, ownDirectory: boolean): string {
  const path = resolve(home, spec);
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const root = real(home);
  const rel = relative(root, real(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    const where = ownDirectory ? `the claims file's directory ${home}` : `--specs-dir ${home}`;
    throw new UserError(oneLine(`spec "${spec}" is outside ${where} (name the specs' directory with --specs-dir)`));
  }
  return path;
}

/** Judge every claim of a claims file; specs are paths relative to the file, and must lie inside its directory (or `specsDir`). */
export function checkClaimsFile(path: string, options: CheckOptions = {}): CheckResult[] {
  const entries = readClaimsFile(path);
  const subjects = new Subjects();
  // Claims on stdin: their specs are in the working directory (or --specs-dir).
  const home = options.specsDir ?? (path === STDIN ? '.' : dirname(path));
  return entries.map((e) => {
    const who = { id: e.id, ...(e.student === undefined ? {} : { student: e.student }) };
    if ('bad' in e) return { ...who, verdict: 'error', error: e.bad };
    try {
      const request: CheckRequest =
        'spec' in e
          ? { kind: 'network', specPath: confined(e.spec, home, options.specsDir === undefined), param: e.param, claim: e.claim }
          : { kind: 'expression', expr: e.expr, wrt: e.wrt, claim: e.claim };
      return { ...who, ...judgeSafely(request, subjects, options) };
    } catch (err) {
      // A bug met on one student's claim must not stop the grading of the others: that entry
      // says so (never a verdict), the rest of the batch is judged.
      const message = isUserError(err) ? err.message : `internal error (please report it): ${(err as Error).message}`;
      return { ...who, verdict: 'error', error: oneLine(message) };
    }
  });
}

/** Exit code of a check: 0 when every claim is equivalent, 1 otherwise. */
export function checkExitCode(results: readonly CheckResult[]): number {
  return results.every((r) => r.verdict === 'equivalent') ? 0 : 1;
}
