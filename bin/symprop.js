#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx symprop` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { guardProcess } = await import('../src/cli/process.ts');
guardProcess();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
