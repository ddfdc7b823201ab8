// symprop export PARAMS.json -o model.onnx
// A trained network (the parameters file train --out writes) as an ONNX model, opset 13; a
// convolutional network's input is [batch, C, H, W], channels first.
import { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/fs.ts';
import type { Io } from './io.ts';
import { load } from './lazy.ts';
import { outputFormat } from './output-format.ts';
import { VERSION } from './version.ts';

export function exportCommand(io: Io): Command {
  return new Command('export')
    .description('write a trained network (the parameters file train --out writes) as an ONNX model (opset 13) for onnxruntime, PyTorch, TensorFlow or a browser')
    .argument('<params>', 'NAME.params.json, as `symprop train --out DIR` writes it')
    .requiredOption('-o, --output <file.onnx>', 'the model file to write')
    .action(async (paramsPath: string, o: { output: string }) => {
      if (o.output === '-') throw new UserError('-o -: an ONNX model is binary; give a file name ending in .onnx');
      outputFormat('export', o.output, undefined, 'onnx', ['onnx'] as const);
      if (!/\.onnx$/i.test(o.output)) throw new UserError(`-o ${o.output}: export writes an ONNX model; give a file name ending in .onnx`);
      const { isConvParams, loadAnyParams, onnxModel } = await load();
      const params = loadAnyParams(paramsPath);
      writeFileAtomic(o.output, onnxModel(params, VERSION), [paramsPath]);
      if (isConvParams(params)) {
        const { channels, height, width } = params.spec.input;
        const last = params.spec.layers.at(-1)!;
        const outputs = last.type === 'dense' ? last.units : 0;
        io.out(`ONNX model (opset 13, input "x" [batch, ${channels}, ${height}, ${width}] raw pixels, channels first, standardised per channel inside the model; output "yhat" [batch, ${outputs}]): ${o.output}\n`);
        return;
      }
      const sizes = [params.spec.input, ...params.spec.layers.map((l) => l.units)];
      io.out(`ONNX model (opset 13, input "x" [batch, ${sizes[0]}] raw, output "yhat" [batch, ${sizes.at(-1)}]): ${o.output}\n`);
    });
}
