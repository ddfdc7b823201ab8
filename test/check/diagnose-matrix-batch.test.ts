// diagnoseMatrix and diagnoseBatch on evaluated claims, as the judges will call them: points
// are drawn here (θ and inputs in [−2, 2], targets as the loss wants them, every binding and
// δ evaluated), the claim is evaluated there (matrix claims by mathjs over the layer vectors
// and weight matrices, batch claims by the batch evaluator), the truth is the independent
// engine's gradient; the diagnosis is asked in English and in French.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { all, create, type Matrix } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { evaluateBatch } from '../../src/check/batch.ts';
import { parseClaim, parseParam } from '../../src/check/claim.ts';
import { diagnoseBatch, diagnoseMatrix, diagnoseNonConforming, diagnoseShape, type BatchPoint, type MatrixPoint } from '../../src/check/diagnose.ts';
import { Subjects } from '../../src/check/run.ts';
import type { Derivation } from '../../src/derivation/model.ts';
import { engineLossAndGrad } from '../../src/engine/network.ts';
import { evaluate, sigmoidValue } from '../../src/ir/eval.ts';
import { flatParams, networkNames, paramBlocks } from '../../src/network/names.ts';
import type { NetworkSpec } from '../../src/network/spec.ts';
import { mulberry32 } from '../../src/train/rng.ts';
import { BATCH_CASES, MATRIX_CASES } from './diagnose-cases.ts';

const subjects = new Subjects();
const POINTS = 24;

interface Drawn {
  readonly params: Record<string, number>;
  /** Per example: every name (parameters, inputs, targets, bindings, deltas). */
  readonly examples: Record<string, number>[];
  readonly grad: Float64Array;
}

/** θ shared by n examples; undefined near a kink of relu (the truth is one-sided there) or where a value is not finite. */
function draw(spec: NetworkSpec, d: Derivation, rng: () => number, n: number): Drawn | undefined {
  const names = networkNames(spec);
  const L = spec.layers.length;
  const K = spec.layers[L - 1]!.units;
  const u = (): number => 4 * rng() - 2;
  const params = Object.fromEntries(flatParams(spec).map((p) => [p, u()]));
  const X: number[] = [];
  const Y: number[] = [];
  const examples: Record<string, number>[] = [];
  for (let e = 0; e < n; e++) {
    const env: Record<string, number> = { ...params };
    for (let j = 1; j <= spec.input; j++) X.push((env[names.input(j)] = u()));
    const hot = Math.floor(rng() * K) + 1;
    for (let i = 1; i <= K; i++) {
      const t = spec.loss === 'bce' ? (rng() < 0.5 ? 0 : 1) : spec.loss.startsWith('cross_entropy') ? (i === hot ? 1 : 0) : u();
      Y.push((env[names.target(i)] = t));
    }
    for (const b of [...d.forward, ...d.deltas]) env[b.name] = evaluate(b.expr, env);
    const kink = d.forward.some((b) => (b.expr.kind === 'relu' || b.expr.kind === 'step') && Math.abs(evaluate(b.expr.a, env)) < 1e-3);
    if (kink || !Object.values(env).every(Number.isFinite)) return undefined;
    examples.push(env);
  }
  const grad = engineLossAndGrad(spec, Float64Array.from(Object.values(params)), Float64Array.from(X), Float64Array.from(Y), n).grad;
  return { params, examples, grad };
}

const math = create(all!, {});
const elementwise = (f: (u: number) => number) => (u: unknown): unknown => (math.isMatrix(u) ? math.map(u as Matrix, (v: number) => f(v)) : f(u as number));
math.import(
  {
    step: elementwise((u) => (u > 0 ? 1 : 0)),
    relu_prime: elementwise((u) => (u > 0 ? 1 : 0)),
    tanh_prime: elementwise((u) => 1 - Math.tanh(u) ** 2),
    sigmoid_prime: elementwise((u) => sigmoidValue(u) * (1 - sigmoidValue(u))),
  },
  { override: true },
);

/** The scope of a matrix claim at a point: every scalar name, then the blocks and layer vectors of more than one entry. */
function scope(spec: NetworkSpec, env: Readonly<Record<string, number>>): Map<string, unknown> {
  const s = new Map<string, unknown>(Object.entries(env));
  const n = networkNames(spec);
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const [pre, act] = spec.notation === 'z-a' ? ['z', 'a'] : ['a', 'h'];
  const put = (name: string, rows: number, cols: number, entry: (i: number, j: number) => string): void => {
    if (!s.has(name)) s.set(name, math.matrix(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => env[entry(i + 1, j + 1)]!))));
  };
  for (let k = 1; k <= L; k++) {
    put(`W${k}`, sizes[k]!, sizes[k - 1]!, (i, j) => n.weight(k, i, j));
    put(`b${k}`, sizes[k]!, 1, (i) => n.bias(k, i));
    put(`${pre}${k}`, sizes[k]!, 1, (i) => n.pre(k, i));
    if (k < L) put(`${act}${k}`, sizes[k]!, 1, (i) => n.act(k, i));
    put(`delta${spec.notation === 'z-a' ? L - k + 1 : k}`, sizes[k]!, 1, (i) => n.delta(k, i));
  }
  put('x', sizes[0]!, 1, n.input);
  put('y', sizes[L]!, 1, n.target);
  put('yhat', sizes[L]!, 1, (i) => n.act(L, i));
  return s;
}

const grid = (v: unknown): number[][] => {
  const raw = typeof v === 'number' ? [[v]] : ((v as Matrix).toArray() as unknown[]);
  return raw.map((row) => (Array.isArray(row) ? (row as number[]) : [row as number]));
};

function matrixPoints(specPath: string, paramText: string, claimText: string) {
  const { spec, derivation } = subjects.network(specPath);
  const param = parseParam(paramText, spec);
  const block = paramBlocks(spec).find((b) => b.name.toLowerCase() === param.name.toLowerCase())!;
  const code = math.parse(parseClaim(claimText, { kind: 'network', spec }).mathjs).compile();
  const rng = mulberry32(1);
  const points: MatrixPoint[] = [];
  while (points.length < POINTS) {
    const drawn = draw(spec, derivation, rng, 1);
    if (!drawn) continue;
    const { examples: [env], grad } = drawn;
    const truth = Array.from({ length: block.rows }, (_, i) => Array.from({ length: block.cols }, (_, j) => grad[block.offset + i * block.cols + j]!));
    points.push({ sample: { env: env! }, claim: grid(code.evaluate(scope(spec, env!))), truth });
  }
  const scale = Math.max(...points.flatMap((p) => p.truth.flat().map(Math.abs)));
  return { spec, derivation, param, points, scale };
}

describe('diagnoseMatrix: matrix-form claims', () => {
  for (const { kind, spec, param, claim, en, fr } of MATRIX_CASES) {
    it(`${kind}: ${spec} ∂J/∂${param} = ${claim}`, () => {
      const { spec: s, derivation, param: p, points, scale } = matrixPoints(spec, param, claim);
      const english = diagnoseMatrix(s, derivation, p, points, scale, 'en');
      expect(english?.kind, english?.message).toBe(kind);
      expect(english?.message).toMatch(en);
      const french = diagnoseMatrix(s, derivation, p, points, scale, 'fr');
      expect(french?.kind).toBe(kind);
      expect(french?.message).toMatch(fr);
    });
  }

  it('names a shape known without points: the transpose, another shape, matrices that do not conform', () => {
    const { spec, derivation } = subjects.network('examples/xor.json');
    const W2 = { kind: 'matrix', name: 'W2' } as const;
    expect(diagnoseShape(derivation, spec, W2, { claim: '2×1', truth: '1×2' }, true, 'fr')).toEqual({
      kind: 'transpose',
      message: "transposée : la réponse est de taille 2×1 mais ∂J/∂W₂ (éq. 17) est de taille 1×2 ; c'est sa transposée qui est le gradient",
    });
    expect(diagnoseShape(derivation, spec, W2, { claim: '2×2', truth: '1×2' }, false, 'en')).toEqual({ kind: 'shape', message: 'shape: the claim is 2×2 but ∂J/∂W₂ (eq. 17) is 1×2' });
    expect(diagnoseNonConforming(derivation, spec, { kind: 'matrix', name: 'W1' }, 'Dimension mismatch (2 != 1)', '2×2', 'en')).toEqual({
      kind: 'shape',
      message: "shape: the claim's shapes do not conform (Dimension mismatch (2 != 1)); ∂J/∂W₁ (eq. 28) is 2×2",
    });
  });

  it('names nothing for a right claim or an unknown mistake', () => {
    for (const claim of ['delta1 * x^T', '2 * delta1 * x^T']) {
      const { spec, derivation, param, points, scale } = matrixPoints('examples/xor.json', 'W1', claim);
      expect(diagnoseMatrix(spec, derivation, param, points, scale)).toBeUndefined();
    }
  });
});

const dir = mkdtempSync(join(tmpdir(), 'symprop-diagnose-'));
const SUM = join(dir, 'scalar-bce-sum.json');
writeFileSync(SUM, JSON.stringify({ ...JSON.parse(readFileSync('examples/scalar-bce.json', 'utf8')), name: 'scalar-bce-sum', reduction: 'sum' }));

function batchPoints(specPath: string, paramText: string, claimText: string) {
  const { spec, derivation } = subjects.network(specPath);
  const param = parseParam(paramText, spec).name;
  const claim = parseClaim(claimText, { kind: 'network', spec }).batch!;
  const index = flatParams(spec).indexOf(param);
  const rng = mulberry32(1);
  const points: BatchPoint[] = [];
  while (points.length < POINTS) {
    const drawn = draw(spec, derivation, rng, 3);
    if (!drawn) continue;
    const sample = { params: drawn.params, examples: drawn.examples, truth: drawn.grad[index]! };
    const value = evaluateBatch(claim, sample);
    if (Number.isFinite(value)) points.push({ ...sample, claim: value });
  }
  return { spec, derivation, param, points, scale: Math.max(...points.map((p) => Math.abs(p.truth))) };
}

describe('diagnoseBatch: batch claims', () => {
  for (const { kind, spec, param, claim, en, fr } of BATCH_CASES) {
    it(`${kind}: ${spec} ∂J/∂${param} = ${claim}`, () => {
      const { spec: s, derivation, param: p, points, scale } = batchPoints(spec === 'SUM' ? SUM : spec, param, claim);
      const english = diagnoseBatch(s, derivation, p, points, scale, 'en');
      expect(english?.kind, english?.message).toBe(kind);
      expect(english?.message).toMatch(en);
      const french = diagnoseBatch(s, derivation, p, points, scale, 'fr');
      expect(french?.kind).toBe(kind);
      expect(french?.message).toMatch(fr);
    });
  }
});
