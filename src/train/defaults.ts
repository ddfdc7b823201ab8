// train's and start's defaults, apart from the training code so that option parsing
// (and --help) does not load it.
import type { RunOptions } from './run.ts';

/** CSI 4106's experiment: circles, 70/30, He init, lr 0.3, whole-set batches, 300 epochs. */
export const TRAIN_DEFAULTS = {
  data: 'circles',
  epochs: 300,
  lr: 0.3,
  lrDecay: 1,
  init: 'he',
  seed: 1,
  shuffle: true,
  testSplit: 0.3,
  gradients: false,
  lang: 'en',
} as const satisfies RunOptions;

/**
 * A convolutional network's defaults, for the flags not given: the course's kind of network
 * (one conv layer, a pool, a dense softmax) learns the shapes set and small image folders with
 * them without tuning (README, "Training").
 */
export const CONV_DEFAULTS = { epochs: 15, lr: 0.01, batch: 32, optimizer: 'adam' } as const;
