// symprop predict PARAMS.json --data FILE.csv|circles|xor|moons [--seed s] [-o out.csv]
//   (a convolutional network's parameters: --data shapes|DIR|FILE.csv)
// The predictions as CSV (to stdout, or -o), and with targets the accuracy or the MSE: on
// stderr when the CSV goes to stdout, so that a pipe gets the CSV alone.
import { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { emit, type Io } from './io.ts';
import { load } from './lazy.ts';
import { outputFormat } from './output-format.ts';
import { dataShape } from './train.ts';

interface PredictOptions {
  data: string;
  seed: string;
  samples?: string;
  noise?: string;
  factor?: string;
  output?: string;
}

/** The CSV and the score line ("Accuracy: 0.9750 (200 examples)"), whichever kind of network the file holds. */
async function predictions(paramsPath: string, o: PredictOptions, seed: number): Promise<{ csv: string; score?: string }> {
  const heavy = await load();
  const params = heavy.loadAnyParams(paramsPath);
  const shape = dataShape(o);
  if (heavy.isConvParams(params)) {
    if (shape.factor !== undefined) throw new UserError('--factor: only for --data circles');
    const data = heavy.convPredictData(params, o.data, seed, shape);
    const p = await heavy.convPredict(params, data);
    return { csv: heavy.convPredictionsCsv(params, data, p), ...(p.score === undefined ? {} : { score: `Accuracy: ${p.score.toFixed(4)} (${data.n} examples)` }) };
  }
  const data = heavy.predictData(params.spec, o.data, seed, shape);
  const p = await heavy.predict(params, data);
  return { csv: heavy.predictionsCsv(data, p), ...(p.score === undefined ? {} : { score: `${p.task === 'regression' ? 'MSE' : 'Accuracy'}: ${p.score.toFixed(4)} (${data.n} examples)` }) };
}

export function predictCommand(io: Io): Command {
  return new Command('predict')
    .description('predict with a trained network (the parameters file train --out writes): ŷ as CSV, and the score when the data has targets')
    .argument('<params>', 'NAME.params.json, as `symprop train --out DIR` writes it')
    .requiredOption('--data <name>', 'a CSV file (the network\'s input columns, optionally the target last), or circles, xor, moons; for a convolutional network: shapes, a directory of class folders of PNG/JPEG images, or a CSV of pixels (optionally a class column)')
    .option('--seed <s>', 'with a generated set: its seed (train draws its data with the same one)', '1')
    .option('--samples <n>', 'with a generated set: its size, as given to train (default: train\'s)')
    .option('--noise <sigma>', 'with a generated set: its noise, as given to train (default: train\'s)')
    .option('--factor <f>', 'with circles: the inner radius, as given to train (default: train\'s)')
    .option('-o, --output <file>', 'write the CSV there instead of stdout')
    .action(async (paramsPath: string, o: PredictOptions) => {
      outputFormat('predict', o.output, undefined, 'csv', ['csv'] as const);
      const seed = /^[+-]?\d+$/.test(o.seed) ? Number(o.seed) : Number.NaN;
      if (!Number.isInteger(seed)) throw new UserError(`--seed: must be an integer, got "${o.seed}"`);
      const { csv, score } = await predictions(paramsPath, o, seed);
      emit(io, csv, o.output, [paramsPath, o.data]);
      if (score === undefined) return;
      if (o.output === undefined || o.output === '-') io.err(`${score}\n`);
      else io.out(`${score}\n`);
    });
}
