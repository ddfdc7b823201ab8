// Derivation -> TypeScript module source: straight-line code from the index form
// (small networks) or loops from the matrix form (any size), through one template.
import { render } from '../templates.ts';
import { loopView } from './loop-view.ts';
import { codeView, lossDoc, moduleHeader, type CodegenInput, type CodeView } from './view.ts';

export type CodeForm = 'unrolled' | 'loops';

export function emitNetworkModule(input: CodegenInput, form: CodeForm = 'unrolled'): string {
  let view: CodeView;
  if (form === 'loops') {
    if (!input.derivation.matrix) throw new Error('codegen: loops need the matrix form of the derivation');
    view = loopView(input.spec, input.derivation.matrix, moduleHeader(input), lossDoc(input.spec));
  } else {
    view = codeView(input);
  }
  // Helpers are collected while the view's code is printed, so read them last.
  return render('code/network.ts.hbs', { ...view, helpers: view.helpers });
}
