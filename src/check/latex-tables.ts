// The LaTeX commands a claim may use, by role (the subset itself is described in latex.ts).
import { table } from '../util/table.ts';

/** Function names, as commands (\tanh) or words (tanh, \operatorname{relu}) -> mathjs. */
export const FUNCTION_WORDS: Readonly<Record<string, string>> = table({
  sigma: 'sigma', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', ReLU: 'relu', Relu: 'relu', softplus: 'softplus',
  log: 'log', ln: 'log', exp: 'exp', sqrt: 'sqrt', sin: 'sin', cos: 'cos', tan: 'tan', step: 'step',
  heaviside: 'step', sign: 'sign', sgn: 'sign', abs: 'abs', leaky_relu: 'leaky_relu', H: 'step',
  sec: 'sec', csc: 'csc', cot: 'cot', cosec: 'csc', cotan: 'cot',
  sinh: 'sinh', cosh: 'cosh', sech: 'sech', csch: 'csch', coth: 'coth',
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', asin: 'asin', acos: 'acos', atan: 'atan',
});
export const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'eta', 'theta', 'lambda', 'mu', 'pi', 'rho', 'tau', 'phi', 'omega']);
/** Commands that only change spacing or layout: skipped like whitespace. */
export const SPACING = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad', 'displaystyle', 'limits']);
export const OPEN: Readonly<Record<string, string>> = table({ '(': ')', '[': ']', '{': '}', '|': '|' });
/** Delimiter size commands: \left( and \bigl( open a group like (. */
export const SIZED = new Set(['left', 'right', 'bigl', 'bigr', 'Bigl', 'Bigr', 'big', 'Big', 'biggl', 'biggr', 'bigg', 'Bigg']);
export const FRAC = new Set(['frac', 'dfrac', 'tfrac']);
/** Font and text commands: their argument is a name (\mathbf{W}) or a function (\operatorname{relu}). */
export const NAME_WRAPPERS = new Set(['operatorname', 'mathrm', 'text', 'mathit', 'textrm', 'mathbf', 'boldsymbol', 'bm', 'vec', 'mathsf']);
export const BINARY_CMD: Readonly<Record<string, string>> = table({ cdot: ' * ', times: ' * ', odot: ' .* ', circ: ' .* ' });
export const TRANSPOSE_SUP = /^(?:T|\\top|\\intercal|\\mathsf\{T\}|\\mathrm\{T\}|\\!?\\top)$/;
export const PRIME_SUP = /^(?:\\prime|')$/;
