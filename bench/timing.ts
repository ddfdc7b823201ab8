// Median-of-repetitions timing: warm up, then time batches of calls so each sample is
// well above the timer's resolution, and report the median per call.
export interface Timing {
  readonly medianMicros: number;
  /** Timed samples the median is taken over (after warm-up). */
  readonly samples: number;
  /** Calls per sample: each sample's time is divided by this. */
  readonly callsPerSample: number;
}

export interface TimingOptions {
  /** Warm-up calls, at least (lets the JIT compile the hot path before any timed call). */
  readonly warmup?: number;
  /** ...and keep warming up until this much time has passed. */
  readonly warmupMs?: number;
  /** Timed samples; the median needs at least 5 to mean anything. */
  readonly samples?: number;
  /** Each sample runs enough calls to last at least this long. */
  readonly minBatchMs?: number;
}

export function time(fn: () => void, options: TimingOptions = {}): Timing {
  return timeInterleaved([fn], options)[0]!;
}

/** Time several functions side by side: each is warmed up and calibrated, then the samples
 * are taken in rounds (one sample of each function per round), so that a burst of other
 * load on the machine hits every function alike instead of whichever ran at that moment. */
export function timeInterleaved(fns: readonly (() => void)[], options: TimingOptions = {}): Timing[] {
  const { warmup = 200, warmupMs = 0, samples = 9, minBatchMs = 20 } = options;
  if (samples < 5) throw new Error(`time: at least 5 samples, got ${samples}`);
  const batches = fns.map((fn) => {
    const start = performance.now();
    for (let i = 0; i < warmup || performance.now() - start < warmupMs; i++) fn();
    return calibrate(fn, minBatchMs);
  });
  const perCall = fns.map((): number[] => []);
  for (let s = 0; s < samples; s++) {
    fns.forEach((fn, k) => perCall[k]!.push((runMs(fn, batches[k]!) * 1000) / batches[k]!));
  }
  return perCall.map((times, k) => {
    times.sort((a, b) => a - b);
    return { medianMicros: times[Math.floor(samples / 2)]!, samples, callsPerSample: batches[k]! };
  });
}

function runMs(fn: () => void, calls: number): number {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return performance.now() - t0;
}

/** Calls per sample: double until the fastest of 3 runs lasts minBatchMs. The fastest, so
 * that one GC pause during calibration cannot leave a sub-µs call timed one at a time. */
function calibrate(fn: () => void, minBatchMs: number): number {
  let batch = 1;
  while (Math.min(runMs(fn, batch), runMs(fn, batch), runMs(fn, batch)) < minBatchMs) batch *= 2;
  return batch;
}
