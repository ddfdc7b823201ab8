import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/index.ts';
import { runTraining, TRAIN_DEFAULTS } from '../src/train/run.ts';

// The README's pictures are the output of the command printed under them
// (symprop train examples/circles.json --data circles --out docs/training): they must not drift.
describe('docs/training', () => {
  it('holds what the training run writes today, byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symprop-docs-'));
    await runTraining(loadSpec('examples/circles.json'), { ...TRAIN_DEFAULTS, out: dir });
    for (const file of ['circles.boundary.svg', 'circles.loss.svg']) {
      expect(readFileSync(join(dir, file), 'utf8'), `docs/training/${file}: rerun the command in README.md`).toBe(readFileSync(join('docs/training', file), 'utf8'));
    }
  });
});
