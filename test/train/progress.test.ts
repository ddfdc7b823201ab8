import { describe, expect, it } from 'vitest';
import type { EpochReport } from '../../src/train/loop.ts';
import { TRAIN_MESSAGES } from '../../src/train/messages.ts';
import { trainingProgress, type ProgressSink } from '../../src/train/progress.ts';

const reports = (n: number): EpochReport[] =>
  Array.from({ length: n }, (_, i) => ({ epoch: i + 1, lossBefore: 1 / (i + 1), lossAfter: 1 / (i + 2), lr: 0.3 }));

function capture(isTTY: boolean): { sink: ProgressSink; text: () => string } {
  let text = '';
  return { sink: { out: (t) => void (text += t), isTTY, columns: 100 }, text: () => text };
}

/** The frames drawn: "cursor to column 1" (ESC [1G) starts a frame like \r; other escape sequences dropped. */
function frames(raw: string): string[] {
  const plain = raw.replace(/\x1b\[\d*G/g, '\r').replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '');
  return plain.split(/[\r\n]/).filter((s) => s.trim() !== '');
}

describe('training progress', () => {
  it('off a terminal: one line per epoch, "Epoch k | loss a → b" (seed 004’s format)', () => {
    const { sink, text } = capture(false);
    const p = trainingProgress(sink, 3, TRAIN_MESSAGES.en);
    for (const r of reports(3)) p.epoch(r);
    p.stop();
    expect(text()).toBe('Epoch 1 | loss 1.0000 → 0.5000\nEpoch 2 | loss 0.5000 → 0.3333\nEpoch 3 | loss 0.3333 → 0.2500\n');
  });

  it('off a terminal, in French, only the epochs asked for', () => {
    const { sink, text } = capture(false);
    const p = trainingProgress(sink, 4, TRAIN_MESSAGES.fr, (k) => k % 2 === 0);
    for (const r of reports(4)) p.epoch(r);
    expect(text()).toBe('Époque 2 | perte 0,5000 → 0,3333\nÉpoque 4 | perte 0,2500 → 0,2000\n'); // decimal commas in French
  });

  it('on a terminal: a bar redrawn in place, ending on epoch N/N with the last loss and a newline', () => {
    const { sink, text } = capture(true);
    const p = trainingProgress(sink, 50, TRAIN_MESSAGES.en);
    for (const r of reports(50)) p.epoch(r);
    p.stop();
    p.stop(); // twice is harmless
    expect(text()).not.toContain('Epoch 1 |');
    expect(text()).not.toMatch(/\x1b\[\?/); // no terminal mode changed (line wrap, cursor): nothing to restore
    expect(text().endsWith('\n')).toBe(true);
    expect(frames(text()).at(-1)).toMatch(/^Epoch 50\/50 .+ loss 0\.0196 \| ETA \d+s$/);
    expect(frames(text())[0]).toMatch(/^Epoch 0\/50 .+ loss - \| ETA/);
  });

  it('on a terminal, in French', () => {
    const { sink, text } = capture(true);
    const p = trainingProgress(sink, 2, TRAIN_MESSAGES.fr);
    for (const r of reports(2)) p.epoch(r);
    p.stop();
    expect(frames(text()).at(-1)).toMatch(/^Époque 2\/2 .+ perte 0,3333 \| reste \d+s$/);
  });
});
