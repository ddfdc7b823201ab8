// The installed package's version (package.json's, as `npm ls` shows it).
import { readFileSync } from 'node:fs';
import { packageFile } from '../util/root.ts';

export const VERSION = (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
