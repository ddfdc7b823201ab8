// Names of a counterexample's coordinates as a claim writes them (claim.ts): W1[1][2], b1[2],
// x[1], y[2], or the scalar names of CSI 4106 (w1, b2, x, y), never identifiers (W1_1_2), so
// that a student can paste the point back into a claim. An expression keeps its variables.
import { networkNames, notationOf } from '../network/names.ts';
import type { NetworkSpec } from '../network/spec.ts';

/** Identifier → claim syntax for every quantity of the network. */
export function claimSyntaxNames(spec: NetworkSpec): Map<string, string> {
  const n = networkNames(spec);
  const sizes = [spec.input, ...spec.layers.map((l) => l.units)];
  const L = spec.layers.length;
  const map = new Map<string, string>();
  const { pre: preStem, act: actStem, deltaNumber } = notationOf(spec);
  const scalarLayer = (k: number): boolean => sizes[k] === 1 && sizes[k - 1] === 1;
  const unit = (id: string, stem: string, k: number, i: number): void => void map.set(id, scalarLayer(k) ? id : `${stem}${k}[${i}]`);
  const vector = (id: string, stem: string, size: number, i: number): void => void map.set(id, size === 1 ? stem : `${stem}[${i}]`);
  for (let j = 1; j <= sizes[0]!; j++) vector(n.input(j), 'x', sizes[0]!, j);
  for (let i = 1; i <= sizes[L]!; i++) {
    vector(n.target(i), 'y', sizes[L]!, i);
    vector(n.act(L, i), 'yhat', sizes[L]!, i);
    vector(n.prob(i), 'p', sizes[L]!, i);
  }
  for (let k = 1; k <= L; k++) {
    for (let i = 1; i <= sizes[k]!; i++) {
      for (let j = 1; j <= sizes[k - 1]!; j++) map.set(n.weight(k, i, j), scalarLayer(k) ? n.weight(k, i, j) : `W${k}[${i}][${j}]`);
      unit(n.bias(k, i), 'b', k, i);
      unit(n.pre(k, i), preStem!, k, i);
      if (k < L) unit(n.act(k, i), actStem!, k, i);
      map.set(n.delta(k, i), scalarLayer(k) ? n.delta(k, i) : `delta${deltaNumber(k)}[${i}]`);
    }
  }
  return map;
}

/**
 * An identifier in claim syntax: with the spec, exactly (x1 → x[1] only if x is a vector);
 * without, by its shape (W1_1_2 → W1[1][2], b1_2 → b1[2]; others unchanged).
 */
export function claimSyntaxName(id: string, spec?: NetworkSpec): string {
  if (spec) return claimSyntaxNames(spec).get(id) ?? id;
  const m = /^([A-Za-z]+\d+)((?:_\d+){1,2})$/.exec(id);
  return m ? `${m[1]}${m[2]!.slice(1).split('_').map((i) => `[${i}]`).join('')}` : id;
}
