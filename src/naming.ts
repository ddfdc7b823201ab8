// Every name symprop prints comes from here: the LaTeX of a variable name, the names
// of intermediates and deltas. Deterministic, so golden files are stable.

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'phi', 'chi', 'psi', 'omega',
]);

function stemLatex(stem: string): string {
  if (stem.endsWith('hat') && stem.length > 3) return `\\hat{${stemLatex(stem.slice(0, -3))}}`;
  if (GREEK.has(stem)) return `\\${stem}`;
  if (stem.length === 1) return stem;
  return `\\mathit{${stem}}`;
}

/** LaTeX for an identifier: w1 -> w_{1}, yhat -> \hat{y}, delta2 -> \delta_{2}, x_ij -> x_{ij}. */
export function symbolLatex(name: string): string {
  const underscore = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (underscore) return `${stemLatex(underscore[1]!)}_{${underscore[2]}}`;
  const digits = /^([A-Za-z]+?)(\d+)$/.exec(name);
  if (digits) return `${stemLatex(digits[1]!)}_{${digits[2]}}`;
  if (/^[A-Za-z]+$/.test(name)) return stemLatex(name);
  // Anything else is not an identifier we produce; show it verbatim but safe.
  return `\\text{${name.replace(/[^A-Za-z0-9 ]/g, '')}}`;
}

/** A valid identifier in mathjs, TypeScript and our naming scheme. */
export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Names for the intermediates of a scalar-expression decomposition, as seed 000 does
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

/** The output of a decomposed expression: z as in seed 000, or f if z is taken. */
export function outputName(taken: ReadonlySet<string>): string {
  for (const n of ['z', 'f', 'F', 'out']) if (!taken.has(n)) return n;
  return 'out_';
}

const GREEK_UNICODE: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ',
  mu: 'μ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω',
};

/** Plain-text (Unicode) form of a name, for code comments: yhat -> ŷ, delta1 -> δ1. */
export function symbolText(name: string): string {
  const m = /^([A-Za-z]+?)(\d.*)?$/.exec(name);
  if (!m) return name;
  const stem = m[1]!;
  const rest = m[2] ?? '';
  if (stem.endsWith('hat') && stem.length > 3) return `${symbolText(stem.slice(0, -3))}\u0302${rest}`;
  return `${GREEK_UNICODE[stem] ?? stem}${rest}`;
}
