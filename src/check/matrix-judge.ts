// Judge a matrix-form claim (delta2 * h1^T, (W2^T * delta2) .* relu'(a1), ...): at each probe
// point of the network's domain (probe.ts), the scalar value of every name is gathered into
// matrices (W{k}: N_k × N_{k−1}, vectors as N × 1 columns), the claim is evaluated by mathjs
// and compared, entry by entry, with the block of the engine's gradient. A claim of the wrong
// shape, or the transpose of the truth, is "not equivalent" with a diagnosis naming it.
import { all, create, type Matrix, type MathNode } from 'mathjs';
import type { Derivation } from '../derivation/model.ts';
import { sigmoidValue, softplusValue } from '../ir/eval.ts';
import { flatParams, networkNames, paramBlocks, type ParamBlock } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { UserError } from '../util/errors.ts';
import { ELEMENTWISE_FUNCTIONS } from './claim.ts';
import type { JudgeOptions, Judgement } from './judge.ts';
import { MAX_CLAIM_NODES } from './judge.ts';
import { close, KINK_MARGIN, networkDomain, seededRng, type Sample } from './probe.ts';

type Grid = number[][];

/** Draws per wanted point before giving up (invalid points are re-drawn), as judge.ts. */
const DRAWS_PER_POINT = 20;
const LEAKY_ALPHA = 0.01;

const undecided = (reason: string, probes = 0): Judgement => ({ verdict: 'undecided', method: 'none', probes, reason });
const sig4 = (v: number): number => Number(v.toPrecision(4));
const shapeOf = (g: Grid): string => `${g.length}×${g[0]?.length ?? 0}`;
const transposed = (g: Grid): Grid => (g[0] ?? []).map((_, j) => g.map((row) => row[j]!));
const sameShape = (a: Grid, b: Grid): boolean => a.length === b.length && (a[0]?.length ?? 0) === (b[0]?.length ?? 0);

/** Scalar functions of the claim language; the kinked ones report arguments near their kink. */
interface Elementwise {
  readonly fn: (u: number, alpha?: number) => number;
  readonly kink?: boolean;
}
const FUNCTIONS: Readonly<Record<(typeof ELEMENTWISE_FUNCTIONS)[number], Elementwise>> = {
  exp: { fn: Math.exp },
  log: { fn: Math.log },
  sqrt: { fn: Math.sqrt },
  abs: { fn: Math.abs, kink: true },
  sign: { fn: Math.sign, kink: true },
  sin: { fn: Math.sin },
  cos: { fn: Math.cos },
  tan: { fn: Math.tan },
  tanh: { fn: Math.tanh },
  sigmoid: { fn: sigmoidValue },
  relu: { fn: (u) => Math.max(0, u), kink: true },
  softplus: { fn: softplusValue },
  step: { fn: (u) => (u > 0 ? 1 : 0), kink: true },
  leaky_relu: { fn: (u, a = LEAKY_ALPHA) => (u > 0 ? u : a * u), kink: true },
  sigmoid_prime: { fn: (u) => sigmoidValue(u) * (1 - sigmoidValue(u)) },
  tanh_prime: { fn: (u) => 1 - Math.tanh(u) ** 2 },
  relu_prime: { fn: (u) => (u > 0 ? 1 : 0), kink: true },
  softplus_prime: { fn: sigmoidValue },
  leaky_relu_prime: { fn: (u, a = LEAKY_ALPHA) => (u > 0 ? 1 : a), kink: true },
};

/** A mathjs instance whose elementwise functions map over matrices and flag arguments near a kink. */
function claimMath() {
  const math = create(all!, {});
  const state = { nearKink: false };
  const entries = Object.entries(FUNCTIONS).map(([name, { fn, kink }]) => {
    const scalar = (u: unknown, alpha?: unknown): number => {
      if (typeof u !== 'number') throw new TypeError(`${name}() of a non-number`);
      if (kink && Math.abs(u) < KINK_MARGIN) state.nearKink = true;
      return fn(u, typeof alpha === 'number' ? alpha : undefined);
    };
    const wrapped = (u: unknown, alpha?: unknown): unknown =>
      math.isMatrix(u) ? math.map(u as Matrix, (v: unknown) => scalar(v, alpha)) : scalar(u, alpha);
    return [name, wrapped] as const;
  });
  math.import(Object.fromEntries(entries), { override: true });
  return { math, state };
}

/** The scope at one point: the scalar names, and the blocks and layer vectors as matrices. */
function scopeAt(spec: NetworkSpec, env: Readonly<Record<string, number>>, math: ReturnType<typeof create>): Map<string, unknown> {
  const scope = new Map<string, unknown>(Object.entries(env));
  const n = networkNames(spec);
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const [preStem, actStem] = spec.notation === 'z-a' ? ['z', 'a'] : ['a', 'h'];
  const column = (name: string, size: number, entry: (i: number) => string): void => {
    if (scope.has(name)) return; // a width-1 quantity of a scalar layer keeps its scalar name
    const values = Array.from({ length: size }, (_, i) => env[entry(i + 1)]);
    if (values.some((v) => v === undefined)) return;
    scope.set(name, math.matrix(values.map((v) => [v!])));
  };
  for (const block of paramBlocks(spec)) {
    const k = Number(/\d+$/.exec(block.name)![0]);
    const entry = (i: number, j: number): string => (block.name.startsWith('b') ? n.bias(k, i) : n.weight(k, i, j));
    const name = block.name.startsWith('b') ? block.name : `W${k}`;
    if (scope.has(name)) continue;
    const rows = Array.from({ length: block.rows }, (_, i) => Array.from({ length: block.cols }, (_, j) => env[entry(i + 1, j + 1)]));
    if (rows.flat().some((v) => v === undefined)) continue;
    scope.set(name, math.matrix(rows as number[][]));
  }
  column('x', sizes[0]!, n.input);
  column('y', sizes[L]!, n.target);
  column('yhat', sizes[L]!, (i) => n.act(L, i));
  column('p', sizes[L]!, n.prob);
  for (let k = 1; k <= L; k++) {
    column(`${preStem}${k}`, sizes[k]!, (i) => n.pre(k, i));
    if (k < L) column(`${actStem}${k}`, sizes[k]!, (i) => n.act(k, i));
    column(`delta${spec.notation === 'z-a' ? L - k + 1 : k}`, sizes[k]!, (i) => n.delta(k, i));
  }
  return scope;
}

/** A mathjs value as a 2-D grid of numbers (a number is 1×1, a 1-D array a column). */
function toGrid(value: unknown, math: ReturnType<typeof create>): Grid | undefined {
  if (typeof value === 'number') return [[value]];
  const raw = math.isMatrix(value) ? (value as Matrix).toArray() : Array.isArray(value) ? value : undefined;
  if (!raw) return undefined;
  const grid = raw.map((row) => (Array.isArray(row) ? row : [row]));
  if (!grid.every((row) => row.length === grid[0]!.length && row.every((v) => typeof v === 'number'))) return undefined;
  return grid as Grid;
}

interface Point {
  readonly sample: Sample;
  readonly claim: Grid;
  readonly truth: Grid;
}

/**
 * ∂J/∂param for a network (a whole block W{k}/b{k}, or one entry compared as 1×1) against a
 * claim in matrix form, given as the mathjs text of parseClaim.
 */
export function judgeMatrixClaim(
  spec: NetworkSpec,
  derivation: Derivation,
  param: { readonly kind: 'matrix' | 'scalar'; readonly name: string },
  mathjsText: string,
  options: JudgeOptions = {},
): Judgement {
  const params = flatParams(spec);
  const blocks = paramBlocks(spec);
  // The θ entries compared, as a grid of indices into θ.
  let block: ParamBlock | undefined;
  let layout: number[][];
  if (param.kind === 'matrix') {
    block = blocks.find((b) => b.name === param.name || (b.name.startsWith('W') && b.name === param.name.toUpperCase()));
    if (!block) throw new UserError(`unknown parameter ${param.name} (known: ${blocks.map((b) => b.name).join(', ')})`);
    const { rows, cols, offset } = block;
    layout = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => offset + i * cols + j));
  } else {
    const index = params.indexOf(param.name);
    if (index < 0) throw new UserError(`unknown parameter ${param.name} (known: ${params.join(', ')})`);
    block = blocks.find((b) => index >= b.offset && index < b.offset + b.rows * b.cols);
    layout = [[index]];
  }
  if (derivation.forward.length === 0) return undecided(`the derivation has no index form for ${param.name}: derive it with indexForm 'always'`);

  const what = `∂J/∂${param.name}`;
  const matrixName = block ? (block.name.startsWith('w') ? `W${block.name.slice(1)}` : block.name) : param.name;
  const eq =
    param.kind === 'scalar'
      ? (derivation.gradients.find((g) => g.wrt === param.name)?.eq ?? derivation.matrix?.gradients.find((g) => g.wrt === matrixName)?.eq)
      : derivation.matrix?.gradients.find((g) => g.wrt === matrixName || g.wrt === param.name)?.eq;
  const cite = eq === undefined ? what : `${what} (eq. ${eq})`;

  const { math, state } = claimMath();
  let node: MathNode;
  try {
    node = math.parse(mathjsText);
  } catch (e) {
    throw new UserError(`claim: ${(e as Error).message}`);
  }
  const size = node.filter(() => true).length;
  if (size > MAX_CLAIM_NODES) return undecided(`the claim has ${size} nodes, more than the ${MAX_CLAIM_NODES} the checker evaluates`);
  const code = node.compile();

  const domain = networkDomain(spec, derivation, params[layout[0]![0]!]!);
  const wanted = Math.max(1, options.probes ?? 64);
  const deadline = Date.now() + (options.budgetMs ?? 2000);
  const rng = seededRng(options.seed ?? 1);
  const points: Point[] = [];
  let unevaluable = 0;
  for (let draws = 0; points.length < wanted; draws++) {
    if (Date.now() >= deadline) return undecided(`time budget exhausted after ${points.length} of ${wanted} probes`, points.length);
    if (draws >= wanted * DRAWS_PER_POINT) {
      const why = unevaluable > 0 ? `the claim is not finite at ${unevaluable} valid points` : 'too few valid points on the domain';
      return undecided(`${why}: only ${points.length} of ${wanted} probes`, points.length);
    }
    const sample = domain.draw(rng);
    if (!sample?.grad) continue;
    state.nearKink = false;
    let value: unknown;
    try {
      value = code.evaluate(scopeAt(spec, sample.env, math));
    } catch (e) {
      const message = (e as Error).message;
      if ((e as Error).name === 'DimensionError' || /dimension/i.test(message)) {
        return { verdict: 'not equivalent', method: 'matrix shapes', probes: 0, diagnosis: `the claim's shapes do not conform (${message}); ${cite} is ${shapeOf(layout)}` };
      }
      return undecided(`the claim cannot be evaluated: ${message}`, points.length);
    }
    if (state.nearKink) continue;
    const claim = toGrid(value, math);
    if (!claim) return undecided(`the claim does not evaluate to a matrix of numbers`, points.length);
    if (!claim.flat().every(Number.isFinite)) {
      unevaluable++;
      continue;
    }
    const grad = sample.grad;
    points.push({ sample, claim, truth: layout.map((row) => row.map((i) => grad[i]!)) });
  }

  const numeric = `numeric probing at ${points.length} points (matrix form)`;
  const scale = Math.max(0, ...points.flatMap((p) => p.truth.flat().map(Math.abs)));
  const matches = (f: (p: Point) => Grid): boolean =>
    points.every((p) => {
      const c = f(p);
      return sameShape(c, p.truth) && c.every((row, i) => row.every((v, j) => close(v, p.truth[i]![j]!, scale)));
    });
  const truthShape = shapeOf(points[0]!.truth);
  const claimShape = shapeOf(points[0]!.claim);
  const transposeMatches = matches((p) => transposed(p.claim));
  const transposeNote = `transpose: the claim is ${claimShape} but ${cite} is ${truthShape}; its transpose is the gradient`;

  if (!points.every((p) => sameShape(p.claim, p.truth))) {
    const diagnosis = transposeMatches ? transposeNote : `shape: the claim is ${claimShape} but ${cite} is ${truthShape}`;
    return { verdict: 'not equivalent', method: numeric, probes: points.length, diagnosis };
  }
  if (matches((p) => p.claim)) return { verdict: 'equivalent', method: numeric, probes: points.length };

  // The counterexample: the entry of largest disagreement over all points.
  let worst = { point: points[0]!, i: 0, j: 0, gap: -1 };
  for (const p of points) {
    p.claim.forEach((row, i) =>
      row.forEach((v, j) => {
        const gap = Math.abs(v - p.truth[i]![j]!);
        if (!close(v, p.truth[i]![j]!, scale) && gap > worst.gap) worst = { point: p, i, j, gap };
      }),
    );
  }
  const env = worst.point.sample.env;
  const counterexample = {
    point: Object.fromEntries(domain.coordinates.map((c) => [c, sig4(env[c]!)])),
    claim: worst.point.claim[worst.i]![worst.j]!,
    truth: worst.point.truth[worst.i]![worst.j]!,
  };
  const entry = param.kind === 'matrix' ? ` (entry [${worst.i + 1}][${worst.j + 1}])` : '';
  const diagnosis = transposeMatches
    ? `transpose: the claim is the transpose of ${cite}`
    : matches((p) => p.claim.map((row) => row.map((v) => -v)))
      ? `sign error: the claim is the negative of ${cite}`
      : undefined;
  return { verdict: 'not equivalent', method: `${numeric}; largest disagreement${entry}`, probes: points.length, counterexample, ...(diagnosis ? { diagnosis } : {}) };
}
