import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../src/index.ts';
import type { Dataset } from '../../src/train/data.ts';
import { checkFit } from '../../src/train/targets.ts';
import { UserError } from '../../src/util/errors.ts';

const net = (input: number, units: number, activation: string, loss: string) =>
  validateSpec({ name: 'n', input, layers: [{ units: 3, activation: 'tanh' }, { units, activation }], loss });
const BCE = net(2, 1, 'sigmoid', 'bce');
const SOFTMAX = net(2, 3, 'softmax', 'cross_entropy');
const LOGITS = net(2, 3, 'identity', 'cross_entropy_with_logits');
const MSE = net(2, 1, 'identity', 'mse');

/** Two inputs per example; `lines` as readCsv records them (here with gaps, as blank lines make). */
function data(Y: number[], lines?: number[]): Dataset {
  return { X: new Float64Array(2 * Y.length), Y: Float64Array.from(Y), n: Y.length, inputs: 2, outputs: 1, ...(lines ? { lines: Int32Array.from(lines) } : {}) };
}

function message(f: () => void): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('checkFit: targets the loss can read', () => {
  const lines = [2, 3, 5, 6, 9];

  it('bce: 0 or 1 only, reported at the file’s line', () => {
    expect(() => checkFit(BCE, data([0, 1, 1, 0, 1], lines), 'd.csv')).not.toThrow();
    expect(message(() => checkFit(BCE, data([0, 1, 2, 0, 1], lines), 'd.csv'))).toBe('d.csv:5: target 2 is not 0 or 1 (the network ends in a sigmoid with bce)');
    expect(message(() => checkFit(BCE, data([0, 1, 1, 0, 0.5], lines), 'd.csv'))).toMatch(/^d\.csv:9: target 0\.5 is not 0 or 1/);
  });

  it('cross-entropy: an integer class index below the number of outputs', () => {
    for (const spec of [SOFTMAX, LOGITS]) expect(() => checkFit(spec, data([0, 2, 1, 1, 0], lines), 'd.csv')).not.toThrow();
    expect(message(() => checkFit(SOFTMAX, data([0, 2, 3, 1, 0], lines), 'd.csv'))).toBe("d.csv:5: target 3 is not a class index 0..2 (cross_entropy over the network's 3 outputs)");
    expect(message(() => checkFit(LOGITS, data([0, 2, 1, -1, 0], lines), 'd.csv'))).toMatch(/^d\.csv:6: target -1 is not a class index 0\.\.2 \(cross_entropy_with_logits/);
    expect(message(() => checkFit(SOFTMAX, data([0, 1.5, 1, 1, 0], lines), 'd.csv'))).toMatch(/^d\.csv:3: target 1\.5 /);
  });

  it('regression: any number', () => {
    expect(() => checkFit(MSE, data([-3.5, 1e6, 0.25, 2, 7], lines), 'd.csv')).not.toThrow();
  });

  it('a generated set has no lines: the example is named instead', () => {
    expect(message(() => checkFit(BCE, data([0, 1, 3]), 'circles'))).toMatch(/^circles: example 3: target 3 is not 0 or 1/);
  });
});

describe('checkFit: sizes', () => {
  it('counts classes, not target columns, for a softmax network', () => {
    const spec = net(4, 3, 'softmax', 'cross_entropy');
    expect(message(() => checkFit(spec, data([0, 1, 1, 0]), 'circles'))).toBe('--data: circles has 2 inputs and 2 classes; the network takes 4 inputs and has 3 outputs');
  });

  it('inputs and outputs otherwise, in the singular where there is one', () => {
    const one = net(1, 1, 'sigmoid', 'bce');
    expect(message(() => checkFit(one, data([0, 1]), 'circles'))).toBe('--data: circles has 2 inputs and 1 target; the network takes 1 input and has 1 output');
    const three = net(2, 3, 'sigmoid', 'bce');
    expect(message(() => checkFit(three, data([0, 1]), 'x.csv'))).toBe('--data: x.csv has 2 inputs and 1 target; the network takes 2 inputs and has 3 outputs');
  });
});
