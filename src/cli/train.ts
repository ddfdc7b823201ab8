// symprop train SPEC --data circles|xor|moons|FILE.csv [--epochs N] [--batch B] [--lr α]
//   [--lr-decay d] [--l2 λ] [--init he|xavier|normal|zeros] [--seed s] [--no-shuffle]
//   [--test-split f] [--out DIR] [--json]
// Trains with code generated from the spec and loaded in memory, never the generic engine.
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { compileNetwork } from '../api.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { loadSpec } from '../network/validate.ts';
import { fitStandardizer, makeCircles, makeMoons, makeXor, oneHot, readCsv, standardize, trainTestSplit, type Dataset } from '../train/data.ts';
import { initTheta, INITS, type Init } from '../train/init.ts';
import { evaluateModel, trainNetwork } from '../train/loop.ts';
import { mulberry32 } from '../train/rng.ts';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/fs.ts';
import type { Io } from './io.ts';

interface TrainCliOptions {
  data: string;
  epochs: string;
  batch?: string;
  lr: string;
  lrDecay: string;
  l2?: string;
  init: Init;
  seed: string;
  shuffle: boolean;
  testSplit: string;
  out?: string;
  json?: boolean;
}

function number(flag: string, text: string, check: (v: number) => boolean, what: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || !check(v)) throw new UserError(`${flag}: must be ${what}, got "${text}"`);
  return v;
}

function dataset(name: string, seed: number): Dataset {
  if (name === 'circles') return makeCircles(200, { factor: 0.5, noise: 0.08, seed });
  if (name === 'xor') return makeXor(200, { noise: 0.1, seed });
  if (name === 'moons') return makeMoons(200, { noise: 0.1, seed });
  if (name.endsWith('.csv')) return readCsv(name);
  throw new UserError(`--data: unknown data set "${name}" (circles, xor, moons or a .csv file)`);
}

type Task = 'binary' | 'multiclass' | 'regression';
function taskOf(spec: NetworkSpec): Task {
  if (spec.loss === 'bce') return 'binary';
  return spec.loss.startsWith('cross_entropy') ? 'multiclass' : 'regression';
}

/** The data shaped for the spec: one-hot targets for the cross-entropies; sizes checked. */
function fit(spec: NetworkSpec, d: Dataset, source: string): Dataset {
  const outputs = spec.layers[spec.layers.length - 1]!.units;
  const shaped = taskOf(spec) === 'multiclass' && d.outputs === 1 ? oneHot(d, outputs) : d;
  if (shaped.inputs !== spec.input || shaped.outputs !== outputs) {
    throw new UserError(`--data: ${source} has ${shaped.inputs} inputs and ${shaped.outputs} targets per example, the network ${spec.input} and ${outputs}`);
  }
  return shaped;
}

export function trainCommand(io: Io): Command {
  return new Command('train')
    .description('train a network with its generated code on a data set')
    .argument('<spec>', 'network spec (JSON)')
    .requiredOption('--data <name>', 'circles, xor, moons or a CSV file (header row, last column the target)')
    .option('--epochs <n>', 'epochs', '300')
    .option('--batch <b>', 'mini-batch size (default: the whole training set)')
    .option('--lr <alpha>', 'learning rate', '0.3')
    .option('--lr-decay <d>', 'learning rate multiplied by d after each epoch', '1')
    .option('--l2 <lambda>', "L2 regularisation (overrides the spec's l2)")
    .addOption(new Option('--init <scheme>', 'weight initialisation').choices(INITS).default('he'))
    .option('--seed <s>', 'seed of data, initialisation and shuffling', '1')
    .option('--no-shuffle', 'keep the examples in order')
    .option('--test-split <f>', 'fraction of the data held out for testing', '0.3')
    .option('--out <dir>', 'write the trained parameters (JSON) there')
    .option('--json', 'print one JSON object with the results as the last line')
    .action(async (specPath: string, o: TrainCliOptions) => {
      const base = loadSpec(specPath);
      const spec = o.l2 === undefined ? base : { ...base, l2: number('--l2', o.l2, (v) => v >= 0, 'a number >= 0') };
      const epochs = number('--epochs', o.epochs, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
      const batch = o.batch === undefined ? undefined : number('--batch', o.batch, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
      const lr = number('--lr', o.lr, (v) => v > 0, 'a positive number');
      const lrDecay = number('--lr-decay', o.lrDecay, (v) => v > 0 && v <= 1, 'in (0, 1]');
      const testSplit = number('--test-split', o.testSplit, (v) => v >= 0 && v < 1, 'in [0, 1)');
      const seed = number('--seed', o.seed, (v) => Number.isInteger(v), 'an integer');

      const all = fit(spec, dataset(o.data, seed), o.data);
      const split = trainTestSplit(all, testSplit, seed);
      const scaler = fitStandardizer(split.train);
      const [train, test] = [standardize(split.train, scaler), standardize(split.test, scaler)];
      const net = await compileNetwork(spec);
      const rng = mulberry32(seed + 1);
      const theta = initTheta(spec, o.init, rng);
      const fmt = (v: number): string => v.toFixed(4);
      const reports = trainNetwork(net, theta, train, { epochs, ...(batch === undefined ? {} : { batch }), lr, lrDecay, shuffle: o.shuffle }, rng, (r) => {
        if (!o.json || r.epoch === epochs || r.epoch % Math.max(1, Math.floor(epochs / 10)) === 0) {
          io.out(`Epoch ${r.epoch} | loss ${fmt(r.lossBefore)} → ${fmt(r.lossAfter)}\n`);
        }
      });
      const task = taskOf(spec);
      const trainScore = evaluateModel(net, theta, train, task);
      const testScore = test.n ? evaluateModel(net, theta, test, task) : NaN;
      const loss = reports.at(-1)!.lossAfter;
      const result = task === 'regression'
        ? { trainError: trainScore, testError: testScore, loss, epochs }
        : { trainAccuracy: trainScore, testAccuracy: testScore, loss, epochs };
      io.out(`${task === 'regression' ? 'Train MSE' : 'Train accuracy'}: ${fmt(trainScore)}, ${task === 'regression' ? 'test MSE' : 'test accuracy'}: ${fmt(testScore)}\n`);
      if (o.out) {
        const file = join(o.out, `${spec.name}.params.json`);
        writeFileAtomic(file, `${JSON.stringify({ spec, theta: [...theta] })}\n`);
        io.out(`Parameters: ${file}\n`);
      }
      if (o.json) io.out(`${JSON.stringify(result)}\n`);
    });
}
