// Handlebars templates from templates/, compiled logic-less: strict (a missing field is
// an error, not an empty string), no HTML escaping (they emit code and LaTeX, escaped by
// the view model), and only the built-in helpers.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { packageFile } from './util/root.ts';

const ROOT = `${packageFile('templates')}/`;
const cache = new Map<string, Handlebars.TemplateDelegate>();

export function render(name: string, view: object): string {
  let template = cache.get(name);
  if (!template) {
    const source = readFileSync(`${ROOT}${name}`, 'utf8');
    template = Handlebars.compile(source, { strict: true, noEscape: true, knownHelpers: {}, knownHelpersOnly: true });
    cache.set(name, template);
  }
  return template(view);
}
