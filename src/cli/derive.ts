// symprop derive SPEC | --expr TEXT --wrt VARS [--format md|tex] [--lang en|fr] [-o FILE]
import { Command, Option } from 'commander';
import { deriveExpression, deriveNetwork } from '../index.ts';
import { derivationStats } from '../derivation/stats.ts';
import { loadSpec } from '../network/validate.ts';
import { LANGS, type Lang } from '../sheet/i18n/index.ts';
import { renderDerivation, TEXT_FORMATS, type TextFormat } from '../sheet/render.ts';
import { UserError } from '../util/errors.ts';
import { emit, type Io } from './io.ts';

interface DeriveOptions {
  expr?: string;
  wrt?: string;
  format: TextFormat;
  lang: Lang;
  output?: string;
  standalone?: boolean;
  stats?: boolean;
}

export function deriveCommand(io: Io): Command {
  return new Command('derive')
    .description('derive the gradients of a network spec, or of an expression, step by step')
    .argument('[spec]', 'network spec (JSON)')
    .option('--expr <text>', 'a scalar expression in mathjs syntax, e.g. "log(x*y)"')
    .option('--wrt <vars>', 'with --expr: the variable(s) to differentiate by, comma-separated')
    .addOption(new Option('--format <format>', 'output format').choices(TEXT_FORMATS).default('md'))
    .addOption(new Option('--lang <lang>', 'language of the prose').choices(LANGS).default('en'))
    .option('--standalone', 'with --format tex: a complete LaTeX document')
    .option('--stats', 'print the size of the derivation as one JSON object instead')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action((specPath: string | undefined, o: DeriveOptions) => {
      const derivation = derivationFor(specPath, o);
      const text = o.stats
        ? `${JSON.stringify(derivationStats(derivation))}\n`
        : renderDerivation(derivation, { format: o.format, lang: o.lang, standalone: o.standalone === true });
      emit(io, text, o.output);
    });
}

function derivationFor(specPath: string | undefined, o: DeriveOptions) {
  if (o.expr !== undefined) {
    if (specPath) throw new UserError('give either a spec file or --expr, not both');
    if (!o.wrt) throw new UserError('--expr needs --wrt, the variable to differentiate by (e.g. --wrt x)');
    return deriveExpression(o.expr, o.wrt, '--expr');
  }
  if (!specPath) throw new UserError('give a network spec file, or --expr "..." --wrt x');
  if (o.wrt) throw new UserError('--wrt goes with --expr; a network is differentiated by all its parameters');
  // --stats measures the index form too: its size is what the shared deltas keep linear.
  return deriveNetwork(loadSpec(specPath), specPath, o.stats ? { indexForm: 'always' } : {});
}
