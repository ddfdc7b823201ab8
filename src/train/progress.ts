// Training progress: a progress bar (cli-progress) when stdout is a terminal, plain
// "Epoch k | loss a → b" lines otherwise (logs, pipes, tests). The bar is written through
// the same sink as every other line, so the CLI's Io stays the only way out.
import { Writable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';
import type { EpochReport } from './loop.ts';
import type { TrainMessages } from './messages.ts';

/** What progress is written to; the CLI's Io is one. */
export interface ProgressSink {
  out(text: string): void;
  readonly isTTY?: boolean;
  readonly columns?: number | undefined;
}

export interface Progress {
  epoch(r: EpochReport): void;
  /** Ends the bar on its final frame (epoch N/N and the last loss); safe to call twice. */
  stop(): void;
}

export const formatLoss = (v: number): string => v.toFixed(4);

/** A stream that cli-progress takes for a terminal; writes go straight (synchronously) to the sink. */
function terminalStream(sink: ProgressSink): NodeJS.WritableStream {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding, done) {
      sink.out(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { isTTY: true, columns: sink.columns ?? 80 });
}

function bar(sink: ProgressSink, epochs: number, m: TrainMessages): Progress {
  // linewrap true (cut the line to the terminal's width) and hideCursor false: the bar changes
  // no terminal setting, so an interrupted run leaves the terminal as it found it.
  const options = { format: m.bar, stream: terminalStream(sink), fps: 25, barsize: 24, etaBuffer: 20, linewrap: true, hideCursor: false };
  const b = new SingleBar(options, Presets.shades_classic);
  b.start(epochs, 0, { loss: '-' });
  let stopped = false;
  return {
    epoch: (r) => b.update(r.epoch, { loss: m.decimal(formatLoss(r.lossAfter)) }),
    stop: () => {
      if (!stopped) b.stop();
      stopped = true;
    },
  };
}

/** Progress for a run of `epochs` epochs; `printed(k)` chooses the epochs that get a line off a terminal. */
export function trainingProgress(sink: ProgressSink, epochs: number, m: TrainMessages, printed: (k: number) => boolean = () => true): Progress {
  if (sink.isTTY) return bar(sink, epochs, m);
  return {
    epoch: (r) => {
      if (!printed(r.epoch)) return;
      const loss = (v: number): string => m.decimal(formatLoss(v));
      const line = m.epoch(r.epoch, loss(r.lossBefore), loss(r.lossAfter));
      sink.out(`${r.validationLoss === undefined ? line : m.validated(line, loss(r.validationLoss))}\n`);
    },
    stop: () => {},
  };
}
