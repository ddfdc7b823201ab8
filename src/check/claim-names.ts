// The names a claim may use, resolved to the derivation's identifiers (see claim.ts for
// the conventions): parameters, inputs, targets, intermediates and deltas of a network, or
// the variables of an expression; with listings and candidates for error messages.
import { networkNames, notationOf } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';

export type Family = 'weight' | 'bias' | 'pre' | 'act' | 'delta' | 'vector' | 'other';
export interface Resolved {
  readonly kind: 'scalar' | 'matrix';
  readonly name: string;
  readonly family: Family;
}
export interface Resolver {
  resolve(raw: string, indices: readonly number[]): Resolved | undefined;
  /** Names as a user writes them, for messages: "w1, b1, ..." or "W1[1..4][1..2], ...". */
  readonly listing: string;
  readonly candidates: readonly string[];
  /** Multi-letter names LaTeX must keep whole. */
  readonly words: ReadonlySet<string>;
  readonly knownStem: (stem: string) => boolean;
}

export const SPLIT = /^([A-Za-z]+?)(\d+)?((?:_\d+)*)$/;

export function networkResolver(spec: NetworkSpec): Resolver {
  const n = networkNames(spec);
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const { pre: preStem, act: actStem, deltaLayer } = notationOf(spec);
  const last = spec.layers[L - 1]!.activation;
  const softmax = last === 'softmax' || spec.loss === 'cross_entropy_with_logits';
  const scalarLayer = (k: number): boolean => sizes[k] === 1 && sizes[k - 1] === 1;
  const inRange = (i: number | undefined, size: number): i is number => i !== undefined && i >= 1 && i <= size;

  const vectors: Record<string, [number, (i: number) => string]> = {
    x: [sizes[0]!, n.input], y: [sizes[L]!, n.target], yhat: [sizes[L]!, (i) => n.act(L, i)],
    ...(spec.loss === 'cross_entropy_with_logits' ? { p: [sizes[L]!, n.prob] as [number, (i: number) => string] } : {}),
  };
  const vector = (stem: string, i: number | undefined, rest: number): Resolved | undefined => {
    const [size, name] = vectors[stem]!;
    if (rest > 0) return undefined;
    if (i === undefined) return size === 1 ? { kind: 'scalar', name: name(1), family: 'vector' } : { kind: 'matrix', name: stem, family: 'vector' };
    return inRange(i, size) ? { kind: 'scalar', name: name(i), family: 'vector' } : undefined;
  };
  const unitFamilies: Record<string, [Family, (k: number, i: number) => string]> = {
    b: ['bias', n.bias], [preStem]: ['pre', n.pre], [actStem]: ['act', n.act], delta: ['delta', n.delta],
  };

  const resolve = (raw: string, extra: readonly number[]): Resolved | undefined => {
    const m = SPLIT.exec(raw);
    if (!m) return undefined;
    const stem = m[1]!;
    const num = m[2] === undefined ? undefined : Number(m[2]);
    const idx = [...m[3]!.split('_').slice(1).map(Number), ...extra];
    if (stem === 'S' && softmax && num === undefined && idx.length === 0) return { kind: 'scalar', name: n.normaliser, family: 'other' };
    if (Object.hasOwn(vectors, stem)) return num !== undefined ? vector(stem, num, idx.length) : vector(stem, idx[0], Math.max(0, idx.length - 1));
    // a[1][2] (from a_{1,2}): the first index is the layer.
    if (num === undefined && idx.length > 1 && /^\d+$/.test(String(idx[0]))) return resolve(`${stem}${idx[0]}`, idx.slice(1));
    if (num === undefined) return undefined;
    if (stem === 'W' || stem === 'w') {
      if (!inRange(num, L)) return undefined;
      if (idx.length === 0) return scalarLayer(num) ? { kind: 'scalar', name: n.weight(num, 1, 1), family: 'weight' } : { kind: 'matrix', name: `W${num}`, family: 'weight' };
      const [i, j] = idx;
      if (idx.length !== 2 || !inRange(i, sizes[num]!) || !inRange(j, sizes[num - 1]!)) return undefined;
      return { kind: 'scalar', name: n.weight(num, i, j), family: 'weight' };
    }
    const fam = Object.hasOwn(unitFamilies, stem) ? unitFamilies[stem] : undefined;
    if (!fam || idx.length > 1) return undefined;
    if (stem === actStem && num === 0) return vector('x', idx[0], 0);
    const k = stem === 'delta' ? deltaLayer(num) : num;
    if (!inRange(k, L)) return undefined;
    if (stem === actStem && k === L) return vector('yhat', idx[0], 0);
    const width = sizes[k]!;
    if (idx.length === 0) return width === 1 ? { kind: 'scalar', name: fam[1](k, 1), family: fam[0] } : { kind: 'matrix', name: `${stem}${num}`, family: fam[0] };
    return inRange(idx[0], width) ? { kind: 'scalar', name: fam[1](k, idx[0]), family: fam[0] } : undefined;
  };

  const stems = new Set(['W', 'w', 'b', preStem, actStem, 'delta', 'x', 'y', 'yhat', 'p']);
  return {
    resolve, listing: networkListing(spec), candidates: networkCandidates(spec),
    words: new Set(['yhat', 'delta']), knownStem: (s) => stems.has(s),
  };
}

/** The names a user may write, compactly: "W1[1..4][1..2], b1[1..4], ..., x1..x2, y, yhat, z1[1..4], ...". */
function networkListing(spec: NetworkSpec): string {
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const { pre: preStem, act: actStem, deltaLayer } = notationOf(spec);
  const range = (size: number): string => (size === 1 ? '' : `[1..${size}]`);
  const vec = (stem: string, size: number): string => (size === 1 ? stem : `${stem}1..${stem}${size}`);
  const listing: string[] = [];
  for (let k = 1; k <= L; k++) {
    const scalarLayer = sizes[k] === 1 && sizes[k - 1] === 1;
    const weights = `W${k}${range(sizes[k]!) || '[1]'}${range(sizes[k - 1]!) || '[1]'}`;
    listing.push(scalarLayer ? `w${k}` : weights, `b${k}${range(sizes[k]!)}`);
  }
  listing.push(vec('x', sizes[0]!), vec('y', sizes[L]!), vec('yhat', sizes[L]!));
  for (let k = 1; k <= L; k++) {
    listing.push(`${preStem}${k}${range(sizes[k]!)}`);
    if (k < L) listing.push(`${actStem}${k}${range(sizes[k]!)}`);
  }
  // "z-a" numbers deltas from the output back: delta{num} belongs to layer L - num + 1.
  for (let num = 1; num <= L; num++) listing.push(`delta${num}${range(sizes[deltaLayer(num)]!)}`);
  if (spec.loss === 'cross_entropy_with_logits') listing.push(vec('p', sizes[L]!));
  if (spec.layers[L - 1]!.activation === 'softmax' || spec.loss === 'cross_entropy_with_logits') listing.push('S');
  return listing.join(', ');
}

/** Identifiers for "did you mean": blocks and the entries of the first 9 units of each layer. */
function networkCandidates(spec: NetworkSpec): string[] {
  const n = networkNames(spec);
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const { pre: preStem, act: actStem } = notationOf(spec);
  const candidates = new Set<string>(['x', 'y', 'yhat']);
  for (let k = 1; k < sizes.length; k++) {
    candidates.add(`W${k}`).add(`b${k}`).add(`${preStem}${k}`).add(`${actStem}${k}`).add(`delta${k}`);
    for (let i = 1; i <= Math.min(sizes[k]!, 9); i++) {
      for (const f of [n.bias, n.pre, n.act, n.delta]) candidates.add(f(k, i));
      for (let j = 1; j <= Math.min(sizes[k - 1]!, 9); j++) candidates.add(n.weight(k, i, j));
    }
  }
  return [...candidates];
}

export function expressionResolver(variables: readonly string[]): Resolver {
  const vars = new Set(variables);
  const resolve = (raw: string, extra: readonly number[]): Resolved | undefined => {
    for (const name of [raw + extra.map((i) => `_${i}`).join(''), raw + extra.join('')]) {
      if (vars.has(name)) return { kind: 'scalar', name, family: 'other' };
    }
    return undefined;
  };
  return {
    resolve, listing: variables.join(', '), candidates: variables,
    words: new Set(variables.filter((v) => /^[A-Za-z]{2,}$/.test(v))), knownStem: () => false,
  };
}

// ---- parsing ------------------------------------------------------------------------
