// Files in and out (src/util/fs.ts): never over an input, through symlinks, never onto a
// device or FIFO, all or nothing, no temporary left behind. Devices and FIFOs are made in a
// temporary directory, never the machine's own /dev entries.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputFile, writeFileAtomic, writeFilesAtomic } from '../../src/util/fs.ts';

const dir = mkdtempSync(join(tmpdir(), 'symprop-fs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifo = (name: string): string => {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
};

describe('reading inputs', () => {
  it('refuses a device and a FIFO at once, by kind, without reading (no hang, no 13 GB)', () => {
    expect(() => readInputFile('/dev/zero', 'spec file')).toThrow('/dev/zero: cannot read spec file (it is a device, not a regular file)');
    expect(() => readInputFile(fifo('in.fifo'), 'claims file')).toThrow(/in\.fifo: cannot read claims file \(it is a FIFO, not a regular file\)/);
    expect(() => readInputFile(dir, 'spec file')).toThrow(/it is a directory, not a regular file/);
  });

  it('names the size limit', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, 'x'.repeat(2048));
    expect(() => readInputFile(big, 'spec file', 1024)).toThrow(/big\.json: spec file of 2048 bytes is over the limit of 1024 bytes/);
  });
});

describe('writing outputs', () => {
  it('refuses to write over one of its inputs, and leaves it intact', () => {
    const spec = join(dir, 's.json');
    writeFileSync(spec, '{"keep": true}');
    expect(() => writeFileAtomic(spec, 'generated', [spec])).toThrow(/s\.json: is the input file .*s\.json; refusing to overwrite it/);
    const link = join(dir, 'link-to-s.json');
    symlinkSync(spec, link);
    expect(() => writeFileAtomic(link, 'generated', [spec])).toThrow(/refusing to overwrite/);
    expect(readFileSync(spec, 'utf8')).toBe('{"keep": true}');
  });

  it('writes through a symlink to the file it names; the link stays a link (also a dangling one)', () => {
    const real = join(dir, 'real.ts');
    const link = join(dir, 'L');
    symlinkSync(real, link);
    writeFileAtomic(link, 'first');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('first');
    writeFileAtomic(link, 'second');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('second');
  });

  it('refuses a FIFO and a device, also behind a symlink', () => {
    const f = fifo('out.fifo');
    expect(() => writeFileAtomic(f, 'x')).toThrow(/out\.fifo: cannot write there \(it is a FIFO\)/);
    let device: string | undefined = join(dir, 'full');
    try {
      execFileSync('mknod', [device, 'c', '1', '7']); // /dev/full's numbers, in our own directory
    } catch {
      device = undefined; // not root: the FIFO case stands for it
    }
    if (device) {
      expect(() => writeFileAtomic(device!, 'x')).toThrow(/cannot write there \(it is a device\)/);
      const link = join(dir, 'LF');
      symlinkSync(device, link);
      expect(() => writeFileAtomic(link, 'x')).toThrow(/LF: cannot write there \(it is a device\)/);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
    }
  });

  it('writes several files all or nothing: one failure leaves none of them', () => {
    const blocker = join(dir, 'plain-file');
    writeFileSync(blocker, '');
    const a = join(dir, 'multi', 'a.json');
    expect(() => writeFilesAtomic([{ path: a, content: 'a' }, { path: join(blocker, 'b.svg'), content: 'b' }])).toThrow(/b\.svg: cannot write \(ENOTDIR\)/);
    expect(existsSync(a)).toBe(false);
    expect(readdirSync(join(dir, 'multi'))).toEqual([]);
  });

  it('removes the temporary file a killed earlier run left beside the same target', () => {
    const target = join(dir, 'out.ts');
    const stale = join(dir, '.out.ts.symprop-999999999.tmp');
    writeFileSync(stale, 'half-written');
    writeFileAtomic(target, 'done');
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
