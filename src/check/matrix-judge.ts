// Judge a matrix-form claim (delta2 * h1^T, (W2^T * delta2) .* relu'(a1), ...). The claim is
// turned into a grid of scalar expressions (matrix-claim.ts) and each entry is judged against
// the matching entry of the gradient's block exactly as a scalar claim is (judge.ts): the
// same points over the whole domain, breakpoints, ball arithmetic, exact proof. A claim of
// the wrong shape, or the transpose of the truth, is "not equivalent" with a diagnosis naming it
// (diagnoses/matrix.ts, from the probed matrices in floats).
import type { Derivation } from '../derivation/model.ts';
import type { Expr } from '../ir/expr.ts';
import { flatParams, paramBlocks, type ParamBlock } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import type { Spend, Work } from './budget.ts';
import { compareAll, toNumber, type PointResult, type Tally, type Values } from './compare.ts';
import { diagnoseMatrix, diagnoseNonConforming, diagnoseShape, type Diagnosis, type Lang, type MatrixPoint } from './diagnose.ts';
import { guarded, screen, shownNames, undecided, type JudgeOptions, type Judgement } from './judge.ts';
import { claimScope, matrixClaim, shapeOf, shapeText, ShapeError, UnsupportedError, type Value } from './matrix-claim.ts';
import { settingsFor, type Settings } from './precision.ts';
import { close } from './probe.ts';
import { breakpointPoints, crossCheck, drawnPoints, entryComparand, floatEnvs, networkSubject, type Subject } from './subject.ts';
import { proveSymbolically, regularisedTruth, SYMBOLIC_METHOD } from './symbolic.ts';
import { counterexampleOf, differenceText, enoughPoints, equivalentText, faultOf, pickPoint, shownPoint, widestEntry } from './verdict.ts';

type Param = { readonly kind: 'matrix' | 'scalar'; readonly name: string };

/** The θ entries compared, as a grid of indices into θ, and the block they belong to. */
function layoutOf(spec: NetworkSpec, param: Param): { block: ParamBlock | undefined; layout: number[][] } {
  const params = flatParams(spec);
  const blocks = paramBlocks(spec);
  if (param.kind === 'matrix') {
    const block = blocks.find((b) => b.name === param.name || (b.name.startsWith('W') && b.name === param.name.toUpperCase()));
    if (!block) throw new UserError(`unknown parameter ${param.name} (known: ${blocks.map((b) => b.name).join(', ')})`);
    const { rows, cols, offset } = block;
    return { block, layout: Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => offset + i * cols + j)) };
  }
  const index = params.indexOf(param.name);
  if (index < 0) throw new UserError(`unknown parameter ${param.name} (known: ${params.join(', ')})`);
  return { block: blocks.find((b) => index >= b.offset && index < b.offset + b.rows * b.cols), layout: [[index]] };
}

const named = (d: Diagnosis | undefined) => (d ? { diagnosis: d.message, mistake: d.kind } : {});

const cells = (v: Value): Expr[] => (v.kind === 'scalar' ? [v.e] : v.rows.flat());
const transposedCells = (v: Value): Expr[] => (v.kind === 'scalar' ? [v.e] : v.rows[0]!.flatMap((_, j) => v.rows.map((r) => r[j]!)));

interface Run {
  readonly tally: Tally;
  readonly settings: Settings;
  readonly comparand: ReturnType<typeof entryComparand>;
}

/** What every step of a matrix judgement reads. */
interface MatrixProblem {
  readonly spec: NetworkSpec;
  readonly derivation: Derivation;
  readonly param: Param;
  readonly subject: Subject;
  /** The θ entries compared, row by row, with their truths. */
  readonly entries: readonly { readonly index: number; readonly truth: Expr }[];
  readonly truthShape: readonly [number, number];
  readonly lang: Lang;
}

/** ∂J/∂param for a network (a whole block W{k}/b{k}, or one entry compared as 1×1) against a claim in matrix form, given as the mathjs text of parseClaim. */
export function judgeMatrixClaim(spec: NetworkSpec, derivation: Derivation, param: Param, mathjsText: string, options: JudgeOptions = {}): Judgement {
  const { layout } = layoutOf(spec, param);
  if (derivation.forward.length === 0) return undecided(`the derivation has no index form for ${param.name}: derive it with indexForm 'always'`);
  const params = flatParams(spec);
  const truthOf = (i: number): Expr => regularisedTruth(spec, params[i]!, derivation.gradients.find((g) => g.wrt === params[i])!.result);
  const problem: MatrixProblem = {
    spec, derivation, param, subject: networkSubject(spec, derivation), lang: options.lang ?? 'en',
    entries: layout.flat().map((index) => ({ index, truth: truthOf(index) })),
    truthShape: [layout.length, layout[0]!.length],
  };
  const claim = readClaim(problem, mathjsText);
  if ('verdict' in claim) return claim;
  return screen(cells(claim), problem.subject.model.names) ?? guarded(options, (work) => probeGrid(problem, claim, options, work));
}

/** The claim as a grid of entries, or the verdict when its shapes do not conform (or it cannot be read). */
function readClaim(p: MatrixProblem, mathjsText: string): Value | Judgement {
  try {
    return matrixClaim(mathjsText, claimScope(p.spec, p.subject.model.names));
  } catch (e) {
    if (e instanceof ShapeError) {
      const diagnosis = diagnoseNonConforming(p.derivation, p.spec, p.param, e.message, shapeText(p.truthShape), p.lang);
      return { verdict: 'not equivalent', method: 'matrix shapes', probes: 0, proof: 'symbolic', ...named(diagnosis) };
    }
    if (e instanceof UnsupportedError) return undecided(`the matrix claim uses ${e.message}, which the checker does not evaluate`);
    throw e;
  }
}

function probeGrid(p: MatrixProblem, claim: Value, options: JudgeOptions, work: Work): Judgement {
  const { subject, entries, truthShape } = p;
  const wanted = Math.max(1, options.probes ?? 64);
  const truths = entries.map((e) => e.truth);
  const base = drawnPoints(subject, truths, wanted, options.seed ?? 1, work);
  if (base.length < wanted) return undecided(`too few valid points on the domain: only ${base.length} of ${wanted} probes`);
  const internal = crossCheck(subject, base, entries, work);
  if (internal) return undecided(internal);
  const run = (claims: Expr[]): Run => {
    const settings = settingsFor([...claims, ...truths]);
    const comparand = entryComparand(subject, claims, truths);
    return { tally: compareAll(comparand, base, breakpointPoints(subject, base, claims, truths, work), settings, work), settings, comparand };
  };
  const shape = shapeOf(claim);
  if (shape[0] !== truthShape[0] || shape[1] !== truthShape[1]) {
    // The wrong shape decides; the transposed claim is probed only to say whether it is the gradient.
    const transposeFits = shape[0] === truthShape[1] && shape[1] === truthShape[0] && agrees(run(transposedCells(claim)), wanted);
    const diagnosis = diagnoseShape(p.derivation, p.spec, p.param, { claim: shapeText(shape), truth: shapeText(truthShape) }, transposeFits, p.lang);
    return { verdict: 'not equivalent', method: `matrix shapes (claim ${shapeText(shape)}, gradient ${shapeText(truthShape)})`, probes: 0, proof: 'symbolic', ...named(diagnosis) };
  }
  const claims = cells(claim);
  const main = run(claims);
  const wrong = different(main, p, work);
  if (wrong) return wrong;
  if (!enoughPoints(main.tally, wanted)) return undecided(`only ${main.tally.drawn} of ${wanted} drawn points could be compared`, main.tally.compared.length);
  const symbolic = claims.every((c, i) => proveSymbolically(p.derivation, c, truths[i]!));
  const numeric = `${equivalentText(main.tally, main.settings)}, matrix form entry by entry`;
  return { verdict: 'equivalent', method: symbolic ? `${SYMBOLIC_METHOD}; ${numeric}` : numeric, probes: main.tally.compared.length, proof: symbolic ? 'symbolic' : 'numeric' };
}

/** No difference and enough points: the claim (here its transpose) is the gradient. */
const agrees = (r: Run, wanted: number): boolean =>
  enoughPoints(r.tally, wanted) && r.tally.compared.every((p) => p.outcome === 'agree');

/** The compared points as float matrices (the moderate ones when one of them shows the mistake), for the diagnosis. */
function matrixPoints(subject: Subject, tally: Tally, [rows, cols]: readonly [number, number], work: Spend): MatrixPoint[] {
  const grid = (values: Values['claim']): number[][] =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => toNumber(values[i * cols + j])));
  const finite = tally.compared.filter((r) => r.values && [...r.values.claim, ...r.values.truth].every((v) => Number.isFinite(toNumber(v))));
  const moderate = finite.some((r) => r.moderate && r.outcome === 'differ');
  return (moderate ? finite.filter((r: PointResult) => r.moderate) : finite).map((r) => ({
    sample: { env: floatEnvs(subject, r.x, r.digits, work)[0] ?? {} },
    claim: grid(r.values!.claim),
    truth: grid(r.values!.truth),
  }));
}

function different(r: Run, p: MatrixProblem, work: Spend): Judgement | undefined {
  const probes = r.tally.compared.length;
  const point = pickPoint(r.tally, 'differ') ?? pickPoint(r.tally, 'undefined');
  if (!point) return undefined;
  const shown = widestEntry(shownPoint(point, r.comparand, r.settings, p.subject.model.scannable, work), r.settings.toleranceDigits);
  const method = differenceText(r.tally, r.settings, shown);
  const counterexample = counterexampleOf(shown, shownNames(p.subject));
  const cols = p.truthShape[1];
  const entry = p.param.kind === 'matrix' ? ` (entry [${Math.floor(shown.entry / cols) + 1}][${(shown.entry % cols) + 1}])` : '';
  if (shown.outcome === 'undefined') {
    return { verdict: 'not equivalent', method, probes, proof: 'numeric', counterexample, reason: `the claim cannot be evaluated at the counterexample${entry} (${faultOf(shown)})` };
  }
  const points = matrixPoints(p.subject, r.tally, p.truthShape, work);
  const scale = Math.max(0, ...points.flatMap((q) => q.truth.flat().map(Math.abs)));
  // A difference below what floats resolve fits any candidate equal to the truth: none is named.
  const resolved = points.some((q) => q.claim.some((row, i) => row.some((v, j) => !close(v, q.truth[i]![j]!, scale))));
  const diagnosis = resolved ? diagnoseMatrix(p.spec, p.derivation, p.param, points, scale, p.lang) : undefined;
  return { verdict: 'not equivalent', method: `${method}; largest disagreement${entry}`, probes, proof: 'numeric', counterexample, ...named(diagnosis) };
}
