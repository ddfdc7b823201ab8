// Numbers of the worked example as LaTeX: 4 significant digits, the language's decimal mark,
// and matrices cut to their corners when they are too big to print (784 inputs).

/** Significant digits shown; the computation itself is in double precision. */
export const SHOWN_DIGITS = 4;
/** Rows or columns past this are elided to the first few, a dots row and the last. */
const MAX_SHOWN = 6;
const HEAD = 3;

/** 0.50551 -> 0.5055; 1.2e-7 -> 1.2 \times 10^{-7}; in French the comma, braced so TeX does not space it. */
export function numberLatex(v: number, decimal: '.' | ','): string {
  if (v === 0) return '0';
  const mark = (s: string): string => (decimal === ',' ? s.replace('.', '{,}') : s);
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e6) return mark(String(Number(v.toPrecision(SHOWN_DIGITS))));
  const [mantissa, exponent] = v.toExponential(SHOWN_DIGITS - 1).split('e') as [string, string];
  return `${mark(String(Number(mantissa)))} \\times 10^{${Number(exponent)}}`;
}

/** Indices shown of n: all of them, or the first HEAD, a gap (-1) and the last. */
function shownIndices(n: number): number[] {
  if (n <= MAX_SHOWN) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: HEAD }, (_, i) => i), -1, n - 1];
}

/** A rows × cols row-major block as a bracketed matrix (a column vector when cols is 1). */
export function matrixNumbers(values: ArrayLike<number>, rows: number, cols: number, decimal: '.' | ','): string {
  if (rows === 1 && cols === 1) return numberLatex(values[0]!, decimal);
  const rs = shownIndices(rows);
  const cs = shownIndices(cols);
  const body = rs.map((r) =>
    cs
      .map((c) => (r < 0 && c < 0 ? '\\ddots' : r < 0 ? '\\vdots' : c < 0 ? '\\cdots' : numberLatex(values[r * cols + c]!, decimal)))
      .join(' & '),
  );
  return `\\begin{pmatrix} ${body.join(' \\\\ ')} \\end{pmatrix}`;
}
