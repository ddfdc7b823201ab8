// Marching squares: the level set {v = level} of values sampled on a grid, as line segments.
// Each square of four neighbouring samples is crossed on the edges whose ends lie on opposite
// sides of the level, at the linearly interpolated point. A saddle (opposite corners on the
// same side) is resolved by the mean of its four corners: the side the centre is on connects.

export type Point = readonly [number, number];
export type Segment = readonly [Point, Point];

/** Samples at (i, j), i = 0..nx−1 along x, j = 0..ny−1 along y, stored row-major: values[j·nx + i]. */
export interface Samples {
  readonly nx: number;
  readonly ny: number;
  readonly values: ArrayLike<number>;
}

/** Where the level crosses the edge from p (value vp) to q (value vq). */
function cross(p: Point, q: Point, vp: number, vq: number, level: number): Point {
  const t = vp === vq ? 0.5 : (level - vp) / (vq - vp);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** The segments inside the square with lower-left sample (i, j), in grid coordinates. */
function square(g: Samples, i: number, j: number, level: number): Segment[] {
  const corners: Point[] = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]];
  const v = corners.map(([x, y]) => g.values[y * g.nx + x]!);
  if (v.some(Number.isNaN)) return [];
  const above = v.map((x) => x >= level);
  // Edges bottom, right, top, left: corner k to corner k + 1.
  const hits: Point[] = [];
  for (let k = 0; k < 4; k++) {
    const n = (k + 1) % 4;
    if (above[k] !== above[n]) hits.push(cross(corners[k]!, corners[n]!, v[k]!, v[n]!, level));
  }
  if (hits.length === 2) return [[hits[0]!, hits[1]!]];
  if (hits.length !== 4) return [];
  // Saddle: hits are on bottom, right, top, left. If the centre is on corner 0's side, corner 0
  // and corner 2 connect, and the lines cut off corners 1 and 3; otherwise they cut off 0 and 2.
  const centreAbove = (v[0]! + v[1]! + v[2]! + v[3]!) / 4 >= level;
  const [bottom, right, top, left] = hits as [Point, Point, Point, Point];
  return centreAbove === above[0] ? [[bottom, right], [top, left]] : [[left, bottom], [right, top]];
}

export function marchingSquares(g: Samples, level: number): Segment[] {
  const out: Segment[] = [];
  for (let j = 0; j + 1 < g.ny; j++) for (let i = 0; i + 1 < g.nx; i++) out.push(...square(g, i, j, level));
  return out;
}
