// The package as a user gets it (issue 12): `npm pack`, installed into an empty project
// offline, imported from plain Node ESM with its types, and `npx symprop` run from there.
// dist/ is the one npm test has just built (--ignore-scripts: rebuilding it here would pull
// it from under the tests running beside this one). The empty project's lockfile is made
// from ours (same versions, same integrity hashes), so that `npm ci --offline` installs from
// the npm cache without asking the registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'symprop-pack-'));
const project = join(dir, 'project');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; dependencies: Record<string, string>; bin: object; engines: object };
let tarball = '';

interface LockEntry {
  readonly dev?: boolean;
  readonly devOptional?: boolean;
  readonly version?: string;
  readonly resolved?: string;
}

beforeAll(() => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, packed[0]!.filename);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:../${packed[0]!.filename}`;
  const packages: Record<string, unknown> = {
    '': { name: 'project', version: '1.0.0', dependencies: { symprop: spec } },
    'node_modules/symprop': { version: pkg.version, resolved: spec, integrity, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  // Entries without "resolved" (a lockfile written through a mirror) get the registry's tarball
  // URL, which the npm cache knows: their packument may be cached in another form or not at all.
  const tarballUrl = (path: string, version: string): string => {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    return `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.devOptional) continue;
    packages[path] = entry.resolved || !entry.version ? entry : { ...entry, resolved: tarballUrl(path, entry.version) };
  }
  execFileSync('mkdir', ['-p', project]);
  // katex 0.19 asks for commander 15 (Node ≥ 22) for its own CLI only: a project on Node 20 overrides it, as ours does.
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', type: 'module', dependencies: { symprop: spec }, overrides: { katex: { commander: pkg.dependencies['commander']!.replace('^', '') } } }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'project', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
  execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, stdio: 'ignore' });
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm pack, installed into an empty project', () => {
  it('the tarball holds the compiled code, the types, the templates and the examples, and no sources or tests', () => {
    const list = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const f of ['package/dist/index.js', 'package/dist/cli/main.js', 'package/dist/types/index.d.ts', 'package/bin/symprop.js', 'package/templates/sheet/sheet.css', 'package/examples/circles.json']) expect(list).toContain(f);
    expect(list.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
  });

  it('imports deriveNetwork, generateCode, checkClaim and runTraining in plain Node ESM', () => {
    writeFileSync(join(project, 'use.mjs'), [
      "import { deriveNetwork, generateCode, checkClaim, runTraining, validateSpec } from 'symprop';",
      "const spec = validateSpec({ name: 's', input: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' });",
      'const d = deriveNetwork(spec);',
      "console.log(JSON.stringify({ gradients: d.gradients.map((g) => g.wrt), code: generateCode(spec).includes('export function lossAndGrad'), kinds: [typeof checkClaim, typeof runTraining] }));",
    ].join('\n'));
    const out = execFileSync('node', ['use.mjs'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ gradients: ['w1', 'b1'], code: true, kinds: ['function', 'function'] });
  });

  it('has types: a TypeScript consumer type-checks, and a wrong type is an error', () => {
    writeFileSync(join(project, 'use.ts'), [
      "import { deriveNetwork, validateSpec, type Derivation } from 'symprop';",
      "const d: Derivation = deriveNetwork(validateSpec({ name: 's', input: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' }));",
      'export const n: number = d.gradients.length;',
      '// @ts-expect-error: proves the declarations are read (an untyped import would accept this)',
      'export const wrong: string = d.gradients.length;',
    ].join('\n'));
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync('node', [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'use.ts'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 30_000);

  it('npx symprop --version prints the version, and a command runs as plain JavaScript', () => {
    expect(execFileSync('npx', ['--no-install', 'symprop', '--version'], { cwd: project, encoding: 'utf8' })).toBe(`${pkg.version}\n`);
    const derive = execFileSync('npx', ['--no-install', 'symprop', 'derive', '--expr', 'log(x*y)', '--wrt', 'x'], { cwd: project, encoding: 'utf8' });
    expect(derive).toContain('\\frac{1}{x}');
    expect(readFileSync(join(project, 'node_modules/symprop/bin/symprop.js'), 'utf8')).not.toContain('tsx');
  });

  it('npx symprop start runs in a project that has no examples/ of its own (the package ships them)', () => {
    const out = execFileSync('npx', ['--no-install', 'symprop', 'start', '--out', 'st', '--quiet'], { cwd: project, encoding: 'utf8' });
    expect(out).toContain('Before: y_hat = 0.51, loss = 0.68');
    expect(out).toContain('After:  y_hat = 0.99, loss = 0.01');
  }, 60_000);
});
