// French typography for a message catalog: the space before : ; ? ! and inside « » becomes a
// no-break space (U+00A0), so a line never starts with a colon or breaks inside the quotes.
// Text only: math between $...$ is left as written.

const NBSP = '\u00a0';

/** The text parts of a message (outside $...$) with French no-break spaces. */
export function frenchText(message: string): string {
  return message
    .split('$')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/ ([:;?!»])/g, `${NBSP}$1`).replace(/« /g, `«${NBSP}`)))
    .join('$');
}

/** Decimal commas in the math of a French message: 0.01 -> 0{,}01 (the braces keep TeX from spacing the comma). */
export function mathDecimalComma(math: string): string {
  return math.replace(/(\d)\.(\d)/g, '$1{,}$2');
}

/** A count as French writes it: 101770 -> 101 770 (no-break space), from five digits on. */
export function groupThousands(n: number): string {
  const digits = String(n);
  return digits.length < 5 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, NBSP);
}

type Fixable = string | readonly Fixable[] | ((...args: never[]) => unknown) | { readonly [key: string]: Fixable };

function fix<T>(value: T): T {
  if (typeof value === 'string') return frenchText(value) as T;
  if (Array.isArray(value)) return value.map(fix) as T;
  if (typeof value === 'function') return ((...args: unknown[]) => fix((value as (...a: unknown[]) => unknown)(...args))) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fix(v as Fixable)])) as T;
  return value;
}

/** Every string of the catalog, and every string its functions return, with French spacing. */
export function frenchSpacing<T extends object>(catalog: T): T {
  return fix(catalog);
}
