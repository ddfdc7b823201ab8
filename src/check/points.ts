// Probe points and what is known at them. A model (a network's example, a batch of them, a
// scalar expression) says what a point's coordinates are and how to draw one; a PointSet
// evaluates the model's bindings at points, in floats and in balls at any precision, and
// keeps what does not depend on the claim (the drawn points, the bindings' values, the
// truth), so a batch of claims about one network evaluates them once. Cached work is
// charged again on every use (budget.ts), so caching changes the time, never the verdict.
import { BallProgram, type Binding } from '../engine/ball-eval.ts';
import { isFault, type BallValue, type Fault, type Precision } from '../engine/ball.ts';
import { FloatProgram, type FloatRun } from '../engine/float-eval.ts';
import type { Expr } from '../ir/expr.ts';
import { mulberry32 } from '../train/rng.ts';
import { CountingWork, type Spend } from './budget.ts';

/** What a probe point is made of. */
export interface Model {
  /** The free coordinates, in order: a counterexample shows these. */
  readonly coordinates: readonly string[];
  /** Coordinates that vary continuously (scanned for breakpoints; bce's 0/1 targets do not). */
  readonly scannable: readonly boolean[];
  /** Bindings evaluated for each example (forward pass, then deltas; an expression's decomposition). */
  readonly bindings: readonly Binding[];
  /** The inputs of each example at x (a one-example model has one). */
  examples(x: Float64Array): ReadonlyMap<string, number>[];
  /** The largest |coordinate| drawn at every scale (and scanned for breakpoints). */
  readonly scale: number;
  /** A candidate point: moderate, or `wide` (every scale); `positive`: the coordinates that may be > 0. */
  draw(rng: () => number, wide: boolean, positive: boolean): Float64Array;
}

/** A drawn point; `moderate` ones (every coordinate of order 1) are where floats are trusted. */
export interface BasePoint {
  readonly x: Float64Array;
  readonly moderate: boolean;
}

/**
 * A point where an exponential of the truth saturates by more digits than this is not used
 * (σ(u) for |u| > 138, tanh(u) for |u| > 69): every formula is flat there to 60 digits, and
 * telling them apart would take hundreds of digits. Below, a point starts with enough digits
 * to see the saturation (saturationDigits).
 */
export const SATURATION_LIMIT = 60;
/** Candidate draws per wanted point before the domain is called too small. */
export const DRAWS_PER_POINT = 20;

type Envs = readonly Map<string, BallValue>[];

interface Cached<T> {
  readonly value: T;
  readonly cost: number;
}

export class PointSet {
  private readonly bindings: BallProgram;
  private readonly ballCache = new WeakMap<Float64Array, Map<number, Cached<Envs | Fault>>>();
  private readonly valueCache = new WeakMap<Float64Array, Map<string, Cached<BallValue[][]>>>();
  private readonly floatPrograms = new Map<string, FloatProgram>();
  private readonly saturations = new WeakMap<Float64Array, Map<number, Cached<number>>>();
  private readonly drawn = new Map<string, Cached<BasePoint[]>>();
  /** Anything else a judge wants kept per subject (breakpoints, cross-checks), by key. */
  readonly memo = new Map<string, Cached<unknown>>();

  constructor(readonly model: Model) {
    this.bindings = new BallProgram(model.bindings, []);
  }

  /** Bindings and `roots` in floats, for every example at x. */
  floats(x: Float64Array, roots: readonly Expr[], work: Spend): FloatRun[] {
    const key = roots.map((r) => r.id).join(',');
    let program = this.floatPrograms.get(key);
    if (!program) this.floatPrograms.set(key, (program = new FloatProgram(this.model.bindings, roots)));
    const runs = this.model.examples(x).map((inputs) => program.run(inputs));
    work.spend(Math.ceil((program.size * runs.length) / 200));
    return runs;
  }

  /** The most digits an exponential of the bindings saturates by at x (float-eval.ts), over the examples. */
  saturation(x: Float64Array, work: Spend): number {
    return this.cached(this.saturations, x, 0, work, () => {
      const local = new CountingWork();
      return { value: Math.max(...this.floats(x, [], local).map((r) => r.saturation)), cost: local.used };
    });
  }

  /** The balls of every input and binding of each example at x, or the fault that puts x outside the domain. */
  envs(x: Float64Array, P: Precision, work: Spend): Envs | Fault {
    return this.cached(this.ballCache, x, P.digits, work, () => {
      let cost = 0;
      const envs: Map<string, BallValue>[] = [];
      for (const inputs of this.model.examples(x)) {
        const balls = new Map<string, BallValue>([...inputs].map(([k, v]) => [k, P.exactBall(v)]));
        const run = this.bindings.run(P, balls);
        cost += run.cost;
        const bad = [...run.env.values()].find(isFault);
        if (bad) return { value: bad, cost };
        envs.push(run.env as Map<string, BallValue>);
      }
      return { value: envs, cost };
    });
  }

  /** `program`'s roots for each example at x; kept under `key` when given (the truth). */
  values(x: Float64Array, P: Precision, program: BallProgram, work: Spend, key?: string): BallValue[][] | Fault {
    const envs = this.envs(x, P, work);
    if ('fault' in envs) return envs;
    const compute = (): Cached<BallValue[][]> => {
      const runs = envs.map((env) => program.run(P, env));
      return { value: runs.map((r) => [...r.roots]), cost: runs.reduce((s, r) => s + r.cost, 0) };
    };
    if (key === undefined) {
      const { value, cost } = compute();
      work.spend(cost);
      return value;
    }
    return this.cached(this.valueCache, x, `${P.digits}:${key}`, work, compute);
  }

  /** Keep `make`'s result under `key`; its cost is charged once to every claim that uses it. */
  keep<T>(key: string, work: Spend, make: () => Cached<T>): T {
    let hit = this.memo.get(key) as Cached<T> | undefined;
    if (!hit) this.memo.set(key, (hit = make()));
    work.once(hit, hit.cost);
    return hit.value;
  }

  /**
   * `wanted` valid points from the seeded generator, half moderate and half at every scale
   * (`key` names the validity test). A draw failing with random signs is tried again with
   * positive coordinates (log x, √x want them).
   */
  draw(key: string, wanted: number, seed: number, valid: (x: Float64Array, work: Spend) => boolean, work: Spend): BasePoint[] {
    const cacheKey = `${key}|${wanted}|${seed}`;
    let hit = this.drawn.get(cacheKey);
    if (!hit) {
      const local = new CountingWork();
      const value = drawPoints(this.model, wanted, seed, (x) => valid(x, local), local);
      this.drawn.set(cacheKey, (hit = { value, cost: local.used }));
    }
    work.once(hit, hit.cost);
    return hit.value;
  }

  private cached<K, T>(cache: WeakMap<Float64Array, Map<K, Cached<T>>>, x: Float64Array, key: K, work: Spend, make: () => Cached<T>): T {
    let byKey = cache.get(x);
    if (!byKey) cache.set(x, (byKey = new Map()));
    let hit = byKey.get(key);
    if (!hit) byKey.set(key, (hit = make()));
    work.once(hit, hit.cost);
    return hit.value;
  }
}

function drawPoints(model: Model, wanted: number, seed: number, valid: (x: Float64Array) => boolean, work: Spend): BasePoint[] {
  const rng = mulberry32(seed);
  const half = Math.ceil(wanted / 2);
  const kinds = [
    { wide: false, need: half, tries: half * DRAWS_PER_POINT },
    { wide: true, need: wanted - half, tries: (wanted - half) * DRAWS_PER_POINT },
  ];
  const points: BasePoint[] = [];
  for (let turn = 0; points.length < wanted; turn++) {
    const open = kinds.filter((k) => k.need > 0 && k.tries > 0);
    if (open.length === 0) {
      // One kind ran out of draws: the other makes up its points, with its own draws.
      const spare = kinds.find((k) => k.tries > 0);
      if (!spare) break;
      spare.need = wanted - points.length;
      continue;
    }
    const kind = open[turn % open.length]!;
    kind.tries--;
    work.spend(1);
    let x = model.draw(rng, kind.wide, false);
    if (!valid(x)) x = model.draw(rng, kind.wide, true);
    if (!valid(x)) continue;
    points.push({ x, moderate: !kind.wide });
    kind.need--;
  }
  return points;
}
