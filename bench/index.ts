// npm run bench: side-by-side timings in one process (never part of npm test).
// 1. A training step of the course's scalar network: generated code vs the generic engine.
// 2. The symbolic side: derive + codegen time per example, and derivation size with
//    shared deltas against the same gradients written out in full.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import * as generated from '../generated/scalar-bce.ts';
import { derivationStats } from '../src/derivation/stats.ts';
import { engineLossAndGrad } from '../src/engine/network.ts';
import { compileNetwork, deriveNetwork, generateCode, loadSpec, validateSpec } from '../src/index.ts';
import { time } from './timing.ts';

function trainingStep(): void {
  const spec = loadSpec('examples/scalar-bce.json');
  const X = new Float64Array([3.14]);
  const Y = new Float64Array([1]);
  const theta = new Float64Array([0.64, 0, 0.025, 0]);
  const rows = [
    ['generated trainStep', time(() => generated.trainStep(theta, X, Y, 1, 1e-9))],
    ['generic engine (loss + grad + update)', time(() => {
      const { grad } = engineLossAndGrad(spec, theta, X, Y, 1);
      for (let k = 0; k < theta.length; k++) theta[k]! -= 1e-9 * grad[k]!;
    })],
  ] as const;
  const base = rows[0][1].medianMicros;
  console.log('\n### Training step: scalar-bce, 1 example\n');
  console.log('| implementation | µs per step (median) | ratio to generated |');
  console.log('| --- | ---: | ---: |');
  for (const [name, t] of rows) console.log(`| ${name} | ${t.medianMicros.toFixed(3)} | ${(t.medianMicros / base).toFixed(1)}× |`);
}

async function loopsVersusUnrolled(): Promise<void> {
  const spec = loadSpec('examples/circles.json');
  const n = 140;
  const r = (() => { let a = 7; return () => ((a = (a * 16807) % 2147483647) / 2147483647); })();
  const X = Float64Array.from({ length: n * 2 }, () => 2 * r() - 1);
  const Y = Float64Array.from({ length: n }, () => Math.round(r()));
  const theta = Float64Array.from({ length: 37 }, () => r() - 0.5);
  const loops = await compileNetwork(spec, { unroll: false });
  const unrolled = await compileNetwork(spec, { unroll: true });
  const rows = [
    ['loops', time(() => loops.trainStep(theta, X, Y, n, 1e-9))],
    ['unrolled (--unroll)', time(() => unrolled.trainStep(theta, X, Y, n, 1e-9))],
  ] as const;
  console.log('\n### Training step: circles [2,4,4,1], batch of 140\n');
  console.log('| generated form | µs per step (median) | ratio to loops |');
  console.log('| --- | ---: | ---: |');
  for (const [name, t] of rows) console.log(`| ${name} | ${t.medianMicros.toFixed(1)} | ${(t.medianMicros / rows[0][1].medianMicros).toFixed(2)}× |`);
}

function symbolic(): void {
  console.log('\n### Derive + codegen\n');
  console.log('| example | parameters | derive + codegen (ms, median) |');
  console.log('| --- | ---: | ---: |');
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.json')).sort()) {
    const spec = loadSpec(`examples/${file}`);
    const t = time(() => void generateCode(spec), { warmup: 3, samples: 5, minBatchMs: 50 });
    const params = spec.layers.reduce((acc, l, k) => acc + l.units * ((k ? spec.layers[k - 1]!.units : spec.input) + 1), 0);
    console.log(`| ${file} | ${params} | ${(t.medianMicros / 1000).toFixed(2)} |`);
  }
  console.log('\n### Derivation size: width-2 sigmoid chains\n');
  console.log('| depth | distinct nodes (shared δ) | bindings | printed size without δ names |');
  console.log('| ---: | ---: | ---: | ---: |');
  for (const depth of [5, 10, 20]) {
    const layers = [...Array(depth).fill({ units: 2, activation: 'sigmoid' }), { units: 1, activation: 'sigmoid' }];
    const spec = validateSpec({ name: `chain-${depth}`, input: 2, layers, loss: 'bce' });
    const s = derivationStats(deriveNetwork(spec, 'chain', { indexForm: 'always' }));
    console.log(`| ${depth} | ${s.nodes} | ${s.bindings} | ${s.expandedTreeSize.toExponential(2)} |`);
  }
}

console.log(`symprop benchmarks — ${os.cpus()[0]?.model ?? 'cpu'} (${os.cpus().length} cores), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
trainingStep();
await loopsVersusUnrolled();
symbolic();
