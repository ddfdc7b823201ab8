// Median-of-repetitions timing: warm up, then time batches of calls so each sample is
// well above the timer's resolution, and report the median per call.
export interface Timing {
  readonly medianMicros: number;
  readonly samples: number;
}

export function time(fn: () => void, { warmup = 200, samples = 9, minBatchMs = 20 } = {}): Timing {
  for (let i = 0; i < warmup; i++) fn();
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t0 >= minBatchMs) break;
    batch *= 2;
  }
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    perCall.push(((performance.now() - t0) * 1000) / batch);
  }
  perCall.sort((a, b) => a - b);
  return { medianMicros: perCall[Math.floor(samples / 2)]!, samples };
}
