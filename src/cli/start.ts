// symprop start: the main job on CSI 4106's examples (what `npm start` runs).
// 1. The circles network ([2,4,4,1] ReLU/ReLU/sigmoid, BCE) end to end: derivation sheet,
//    generated code, training with that code on circles(200, 0.5, 0.08) as `train` does by
//    default, plots and parameters.
// 2. The scalar network trained on one example, as the notebook does (ŷ 0.51 → 0.99).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { NetworkSpec } from '../network/spec.ts';
import { TRAIN_DEFAULTS } from '../train/defaults.ts';
import { TRAIN_MESSAGES } from '../train/messages.ts';
import { DATA_DEFAULTS } from '../train/prepare.ts';
import { fileLines, scoreLine } from '../train/report.ts';
import { checkOutputDir, fileStem, prepareOutputDir, writeFilesAtomic } from '../util/fs.ts';
import type { Io } from './io.ts';
import { packageFile } from '../util/root.ts';
import { load } from './lazy.ts';
import { progressFor, trainOrReport } from './train.ts';

/** An example spec: examples/NAME from the working directory when it has one (the repository), else the copy the package ships. */
const shipped = (name: string): string => (existsSync(join('examples', name)) ? join('examples', name) : packageFile('examples', name));
export const DEFAULT_SPEC = shipped('circles.json');
export const SCALAR_SPEC = shipped('scalar-bce.json');

/** What start says of a convolutional --spec, after the file's name. */
export const START_CONV_REFUSAL = "start runs CSI 4106's circles experiment, which needs a dense network (two inputs, one output), not a convolutional network (conv2d, maxpool, avgpool, flatten): train that one with `symprop train SPEC --data shapes|DIR|FILE.csv`";

const fmt = (v: number): string => v.toFixed(2);
const INIT_NAMES = { he: 'He', xavier: 'Xavier', normal: 'N(0, 1)', zeros: 'zero' } as const;

/** The derivation sheet in three formats and the generated module; returns the lines to print. */
async function writeSheetAndCode(spec: NetworkSpec, source: string, dir: string): Promise<string[]> {
  const { deriveNetwork, generateCode, renderDerivation, renderSheet } = await load();
  const derivation = deriveNetwork(spec, source);
  // The Markdown sheet links its figures, written beside it.
  const markdown = renderSheet(derivation, { format: 'md', figureFiles: fileStem(spec.name) });
  const files = {
    html: join(dir, `${fileStem(spec.name)}.html`),
    md: join(dir, `${fileStem(spec.name)}.md`),
    tex: join(dir, `${fileStem(spec.name)}.tex`),
    code: join(dir, `${fileStem(spec.name)}.ts`),
  };
  writeFilesAtomic(
    [
      { path: files.html, content: renderDerivation(derivation, { format: 'html' }) },
      { path: files.md, content: markdown.text },
      ...markdown.files.map((f) => ({ path: join(dir, f.name), content: f.content })),
      { path: files.tex, content: renderDerivation(derivation, { format: 'tex', standalone: true }) },
      { path: files.code, content: generateCode(spec, { source, output: files.code }) },
    ],
    [source],
  );
  return [`Derivation sheet: ${files.html} (open it in a browser; also ${files.md} and ${files.tex})`, `Generated code: ${files.code}`];
}

/** CSI 4106's circles experiment with `train`'s defaults; epochs print as a bar on a terminal, else every 10 %. Undefined if it diverged. */
async function trainOnCircles(spec: NetworkSpec, specPath: string, dir: string, io: Io, setExit: (code: number) => void, quiet: boolean): Promise<string[] | undefined> {
  const d = TRAIN_DEFAULTS;
  const held = Math.round(100 * d.testSplit);
  const c = DATA_DEFAULTS;
  io.out(`Training on ${d.data} (${c.samples} points, factor ${c.factor}, noise ${c.noise.circles}, ${100 - held}/${held} split, standardised), ${INIT_NAMES[d.init]} initialisation, learning rate ${d.lr}, ${d.epochs} epochs:\n`);
  const run = await trainOrReport(io, setExit, 'try `symprop train` with a smaller --lr', spec, { ...d, out: dir, inputs: [specPath] }, progressFor(io, d.epochs, quiet));
  return run && [scoreLine(run.scores, TRAIN_MESSAGES.en), ...fileLines(run.files, TRAIN_MESSAGES.en)];
}

/** The notebook's single example on the scalar network: the README's "Before / After" numbers. */
async function singleExample(): Promise<string[]> {
  const { compileNetwork, loadSpec, SEED_004, trainSingleExample } = await load();
  const run = trainSingleExample(await compileNetwork(loadSpec(SCALAR_SPEC)), SEED_004);
  const { x, y, lr, steps } = SEED_004;
  return [
    `CSI 4106's scalar network (${SCALAR_SPEC}) trained on one example (x = ${x}, y = ${y}), learning rate ${lr}, ${steps} steps:`,
    `Before: y_hat = ${fmt(run.before.yhat)}, loss = ${fmt(run.before.loss)}`,
    `After:  y_hat = ${fmt(run.after.yhat)}, loss = ${fmt(run.after.loss)}`,
  ];
}

export function startCommand(io: Io, setExit: (code: number) => void): Command {
  const print = (lines: readonly string[]): void => io.out(lines.map((l) => `${l}\n`).join(''));
  return new Command('start')
    .description("run CSI 4106's examples: derivation sheet, generated code, training with plots, and the single-example run")
    .option('--spec <file>', 'network spec (two inputs, trained on circles)', DEFAULT_SPEC)
    .option('--out <dir>', 'output directory', 'out')
    .option('-q, --quiet', 'no training progress (bar or epoch lines)')
    .action(async (o: { spec: string; out: string; quiet?: boolean }) => {
      const { loadSpec, prepareData } = await load();
      const spec = loadSpec(o.spec, START_CONV_REFUSAL);
      // Bad input writes nothing: check the output directory and that the data fit the network before the first file.
      checkOutputDir(o.out);
      prepareData(spec, TRAIN_DEFAULTS.data, TRAIN_DEFAULTS.testSplit, TRAIN_DEFAULTS.seed);
      prepareOutputDir(o.out);
      print(await writeSheetAndCode(spec, o.spec, o.out));
      const trained = await trainOnCircles(spec, o.spec, o.out, io, setExit, o.quiet === true);
      if (!trained) return;
      print(trained);
      print(await singleExample());
    });
}
