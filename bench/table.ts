// Markdown tables for the terminal and RESULTS.md: columns are declared once with their
// alignment, rows are plain strings.
export interface Column {
  readonly header: string;
  readonly align: 'left' | 'right';
}

export function markdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = columns.map((c) => (c.align === 'right' ? '---:' : '---'));
  return [line(columns.map((c) => c.header)), line(rule), ...rows.map(line)].join('\n');
}

export const left = (header: string): Column => ({ header, align: 'left' });
export const right = (header: string): Column => ({ header, align: 'right' });

/** µs with about three significant digits: 0.0312, 31.2, 31 200. */
export function micros(us: number): string {
  if (us >= 1000) return Math.round(us).toLocaleString('en-US').replace(/,/g, ' ');
  return us.toPrecision(3);
}

export function ratio(x: number): string {
  return `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`;
}

/** Two decimals, or two significant digits below 0.01 (tiny networks, tiny rates). */
export function gflopsText(x: number): string {
  return x >= 0.01 ? x.toFixed(2) : x.toPrecision(2);
}
