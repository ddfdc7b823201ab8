// Every name symprop prints comes from here: the LaTeX and Unicode forms of a variable
// name, the names of intermediates and deltas. Deterministic, so golden files are stable.
//
// Network names follow the Master 1 course (w_{ij}^k, b_i^k, a_i^k, h_i^k): the layer is a
// superscript and the unit a subscript. Identifiers carry them as stem, layer, units:
//   W2_1_3 -> w^{2}_{13}   b2_1 -> b^{2}_{1}   z1_2 -> z^{1}_{2}   delta1_2 -> \delta^{1}_{2}
// (w^{2}_{1,12} once an index has two digits). Scalar layers keep CSI 4106's subscripts
// (w1 -> w_{1}, delta1 -> \delta_{1}), and vectors of one index too (yhat2 -> \hat{y}_{2}).
import { table } from './util/table.ts';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'phi', 'chi', 'psi', 'omega',
]);

/** stem, layer, units: W2_1_3 -> ['W', '2', ['1', '3']]; z1_2 -> ['z', '1', ['2']]. */
function layered(name: string): [string, string, string[]] | undefined {
  const m = /^([A-Za-z]+?)(\d+)((?:_\d+){1,2})$/.exec(name);
  return m ? [m[1]!, m[2]!, m[3]!.slice(1).split('_')] : undefined;
}

/** Seed 000 writes the weight matrix W_k but its entries w_{ij}^k. */
const entryStem = (stem: string, units: readonly string[]): string => (stem === 'W' && units.length === 2 ? 'w' : stem);

/** Unit indices side by side (13), separated once one has two digits (1,12). */
const joinUnits = (units: readonly string[]): string => units.join(units.some((u) => u.length > 1) ? ',' : '');

function stemLatex(stem: string): string {
  if (stem.endsWith('hat') && stem.length > 3) return `\\hat{${stemLatex(stem.slice(0, -3))}}`;
  if (GREEK.has(stem)) return `\\${stem}`;
  if (stem.length === 1) return stem;
  return `\\mathit{${stem}}`;
}

/** LaTeX for an identifier: w1 -> w_{1}, yhat -> \hat{y}, W2_1_3 -> w^{2}_{13}, x_ij -> x_{ij}. */
export function symbolLatex(name: string): string {
  const parts = layered(name);
  if (parts) {
    const [stem, layer, units] = parts;
    return `${stemLatex(entryStem(stem, units))}^{${layer}}_{${joinUnits(units)}}`;
  }
  const underscore = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (underscore) return `${stemLatex(underscore[1]!)}_{${underscore[2]}}`;
  const digits = /^([A-Za-z]+?)(\d+)$/.exec(name);
  if (digits) return `${stemLatex(digits[1]!)}_{${digits[2]}}`;
  if (/^[A-Za-z]+$/.test(name)) return stemLatex(name);
  // Anything else is not an identifier we produce; show it verbatim but safe.
  return `\\text{${name.replace(/[^A-Za-z0-9 ]/g, '')}}`;
}

/** Does the LaTeX of this name carry a superscript (so a power of it needs parentheses)? */
export function hasSuperscript(name: string): boolean {
  return layered(name) !== undefined;
}

/** A valid identifier in mathjs, TypeScript and our naming scheme. */
export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Names for the intermediates of a scalar-expression decomposition, as the Master 1 course does
 * (v = xy, w = log v, z = w): letters from v on, skipping names the expression uses.
 */
export function intermediateNames(count: number, taken: ReadonlySet<string>): string[] {
  const pool = ['v', 'w', 'u', 's', 't', 'p', 'q', 'r', 'g', 'k', 'm'];
  const free = pool.filter((n) => !taken.has(n));
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const candidate = i < free.length ? free[i]! : `v${i - free.length + 1}`;
    if (!taken.has(candidate)) names.push(candidate);
  }
  return names;
}

/** The output of a decomposed expression: z as in the Master 1 course, or f if z is taken. */
export function outputName(taken: ReadonlySet<string>): string {
  for (const n of ['z', 'f', 'F', 'out']) if (!taken.has(n)) return n;
  return 'out_';
}

const GREEK_UNICODE: Readonly<Record<string, string>> = table({
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ',
  mu: 'μ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω',
});
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const digitsIn = (table: string, digits: string): string => [...digits].map((d) => table[Number(d)]).join('');

function stemText(stem: string): string {
  if (stem.endsWith('hat') && stem.length > 3) return `${stemText(stem.slice(0, -3))}\u0302`;
  return GREEK_UNICODE[stem] ?? stem;
}

/**
 * Plain-text (Unicode) form of a name for code comments, the same shapes as symbolLatex:
 * yhat2 -> ŷ₂, delta1 -> δ₁, W2_1_3 -> w²₁₃, z1_2 -> z¹₂.
 */
export function symbolText(name: string): string {
  const parts = layered(name);
  if (parts) {
    const [stem, layer, units] = parts;
    const sub = units.map((u) => digitsIn(SUB, u)).join(units.some((u) => u.length > 1) ? ',' : '');
    return `${stemText(entryStem(stem, units))}${digitsIn(SUP, layer)}${sub}`;
  }
  const m = /^([A-Za-z]+?)(\d+)?$/.exec(name);
  if (!m) return name;
  return `${stemText(m[1]!)}${digitsIn(SUB, m[2] ?? '')}`;
}

/**
 * A name as a claim writes it (the syntax `check --claim` reads): W2_1_3 -> W2[1][3],
 * a1_2 -> a1[2], delta1_2 -> delta1[2]; scalar names (w1, x2, yhat) as they are.
 */
export function claimName(name: string): string {
  const m = /^([A-Za-z]+\d+)((?:_\d+){1,2})$/.exec(name);
  return m ? `${m[1]}${m[2]!.slice(1).split('_').map((i) => `[${i}]`).join('')}` : name;
}
