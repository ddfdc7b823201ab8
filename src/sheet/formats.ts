// The sheet's text formats and options, apart from the renderers so that the CLI's option
// parsing does not load KaTeX.
export const TEXT_FORMATS = ['md', 'tex', 'html'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/**
 * Which form of the derivation a network sheet shows: every ∂J/∂w_ij written out ("index"),
 * the vectors and matrices of each layer ("matrix"), or both. "auto" (the default) shows
 * both for small networks (deriveNetwork's rule) and the matrix form otherwise.
 */
export const SHEET_FORMS = ['auto', 'index', 'matrix', 'both'] as const;
export type SheetForm = (typeof SHEET_FORMS)[number];

/** A network sheet's sections, in the order they are printed. */
export const SHEET_SECTIONS = ['network', 'forward', 'loss', 'gradients', 'algorithm', 'graph', 'example'] as const;
export type SheetSection = (typeof SHEET_SECTIONS)[number];

/** What a sheet shows (RenderOptions, and the CLI's --form, --sections, --title). */
export interface SheetOptions {
  readonly form?: SheetForm;
  /** The sections to print (all by default), always in SHEET_SECTIONS' order. */
  readonly sections?: readonly SheetSection[];
  /** The heading, instead of the spec's "title" or "Backpropagation for the network NAME". */
  readonly title?: string;
}
