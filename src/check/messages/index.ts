// The diagnosis catalogs by language. To add a language, add a file implementing
// DiagnosisMessages and list it here.
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { DiagnosisMessages } from './messages.ts';

export const DIAGNOSIS_CATALOGS = { en, fr } as const satisfies Readonly<Record<string, DiagnosisMessages>>;
export type DiagnosisLang = keyof typeof DIAGNOSIS_CATALOGS;
export type { Cancel, DiagnosisMessages, Ref, Shapes } from './messages.ts';
