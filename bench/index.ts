// npm run bench: side-by-side timings in one process (never part of npm test), printed and
// written to bench/RESULTS.md.
// 1. A full training step (forward, backward, update) on three networks: the generated code
//    (loops, and unrolled where small), a hand-written baseline, TensorFlow.js (CPU) and
//    symprop's generic engine, each checked against the generated code before timing.
// 1b. One CNN training step at batch 32 (bench/cnn.ts): the course's net and a LeNet-like one,
//    generated code against a hand-written baseline, ConvNetJS, TensorFlow.js and the engine.
// 2. The symbolic side: derive + codegen time, and derivation size with shared δ.
// 3. The simplicity of derive --expr's results against SymPy, and hostile input (time, memory).
// 4. Start-up of the installed CLI against `node -e 0`.
import os from 'node:os';
import { writeFileAtomic } from '../src/util/fs.ts';
import { benchCases } from './cases.ts';
import { symbolicSections } from './symbolic.ts';
import { hostileSection } from './hostile.ts';
import { startupSection } from './startup.ts';
import { simplicitySection } from './simplicity.ts';
import { initTfjs } from './tfjs.ts';
import { trainingSection } from './training.ts';
import { cnnSections } from './cnn.ts';

const RESULTS = 'bench/RESULTS.md';
const started = performance.now();
const cpu = os.cpus();
const loadAtStart = os.loadavg()[0]!;
const progress = (what: string): void => void process.stderr.write(`bench: ${what}\n`);

/** A shared 2-core VM: say when other processes were competing for the cores. */
function loadNote(start: number, end: number, cores: number): string {
  const busy = Math.max(start, end) > cores ? ' Above the core count: other processes shared the CPU, so times may be inflated.' : '';
  return `Load average (1 min): ${start.toFixed(2)} at the start, ${end.toFixed(2)} at the end.${busy}`;
}

// The symbolic side runs first so that mnist's first derive + codegen is really cold.
progress('derive + codegen');
const symbolic = await symbolicSections();
const tfjsVersion = await initTfjs();
const training: string[] = [];
for (const c of benchCases()) {
  progress(c.label);
  training.push(await trainingSection(c));
}
const cnn = await cnnSections(progress);
const simplicity = simplicitySection(); // after the timings: deriving the catalogue must not warm them up
progress('hostile input');
const hostile = hostileSection();
progress('start-up');
const startup = startupSection();

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const header = [
  '# symprop benchmarks',
  [
    `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ` +
      `TensorFlow.js ${tfjsVersion}, ${new Date().toISOString().slice(0, 10)}. ` +
      loadNote(loadAtStart, os.loadavg()[0]!, cpu.length),
    `Written by \`npm run bench\` (bench/index.ts) in ${seconds} s. Each time is the median of per-call times ` +
      'over the samples shown (each sample runs "calls" steps), after warm-up. ' +
      '"÷ loops" is the time divided by the generated loops form\'s; "÷ unrolled" by the unrolled form\'s.',
  ].join('\n'),
];
const document = [...header, startup, ...training, ...cnn, ...symbolic, simplicity, hostile].join('\n\n') + '\n';
console.log(document);
writeFileAtomic(RESULTS, document);
progress(`wrote ${RESULTS} (${seconds} s)`);
