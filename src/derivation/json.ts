// `derive --json`: the derivation as one JSON object for tools.
//   { "expression": {text, latex}, "results": [{wrt, text, latex, form?}], "steps": [...] }
// `text` is mathjs syntax in the names a claim uses (W1[1][2], yhat), so it parses back with
// mathjs to the same function and can be handed to `check --claim`.
import type { Expr } from '../ir/expr.ts';
import { claimName, symbolLatex } from '../naming.ts';
import { latex } from '../print/latex.ts';
import { matrixLatex } from '../print/matrix-latex.ts';
import { matrixMathjs } from '../print/matrix-mathjs.ts';
import { textPrinter } from '../print/text.ts';
import type { Derivation } from './model.ts';

export interface Formula {
  readonly text: string;
  readonly latex: string;
}
export interface JsonResult extends Formula {
  readonly wrt: string;
  /** Networks: 'matrix' (a whole block, ∇_{W_k} J) or 'index' (one entry, ∂J/∂w^k_ij). */
  readonly form?: 'matrix' | 'index';
}
export interface JsonStep extends Formula {
  /** 'define' a binding, a 'local' derivative, a 'delta', or a rule of a gradient's chain. */
  readonly step: string;
  readonly name?: string;
  readonly of?: string;
  readonly wrt?: string;
  readonly rules?: readonly string[];
}
export interface DerivationJson {
  readonly expression: Formula;
  readonly network?: { readonly name: string; readonly source: string };
  readonly results: readonly JsonResult[];
  readonly steps: readonly JsonStep[];
}

const text = textPrinter(claimName);
const formula = (e: Expr): Formula => ({ text: text(e), latex: latex(e) });

export function derivationJson(d: Derivation): DerivationJson {
  const steps: JsonStep[] = [
    ...d.forward.map((b) => ({ step: 'define', name: claimName(b.name), ...formula(b.expr) })),
    ...d.partials.map((p) => ({ step: 'local', of: claimName(p.of), wrt: claimName(p.wrt), rules: p.rules, ...formula(p.expr) })),
    ...d.deltas.map((b) => ({ step: 'delta', name: claimName(b.name), ...formula(b.expr) })),
    ...d.gradients.flatMap((g) => g.steps.map((s) => ({ step: s.rule, wrt: claimName(g.wrt), ...formula(s.expr) }))),
  ];
  const entries: JsonResult[] = d.gradients.map((g) => ({ wrt: claimName(g.wrt), ...formula(g.result), ...(d.subject.kind === 'network' ? { form: 'index' as const } : {}) }));
  if (d.subject.kind === 'expression') return { expression: formula(d.subject.expr), results: entries, steps };
  const m = d.matrix;
  // The l2 term λW_k belongs to a weight block's gradient (the matrix form keeps it apart).
  const l2 = d.subject.spec.l2;
  const decay = (wrt: string): { text: string; latex: string } =>
    l2 > 0 && /^[wW]\d/.test(wrt) ? { text: ` + ${l2} * ${wrt}`, latex: ` + ${l2} \\, ${symbolLatex(wrt)}` } : { text: '', latex: '' };
  const blocks: JsonResult[] = (m?.gradients ?? []).map((g) => ({
    wrt: g.wrt, text: matrixMathjs(g.expr) + decay(g.wrt).text, latex: matrixLatex(g.expr) + decay(g.wrt).latex, form: 'matrix',
  }));
  const matrixSteps: JsonStep[] = [
    ...(m?.forward ?? []).map((b) => ({ step: 'define', name: b.name, text: matrixMathjs(b.expr), latex: matrixLatex(b.expr) })),
    ...(m?.deltas ?? []).map((b) => ({ step: 'delta', name: b.name, of: b.of, text: matrixMathjs(b.expr), latex: matrixLatex(b.expr) })),
  ];
  const { spec } = d.subject;
  return {
    expression: { text: 'J', latex: symbolLatex('J') },
    network: { name: spec.name, source: d.source },
    results: [...blocks, ...entries],
    steps: [...matrixSteps, ...steps],
  };
}
