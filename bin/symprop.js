#!/usr/bin/env node
// The installed CLI: plain JavaScript from dist/ (built by `npm install`'s prepare step, or
// `npm run build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('symprop: dist/ is missing: run `npm install` (or `npm run build`) in the symprop directory\n');
  process.exit(2);
}
const { guardProcess } = await import('../dist/cli/process.js');
guardProcess();
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
