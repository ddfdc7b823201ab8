// The symbolic side: how long derive + codegen takes, and how big the derivation stays
// with shared δ compared with the same gradients written out in full.
import { readdirSync } from 'node:fs';
import { derivationStats } from '../src/derivation/stats.ts';
import { compileNetwork, deriveNetwork, generateCode, loadSpec, paramCount, validateSpec } from '../src/index.ts';
import { left, markdownTable, right } from './table.ts';
import { time } from './timing.ts';
import { exampleSpecFiles } from '../src/examples.ts';

const MNIST_TARGET_MS = 1000;
const SYMBOLIC_TIMING = { warmup: 3, samples: 5, minBatchMs: 50 } as const;

function ms(micros: number): string {
  return (micros / 1000).toFixed(2);
}

/** [784,128,10] on its own, first so that its first call is cold (nothing JIT-compiled yet):
 * the target is under 1 s for derive + codegen. */
async function mnistSection(): Promise<string> {
  const spec = loadSpec('examples/mnist.json');
  const t0 = performance.now();
  generateCode(spec);
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  await compileNetwork(spec);
  const loadMs = performance.now() - t1;
  const rows = [
    ['derive + codegen, first call in the process (cold)', coldMs.toFixed(1)],
    ['derive + codegen + esbuild + import (compileNetwork), first call: starts esbuild', loadMs.toFixed(1)],
  ];
  const verdict = coldMs < MNIST_TARGET_MS ? 'met' : 'NOT met';
  return [
    '### Derive + codegen: mnist [784,128,10]',
    markdownTable([left('what'), right('ms')], rows),
    `Target: derive + codegen under ${MNIST_TARGET_MS} ms (cold): ${verdict}. Warm: see the next table.`,
  ].join('\n\n');
}

/** Warm timings (after warm-up in this process), and each example's derivation size as
 * `symprop derive --stats` reports it: index form up to 50 parameters, matrix form beyond. */
function examplesSection(): string {
  const rows = exampleSpecFiles().dense
    .map((file) => {
      const spec = loadSpec(`examples/${file}`);
      const t = time(() => void generateCode(spec), SYMBOLIC_TIMING);
      const s = derivationStats(deriveNetwork(spec, file));
      const size = (n: number | undefined): string => (n === undefined || n === 0 ? '–' : String(n));
      return [file, String(paramCount(spec)), ms(t.medianMicros), size(s.nodes), size(s.bindings), size(s.matrixNodes), s.nodes ? s.expandedTreeSize.toExponential(2) : '–'];
    });
  const columns = [
    left('example'), right('parameters'), right(`derive + codegen (ms, warm, median of ${SYMBOLIC_TIMING.samples})`),
    right('index-form nodes'), right('bindings'), right('matrix-form nodes'), right('printed size, fully expanded'),
  ];
  return ['### Derive + codegen and derivation size: every example', markdownTable(columns, rows)].join('\n\n');
}

function chainsSection(): string {
  const rows = [5, 10, 15, 20].map((depth) => {
    const layers = [...Array<unknown>(depth).fill({ units: 2, activation: 'sigmoid' }), { units: 1, activation: 'sigmoid' }];
    const spec = validateSpec({ name: `chain-${depth}`, input: 2, layers, loss: 'bce' });
    const s = derivationStats(deriveNetwork(spec, 'chain', { indexForm: 'always' }));
    return [String(depth), String(s.nodes), String(s.bindings), s.expandedTreeSize.toExponential(2)];
  });
  const columns = [right('depth'), right('distinct nodes (shared δ)'), right('bindings'), right('printed size, fully expanded')];
  return ['### Derivation size: width-2 sigmoid chains', markdownTable(columns, rows)].join('\n\n');
}

export async function symbolicSections(): Promise<string[]> {
  return [await mnistSection(), examplesSection(), chainsSection()];
}
