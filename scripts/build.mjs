// npm install's `prepare` and npm test's first step: compile src/ to dist/, so that the CLI
// and the library run as plain JavaScript (never through tsx).
//  - esbuild bundles the library (dist/index.js) and the CLI (dist/cli/main.js) with code
//    splitting: each command's heavy half is a chunk loaded only when it runs, and mathjs is
//    bundled so that only the parser and BigNumber are kept (0.2 s to load instead of 0.6 s).
//  - tsc writes the type declarations (dist/types/), with their imports pointing at .js.
// Plain JavaScript so that it needs nothing but the dev dependencies to run.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// Every dependency stays an import of node_modules except mathjs, bundled for tree-shaking.
const external = Object.keys(pkg.dependencies).filter((d) => d !== 'mathjs');

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts', 'src/cli/main.ts', 'src/cli/process.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// Declarations keep the sources' `./x.ts` specifiers; a consumer resolves `./x.js`.
const walk = (dir) => readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)]));
for (const f of walk('dist/types').filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(f, 'utf8');
  const fixed = text.replace(/(from\s+['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1.js$2').replace(/(import\(['"]\.{1,2}\/[^'"]*?)\.ts(['"]\))/g, '$1.js$2');
  if (fixed !== text) writeFileSync(f, fixed);
}
