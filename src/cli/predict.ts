// symprop predict PARAMS.json --data FILE.csv|circles|xor|moons [--seed s] [-o out.csv]
// The predictions as CSV (to stdout, or -o), and with targets the accuracy or the MSE: on
// stderr when the CSV goes to stdout, so that a pipe gets the CSV alone.
import { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { emit, type Io } from './io.ts';
import { load } from './lazy.ts';
import { outputFormat } from './output-format.ts';

interface PredictOptions {
  data: string;
  seed: string;
  output?: string;
}

export function predictCommand(io: Io): Command {
  return new Command('predict')
    .description('predict with a trained network (the parameters file train --out writes): ŷ as CSV, and the score when the data has targets')
    .argument('<params>', 'NAME.params.json, as `symprop train --out DIR` writes it')
    .requiredOption('--data <name>', 'a CSV file (the network\'s input columns, optionally the target last), or circles, xor, moons')
    .option('--seed <s>', 'with a generated set: its seed (train draws its data with the same one)', '1')
    .option('-o, --output <file>', 'write the CSV there instead of stdout')
    .action(async (paramsPath: string, o: PredictOptions) => {
      outputFormat('predict', o.output, undefined, 'csv', ['csv'] as const);
      const seed = /^[+-]?\d+$/.test(o.seed) ? Number(o.seed) : Number.NaN;
      if (!Number.isInteger(seed)) throw new UserError(`--seed: must be an integer, got "${o.seed}"`);
      const { loadParams, predict, predictData, predictionsCsv } = await load();
      const params = loadParams(paramsPath);
      const data = predictData(params.spec, o.data, seed);
      const p = await predict(params, data);
      emit(io, predictionsCsv(data, p), o.output, [paramsPath, o.data]);
      if (p.score === undefined) return;
      const line = `${p.task === 'regression' ? 'MSE' : 'Accuracy'}: ${p.score.toFixed(4)} (${data.n} examples)\n`;
      if (o.output === undefined || o.output === '-') io.err(line);
      else io.out(line);
    });
}
