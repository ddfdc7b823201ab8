import { en } from './en.ts';
import { fr } from './fr.ts';
import type { Messages } from './messages.ts';

export const CATALOGS = { en, fr } as const satisfies Readonly<Record<string, Messages>>;
export type Lang = keyof typeof CATALOGS;
export const LANGS = Object.keys(CATALOGS) as Lang[];
export type { Messages };
