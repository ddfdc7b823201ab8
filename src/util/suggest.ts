// "did you mean ...?" for a misspelt name: a known synonym, else the closest candidate by
// edit distance.

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Case, spaces, '-' and '_' do not matter when comparing names ("Leaky-ReLU" ~ "leaky_relu"). */
function normalise(word: string): string {
  return word.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * The candidate `word` most likely stands for, if any: a synonym from `aliases` (keys
 * compared normalised, values must be candidates), else the closest candidate by edit
 * distance. Short words allow one edit; longer ones two, or a third of their length.
 */
export function closest(
  word: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const w = normalise(word);
  const alias = Object.hasOwn(aliases, w) ? aliases[w] : undefined;
  if (alias !== undefined && candidates.includes(alias)) return alias;
  let best: string | undefined;
  let bestDistance = (w.length <= 3 ? 1 : Math.max(2, Math.floor(w.length / 3))) + 1;
  for (const c of candidates) {
    const d = editDistance(w, normalise(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
