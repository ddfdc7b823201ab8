// Lookup tables keyed by what users type (function names, LaTeX commands, activations).
// A plain object literal inherits `constructor`, `toString`, `__proto__`…, so
// TABLE['constructor'] would be a function; a table made here has no prototype.

/** A frozen, prototype-free copy of `entries`: only its own keys are found. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
