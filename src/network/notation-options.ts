// The notation options of a spec (and of the sheet's --deltas and --layer-index), apart from
// spec.ts so that the CLI can list them without loading zod.

/** How deltas are numbered: from the input (δ_1 is the first layer's) or from the output back. */
export const DELTA_NUMBERINGS = ['from-input', 'from-output'] as const;
/** Where a name carries its layer: w^{2}_{13} (the Master 1 course), w^{(2)}_{13} (the slides), w_{2,13}. */
export const LAYER_INDEX_STYLES = ['superscript', 'parenthesized', 'subscript'] as const;

export type DeltaNumbering = (typeof DELTA_NUMBERINGS)[number];
export type LayerIndexStyle = (typeof LAYER_INDEX_STYLES)[number];
