// Derivation -> TypeScript module source.
import { render } from '../templates.ts';
import { codeView, type CodegenInput } from './view.ts';

export function emitNetworkModule(input: CodegenInput): string {
  const view = codeView(input);
  return render('code/network.ts.hbs', { ...view, helpers: view.helpers });
}
