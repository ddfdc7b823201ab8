// One configuration's training-step table: every implementation checked against the
// generated loops form, then timed on its own copy of the same θ, X and Y.
import { compileNetwork, layerSizes, type NetworkModule } from '../src/index.ts';
import { engineLossAndGrad } from '../src/engine/network.ts';
import { checkAgreement, checkNoLeak } from './agreement.ts';
import { createBaseline, type Baseline } from './baseline.ts';
import type { BenchCase } from './cases.ts';
import { gflops, trainingStepFlops } from './flops.ts';
import { gflopsText, left, markdownTable, micros, ratio, right } from './table.ts';
import { createTfjsNetwork, useTfjsBackend } from './tfjs.ts';
import { timeInterleaved, type Timing } from './timing.ts';

// A learning rate this small leaves θ unchanged to many digits over thousands of timed
// steps, so every step does the same work (same relu pattern, no drift to denormals).
const LR = 1e-9;

interface Step {
  readonly name: string;
  readonly run: () => void;
}

interface Row {
  readonly name: string;
  readonly timing: Timing;
  /** The generated loops form's median in the same interleaved run, when not the main one. */
  readonly pairedLoops?: number;
}

/** A timed step on its own copy of θ (trainStep updates θ in place). */
function onCopy(c: BenchCase, step: (theta: Float64Array) => void): () => void {
  const theta = c.theta.slice();
  return () => step(theta);
}

function engineStep(c: BenchCase): (theta: Float64Array) => void {
  return (theta) => {
    const { grad } = engineLossAndGrad(c.spec, theta, c.X, c.Y, c.n);
    for (let p = 0; p < theta.length; p++) theta[p]! -= LR * grad[p]!;
  };
}

async function measure(c: BenchCase): Promise<{ rows: Row[]; note: string }> {
  const loops = await compileNetwork(c.spec, { unroll: false });
  const unrolled = c.unrolled ? await compileNetwork(c.spec, { unroll: true }) : undefined;
  const baseline = createBaseline(c.spec);
  const tfjs = createTfjsNetwork(c.spec, c.theta, c.X, c.Y, c.n, LR);
  const others = new Map<string, NetworkModule | Baseline>([['hand-written baseline', baseline]]);
  if (unrolled) others.set('generated, unrolled', unrolled);
  const agreement = checkAgreement(c, loops, others, tfjs);
  checkNoLeak(c, tfjs);
  const stepOf = (m: NetworkModule | Baseline) => onCopy(c, (theta) => void m.trainStep(theta, c.X, c.Y, c.n, LR));
  const steps: Step[] = [
    { name: 'generated, loops', run: stepOf(loops) },
    ...(unrolled ? [{ name: 'generated, unrolled', run: stepOf(unrolled) }] : []),
    { name: 'hand-written Float64Array baseline', run: stepOf(baseline) },
    { name: 'TensorFlow.js, CPU backend (float32)', run: () => void tfjs.trainStep() },
    { name: 'symprop generic engine (+ update loop)', run: onCopy(c, engineStep(c)) },
  ];
  const timings = timeInterleaved(steps.map((s) => s.run), c.timing);
  const rows = steps.map(({ name }, k): Row => ({ name, timing: timings[k]! }));
  tfjs.dispose();
  // TensorFlow.js's backend is global, so its wasm backend is timed in a second interleaved
  // run beside the generated loops again; its ratio is to that run's loops.
  await useTfjsBackend('wasm');
  const wasm = createTfjsNetwork(c.spec, c.theta, c.X, c.Y, c.n, LR);
  const wasmAgreement = checkAgreement(c, loops, new Map(), wasm);
  checkNoLeak(c, wasm);
  const [pairedLoops, wasmTiming] = timeInterleaved([stepOf(loops), () => void wasm.trainStep()], c.timing);
  rows.splice(rows.length - 1, 0, { name: 'TensorFlow.js, wasm backend (SIMD, float32)', timing: wasmTiming!, pairedLoops: pairedLoops!.medianMicros });
  wasm.dispose();
  await useTfjsBackend('cpu');
  const note =
    `Checked before timing: J and ∇θ of the baseline${unrolled ? ', the unrolled form' : ''} and the generic engine ` +
    `match the generated loops form (largest relative error ${agreement.float64.toExponential(1)}); ` +
    `TensorFlow.js's J matches to ${agreement.tfjsLoss.toExponential(1)} (CPU) and ${wasmAgreement.tfjsLoss.toExponential(1)} (wasm), float32. ` +
    'The wasm row was timed in a second interleaved run beside the loops form; its "÷ loops" is to that run.';
  return { rows, note };
}

/** The markdown section for one configuration. */
export async function trainingSection(c: BenchCase): Promise<string> {
  const { rows, note } = await measure(c);
  const loops = rows[0]!.timing.medianMicros;
  const unrolled = c.unrolled ? rows[1]!.timing.medianMicros : undefined;
  const flops = trainingStepFlops(layerSizes(c.spec), c.n);
  const columns = [
    left('implementation'),
    right('µs per step (median)'),
    right('÷ loops'),
    ...(unrolled === undefined ? [] : [right('÷ unrolled')]),
    right('GFLOP/s'),
    right('samples × calls'),
  ];
  const body = rows.map(({ name, timing: t, pairedLoops }) => [
    name,
    micros(t.medianMicros),
    ratio(t.medianMicros / (pairedLoops ?? loops)),
    ...(unrolled === undefined ? [] : [pairedLoops === undefined ? ratio(t.medianMicros / unrolled) : '–']),
    gflopsText(gflops(flops, t.medianMicros)),
    `${t.samples} × ${t.callsPerSample}`,
  ]);
  const heading = `### Training step: ${c.label}`;
  const count = `${flops.toLocaleString('en-US')} FLOPs per step (see bench/flops.ts).`;
  return [heading, markdownTable(columns, body), `${count} ${note}`].join('\n\n');
}
