// symprop derive SPEC | --expr TEXT --wrt VARS [--format md|tex|html] [--lang en|fr] [-o FILE]
// symprop sheet  SPEC | --expr TEXT --wrt VARS [--format html|tex|md] [--lang en|fr] [-o FILE]
//   [--form auto|index|matrix|both] [--sections LIST] [--title TEXT] [--deltas from-input|from-output]
//   [--layer-index superscript|parenthesized|subscript]
// The same derivation; `sheet` defaults to the complete HTML (or LaTeX) document. A Markdown
// sheet written with -o puts its figures beside it as SVG files (FILE.network.svg, FILE.graph.svg).
import { basename, dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import type { Derivation } from '../derivation/model.ts';
import type { ConvDerivation } from '../derive/conv-backprop.ts';
import { DELTA_NUMBERINGS, LAYER_INDEX_STYLES, type DeltaNumbering, type LayerIndexStyle } from '../network/notation-options.ts';
import { LANGS, type Lang } from '../sheet/i18n/index.ts';
import { SHEET_FORMS, SHEET_SECTIONS, TEXT_FORMATS, type SheetForm, type SheetOptions, type SheetSection, type TextFormat } from '../sheet/formats.ts';
import { UserError } from '../util/errors.ts';
import { writeFilesAtomic } from '../util/fs.ts';
import { closest } from '../util/suggest.ts';
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
  form: SheetForm;
  sections?: string;
  title?: string;
  deltas?: DeltaNumbering;
  layerIndex?: LayerIndexStyle;
}

/** --sections network,loss -> the sections, or a UserError naming the unknown one. */
function parseSections(list: string | undefined): readonly SheetSection[] | undefined {
  if (list === undefined) return undefined;
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UserError(`--sections: give at least one of ${SHEET_SECTIONS.join(', ')}`);
  for (const name of names) {
    if (!(SHEET_SECTIONS as readonly string[]).includes(name)) {
      const hint = closest(name, SHEET_SECTIONS);
      throw new UserError(`--sections: unknown section "${name}" (${hint ? `did you mean "${hint}"?` : `sections: ${SHEET_SECTIONS.join(', ')}`})`);
    }
  }
  return names as SheetSection[];
}

function sheetOptions(o: DeriveOptions): SheetOptions {
  const sections = parseSections(o.sections);
  if (o.title !== undefined && o.title.trim() === '') throw new UserError('--title: must not be empty');
  if (o.title !== undefined && o.title.length > 200) throw new UserError('--title: must be at most 200 characters');
  return { form: o.form, ...(sections ? { sections } : {}), ...(o.title !== undefined ? { title: o.title } : {}) };
}

/** The arguments `derive` and `sheet` share. */
function subjectCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .argument('[spec]', 'network spec (JSON)')
    .option('--expr <text>', 'a scalar expression in mathjs syntax, e.g. "log(x*y)"')
    .option('--wrt <vars>', 'with --expr: the variable(s) to differentiate by, comma-separated')
    .addOption(new Option('--lang <lang>', 'language of the prose').choices(LANGS).default('en'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addOption(new Option('--form <form>', 'network: the unit-by-unit form, the matrix form, or both (auto: the unit-by-unit form up to 12 parameters, else the matrix form)').choices(SHEET_FORMS).default('auto'))
    .option('--sections <list>', `network: the sections to print, comma-separated (${SHEET_SECTIONS.join(', ')}; all by default)`)
    .option('--title <text>', "the sheet's heading (default: the spec's \"title\", or its name)")
    .addOption(new Option('--deltas <numbering>', "network: number the deltas from the input or from the output (default: the notation's)").choices(DELTA_NUMBERINGS))
    .addOption(new Option('--layer-index <style>', 'network: w^{2}_{13}, w^{(2)}_{13} or w_{2,13} (default: the spec\'s "layerIndex", or superscript)').choices(LAYER_INDEX_STYLES));
}

export function sheetCommand(io: Io): Command {
  return subjectCommand('sheet', 'write the derivation sheet: a self-contained HTML page, a LaTeX document or Markdown')
    .addOption(new Option('--format <format>', 'output format').choices(TEXT_FORMATS).default('html'))
    .action(async (specPath: string | undefined, o: DeriveOptions, cmd: Command) => {
      const format = outputFormat('sheet', o.output, given(cmd, 'format', o.format), 'html', TEXT_FORMATS);
      if (format === 'html' && (o.output === undefined || o.output === '-') && io.isTTY) {
        throw new UserError('sheet: the HTML sheet is a whole page, not for a terminal: give -o FILE.html (or --format md to read it here)');
      }
      const { renderSheet } = await load();
      const toFile = o.output !== undefined && o.output !== '-';
      // A Markdown file links its figures, written beside it; on stdout they are inline SVG.
      const figureFiles = format === 'md' && toFile ? basename(o.output!).replace(/\.(md|markdown)$/i, '') : undefined;
      const inputs = specPath ? [specPath] : [];
      const sheet = renderSheet(await derivationFor(specPath, o, io), { ...sheetOptions(o), format, lang: o.lang, standalone: true, ...(figureFiles ? { figureFiles } : {}) });
      if (toFile) writeFilesAtomic([{ path: o.output!, content: sheet.text }, ...sheet.files.map((f) => ({ path: join(dirname(o.output!), f.name), content: f.content }))], inputs);
      else emit(io, sheet.text, o.output, inputs);
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
      const { convDerivationJson, convDerivationStats, derivationJson, derivationStats, renderDerivation } = await load();
      const derivation = await derivationFor(specPath, o, io);
      const conv = 'kind' in derivation ? derivation : undefined;
      const text = o.stats
        ? `${JSON.stringify(conv ? convDerivationStats(conv) : derivationStats(derivation as Derivation))}\n`
        : format === 'json'
          ? `${JSON.stringify(conv ? convDerivationJson(conv) : derivationJson(derivation as Derivation), null, 2)}\n`
          : renderDerivation(derivation, { ...sheetOptions(o), format, lang: o.lang, standalone: o.standalone === true });
      emit(io, text, o.output, specPath ? [specPath] : []);
    });
}

async function derivationFor(specPath: string | undefined, o: DeriveOptions, io: Io): Promise<Derivation | ConvDerivation> {
  const { absentVariables, deriveConv, deriveExpression, deriveNetwork, INDEX_FORM_MAX, isConvSpec, loadAnySpec, paramCount, text, UNIT_BY_UNIT_LIMIT, writesUnitByUnit } = await load();
  if (o.expr !== undefined) {
    if (specPath) throw new UserError('give either a spec file or --expr, not both');
    if (!o.wrt) throw new UserError('--expr needs --wrt, the variable to differentiate by (e.g. --wrt x)');
    if (o.form !== 'auto' || o.deltas || o.layerIndex || o.sections !== undefined) throw new UserError('--form, --sections, --deltas and --layer-index are for a network spec, not --expr');
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
  const any = loadAnySpec(specPath);
  if (isConvSpec(any)) {
    if (o.deltas || o.layerIndex) throw new UserError(`${specPath}: --deltas and --layer-index are for dense networks; a convolutional sheet numbers δ^k by layer (or from the output with "notation": "z-a")`);
    if ((o.form === 'index' || o.form === 'both') && !writesUnitByUnit(any, o.form)) {
      throw new UserError(`${specPath}: --form ${o.form}: writing every ∂J/∂K out is limited to conv layers of 36 output positions (the limit); this network's are larger (the default writes them out up to ${UNIT_BY_UNIT_LIMIT} parameters)`);
    }
    return deriveConv(any, specPath);
  }
  const loaded = any;
  const spec = { ...loaded, ...(o.deltas ? { deltas: o.deltas } : {}), ...(o.layerIndex ? { layerIndex: o.layerIndex } : {}) };
  if (o.stats) return deriveNetwork(spec, specPath, paramCount(spec) <= INDEX_FORM_MAX ? { indexForm: 'always' } : {});
  return deriveNetwork(spec, specPath, { indexForm: o.form === 'matrix' ? 'never' : o.form === 'auto' ? 'auto' : 'always' });
}
