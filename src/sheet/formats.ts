// The sheet's text formats, apart from the renderers so that the CLI's option parsing
// does not load KaTeX.
export const TEXT_FORMATS = ['md', 'tex', 'html'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];
