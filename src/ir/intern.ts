// Hash-consing: one frozen object per structural key, with a creation-order id.
export type Intern<T extends { readonly id: number }> = <U extends T>(key: string, make: (id: number) => U) => U;

export function interner<T extends { readonly id: number }>(): { intern: Intern<T>; size: () => number } {
  const table = new Map<string, T>();
  let nextId = 0;
  const intern = <U extends T>(key: string, make: (id: number) => U): U => {
    const found = table.get(key);
    if (found) return found as U;
    const node = Object.freeze(make(nextId++)) as U;
    table.set(key, node);
    return node;
  };
  return { intern, size: () => table.size };
}
