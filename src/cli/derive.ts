// symprop derive SPEC | --expr TEXT --wrt VARS [--format md|tex|html] [--lang en|fr] [-o FILE]
// symprop sheet  SPEC | --expr TEXT --wrt VARS [--format html|tex|md] [--lang en|fr] [-o FILE]
// The same derivation; `sheet` defaults to the complete HTML (or LaTeX) document.
import { Command, Option } from 'commander';
import type { Derivation } from '../derivation/model.ts';
import { LANGS, type Lang } from '../sheet/i18n/index.ts';
import { TEXT_FORMATS, type TextFormat } from '../sheet/formats.ts';
import { UserError } from '../util/errors.ts';
import { emit, type Io } from './io.ts';
import { load } from './lazy.ts';
import { given, outputFormat } from './output-format.ts';

interface DeriveOptions {
  expr?: string;
  wrt?: string;
  format: TextFormat;
  lang: Lang;
  output?: string;
  standalone?: boolean;
  stats?: boolean;
  json?: boolean;
}

/** The arguments `derive` and `sheet` share. */
function subjectCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .argument('[spec]', 'network spec (JSON)')
    .option('--expr <text>', 'a scalar expression in mathjs syntax, e.g. "log(x*y)"')
    .option('--wrt <vars>', 'with --expr: the variable(s) to differentiate by, comma-separated')
    .addOption(new Option('--lang <lang>', 'language of the prose').choices(LANGS).default('en'))
    .option('-o, --output <file>', 'write to a file instead of stdout');
}

export function sheetCommand(io: Io): Command {
  return subjectCommand('sheet', 'write the derivation sheet: a self-contained HTML page, a LaTeX document or Markdown')
    .addOption(new Option('--format <format>', 'output format').choices(TEXT_FORMATS).default('html'))
    .action(async (specPath: string | undefined, o: DeriveOptions, cmd: Command) => {
      const format = outputFormat('sheet', o.output, given(cmd, 'format', o.format), 'html', TEXT_FORMATS);
      if (format === 'html' && (o.output === undefined || o.output === '-') && io.isTTY) {
        throw new UserError('sheet: the HTML sheet is a whole page, not for a terminal: give -o FILE.html (or --format md to read it here)');
      }
      const { renderDerivation } = await load();
      const text = renderDerivation(await derivationFor(specPath, o, io), { format, lang: o.lang, standalone: true });
      emit(io, text, o.output, specPath ? [specPath] : []);
    });
}

export function deriveCommand(io: Io): Command {
  return subjectCommand('derive', 'derive the gradients of a network spec, or of an expression, step by step')
    .addOption(new Option('--format <format>', 'output format').choices(TEXT_FORMATS).default('md'))
    .option('--standalone', 'with --format tex: a complete LaTeX document')
    .option('--stats', 'print the size of the derivation as one JSON object instead')
    .option('--json', 'print the derivation as one JSON object: expression, results (text and LaTeX), steps')
    .action(async (specPath: string | undefined, o: DeriveOptions, cmd: Command) => {
      if (o.stats && o.json) throw new UserError('give --stats or --json, not both');
      const asked = o.json || o.stats ? 'json' : given(cmd, 'format', o.format);
      const format = outputFormat('derive', o.output, asked, 'md', [...TEXT_FORMATS, 'json'] as const);
      const { derivationJson, derivationStats, renderDerivation } = await load();
      const derivation = await derivationFor(specPath, o, io);
      const text = o.stats
        ? `${JSON.stringify(derivationStats(derivation))}\n`
        : format === 'json'
          ? `${JSON.stringify(derivationJson(derivation), null, 2)}\n`
          : renderDerivation(derivation, { format, lang: o.lang, standalone: o.standalone === true });
      emit(io, text, o.output, specPath ? [specPath] : []);
    });
}

async function derivationFor(specPath: string | undefined, o: DeriveOptions, io: Io): Promise<Derivation> {
  const { absentVariables, deriveExpression, deriveNetwork, INDEX_FORM_MAX, loadSpec, paramCount, text } = await load();
  if (o.expr !== undefined) {
    if (specPath) throw new UserError('give either a spec file or --expr, not both');
    if (!o.wrt) throw new UserError('--expr needs --wrt, the variable to differentiate by (e.g. --wrt x)');
    const derivation = deriveExpression(o.expr, o.wrt, '--expr');
    if (derivation.subject.kind === 'expression') {
      for (const v of absentVariables(derivation.subject.expr, derivation.gradients.map((g) => g.wrt))) {
        io.err(`symprop: note: the expression does not depend on ${v} (as read: ${text(derivation.subject.expr)}), so its derivative by ${v} is 0\n`);
      }
    }
    return derivation;
  }
  if (!specPath) throw new UserError('give a network spec file, or --expr "..." --wrt x');
  if (o.wrt) throw new UserError('--wrt goes with --expr; a network is differentiated by all its parameters');
  // --stats measures the index form too (its size is what the shared deltas keep linear),
  // where it can be built.
  const spec = loadSpec(specPath);
  return deriveNetwork(spec, specPath, o.stats && paramCount(spec) <= INDEX_FORM_MAX ? { indexForm: 'always' } : {});
}
