// npm run bench: side-by-side timings in one process (never part of npm test).
// For now: a full training step of the course's scalar network on one example, with the
// generated code against symprop's generic engine; more configurations come with the
// layered networks.
import os from 'node:os';
import * as generated from '../generated/scalar-bce.ts';
import { engineLossAndGrad } from '../src/engine/network.ts';
import { loadSpec } from '../src/index.ts';
import { time } from './timing.ts';

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
console.log(`scalar-bce, 1 example — ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('| implementation | µs per step (median) | ratio to generated |');
console.log('| --- | ---: | ---: |');
for (const [name, t] of rows) console.log(`| ${name} | ${t.medianMicros.toFixed(3)} | ${(t.medianMicros / base).toFixed(1)}× |`);
