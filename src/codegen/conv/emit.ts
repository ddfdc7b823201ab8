// A convolutional network's module: deriveConv's equations -> the view model -> the template.
import { deriveConv } from '../../derive/conv-backprop.ts';
import type { ConvNetSpec } from '../../network/conv-spec.ts';
import { render } from '../../templates.ts';
import { convCodeView } from './view.ts';

/** Options of generateConvCode: the paths named in the generated header. */
export interface ConvCodegenOptions {
  readonly source?: string;
  readonly output?: string;
}

/** The TypeScript module for a convolutional network: the NetworkModule contract, plus inputShape and blockShapes. */
export function generateConvCode(spec: ConvNetSpec, options: ConvCodegenOptions = {}): string {
  const source = options.source ?? `${spec.name}.json`;
  const command = `symprop codegen ${source}${options.output ? ` -o ${options.output}` : ''}`;
  return render('code/conv-network.ts.hbs', convCodeView({ derivation: deriveConv(spec, source), source, command }));
}
