// A sound proof of equality: e is identically 0 wherever it is defined iff ... we only claim
// the "if". The expression is rewritten to the basis (basis.ts), put in canonical form
// (canon.ts: exact rational functions over canonical atoms, with the laws of powers, exp and
// log only where they hold on the domain, and the relations of reduce.ts), and is proved 0
// when the numerator of that form is the zero polynomial. A second pass reuses what the
// first learnt about the domain (log u defined: u > 0; angle units of sin and cos).
// `false` means "not proved", never "proved non-zero".
import * as B from '../ir/build.ts';
import { dagSize, type Expr } from '../ir/expr.ts';
import { toBasis } from './basis.ts';
import { Canon, mergeFacts } from './canon.ts';
import { emptyFacts, learnedMore, type Facts, type Method } from './canon-context.ts';
import { TooLarge, isZero } from './poly.ts';

export type { Method } from './canon-context.ts';

/** Larger expressions are not tried (the expansion is exponential in the worst case). */
export const MAX_NODES = 4000;
const MAX_PASSES = 3;

export interface Proof {
  readonly proved: boolean;
  /** The kinds of identity the canonical form used (empty when not proved). */
  readonly methods: readonly Method[];
}

const NOT_PROVED: Proof = { proved: false, methods: [] };

/** Is e identically 0 wherever it is defined, and which identities show it? */
export function prove(e: Expr): Proof {
  if (dagSize([e]) > MAX_NODES) return NOT_PROVED;
  const base = toBasis(e);
  let known = emptyFacts();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const canon = new Canon(known);
    let num;
    try {
      num = canon.of(base).num;
    } catch (err) {
      if (err instanceof TooLarge || err instanceof RangeError) return NOT_PROVED;
      throw err;
    }
    if (isZero(num)) return { proved: true, methods: [...canon.used].sort() };
    if (!learnedMore(known, canon.learned)) return NOT_PROVED;
    known = mergeFacts(known, canon.learned);
  }
  return NOT_PROVED;
}

/** What the domain of e says about its atoms (log u defined: u > 0; 1/u: u ≠ 0), or nothing. */
export function domainFacts(e: Expr): Facts {
  if (dagSize([e]) > MAX_NODES) return emptyFacts();
  const canon = new Canon();
  try {
    canon.of(toBasis(e));
  } catch (err) {
    if (err instanceof TooLarge || err instanceof RangeError) return emptyFacts();
    throw err;
  }
  return canon.learned;
}

/** True only when e is proved identically 0 wherever it is defined (exact arithmetic). */
export function proveZero(e: Expr): boolean {
  return prove(e).proved;
}

/** True only when a = b is proved wherever both are defined. */
export function proveEqual(a: Expr, b: Expr): boolean {
  return proveZero(B.sub(a, b));
}

const NAMES: Readonly<Record<Method, string>> = {
  rational: 'rational normal form',
  'exp-log': 'exp/log normal form',
  powers: 'laws of powers',
  trigonometric: 'trigonometric identities',
  'step-sign': 'step/sign identities',
};

/** A short name for what a proof used: "rational normal form", "exp/log normal form, trigonometric identities". */
export function proofName(methods: readonly Method[]): string {
  const named = methods.filter((m) => m !== 'rational').map((m) => NAMES[m]);
  return named.length ? named.join(', ') : NAMES.rational;
}
